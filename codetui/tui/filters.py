"""The search filters: every system or one system of the registry; and the code-facts
filter (MS-DRG CC/MCC, CMS-HCC) that keeps only ICD-10-CM codes with those facts."""

from __future__ import annotations

from codetui import systems
from codetui.storeformat import FLAG_CC, FLAG_HCC, FLAG_MCC

#: The code-facts filters in the order ctrl+g cycles them: (flag bits, name on screen).
FACT_FILTERS = ((0, ""), (FLAG_CC | FLAG_MCC, "CC or MCC"), (FLAG_MCC, "MCC"),
                (FLAG_HCC, "HCC V28"))


def filter_choices() -> tuple[str | None, ...]:
    """The filters in the order ctrl+s cycles them: None (every system), then each system."""
    return (None, *systems.ids())


def filter_name(system: str | None) -> str:
    """How a filter is named on screen."""
    return "All systems" if system is None else systems.badge(system)


def next_filter(current: str | None) -> str | None:
    """The filter after ``current`` in the cycle."""
    choices = filter_choices()
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]


def fact_filter_name(facets: int) -> str:
    """How a code-facts filter is named on screen ("" for none)."""
    return next((name for bits, name in FACT_FILTERS if bits == facets), "")


def next_fact_filter(current: int) -> int:
    """The code-facts filter after ``current`` in the cycle."""
    bits = [bits for bits, _ in FACT_FILTERS]
    index = bits.index(current) if current in bits else 0
    return bits[(index + 1) % len(bits)]
