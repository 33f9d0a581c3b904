"""Checks of the data against docs/data-format.md: schema, duplicates and references."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, Iterable

from codetui.sources import LINE, PAGE_STAMPS, DataError, Sources
from codetui import codefacts, systems
from codetui.codegroups import CodeGroups, parse_range
from codetui.descriptorlint import descriptor_echoes
from codetui.pagetext import named_codes, page_texts
from codetui.systems import cached_code_key
from codetui.textnorm import content_words, phrase_key, words

KINDS = {
    "chapter", "block", "category", "subcategory", "code", "modifier", "procedure",
    "section", "body_system", "table",
}
STATUSES = {"active", "terminated"}

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
        if item.get("system", None) not in (None, *systems.ids()):
            return f"similar code {item['code']}: unknown system {item['system']!r}"
        if not isinstance(item.get("note"), str) or not item["note"].strip():
            return f"similar code {item['code']}: needs a 'note' saying how it differs"
    return None


def _check_similar_none(similar: Any, none_note: Any) -> str | None:
    """``similar_none`` says, in place of a list, why a page names no similar code."""
    if none_note is None:
        return None
    if not isinstance(none_note, str) or not none_note.strip():
        return "'similar_none' must be text saying why no code is similar"
    if similar:
        return "a page has either 'similar' codes or 'similar_none', not both"
    return None


def _check_curated(system: str, entry: dict, sections: list, similar: Any,
                   needs_similar: bool = True, none_note: Any = None) -> str | None:
    """What is wrong with a curated page's headings (by the registry's page shapes)."""
    shapes = systems.get(system).page_shapes(entry["kind"], entry["code"], entry["billable"])
    if not shapes:
        return None
    headings = [s.get("heading") for s in sections if isinstance(s, dict)]
    problems = []
    for shape in shapes:
        missing = [h for h in shape if h not in headings]
        if missing:
            problems.append(f"curated page is missing the section {missing[0]!r}")
        elif [h for h in headings if h in shape] != list(shape):
            problems.append("curated sections are out of order (expected: " + ", ".join(shape) + ")")
        elif (needs_similar and shape == systems.get(system).page_headings and not similar
              and not none_note):
            problems.append("curated page needs at least one similar code, or 'similar_none'")
        else:
            return _check_steps(system, sections)
    return problems[0]


def _check_steps(system: str, sections: list) -> str | None:
    if system == "cpt":
        steps = next(s for s in sections if s.get("heading") == "Procedure Description")
        if "steps" not in steps:
            return "'Procedure Description' must be numbered 'steps'"
    return None


_ENTRY_FIELDS = {
    "system", "code", "title", "kind", "billable", "parent", "status", "aliases", "breadcrumb",
    "add_on_to", "fields", "plain_language", "credit", "sections", "similar", "similar_none",
    LINE,
    "releases", "replaced_by", "title_was",
}
#: The fields of a deleted ICD-10-CM code (data/history/): where it was and what took over.
_HISTORY_FIELDS = ("releases", "replaced_by", "title_was")


def _check_history_fields(entry: dict) -> str | None:
    """What is wrong with a deleted code's history fields, or None."""
    from codetui.codehistory import SYSTEM_RELEASES, TITLE_WAS

    if not any(key in entry for key in _HISTORY_FIELDS):
        return None
    if entry.get("system") not in SYSTEM_RELEASES or entry.get("status") != "terminated":
        return ("'releases', 'replaced_by' and 'title_was' belong to terminated ICD-10-CM and "
                "ICD-10-PCS codes")
    RELEASES = SYSTEM_RELEASES[entry["system"]]  # noqa: N806 - the system's releases
    releases = entry.get("releases")
    if not _is_str_list(releases) or not releases or not set(releases) <= set(RELEASES[:-1]) \
            or releases != sorted(releases, key=RELEASES.index):
        return f"'releases' must list, in order, the releases it is in ({', '.join(RELEASES[:-1])})"
    if not _is_str_list(entry.get("replaced_by")):
        return "'replaced_by' must be a list of codes ([] for no direct successor)"
    if "title_was" in entry and (not _is_str_list(entry["title_was"]) or not all(
            TITLE_WAS.match(change) for change in entry["title_was"])):
        return "'title_was' must be a list of 'FYnnnn: <title before that release>'"
    if entry.get("billable"):
        return "a deleted code is not billable"
    return None


