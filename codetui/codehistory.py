"""Code history and dates of service: the ICD-10-CM releases codetui knows (FY2021, FY2024,
FY2025, FY2026), which of them hold a code, what its title was, and whether a code was valid
on a date of service (ICD-10 by fiscal year, HCPCS by its added and terminated dates).

The history comes from ``data/history/`` (``python -m codetui.importers history``): facts on
FY2026 codes (``added_in``, ``title_was``, ``billable_in``) and terminated entries for the
deleted codes (``releases``, ``replaced_by``). A code is *in* a release when it is a billable
code of that release.
"""

from __future__ import annotations

import re
from datetime import date

#: The ICD-10-CM releases codetui compares, oldest first, and what each file is.
RELEASES = ("FY2021", "FY2024", "FY2025", "FY2026")
RELEASE_FILES = {"FY2021": "the January 2021 order file", "FY2024": "the October 1, 2023 code list",
                 "FY2025": "the April 1, 2025 update", "FY2026": "the April 1, 2026 update"}
#: The releases codetui compares, per system, and what each file is.
SYSTEM_RELEASES = {"icd10cm": RELEASES, "icd10pcs": ("FY2024", "FY2025", "FY2026")}
SYSTEM_FILES = {"icd10cm": RELEASE_FILES,
                "icd10pcs": {"FY2024": "the FY2024 long-title list", "FY2025": "the FY2025 tables",
                             "FY2026": "the FY2026 tables"}}
#: Where a History section's lines come from.
ORIGINS = {"icd10cm": "ICD-10-CM FY2021, FY2024, FY2025 and FY2026 compared",
           "icd10pcs": "ICD-10-PCS FY2024, FY2025 and FY2026 compared"}
BADGES = {"icd10cm": "ICD-10-CM", "icd10pcs": "ICD-10-PCS"}
#: Codes of the FY2021 file that took effect on January 1, 2021, not October 1, 2020.
JANUARY_2021 = ("J12.82", "M35.81", "M35.89", "Z11.52", "Z20.822", "Z86.16")
ICD10_START = date(2015, 10, 1)
#: The newest HCPCS quarter codetui has (the October 2025 file covers October–December).
HCPCS_THROUGH = date(2025, 12, 31)
HISTORY_FACTS = ("added_in", "title_was", "billable_in")
TITLE_WAS = re.compile(r"^(FY\d{4}): (\S.*)$")


def fiscal_year(day: date) -> int:
    """The US federal fiscal year of a date (FY2026 runs October 1, 2025 – September 30, 2026)."""
    return day.year + 1 if day.month >= 10 else day.year


