"""Checks of the data against docs/data-format.md: schema, duplicates and references."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from codetui.sources import LINE, DataError, Sources
from codetui.systems import SYSTEM_IDS, code_key

KINDS = {
    "chapter", "block", "category", "subcategory", "code", "modifier", "procedure",
    "section", "body_system", "table",
}
STATUSES = {"active", "terminated"}

#: Headings a curated page must have, in order, by (system, where it is written).
REQUIRED_HEADINGS: dict[str, tuple[str, ...]] = {
    "cpt": (
        "Name of the Procedure", "Summary", "Purpose", "Indications", "Preparation",
        "Procedure Description", "Duration", "Setting", "Personnel", "Risks and Complications",
        "Benefits", "Recovery", "Alternatives", "Patient Experience",
    ),
    "icd10cm": (
        "Summary", "Symptoms", "Causes and risk factors", "How it is diagnosed", "Treatment",
        "When to seek care", "Coding notes",
    ),
    "hcpcs": ("Summary", "Who uses it", "Coverage notes"),
}

CODE_PATTERNS = {
    "cpt": re.compile(r"^[0-9]{4}[0-9FTUM]$"),
    "hcpcs": re.compile(r"^([A-Z][0-9]{4}|[A-Z0-9]{2})$"),
    "icd10cm": re.compile(
        r"^([A-Z][0-9A-Z]{2}(\.[0-9A-Z]{1,4})?|[A-Z][0-9A-Z]{2}-[A-Z][0-9A-Z]{2}|[0-9]{1,2})$"
    ),
    "icd10pcs": re.compile(r"^[0-9A-HJ-NP-Z]{1,7}$"),
}


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) and item.strip() for item in value)


def check_section(section: Any) -> str | None:
    """Return what is wrong with one section mapping, or None."""
    if not isinstance(section, dict):
        return "a section must be a mapping with 'heading' and one of text/items/steps"
    heading = section.get("heading")
    if not isinstance(heading, str) or not heading.strip():
        return "a section needs a non-empty 'heading'"
    bodies = [key for key in ("text", "items", "steps") if key in section]
    if len(bodies) != 1:
        return f"section {heading!r} needs exactly one of text, items or steps"
    body = section[bodies[0]]
    if bodies[0] == "text":
        if not isinstance(body, str) or not body.strip():
            return f"section {heading!r} is empty"
    elif not _is_str_list(body) or not body:
        return f"section {heading!r}: '{bodies[0]}' must be a non-empty list of text"
    extra = set(section) - {"heading", "text", "items", "steps", LINE}
    if extra:
        return f"section {heading!r}: unknown field {sorted(extra)[0]!r}"
    return None


def _check_similar(similar: Any) -> str | None:
    if not isinstance(similar, list):
        return "'similar' must be a list"
    for item in similar:
        if not isinstance(item, dict) or not isinstance(item.get("code"), str):
            return "each similar code needs 'code' (text)"
        if item.get("system", None) not in (None, *SYSTEM_IDS):
            return f"similar code {item['code']}: unknown system {item['system']!r}"
        if not isinstance(item.get("note"), str) or not item["note"].strip():
            return f"similar code {item['code']}: needs a 'note' saying how it differs"
    return None


def _check_curated(system: str, sections: list, similar: Any) -> str | None:
    required = REQUIRED_HEADINGS.get(system)
    if required is None:
        return None
    headings = [s.get("heading") for s in sections if isinstance(s, dict)]
    missing = [h for h in required if h not in headings]
    if missing:
        return f"curated page is missing the section {missing[0]!r}"
    order = [h for h in headings if h in required]
    if order != list(required):
        return "curated sections are out of order (expected: " + ", ".join(required) + ")"
    if system == "cpt":
        steps = next(s for s in sections if s.get("heading") == "Procedure Description")
        if "steps" not in steps:
            return "'Procedure Description' must be numbered 'steps'"
    if not similar:
        return "curated page needs at least one similar code"
    return None


_ENTRY_FIELDS = {
    "system", "code", "title", "kind", "billable", "parent", "status", "aliases", "breadcrumb",
    "add_on_to", "fields", "plain_language", "credit", "sections", "similar", LINE,
}


def check_entry(entry: dict) -> str | None:
    """Return the first schema problem of one entry, or None."""
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        return "an entry needs 'code' as text (quote numeric codes: \"47542\")"
    system = entry.get("system")
    if system not in SYSTEM_IDS:
        return f"{code}: unknown system {system!r}"
    if not CODE_PATTERNS[system].match(code):
        return f"{code}: not a valid {system} code"
    if not isinstance(entry.get("title"), str) or not entry["title"].strip():
        return f"{code}: needs a non-empty 'title'"
    if entry.get("kind") not in KINDS:
        return f"{code}: 'kind' must be one of {', '.join(sorted(KINDS))}"
    if not isinstance(entry.get("billable"), bool):
        return f"{code}: 'billable' must be true or false"
    if "parent" not in entry or not isinstance(entry["parent"], (str, type(None))):
        return f"{code}: needs 'parent' (a code, or null)"
    if entry.get("status", "active") not in STATUSES:
        return f"{code}: 'status' must be active or terminated"
    for key in ("aliases", "breadcrumb", "add_on_to"):
        if key in entry and not _is_str_list(entry[key]):
            return f"{code}: '{key}' must be a list of text"
    if "fields" in entry:
        fields = entry["fields"]
        if not isinstance(fields, dict) or any(
            isinstance(v, (dict, list)) or v is None for v in fields.values()
        ):
            return f"{code}: 'fields' must map labels to single values"
    if not isinstance(entry.get("plain_language", False), bool):
        return f"{code}: 'plain_language' must be true or false"
    if "credit" in entry and not isinstance(entry["credit"], str):
        return f"{code}: 'credit' must be text"
    sections = entry.get("sections", [])
    if not isinstance(sections, list):
        return f"{code}: 'sections' must be a list"
    for section in sections:
        problem = check_section(section)
        if problem:
            return f"{code}: {problem}"
    if "similar" in entry:
        problem = _check_similar(entry["similar"])
        if problem:
            return f"{code}: {problem}"
    unknown = set(entry) - _ENTRY_FIELDS
    if unknown:
        return f"{code}: unknown field {sorted(unknown)[0]!r}"
    if system == "cpt" and entry.get("plain_language"):
        problem = _check_curated("cpt", sections, entry.get("similar"))
        if problem:
            return f"{code}: {problem}"
    return None


def check_page(page: dict, system: str) -> str | None:
    """Return the first schema problem of one curated page, or None."""
    code = page.get("code")
    if not isinstance(code, str) or not code.strip():
        return "a page needs 'code' as text"
    sections = page.get("sections")
    if not isinstance(sections, list) or not sections:
        return f"{code}: a page needs 'sections'"
    for section in sections:
        problem = check_section(section)
        if problem:
            return f"{code}: {problem}"
    problem = _check_similar(page.get("similar", []))
    if problem:
        return f"{code}: {problem}"
    unknown = set(page) - {"code", "sections", "similar", "credit", LINE}
    if unknown:
        return f"{code}: unknown field {sorted(unknown)[0]!r}"
    problem = _check_curated(system, sections, page.get("similar"))
    return f"{code}: {problem}" if problem else None


def check_synonym(item: dict) -> str | None:
    """Return the problem of one synonyms entry, or None."""
    if not _is_str_list(item.get("words")) or not item["words"]:
        return "a synonym needs 'words' (a list of text)"
    if not _is_str_list(item.get("means")) or not item["means"]:
        return f"synonym {item['words'][0]!r} needs 'means' (a list of text)"
    return None


def check_references(
    entries: Iterable[tuple[dict, Path]],
    pages: Iterable[tuple[dict, Path, str]],
) -> list[DataError]:
    """Find duplicate codes, missing parents and similar codes that do not exist."""
    problems: list[DataError] = []
    known: dict[tuple[str, str], Path] = {}
    entries = list(entries)
    for entry, path in entries:
        key = (entry["system"], code_key(entry["code"]))
        if key in known:
            problems.append(DataError(path, entry.get(LINE), f"duplicate {entry['system']} code "
                                      f"{entry['code']} (first in {known[key].name})"))
        else:
            known[key] = path

    def exists(system: str, code: str) -> bool:
        return (system, code_key(code)) in known

    for entry, path in entries:
        system, line = entry["system"], entry.get(LINE)
        parent = entry.get("parent")
        if parent is not None and not exists(system, parent):
            problems.append(DataError(path, line, f"{entry['code']}: parent {parent} does not exist"))
        for item in entry.get("similar", ()):
            target = item.get("system") or system
            if not exists(target, item["code"]):
                problems.append(DataError(path, item.get(LINE, line), f"{entry['code']}: similar "
                                          f"code {item['code']} ({target}) does not exist"))
        for primary in entry.get("add_on_to", ()):
            if not exists(system, primary):
                problems.append(DataError(path, line, f"{entry['code']}: primary code {primary} "
                                          "does not exist"))
    seen_pages: set[tuple[str, str]] = set()
    for page, path, system in pages:
        line = page.get(LINE)
        key = (system, code_key(page["code"]))
        if not exists(system, page["code"]):
            problems.append(DataError(path, line, f"page for {page['code']}: no such {system} code"))
        if key in seen_pages:
            problems.append(DataError(path, line, f"a second page for {page['code']}"))
        seen_pages.add(key)
        for item in page.get("similar", ()):
            target = item.get("system") or system
            if not exists(target, item["code"]):
                problems.append(DataError(path, item.get(LINE, line), f"{page['code']}: similar "
                                          f"code {item['code']} ({target}) does not exist"))
    return problems


def check_sources(sources: Sources, entries: list[tuple[dict, Path]]) -> list[DataError]:
    """Check every entry, page and synonym; ``entries`` includes expanded PCS codes."""
    problems: list[DataError] = []
    for entry, path in sources.entries:
        problem = check_entry(entry)
        if problem:
            problems.append(DataError(path, entry.get(LINE), problem))
    for page, path, system in sources.pages:
        problem = check_page(page, system)
        if problem:
            problems.append(DataError(path, page.get(LINE), problem))
    for item, path in sources.synonyms:
        problem = check_synonym(item)
        if problem:
            problems.append(DataError(path, item.get(LINE), problem))
    if problems:
        return problems
    return check_references(entries, sources.pages)