def check_entry(entry: dict) -> str | None:
    """Return the first schema problem of one entry, or None."""
    code = entry.get("code")
    if not isinstance(code, str) or not code.strip():
        return "an entry needs 'code' as text (quote numeric codes: \"47542\")"
    system = entry.get("system")
    if system not in systems.ids():
        return f"{code}: unknown system {system!r}"
    if not systems.get(system).code_pattern.match(code):
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
    problem = _check_similar_none(entry.get("similar"), entry.get("similar_none"))
    if problem:
        return f"{code}: {problem}"
    unknown = set(entry) - _ENTRY_FIELDS
    if unknown:
        return f"{code}: unknown field {sorted(unknown)[0]!r}"
    problem = _check_history_fields(entry)
    if problem:
        return f"{code}: {problem}"
    if entry.get("plain_language"):
        problem = _check_curated(system, entry, sections, entry.get("similar"),
                                 none_note=entry.get("similar_none"))
        if problem:
            return f"{code}: {problem}"
    return None


def _sections_problem(sections: Any) -> str | None:
    """What is wrong with the 'sections' of a page or group (a non-empty list), or None."""
    if not isinstance(sections, list) or not sections:
        return "needs 'sections' (a non-empty list)"
    for section in sections:
        problem = check_section(section)
        if problem:
            return problem
    return None


def check_page(page: dict, system: str, entry: dict | None = None) -> str | None:
    """Return the first schema problem of one curated page (on ``entry``, when known), or None."""
    code = page.get("code")
    if not isinstance(code, str) or not code.strip():
        return "a page needs 'code' as text"
    sections = page.get("sections")
    problem = _sections_problem(sections)
    if problem:
        return f"{code}: {problem}"
    problem = _check_similar(page.get("similar", [])) or _check_similar_none(
        page.get("similar"), page.get("similar_none"))
    if problem:
        return f"{code}: {problem}"
    unknown = set(page) - {"code", "sections", "similar", "similar_none", "credit", *PAGE_STAMPS,
                           LINE}
    if unknown:
        return f"{code}: unknown field {sorted(unknown)[0]!r}"
    if entry is None:
        return None
    problem = _check_curated(system, entry, sections, page.get("similar"),
                             none_note=page.get("similar_none"))
    return f"{code}: {problem}" if problem else None


def check_group(group: dict, system: str) -> str | None:
    """Return the first schema problem of one plain-language group of codes, or None."""
    name = group.get("id")
    if not isinstance(name, str) or not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", name):
        return "a group needs an 'id' of lower-case words joined by dashes"
    if not isinstance(group.get("title"), str) or not group["title"].strip():
        return f"group {name}: needs a 'title'"
    ranges = group.get("ranges")
    if not _is_str_list(ranges) or not ranges:
        return f"group {name}: 'ranges' must be a list of codes or code ranges"
    for text in ranges:
        if parse_range(text) is None:
            return f"group {name}: bad range {text!r} (write 'E0130-E0159' or one code)"
    sections = group.get("sections")
    problem = _sections_problem(sections)
    if problem:
        return f"group {name}: {problem}"
    if "reporting" in group and not isinstance(group["reporting"], bool):
        return f"group {name}: 'reporting' must be true or false"
    unknown = set(group) - {"id", "title", "ranges", "reporting", "sections", "credit", *PAGE_STAMPS,
                            LINE}
    if unknown:
        return f"group {name}: unknown field {sorted(unknown)[0]!r}"
    problem = _check_curated(system, {"kind": "group", "code": name, "billable": True},
                             sections, None, needs_similar=False)
    return f"group {name}: {problem}" if problem else None


def _is_axis_value(value: Any) -> bool:
    return (isinstance(value, dict) and isinstance(value.get("char"), str)
            and len(value["char"]) == 1 and isinstance(value.get("label"), str))


