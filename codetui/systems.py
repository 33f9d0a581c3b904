"""The four code systems and how their codes are written and compared."""

from __future__ import annotations

import re

#: System id -> (badge shown in lists, full name). Order is the display order.
SYSTEMS: dict[str, tuple[str, str]] = {
    "cpt": ("CPT", "CPT (Current Procedural Terminology)"),
    "hcpcs": ("HCPCS", "HCPCS Level II"),
    "icd10cm": ("ICD-10-CM", "ICD-10-CM (diagnoses)"),
    "icd10pcs": ("ICD-10-PCS", "ICD-10-PCS (inpatient procedures)"),
}
SYSTEM_IDS: tuple[str, ...] = tuple(SYSTEMS)

_KEY_DROP = re.compile(r"[\s.]+")


def code_key(code: str) -> str:
    """Return the comparison key of a code: upper case, without dots or spaces."""
    return _KEY_DROP.sub("", code).upper()


def badge(system: str) -> str:
    """Return the short label of a system (``ICD-10-CM``)."""
    return SYSTEMS[system][0]


def system_name(system: str) -> str:
    """Return the full name of a system."""
    return SYSTEMS[system][1]