def fy_span(year: int) -> str:
    return f"October 1, {year - 1} – September 30, {year}"


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` date (ValueError with one clear line otherwise)."""
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", text or ""):
        raise ValueError(f"bad date {text!r}: write it as YYYY-MM-DD (2025-06-01)")
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise ValueError(f"bad date {text!r}: no such day") from None


def release_name(text: str, system: str = "icd10cm") -> str:
    """``fy2025``, ``2025`` or ``FY2025`` -> ``FY2025`` (ValueError for a release codetui lacks)."""
    name = text.strip().upper()
    if name.isdigit():
        name = f"FY{name}"
    known = SYSTEM_RELEASES[system]
    if name not in known:
        raise ValueError(f"unknown release {text!r}: codetui has {BADGES[system]} "
                         f"{', '.join(known)}")
    return name


def releases_of(doc: dict) -> list[str]:
    """The releases in which an ICD-10-CM document is a billable code."""
    if doc.get("status") == "terminated":
        return list(doc.get("releases", ()))
    facts = doc.get("facts", {})
    if not doc.get("billable"):
        return facts["billable_in"][0].split() if "billable_in" in facts else []
    known = SYSTEM_RELEASES.get(doc["system"], RELEASES)
    first = facts.get("added_in", [known[0]])[0]
    return list(known[known.index(first):])


def title_in(doc: dict, release: str) -> str:
    """The code's title in ``release`` (its title now unless a ``title_was`` says otherwise)."""
    changes = doc.get("title_was") or doc.get("facts", {}).get("title_was", [])
    for change in sorted(changes, key=lambda c: c[:6]):
        changed_in, _, old = change.partition(": ")
        if int(release[2:]) < int(changed_in[2:]):
            return old
    return doc["title"]


def _list(codes: list[str]) -> str:
    return ", ".join(codes)


def history_lines(doc: dict) -> list[str]:
    """What the History section of an ICD-10-CM or ICD-10-PCS page says (empty for headings
    that were never billable)."""
    releases = releases_of(doc)
    if not releases:
        return []
    RELEASES = SYSTEM_RELEASES[doc["system"]]  # noqa: N806 - the system's releases
    lines = []
    if doc.get("status") == "terminated":
        replaced = doc.get("replaced_by") or []
        line = f"Deleted after {releases[-1]}"
        lines.append(f"{line} - replaced by {_list(replaced)}" if replaced
                     else f"{line} - no direct successor")
        lines.append(f"In {_list(releases)}" + (" (not in earlier releases codetui has)"
                                                   if releases[0] != RELEASES[0] else ""))
    elif not doc.get("billable"):
        after = RELEASES[RELEASES.index(releases[-1]) + 1]
        lines.append(f"A billable code in {_list(releases)}; a heading since {after} "
                     "(expanded: report one of the codes below)")
    elif releases[0] == RELEASES[0]:
        lines.append(f"In every release since {RELEASES[0]} (" + _list(RELEASES) + ")")
    else:
        lines.append(f"New in {releases[0]} (not in " + _list(RELEASES[:RELEASES.index(releases[0])])
                     + ")")
    changes = doc.get("title_was") or doc.get("facts", {}).get("title_was", [])
    for change in sorted(changes):
        match = TITLE_WAS.match(change)
        if match:
            lines.append(f"Title changed in {match.group(1)} (was: {match.group(2)})")
    return lines


def _fiscal_on(doc: dict, day: date) -> tuple[bool | None, str]:
    """An ICD-10 code on a date: by the fiscal year's release."""
    RELEASES = SYSTEM_RELEASES[doc["system"]]  # noqa: N806 - the system's releases
    RELEASE_FILES = SYSTEM_FILES[doc["system"]]  # noqa: N806
    badge = BADGES[doc["system"]]
    releases = releases_of(doc)
    code = doc["code"]
    year = fiscal_year(day)
    name = f"FY{year}"
    if day < ICD10_START:
        return False, (f"{code} was not valid on {day}: {badge} applies to services from "
                       "October 1, 2015 (ICD-9 before)")
    if name in RELEASES:
        span = f"{name} ({fy_span(year)}; codetui has {RELEASE_FILES[name]})"
        if name not in releases:
            index = RELEASES.index(name)
            if releases and index < RELEASES.index(releases[0]):
                standing = "not yet a code"
            elif releases and doc.get("status") == "terminated":
                standing = f"deleted after {releases[-1]}"
            elif releases:
                standing = "a heading over more specific codes, not a code to report,"
            else:
                standing = "not a billable code"
            line = f"{code} was not valid on {day}: {standing} in {span}"
            if releases and index < RELEASES.index(releases[0]):
                line += f"; it is new in {releases[0]}"
            return False, line
        line = f"{code} was valid on {day}: a billable code in {span}"
        previous = RELEASES[RELEASES.index(name) - 1] if name != RELEASES[0] else None
        if doc["system"] == "icd10cm" and name in ("FY2025", "FY2026") \
                and previous not in releases and day < date(year, 4, 1):
            line += (f". It is new in {name}: valid from October 1, {year - 1}, or only from "
                     f"April 1, {year} if it came in the April update")
        if name == "FY2021" and code in JANUARY_2021 and day < date(2021, 1, 1):
            return False, f"{code} was not valid on {day}: it took effect on January 1, 2021"
        return True, line
    if year > int(RELEASES[-1][2:]):
        last = RELEASES[-1]
        state = "billable" if last in releases else "not billable"
        return None, (f"{day} is in FY{year}, after {last}, the newest {badge} release codetui "
                      f"has: {code} is {state} in {last}; check the FY{year} release")
    before = [r for r in RELEASES if int(r[2:]) < year]
    after = [r for r in RELEASES if int(r[2:]) > year]
    around = []
    if before:
        around.append(f"{'in' if before[-1] in releases else 'not in'} {before[-1]}")
    around.append(f"{'in' if after[0] in releases else 'not in'} {after[0]}")
    return None, (f"{day} is in FY{year} ({fy_span(year)}), a year codetui has no {badge} "
                  f"release for: {code} is {' and '.join(around)}")


def _hcpcs_on(doc: dict, day: date) -> tuple[bool | None, str]:
    fields = doc.get("fields", {})
    code = doc["code"]
    added, ended = fields.get("Added"), fields.get("Terminated")
    if day > HCPCS_THROUGH:
        state = f"terminated on {ended}" if ended else "active"
        return (None if not ended or day <= date.fromisoformat(ended) else False,
                f"{day} is after the October 2025 HCPCS quarter codetui has: {code} is {state} "
                "there; check a newer quarterly file")
    if added and day < date.fromisoformat(added):
        return False, f"{code} was not valid on {day}: added on {added}"
    if ended and day > date.fromisoformat(ended):
        return False, f"{code} was not valid on {day}: terminated on {ended}"
    since = f"added {added}" if added else "no added date"
    return True, f"{code} was valid on {day} ({since}" + (f", terminated {ended})" if ended else ")")


def valid_on(doc: dict, day: date) -> tuple[bool | None, str]:
    """Whether a code was valid for a date of service: True, False or None (codetui cannot
    tell: no release for that year, or a system without dates), and one line saying so."""
    system = doc["system"]
    if system in SYSTEM_RELEASES:
        return _fiscal_on(doc, day)
    if system == "hcpcs":
        return _hcpcs_on(doc, day)
    return None, f"codetui has no dates for {doc['code']} ({system}): it cannot tell"


def changes(rows: list[dict], old: str, new: str) -> dict[str, list[dict]]:
    """The codes added, deleted and retitled from release ``old`` to ``new`` (names from
    :data:`RELEASES`), from the history rows the seed writes (code, title, status,
    releases, title_was, replaced_by)."""
    added, deleted, retitled = [], [], []
    for row in rows:
        releases = row["releases"]
        was, now = old in releases, new in releases
        if now and not was:
            added.append({"code": row["code"], "title": title_in(row, new)})
        elif was and not now:
            item = {"code": row["code"], "title": title_in(row, old),
                    "now": "deleted" if row.get("status") == "terminated" else "heading"}
            item["replaced_by"] = row.get("replaced_by", [])
            deleted.append(item)
        elif was and now and title_in(row, old) != title_in(row, new):
            retitled.append({"code": row["code"], "title": title_in(row, new),
                             "was": title_in(row, old)})
    return {"added": added, "deleted": deleted, "retitled": retitled}


def history_row(doc: dict) -> dict | None:
    """What ``changes`` needs of an ICD-10-CM document with a history (None without one)."""
    facts = doc.get("facts", {})
    if doc.get("status") != "terminated" and not any(f in facts for f in HISTORY_FACTS):
        return None
    row = {"system": doc["system"], "code": doc["code"], "title": doc["title"],
           "status": doc.get("status", "active"),
           "releases": releases_of(doc)}
    changes = doc.get("title_was") or facts.get("title_was")
    if changes:
        row["title_was"] = list(changes)
    if doc.get("status") == "terminated":
        row["replaced_by"] = list(doc.get("replaced_by", ()))
    elif not doc.get("billable"):
        row["replaced_by"] = list(doc.get("children", ()))
    return row