def check_table(table: Any) -> str | None:
    """Return the first schema problem of one ICD-10-PCS table, or None (checked before the
    table is expanded into codes)."""
    if not isinstance(table, dict) or not isinstance(table.get("table"), str):
        return "a PCS table needs 'table' (its three characters, as text)"
    name = table["table"]
    if not re.fullmatch(r"[0-9A-HJ-NP-Z]{3}", name):
        return f"table {name!r}: not three ICD-10-PCS characters"
    axes = table.get("axes")
    if (not isinstance(axes, list) or len(axes) != 3
            or not all(_is_axis_value(a) and isinstance(a.get("title"), str) for a in axes)):
        return f"table {name}: 'axes' must be the three axes of characters 1-3 (char, label, title)"
    if "".join(a["char"] for a in axes) != name:
        return f"table {name}: its axes spell {''.join(a['char'] for a in axes)!r}"
    rows = table.get("rows")
    if not isinstance(rows, list) or not rows:
        return f"table {name}: 'rows' must be a non-empty list"
    for row in rows:
        if (not isinstance(row, list) or len(row) != 4 or not all(
                isinstance(axis, dict) and isinstance(axis.get("title"), str)
                and isinstance(axis.get("values"), list) and axis["values"]
                and all(_is_axis_value(v) for v in axis["values"]) for axis in row)):
            return (f"table {name}: each row must list the axes of characters 4-7, each with a "
                    "title and values (char, label)")
    if not isinstance(table.get("titles", {}), dict) or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in table.get("titles", {}).items()):
        return f"table {name}: 'titles' must map codes to titles"
    if not _is_str_list(table.get("composed", [])) and table.get("composed") not in ([], None):
        return f"table {name}: 'composed' must be a list of codes"
    terms = table.get("index_terms", [])
    if not isinstance(terms, list) or not all(
            isinstance(t, dict) and isinstance(t.get("term"), str) and isinstance(t.get("prefix"), str)
            for t in terms):
        return f"table {name}: 'index_terms' must be a list of term and prefix"
    return None


def check_tables(sources: Sources) -> list[DataError]:
    """Problems of the PCS tables' shape (before they are expanded into codes)."""
    problems = []
    for table, path in sources.tables:
        problem = check_table(table)
        if problem:
            line = table.get(LINE) if isinstance(table, dict) else None
            problems.append(DataError(path, line, problem))
    return problems


def check_synonym(item: dict) -> str | None:
    """Return the problem of one synonyms entry, or None."""
    if not _is_str_list(item.get("words")) or not item["words"]:
        return "a synonym needs 'words' (a list of text)"
    if not _is_str_list(item.get("means")) or not item["means"]:
        return f"synonym {item['words'][0]!r} needs 'means' (a list of text)"
    return None


def _word_list_problem(item: dict, key: str, list_key: str, label: str, needs_key: str,
                       needs_list: str, optional: frozenset[str] = frozenset()) -> str | None:
    """The problem of one entry of a word list (a name under ``key`` and a list under
    ``list_key``, and only the ``optional`` fields besides), or None."""
    if not isinstance(item.get(key), str) or not words(item[key]):
        return needs_key
    name = f"{label} {item[key]!r}"
    if not _is_str_list(item.get(list_key)) or not item[list_key]:
        return f"{name} needs {needs_list}"
    unknown = set(item) - {key, list_key, LINE} - optional
    return f"{name}: unknown field {sorted(unknown)[0]!r}" if unknown else None


#: The hand-curated everyday phrases (the other synonym files are imported and filtered).
CURATED_SYNONYMS = "synonyms.yaml"


def check_abbreviation(item: dict) -> str | None:
    """Return the problem of one abbreviations entry, or None."""
    problem = _word_list_problem(item, "abbr", "means", "abbreviation",
                                 "an abbreviation needs 'abbr' (text)",
                                 "'means' (a list of text, the most used first)",
                                 frozenset({"case"}))
    if problem is None and "case" in item and item["case"] != "exact":
        return f"abbreviation {item['abbr']!r}: 'case' can only be 'exact'"
    return problem


def check_drug_name(item: dict) -> str | None:
    """Return the problem of one drug_names entry, or None."""
    return _word_list_problem(item, "generic", "brands", "drug",
                              "a drug name needs 'generic' (text)", "'brands' (a list of text)")


