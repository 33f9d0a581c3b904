"""Code facts from outside releases: MS-DRG grouping and CMS risk adjustment.

The facts files (``data/msdrg/``, ``data/risk-adjustment/``; docs/data-format.md) list, per
fact and value, the codes that have it. The seed stores each code's facts on its document
(``doc["facts"]``: fact -> values) and the CC-exclusion lists once (see :mod:`codetui.store`);
this module knows what each fact means, checks the files, and turns a document's facts into
page sections.
"""

from __future__ import annotations

import re

#: Every fact a facts file may state: its label set (what its values stand for; None when
#: the value speaks for itself) and the values allowed when they are fixed.
FACTS: dict[str, tuple[str | None, frozenset[str] | None]] = {
    "severity": (None, frozenset({"CC", "MCC"})),
    "cc_exclusion_list": (None, None),
    "excluded_principal": (None, None),
    "mcc_only_if_alive": (None, frozenset({"yes"})),
    "hac": ("hac", None),
    "mdc": ("mdc", None),
    "principal_drgs": ("drg", None),
    "or_procedure": (None, frozenset({"yes"})),
    "procedure_drgs": ("drg", None),
    "hcc_v28": ("hcc_v28", None),
    "hcc_v24": ("hcc_v24", None),
    "rxhcc_v08": ("rxhcc_v08", None),
    # Code history (data/history/, codetui.codehistory): the release a FY2026 code first
    # appears in (none: in FY2021), "FY2026: <title before>" per title change, and on a
    # heading that was a billable code before it was expanded, the releases it was one in.
    "added_in": (None, frozenset({"FY2024", "FY2025", "FY2026"})),
    "title_was": (None, None),
    "billable_in": (None, None),
    # General Equivalence Mappings (data/icd9cm/): the target code and its flags in words
    # ("A01.00 approximate", "none" for no map); GEM_TARGETS names the target's system.
    "gem_to_icd10cm": (None, None),
    "gem_to_icd9cm": (None, None),
}
#: The system of the code a mapping fact's value names.
GEM_TARGETS = {"gem_to_icd10cm": "icd10cm", "gem_to_icd9cm": "icd9cm"}
#: A mapping fact's value when the source has no equivalent.
NO_MAP = "none"
#: Facts about headings (any code of the file's system, not only billable ones).
HEADING_FACTS = ("billable_in",)
#: Facts stored as shared lists rather than on each code's document.
LIST_FACTS = ("excluded_principal",)
#: The facts each search filter (``--cc``, ``--mcc``, ``--hcc``) selects on: (fact, value or
#: None for any value).
FILTERS = {"cc": ("severity", "CC"), "mcc": ("severity", "MCC"), "hcc": ("hcc_v28", None)}
#: How many principal diagnoses of a CC-exclusion list a page lists as links.
EXCLUSIONS_SHOWN = 60

_SEVERITY = {"MCC": "MCC — major complication or comorbidity",
             "CC": "CC — complication or comorbidity"}
_DRG_SEVERITY = re.compile(r"\s+(?:with|without)\s+(?:MCC|CC/MCC|CC)\b.*$")


def drg_numbers(value: str) -> list[str]:
    """The MS-DRGs a value names: ``"291-293"`` (a family), ``"397 398 399"`` or both."""
    numbers = []
    for part in value.split():
        first, _, last = part.partition("-")
        if last:
            numbers.extend(f"{n:03d}" for n in range(int(first), int(last) + 1))
        else:
            numbers.append(part)
    return numbers


def check_fact(item: dict, labels: dict[str, dict[str, str]]) -> str | None:
    """What is wrong with one fact of a facts file, or None."""
    fact, value, codes = item.get("fact"), item.get("value"), item.get("codes")
    if fact not in FACTS:
        return f"unknown fact {fact!r} (expected one of {', '.join(FACTS)})"
    if not isinstance(value, str) or not value.strip():
        return f"fact {fact}: 'value' must be text"
    if not isinstance(codes, str) or not codes.split():
        return f"fact {fact} {value}: 'codes' must be codes separated by spaces"
    label_set, allowed = FACTS[fact]
    if fact == "title_was" and not re.match(r"^FY\d{4}: \S", value):
        return f"fact title_was: {value!r} must be 'FYnnnn: <title before that release>'"
    if fact == "billable_in" and not set(value.split()) <= {"FY2021", "FY2024", "FY2025"}:
        return f"fact billable_in: {value!r} must list releases among FY2021 FY2024 FY2025"
    if allowed is not None and value not in allowed:
        return f"fact {fact}: value {value!r} is not one of {', '.join(sorted(allowed))}"
    if label_set == "drg":
        try:
            unknown = [n for n in drg_numbers(value) if n not in labels.get("drg", {})]
        except ValueError:
            return f"fact {fact}: {value!r} is not a list of MS-DRG numbers"
        if unknown:
            return f"fact {fact}: MS-DRG {unknown[0]} has no title in the 'labels' of the facts files"
    elif label_set and value not in labels.get(label_set, {}):
        return f"fact {fact}: value {value!r} has no label in the '{label_set}' labels"
    return None


