"""Queries that name a thing by its form: a modifier ("mod 59", "-RT") or a CPT number."""

from __future__ import annotations

import re

_MODIFIER = re.compile(
    r"^\s*(?:(?:modifier|mod)\.?\s*[-#:]?\s*(?P<a>[a-z0-9]{2})|-\s*(?P<b>[a-z0-9]{2})"
    r"|(?P<c>[a-z0-9]{2})\s*-?\s*(?:modifier|mod))\s*$", re.IGNORECASE)
#: A CPT code's form: five digits (47542), or four digits and F, T or U (0001F, 0042T, 0001U).
_CPT_NUMBER = re.compile(r"^\s*([0-9]{4}[0-9FTU])\s*$", re.IGNORECASE)


_NAMED_CODE = re.compile(
    r"^\s*(?P<system>cpt|hcpcs|icd-?10-?pcs|pcs|icd-?10-?cm|icd-?10|icd)(?:\s+code)?\s*[:#]?\s*"
    r"(?P<code>[a-z0-9][a-z0-9.]{1,7})\s*$", re.IGNORECASE)
_SYSTEM_WORDS = {"cpt": "cpt", "hcpcs": "hcpcs", "pcs": "icd10pcs", "icd10pcs": "icd10pcs",
                 "icd10cm": "icd10cm", "icd10": "icd10cm", "icd": "icd10cm"}


def named_code(query: str) -> tuple[str, str] | None:
    """(system id, code) of a query that names its system before a code ("CPT 97110",
    "icd-10 E11.9", "hcpcs: E0601"), or None."""
    match = _NAMED_CODE.match(query)
    if match is None or not any(ch.isdigit() for ch in match.group("code")):
        return None
    system = _SYSTEM_WORDS[match.group("system").lower().replace("-", "")]
    return system, match.group("code")


def modifier_code(query: str) -> str | None:
    """The modifier a query asks for ("modifier 59", "mod 25", "-RT", "XS modifier"), or None."""
    match = _MODIFIER.match(query)
    if match is None:
        return None
    return next(group for group in match.groups() if group).upper()


def cpt_number(query: str) -> str | None:
    """The CPT code a query is written as (``25600``, ``0042t`` -> ``0042T``, ``CPT 25600``),
    or None."""
    named = named_code(query)
    if named is not None:
        if named[0] != "cpt":
            return None
        query = named[1]
    match = _CPT_NUMBER.match(query)
    return match.group(1).upper() if match else None


def not_in_store_message(code: str) -> str:
    """What codetui says about a CPT number it does not hold."""
    return (f"CPT {code}: not in codetui's curated CPT set; import your licensed CPT file "
            "(codetui import cpt) to see its official descriptor")