def check_vocabulary(sources: Sources, entries: list[tuple[dict, Path]]) -> list[DataError]:
    """Abbreviations, curated synonyms and brand names must lead somewhere: every sense of an
    abbreviation or of a curated everyday phrase (data/synonyms.yaml; the imported lists are
    filtered by their importers) names words that occur together in some code's title or other
    names, and every generic occurs in the description of an active HCPCS code. Brands and
    abbreviations are not repeated, nor are everyday phrases."""
    problems: list[DataError] = []
    senses = [(f"abbreviation {item['abbr']!r}", item, path, m)
              for item, path in sources.abbreviations for m in item["means"]]
    senses += [(f"synonym {item['words'][0]!r}", item, path, m)
               for item, path in sources.synonyms if path.name == CURATED_SYNONYMS
               for m in item["means"]]
    wanted = {w for _, _, _, m in senses for w in content_words(m)}
    docs_of: dict[str, set[int]] = {w: set() for w in wanted}
    hcpcs_texts: list[str] = []
    for number, (entry, _path) in enumerate(entries):
        names = [entry["title"], *entry.get("aliases", ())]
        for word in {w for name in names for w in words(name)} & wanted:
            docs_of[word].add(number)
        if entry["system"] == "hcpcs" and entry.get("status", "active") == "active":
            hcpcs_texts.append(" " + " ".join(words(entry["title"])) + " ")
    for label, item, path, meaning in senses:
        sets = [docs_of[w] for w in content_words(meaning)]
        if not sets or not set.intersection(*sets):
            problems.append(DataError(path, item.get(LINE), f"{label}: no code's title or other "
                                      f"names hold all the words of {meaning!r}"))
    hcpcs_blob = "\n".join(hcpcs_texts)
    for item, path in sources.drug_names:
        if " " + " ".join(words(item["generic"])) + " " not in hcpcs_blob:
            problems.append(DataError(path, item.get(LINE), f"drug {item['generic']!r}: no active "
                                      "HCPCS code's description names it"))
    for label, items, key in (("abbreviation", sources.abbreviations, lambda i: [i["abbr"]]),
                              ("brand", sources.drug_names, lambda i: i["brands"])):
        seen: set[tuple[str, ...]] = set()
        for item, path in items:
            for name in key(item):
                folded = tuple(words(name))
                if folded in seen:
                    problems.append(DataError(path, item.get(LINE), f"{label} {name!r} is listed twice"))
                seen.add(folded)
    problems += _repeated_phrases(sources)
    return problems


def _repeated_phrases(sources: Sources) -> list[DataError]:
    """An everyday phrase of data/synonyms.yaml in two entries: search reads the phrase once,
    with the meanings of both in file order, which neither entry shows its reader."""
    problems: list[DataError] = []
    first_line: dict[tuple[str, ...], int | None] = {}
    for item, path in sources.synonyms:
        if path.name != CURATED_SYNONYMS:
            continue
        keys = {phrase_key(phrase): phrase for phrase in item["words"]}
        for key, phrase in keys.items():
            if key in first_line:
                problems.append(DataError(path, item.get(LINE), f"everyday phrase {phrase!r} is "
                                          f"also listed at line {first_line[key]}"))
            else:
                first_line[key] = item.get(LINE)
    return problems


def _known_entries(entries: list[tuple[dict, Path]]) -> tuple[dict, list[DataError]]:
    """Map (system, code key) to (entry, file); report duplicate codes."""
    known: dict[tuple[str, str], tuple[dict, Path]] = {}
    problems: list[DataError] = []
    for entry, path in entries:
        key = (entry["system"], cached_code_key(entry["code"]))
        if key in known:
            problems.append(DataError(path, entry.get(LINE), f"duplicate {entry['system']} code "
                                      f"{entry['code']} (first in {known[key][1].name})"))
        else:
            known[key] = (entry, path)
    return known, problems