def passes(flags: int, facets: int) -> bool:
    """Whether a code's flag bits pass the search filters ``facets`` (flag bits): a CC or an
    MCC when either is asked for, and an HCC when that is."""
    from codetui.storeformat import FLAG_CC, FLAG_HCC, FLAG_MCC

    severity, hcc = facets & (FLAG_CC | FLAG_MCC), facets & FLAG_HCC
    return (not severity or bool(flags & severity)) and (not hcc or bool(flags & hcc))


def flags_of(facts: dict[str, list[str]]) -> set[str]:
    """The search filters (``cc``, ``mcc``, ``hcc``) a document's facts satisfy."""
    return {name for name, (fact, value) in FILTERS.items()
            if fact in facts and (value is None or value in facts[fact])}


def _drg_items(values: list[str], titles: dict[str, str]) -> list[str]:
    """MS-DRGs as lines, a family of consecutive MS-DRGs that share a title on one line:
    ``"291–293 Heart Failure and Shock (with MCC; with CC; without CC/MCC)"``."""
    numbers = sorted({n for value in values for n in drg_numbers(value)})
    families: list[list[str]] = []
    for number in numbers:
        base = _DRG_SEVERITY.sub("", titles.get(number, ""))
        last = families[-1] if families else None
        if (last and int(number) == int(last[-1]) + 1
                and _DRG_SEVERITY.sub("", titles.get(last[0], "")) == base and base):
            last.append(number)
        else:
            families.append([number])
    items = []
    for family in families:
        if len(family) == 1:
            items.append(f"{family[0]} {titles.get(family[0], '')}".rstrip())
            continue
        base = _DRG_SEVERITY.sub("", titles[family[0]])
        levels = "; ".join(titles[n][len(base):].strip() or "other" for n in family)
        items.append(f"{family[0]}–{family[-1]} {base} ({levels})")
    return items


def _article(level: str) -> str:
    """``"a CC"``, ``"an MCC"``."""
    return f"an {level}" if level.startswith("M") else f"a {level}"


def _labelled(label_set: str, values: list[str], labels: dict[str, dict[str, str]],
              prefix: str = "") -> str:
    found = labels.get(label_set, {})
    return "; ".join(f"{prefix}{value} — {found.get(value, '')}".rstrip(" —") for value in values)


def diagnosis_facts(doc: dict, labels: dict[str, dict[str, str]],
                    releases: dict[str, str]) -> list[tuple[str, str]]:
    """The label: value lines of an ICD-10-CM code's grouping and risk-adjustment facts
    (a billable code only: headings are not grouped)."""
    if not doc.get("billable") or doc.get("status") == "terminated":
        return []
    facts = doc.get("facts", {})
    lines = []
    if "severity" in releases:
        levels = facts.get("severity")
        level = _SEVERITY[levels[0]] if levels else "Neither — not a CC or an MCC"
        if "mcc_only_if_alive" in facts:
            level += "; only when the patient is discharged alive"
        lines.append(("As a secondary diagnosis", level))
    if "cc_exclusion_list" in facts:
        lines.append(("CC exclusion", f"not counted as {_article(facts['severity'][0])} with the "
                                      f"principal diagnoses of CMS list {facts['cc_exclusion_list'][0]} "
                                      "(listed below)"))
    if "hac" in facts:
        lines.append(("Hospital-acquired", _labelled("hac", facts["hac"], labels, "HAC ")
                      + ". Not present on admission: grouping may ignore it as a CC or MCC"))
    if "mdc" in facts:
        lines.append(("As principal diagnosis", _labelled("mdc", facts["mdc"], labels, "MDC ")))
    for fact, label in (("hcc_v28", "CMS-HCC V28"), ("hcc_v24", "CMS-HCC V24"),
                        ("rxhcc_v08", "RxHCC V08")):
        if fact in releases:
            values = facts.get(fact)
            prefix = "RxHCC " if fact.startswith("rx") else "HCC "
            lines.append((label, _labelled(fact, values, labels, prefix) if values
                          else "not in the model"))
    return lines


def procedure_facts(doc: dict, labels: dict[str, dict[str, str]]) -> tuple[str, list[str]]:
    """An ICD-10-PCS code's MS-DRG standing ("O.R. procedure" ...) and the MS-DRGs whose
    logic names it."""
    facts = doc.get("facts", {})
    drgs = _drg_items(facts.get("procedure_drgs", []), labels.get("drg", {}))
    if "or_procedure" in facts:
        return "O.R. procedure: it can lead to a surgical MS-DRG", drgs
    if drgs:
        return "Non-O.R. procedure, but the MS-DRGs below take it into account", drgs
    return "Non-O.R. procedure: it does not change the MS-DRG", []


def principal_items(doc: dict, labels: dict[str, dict[str, str]]) -> list[str]:
    """The MS-DRG families an ICD-10-CM code groups to as the principal diagnosis."""
    return _drg_items(doc.get("facts", {}).get("principal_drgs", []), labels.get("drg", {}))


def gem_links(facts: dict[str, list[str]]) -> list[tuple[str, str, str]]:
    """A code's General Equivalence Mappings as (target system, target code, flags in
    words); a "no map" entry has an empty code."""
    found = []
    for fact, system in GEM_TARGETS.items():
        for value in facts.get(fact, ()):
            if value == NO_MAP:
                found.append((system, "", "no equivalent (no map)"))
            else:
                code, _, flags = value.partition(" ")
                found.append((system, code, flags))
    return found