def check_references(
    entries: Iterable[tuple[dict, Path]],
    pages: Iterable[tuple[dict, Path, str]],
    groups: Iterable[tuple[dict, Path, str]] = (),
) -> list[DataError]:
    """Find duplicate codes, missing parents, similar codes that do not exist, pages whose
    headings do not fit their entry, and codes named in plain-language text that do not exist
    (or that are named as if billable when they are headings)."""
    entries = list(entries)
    known, problems = _known_entries(entries)
    current_billable = {(e["system"], cached_code_key(e["code"])) for e, _path in entries
                        if e.get("billable") and e.get("status", "active") == "active"}

    def exists(system: str, code: str) -> bool:
        return (system, cached_code_key(code)) in known

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
        for successor in entry.get("replaced_by", ()):
            if (system, cached_code_key(successor)) not in current_billable:
                problems.append(DataError(path, line, f"{entry['code']}: replaced_by {successor} "
                                          "is not a current billable code"))
        if system == "cpt" and entry["kind"] != "modifier":
            problems.extend(DataError(path, line, f"{entry['code']}: the {where} uses the AMA "
                                      f"descriptor phrasing {phrase!r}; write it in plain words")
                            for where, phrase in descriptor_echoes(entry))
        if entry.get("sections") and system in _NAMED_SYSTEMS:
            problems.extend(DataError(path, line, f"{entry['code']}: {problem}")
                            for problem in _text_code_problems(entry, system, known, set()))
    prefixes = _code_prefixes(known)
    seen_pages: set[tuple[str, str]] = set()
    for page, path, system in pages:
        line = page.get(LINE)
        key = (system, cached_code_key(page["code"]))
        target = known.get(key)
        if target is None:
            problems.append(DataError(path, line, f"page for {page['code']}: no such {system} code"))
            continue
        if key in seen_pages:
            problems.append(DataError(path, line, f"a second page for {page['code']}"))
        seen_pages.add(key)
        problem = check_page(page, system, target[0])
        if problem:
            problems.append(DataError(path, line, problem))
        for item in page.get("similar", ()):
            other = item.get("system") or system
            if not exists(other, item["code"]):
                problems.append(DataError(path, item.get(LINE, line), f"{page['code']}: similar "
                                          f"code {item['code']} ({other}) does not exist"))
        problems.extend(DataError(path, line, f"{page['code']}: {problem}")
                        for problem in _text_code_problems(page, system, known, prefixes))
    groups = list(groups)
    for group, path, system in groups:
        problems.extend(DataError(path, group.get(LINE), f"group {group['id']}: {problem}")
                        for problem in _text_code_problems(group, system, known, prefixes))
    problems.extend(_group_coverage(groups, entries))
    return problems


def _code_prefixes(known: dict) -> set[tuple[str, str]]:
    """(system, key prefix) of every ICD-10-PCS code: text may name a table or a code's start."""
    return {(system, key[:n]) for system, key in known if system == "icd10pcs"
            for n in range(1, len(key) + 1)}


#: The systems whose codes a page of each system may name in its text and have checked.
_NAMED_SYSTEMS = {"cpt": ("cpt", "icd10cm", "hcpcs")}


def _text_code_problems(page: dict, system: str, known: dict, prefixes: set) -> list[str]:
    problems = []
    for text in page_texts(page):
        for named in _NAMED_SYSTEMS.get(system, (system,)):
            for code, as_heading in named_codes(named, text):
                key = (named, cached_code_key(code))
                entry = known.get(key)
                if entry is None and key not in prefixes:
                    problems.append(f"the text names {code}, which is not a "
                                    f"{systems.badge(named)} code")
                elif (entry is not None and "." in code and not as_heading
                        and not entry[0]["billable"]):
                    problems.append(f"the text names {code} as a code to report, but it is a "
                                    f"heading (write {code}- or a billable code)")
    return problems


def _group_coverage(groups: list[tuple[dict, Path, str]],
                    entries: list[tuple[dict, Path]]) -> list[DataError]:
    """Every active code of a system that has groups falls in exactly one group."""
    problems: list[DataError] = []
    by_system: dict[str, list[dict]] = {}
    first_path: dict[str, Path] = {}
    for group, path, system in groups:
        by_system.setdefault(system, []).append(group)
        first_path.setdefault(system, path)
    for system, system_groups in by_system.items():
        lookup = CodeGroups(system_groups)
        for entry, _path in entries:
            if entry["system"] != system or entry.get("status", "active") != "active":
                continue
            found = lookup.of(entry["code"])
            if len(found) != 1:
                where = "no group" if not found else "several groups (" + ", ".join(found) + ")"
                problems.append(DataError(first_path[system], None,
                                          f"{entry['code']} is in {where}; every active code "
                                          "belongs to exactly one group"))
    return problems


def check_facts(sources: Sources, entries: list[tuple[dict, Path]]) -> list[DataError]:
    """Check the code facts files: each fact's shape and labels, and that every code it
    names is a billable code of its file's system (one line per fact, naming the first)."""
    problems: list[DataError] = []
    billable = {(entry["system"], cached_code_key(entry["code"])) for entry, _path in entries
                if entry.get("billable")}
    current = {(entry["system"], cached_code_key(entry["code"])) for entry, _path in entries
               if entry.get("status", "active") == "active"}
    every_code = {(entry["system"], cached_code_key(entry["code"])) for entry, _path in entries}
    for item, path, system in sources.facts:
        problem = codefacts.check_fact(item, sources.labels)
        target = codefacts.GEM_TARGETS.get(item.get("fact"))
        if problem is None and target and item["value"] != codefacts.NO_MAP:
            named = item["value"].split()[0]
            if (target, cached_code_key(named)) not in every_code:
                problem = f"fact {item['fact']}: {named} is not a {systems.badge(target)} code here"
        if problem is None:
            heading = item["fact"] in codefacts.HEADING_FACTS
            known = current if heading else billable
            missing = [code for code in item["codes"].split()
                       if (system, cached_code_key(code)) not in known]
            if missing:
                what = "current" if heading else "billable"
                problem = (f"fact {item['fact']} {item['value']}: {len(missing)} codes are not "
                           f"{what} {systems.badge(system)} codes here, e.g. {missing[0]}")
        if problem:
            problems.append(DataError(path, item.get(LINE), problem))
    return problems


def check_index_row(row: dict, columns: dict[str, str]) -> str | None:
    """The shape of one index-table row: a term, its cells (column id -> code), ``partial``."""
    unknown = sorted(set(row) - {"term", "cells", "partial", LINE})
    if unknown:
        return f"index row: unknown field {unknown[0]!r}"
    if not isinstance(row.get("term"), str) or not row["term"].strip():
        return "index row: 'term' must be non-empty text"
    cells = row.get("cells")
    if not isinstance(cells, dict) or not cells:
        return f"index row {row['term']!r}: 'cells' must map column ids to codes"
    for column, code in cells.items():
        if column not in columns:
            return f"index row {row['term']!r}: unknown column {column!r}"
        if not isinstance(code, str) or not code.strip():
            return f"index row {row['term']!r}: the {column} cell must be a code"
    if "partial" in row and row["partial"] is not True:
        return f"index row {row['term']!r}: 'partial' is true or left out"
    return None


def check_index_rows(sources: Sources, every_code: set[tuple[str, str]]) -> list[DataError]:
    """Check the index tables' rows: their shape, and that every cell names a code of the
    file's system (after the index's trailing "-" or ".": :func:`codetui.indexrows.resolve`),
    one line per row naming file and line."""
    from codetui.indexrows import resolve

    keys: dict[str, set[str]] = {}
    problems: list[DataError] = []
    for row, path, table in sources.index_rows:
        problem = check_index_row(row, table.columns)
        if problem is None:
            known = keys.get(table.system)
            if known is None:
                known = keys[table.system] = {key for system, key in every_code
                                              if system == table.system}
            missing = [code for code in row["cells"].values() if resolve(code, known) is None]
            if missing:
                problem = (f"index row {row['term']!r}: {missing[0]} is not a "
                           f"{systems.badge(table.system)} code here")
        if problem:
            problems.append(DataError(path, row.get(LINE), problem))
    return problems


def check_sources(sources: Sources, entries: list[tuple[dict, Path]]) -> list[DataError]:
    """Check every entry, page, group and synonym; ``entries`` includes expanded PCS codes."""
    problems: list[DataError] = []
    for entry, path in sources.entries:
        problem = check_entry(entry)
        if problem:
            problems.append(DataError(path, entry.get(LINE), problem))
    for page, path, system in sources.pages:
        problem = check_page(page, system)
        if problem:
            problems.append(DataError(path, page.get(LINE), problem))
    for group, path, system in sources.groups:
        problem = check_group(group, system)
        if problem:
            problems.append(DataError(path, group.get(LINE), problem))
    for items, check in ((sources.synonyms, check_synonym),
                         (sources.abbreviations, check_abbreviation),
                         (sources.drug_names, check_drug_name)):
        for item, path in items:
            problem = check(item)
            if problem:
                problems.append(DataError(path, item.get(LINE), problem))
    if problems:
        return problems
    every_code = {(entry["system"], cached_code_key(entry["code"])) for entry, _path in entries}
    return (check_references(entries, sources.pages, sources.groups)
            + check_vocabulary(sources, entries) + check_facts(sources, entries)
            + check_index_rows(sources, every_code))
