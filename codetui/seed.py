"""Seeding: turn the YAML sources into store documents and the search index.

The store is a folder: TinyDB JSON shards holding the documents (``docs/NNN.json``), a small
TinyDB file per kind of shared record (``shared/KIND.json``), the CC-exclusion lists
(``exclusions/NN.json``), the search index (``search.idx``) and
``meta.json``, written last. Codes that share a category or PCS table share a shard, so a
page and the ancestors whose notes it inherits are read from one small file.
"""

from __future__ import annotations

import json
import os
import re
from array import array
from bisect import bisect_left
from collections import defaultdict
from pathlib import Path
from typing import Callable, Iterable

from tinydb import TinyDB

from codetui import codefacts, codehistory, datacheck, indexrows, pcs, systems
from codetui.codegroups import CodeGroups
from codetui.verified import file_hash
from codetui.codetable import write_code_table
from codetui.mapped import SectionWriter
from codetui.storeformat import (
    CODES_FILE, EXCLUSIONS_DIR, HISTORY_FILE, FLAG_BILLABLE, FLAG_FILTERS, FLAG_HEADING, FLAG_PLAIN,
    FLAG_SHOWS_PLAIN, FLAG_TERMINATED, INDEX_FILE, META_FILE, SCHEMA_VERSION, SHARDS, SHARED_DIR,
    exclusion_shard, shared_file,
)
from codetui.sources import LINE, DataError, Sources, read_sources
from codetui.systems import cached_code_key
from codetui.textnorm import FILLER_WORDS, STOP_WORDS, content_words, phrase_key, words
from codetui.validate import check_sources, check_tables

#: Document fields the seed uses (for the search flags and names) but does not store.
SEED_ONLY_FIELDS = frozenset({"shows_plain", "index_aliases"})
HEADING_KINDS = {"chapter", "block", "category", "subcategory", "section", "body_system", "table"}
_INHERITED_ALIAS_HEADINGS = ("Inclusion terms",)



#: A group of documents larger than this (bytes of JSON) is split by one more character of
#: the code: a category such as S82 (1.2 MB) would make every page in its shard slow to read.
SHARD_GROUP_LIMIT = 250_000


def shard_groups(docs: list[dict], sizes: list[int]) -> list[str]:
    """The group each document is stored with (a group is never split over shards): its
    system's headings, or the documents whose codes share the system's
    :attr:`~codetui.systems.CodeSystem.shard_prefix` (an ICD-10-CM category with its codes,
    a PCS table with its codes, a CPT range). A group larger than
    :data:`SHARD_GROUP_LIMIT` keeps its heading code (the category, the table) and splits
    the codes beneath by one more character, so a page reads one shard, or two small ones."""

    def group(doc: dict, extra: int) -> str:
        if doc["kind"] in ("chapter", "block", "section", "body_system"):
            return f"{doc['system']}:headings"
        key = cached_code_key(doc["code"])
        prefix = systems.get(doc["system"]).shard_prefix
        return f"{doc['system']}:{key[:prefix + extra if len(key) > prefix else prefix]}"

    base = [group(doc, 0) for doc in docs]
    totals: dict[str, int] = defaultdict(int)
    for name, size in zip(base, sizes):
        totals[name] += size
    return [name if totals[name] <= SHARD_GROUP_LIMIT else group(doc, 1)
            for name, doc in zip(base, docs)]


def assign_shards(groups: list[str], sizes: list[int]) -> list[int]:
    """The shard of each document, given its group and its size in bytes: whole groups are
    dealt out, largest first, to the shard holding the fewest bytes, so no shard is much
    larger than an average one (about 1/:data:`SHARDS` of the store) unless one group is."""
    import heapq

    group_bytes: dict[str, int] = defaultdict(int)
    for group, size in zip(groups, sizes):
        group_bytes[group] += size
    loads = [(0, shard) for shard in range(SHARDS)]
    shard_of_group: dict[str, int] = {}
    for group, size in sorted(group_bytes.items(), key=lambda item: (-item[1], item[0])):
        load, shard = heapq.heappop(loads)
        shard_of_group[group] = shard
        heapq.heappush(loads, (load + size, shard))
    return [shard_of_group[group] for group in groups]


def _clean(value):
    """A copy of ``value`` without the line-number bookkeeping (strings and other leaves are
    shared, not visited: a third of the time it took)."""
    if isinstance(value, dict):
        return {k: _clean(v) if isinstance(v, _NESTED) else v
                for k, v in value.items() if k != LINE}
    if isinstance(value, list):
        return [_clean(v) if isinstance(v, _NESTED) else v for v in value]
    return value


_NESTED = (dict, list)


def collect_entries(sources: Sources) -> list[tuple[dict, Path]]:
    """Return every entry, with the PCS tables expanded into code and heading entries."""
    entries = list(sources.entries)
    tables_by_file: dict[Path, list[dict]] = defaultdict(list)
    for table, path in sources.tables:
        tables_by_file[path].append(table)
    all_tables = [table for table, _ in sources.tables]
    for heading in pcs.heading_entries(all_tables):
        heading.setdefault("system", "icd10pcs")
        entries.append((heading, Path("data/icd10pcs")))
    for path, tables in tables_by_file.items():
        for table in tables:
            for entry in pcs.expand_table(table):
                entry["system"] = "icd10pcs"
                entries.append((entry, path))
    return entries


def _documents(sources: Sources, entries: list[tuple[dict, Path]],
               cpt_descriptors: dict[str, str]) -> list[dict]:
    """Build one document per code: the entry, its curated page and its children."""
    docs: list[dict] = []
    by_key: dict[tuple[str, str], dict] = {}
    for entry, _path in entries:
        doc = _clean(entry)
        if "fields" in doc:
            doc["fields"] = {label: str(value) for label, value in doc["fields"].items()}
        docs.append(doc)
        by_key[(doc["system"], cached_code_key(doc["code"]))] = doc
    for page, _path, system in sources.pages:
        doc = by_key[(system, cached_code_key(page["code"]))]
        doc["page"] = _clean({k: v for k, v in page.items() if k != "code"})
    grouped: dict[str, list[dict]] = defaultdict(list)
    for group, _path, system in sources.groups:
        grouped[system].append(group)
    lookups = {system: CodeGroups(groups) for system, groups in grouped.items()}
    for doc in docs:
        if doc["system"] in lookups:
            found = lookups[doc["system"]].of(doc["code"])
            if found:
                doc["group"] = found[0]
    for code, descriptor in cpt_descriptors.items():
        doc = by_key.get(("cpt", cached_code_key(code)))
        if doc is None:
            doc = {"system": "cpt", "code": code, "title": descriptor, "kind": "procedure",
                   "billable": True, "parent": None}
            docs.append(doc)
            by_key[("cpt", cached_code_key(code))] = doc
        doc["official_title"] = descriptor
    for doc in docs:
        parent = doc.get("parent")
        if parent is not None:
            # A deleted code (data/history/) is listed apart, not among the codes to choose.
            below = "deleted_children" if "releases" in doc else "children"
            by_key[(doc["system"], cached_code_key(parent))].setdefault(below, []).append(doc["code"])
    _mark_plain_text(docs, by_key)
    _add_facts(sources, by_key)
    _add_index_rows(sources, by_key)
    return docs


def _add_index_rows(sources: Sources, by_key: dict[tuple[str, str], dict]) -> None:
    """Give each code named in an index table (drugs, neoplasms, external causes) the rows
    that name it: ``doc["index_rows"]`` holds up to :data:`codetui.indexrows.ROWS_SHOWN`
    rows per table as ``{"table", "term", "cells"}`` (cells in the table's column order, ""
    for none; the column headings are stored once in ``shared/index_tables.json``) and
    ``doc["index_row_counts"]`` every table's count. Each cell also gives its code (or, when
    its codes take a 7th character, the initial-encounter code beneath it) a short search
    name: the row's term without its parenthesised modifiers and the column's words
    ("aspirin poisoning accidental"), kept only while the index is written."""
    known: dict[str, set[str]] = {}
    for row, _path, table in sources.index_rows:
        system = table.system
        if system not in known:
            known[system] = {key for (sys_id, key) in by_key if sys_id == system}
        columns = list(table.columns)
        cells = [row["cells"].get(column, "") for column in columns]
        short = indexrows.short_term(row["term"])
        named: dict[str, list[str]] = {}
        for column, code in row["cells"].items():
            key = indexrows.resolve(code, known[system])
            if key is not None:
                named.setdefault(key, []).append(column)
        for key, in_columns in named.items():
            doc = by_key[(system, key)]
            counts = doc.setdefault("index_row_counts", {})
            counts[table.id] = counts.get(table.id, 0) + 1
            if counts[table.id] <= indexrows.ROWS_SHOWN:
                doc.setdefault("index_rows", []).append(
                    {"table": table.id, "term": row["term"], "cells": cells})
            names = dict.fromkeys(
                " ".join(f"{short} {indexrows.ALIAS_WORDS.get(column, '')}".split())
                for column in in_columns)
            # "bleach" finds T54.91XA, the code to report, not its heading T54.91
            child = indexrows.initial_encounter(key, known[system])
            named_doc = doc if child is None else by_key[(system, child)]
            named_doc.setdefault("index_aliases", {}).update(names)


def _add_facts(sources: Sources, by_key: dict[tuple[str, str], dict]) -> None:
    """Give each document its code facts (``doc["facts"]``: fact -> values, in file order);
    the shared lists (:data:`codetui.codefacts.LIST_FACTS`) are written apart."""
    for item, _path, system in sources.facts:
        if item["fact"] in codefacts.LIST_FACTS:
            continue
        for code in item["codes"].split():
            facts = by_key[(system, cached_code_key(code))].setdefault("facts", {})
            facts.setdefault(item["fact"], []).append(item["value"])


def _write_shared(folder: Path, sources: Sources) -> None:
    """Write the records many codes share, a file per kind (:func:`shared_file`): PCS
    definitions, HCPCS groups, fact labels and releases, index table headings; and the
    CC-exclusion lists, spread by list id (:func:`exclusion_shard`)."""
    releases: dict[str, str] = {}
    for item, _path, _system in sources.facts:
        releases.setdefault(item["fact"], item["release"])
    kinds = {
        "pcs_definitions": _clean(sources.definitions),
        "groups": [{**_clean(group), "system": system} for group, _path, system in sources.groups],
        "labels": [{"set": name, "values": values} for name, values in sorted(sources.labels.items())],
        "fact_releases": [releases],
        "index_tables": [{"id": table.id, "name": table.name, "release": table.release,
                          "columns": list(table.columns.items())} for table in sources.index_tables],
    }
    (folder / SHARED_DIR).mkdir()
    for kind, records in kinds.items():
        _write_table(folder / shared_file(kind), kind, records)
    lists: dict[str, list[dict]] = defaultdict(list)
    for item, _path, _system in sources.facts:
        if item["fact"] in codefacts.LIST_FACTS:
            lists[exclusion_shard(item["value"])].append(
                {"fact": item["fact"], "value": item["value"], "codes": item["codes"].split()})
    (folder / EXCLUSIONS_DIR).mkdir()
    for name, records in lists.items():
        _write_table(folder / name, "lists", records)


def _write_table(path: Path, table: str, records: list[dict]) -> None:
    """Write ``records`` as the one table of a new TinyDB file."""
    with TinyDB(path) as db:
        db.table(table).insert_multiple(records)


def _mark_plain_text(docs: list[dict], by_key: dict[tuple[str, str], dict]) -> None:
    """Set ``shows_plain`` on each document whose page shows plain-language text: its own
    page, the page of an ancestor (a category, a PCS table) or its group's."""
    shows: dict[int, bool] = {}

    def has_text(doc: dict) -> bool:
        if id(doc) not in shows:
            parent = doc.get("parent")
            shows[id(doc)] = bool("page" in doc or doc.get("plain_language") or doc.get("group")
                                  or (parent and has_text(by_key[(doc["system"], cached_code_key(parent))])))
        return shows[id(doc)]

    for doc in docs:
        if has_text(doc):
            doc["shows_plain"] = True


#: Title parts that name a code's default, not a more specific code (see title_lengths):
#: parts starting so (an HCPCS "includes ..." part lists what comes with the item, "excludes
#: ..." what it is not, as an ICD-10-CM "except ..." part does: "Malignant neoplasm of right
#: kidney, except renal pelvis"), and whole
#: parts such as "not intractable" (a headache or migraine not said to be intractable is coded
#: as not intractable) and an HCPCS code's "not otherwise specified" (the code for the item
#: when nothing more is said: J7192, recombinant factor VIII with no code of its own).
_DEFAULT_STARTS = ("without ", "not specified as ", "unspecified as ", "unspecified whether ",
                   "accidental (unintentional)", "includes ", "excludes ", "except ")
_DEFAULT_WHOLE = frozenset({"not intractable", "not elsewhere classified", "not otherwise specified",
                            "any type", "not having achieved remission", "current injury"})
_DEFAULT_PARTS = tuple(", " + part for part in (*_DEFAULT_STARTS, *_DEFAULT_WHOLE))
#: Default parts written without a comma before them: what the condition is when nothing
#: more is said ("Acute pancreatitis without necrosis or infection", "Laceration without
#: foreign body of ...", "Concussion without loss of consciousness"). Not every " without
#: ...": in "Hyperuricemia without signs of inflammatory arthritis" the words after it are
#: what a query for arthritis must not find.
_INLINE_DEFAULT = re.compile(
    r" (?:without (?:hepatic )?coma|without delta-agent|not having achieved remission"
    r"|without (?:necrosis or infection|foreign body|penetration into [a-z ]*?(?:cavity|retroperitoneum)"
    r"|loss of consciousness|damage to nail|bleeding|hemorrhage|obstruction(?: or gangrene)?))\b")


#: A parenthesized word or words in an ICD-10-CM title: a nonessential modifier, which does
#: not make the code more specific (not a block's code range, "Diabetes mellitus (E08-E13)").
_NONESSENTIAL = re.compile(r"\((?![A-Z][0-9])[^()]*\)")


#: CMS's billing notes in HCPCS drug titles: who may bill it ("(code may be used for medicare
#: when drug administered under the direct supervision of a physician, not for use when drug is
#: self administered)"), and the form an inhaled drug is supplied in (", fda-approved final
#: product, non-compounded, administered through dme, unit dose form"), not what the drug is.
_BILLING_NOTE = re.compile(r"\(code may be used for medicare[^()]*\)"
                           r"|, fda[- ]approved final product, non-compounded"
                           r"(?:, (?:administered through dme|unit dose form))*", re.IGNORECASE)


#: Two words joined by a hyphen ("age-related").
_HYPHENATED = re.compile(r"[A-Za-z]{2}-(?=[A-Za-z]{2})")


def _is_default(part: str) -> bool:
    return part.startswith(_DEFAULT_STARTS) or part in _DEFAULT_WHOLE


def _list_close(parts: list[str], i: int) -> int | None:
    """Where the list a "without" part ``parts[i]`` starts is closed by an "and" part, or
    None when it starts none ("..., without documented Glasgow coma scale score, or with
    partial score reported" is no list: its "or with" is what the code holds too)."""
    if not parts[i].startswith("without "):
        return None
    return next((j for j in range(i + 1, len(parts)) if parts[j].startswith("and ")), None)


def denials_spelled(title: str) -> str:
    """``title`` with "without" said before each item of a list it denies ("..., without
    behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety" as "...
    without anxiety"), so that search reads each as denied, as it reads the first."""
    parts = title.split(", ")
    for i in range(len(parts)):
        close = _list_close(parts, i)
        if close is None:
            continue
        for j in range(i + 1, close):
            parts[j] = "without " + parts[j]
        parts[close] = "without " + parts[close].split(" ", 1)[1]  # "and anxiety"
    return ", ".join(parts)


def _named_parts(title: str) -> str:
    """``title`` without its default parts (see title_lengths). A "without" part's list runs
    on to the part that closes it with "and" ("Unspecified dementia, moderate, without
    behavioral disturbance, psychotic disturbance, mood disturbance, and anxiety": all four
    are what moderate dementia is when nothing more is said)."""
    parts = title.split(", ")
    kept, i = [], 0
    while i < len(parts):
        if not _is_default(parts[i]):
            kept.append(parts[i])
        elif (close := _list_close(parts, i)) is not None:
            i = close
        i += 1
    return ", ".join(kept)


def title_words(docs: list[dict]) -> dict[int, list[str]]:
    """The search words of each document's title, by ``id(doc)`` (split once per seed: the
    lengths and the index both need them)."""
    return {id(doc): words(doc["title"]) for doc in docs}


def title_lengths(docs: list[dict], words_of: dict[int, list[str]]) -> dict[int, int]:
    """How specific each title is: its words (``words_of``), less fillers, by ``id(doc)``.

    A 7th-character code's title repeats its parent's and adds the encounter
    ("..., initial encounter"); that suffix is not counted, so the initial, subsequent and
    sequela codes tie and code order (A, D, S) decides. An ICD-10-PCS title's approach
    ("..., Percutaneous Endoscopic Approach") is not counted either: every PCS code names
    one, so it would only make procedures rank below diagnoses of the same words. Nor are a
    title's "without ...", "not specified as ..." and "accidental (unintentional)" parts:
    they name the default ("Bilateral inguinal hernia, without obstruction or gangrene, not
    specified as recurrent" is what "bilateral inguinal hernia" means; a poisoning whose
    intent is not stated is coded as accidental, ICD-10-CM guideline I.C.19.e.5.b), not a
    more specific code; nor an HCPCS item's "any type" ("Breast pump, manual, any type") or "not
    otherwise specified" (J7192, the recombinant factor VIII with no code of its own), nor
    the billing notes of HCPCS drug codes ("(code may be used for medicare when ...)", an
    inhaled drug's "fda-approved final product, non-compounded, ...").
    An ICD-10-CM hyphenated modifier ("Age-related nuclear cataract") counts as one word.
    """
    by_key = {(doc["system"], cached_code_key(doc["code"])): doc for doc in docs}
    lengths: dict[int, int] = {}
    for doc in docs:
        title = doc["title"]
        counted = words_of[id(doc)]
        if doc["system"] == "hcpcs":
            title, notes = _BILLING_NOTE.subn("", title)
            if notes:
                counted = words(title)
        parent = doc.get("parent")
        parent_doc = (by_key.get(("icd10cm", cached_code_key(parent)))
                      if doc["system"] == "icd10cm" and parent else None)
        if (parent_doc and parent_doc["title"] and len(cached_code_key(doc["code"])) == 7
                and title.startswith(parent_doc["title"] + ", ")):
            title, counted = parent_doc["title"], words_of[id(parent_doc)]
        if parent_doc and title.startswith("Other ") and title[6:].lower() == parent_doc["title"].lower():
            # "Other muscle spasm" under "Muscle spasm": the code for the heading's
            # condition when nothing more is said, as "Unspecified ..." is elsewhere
            counted = words(title[6:])
        if doc["system"] == "icd10pcs" and title.endswith(" Approach") and ", " in title:
            counted = counted[:len(counted) - len(words(title.rsplit(", ", 1)[1]))]
            if "Nonautologous" in title:
                # a donor's blood or cells: what a transfusion is unless it says autologous
                counted = [word for word in counted if word != "nonautologous"]
        elif any(part in title for part in _DEFAULT_PARTS):
            counted = words(_named_parts(title))
        if doc["system"] == "icd10cm" and _INLINE_DEFAULT.search(title):
            # such parts written without a comma before them: "Unspecified viral hepatitis B
            # without hepatic coma", "... leukemia not having achieved remission"
            counted = words(_INLINE_DEFAULT.sub("", _named_parts(title)))
        if doc["system"] == "icd10cm" and "(" in title:
            # ICD-10-CM's nonessential modifiers: "systolic (congestive) heart failure"
            essential = set(words(_NONESSENTIAL.sub(" ", title)))
            counted = [word for word in counted if word in essential]
        # ICD-10-CM's "age-related", "drug-induced": one modifier, not two words
        joined = len(_HYPHENATED.findall(title)) if doc["system"] == "icd10cm" else 0
        lengths[id(doc)] = max(0, sum(1 for word in counted if word not in FILLER_WORDS) - joined)
    return lengths


def _static_rank(doc: dict, length: int) -> tuple:
    """Order documents so that, at equal relevance, better answers come first.

    Of two PCS codes that differ only in the device, one with a spacer (a temporary device
    held in a joint between the stages of a revision) comes after the lasting device: a
    query that names no device ("right knee replacement") means the joint itself; one that
    names the spacer matches only the spacer codes anyway.
    """
    return (
        doc.get("status") == "terminated",
        not doc["billable"],
        length,
        doc["system"] == "icd10pcs" and " Spacer" in doc["title"],
        systems.get(doc["system"]).rank,
        cached_code_key(doc["code"]),
    )


def _flags(doc: dict) -> int:
    flags = FLAG_BILLABLE if doc["billable"] else 0
    if doc.get("status") == "terminated":
        flags |= FLAG_TERMINATED
    if doc["kind"] in HEADING_KINDS and not doc["billable"]:
        flags |= FLAG_HEADING
    if doc.get("plain_language") or "page" in doc:
        flags |= FLAG_PLAIN
    if doc.get("shows_plain"):
        flags |= FLAG_SHOWS_PLAIN
    for name in codefacts.flags_of(doc.get("facts", {})):
        flags |= FLAG_FILTERS[name]
    return flags


def _inclusion_terms(doc: dict) -> list[str]:
    return [item for section in doc.get("sections", ())
            if section.get("heading") in _INHERITED_ALIAS_HEADINGS
            for item in section.get("items", ())]


def _inherited_inclusions(docs: list[dict]) -> dict[int, list[str]]:
    """The inclusion terms of each ICD-10-CM code's ancestors, by ``id(doc)``: a code's
    terms name its whole subtree ("Fracture of ankle NOS" at S82.89 is as true of S82.892A,
    the left side's initial encounter, as of S82.89 itself)."""
    own: dict[str, list[str]] = {}
    parents: dict[str, str] = {}
    for doc in docs:
        if doc["system"] == "icd10cm":
            key = cached_code_key(doc["code"])
            terms = _inclusion_terms(doc)
            if terms:
                own[key] = terms
            if doc.get("parent"):
                parents[key] = cached_code_key(doc["parent"])
    inherited: dict[int, list[str]] = {}
    for doc in docs:
        if doc["system"] != "icd10cm":
            continue
        names: list[str] = []
        key = parents.get(cached_code_key(doc["code"]))
        while key is not None:
            names.extend(own.get(key, ()))
            key = parents.get(key)
        if names:
            inherited[id(doc)] = names
    return inherited


def _alias_texts(doc: dict, index_terms: dict[str, list[str]], inherited: list[str]) -> list[str]:
    """Other names of a code that search should match besides its title (``inherited``:
    its ancestors' inclusion terms)."""
    names = list(doc.get("aliases", ()))
    names.extend(doc.get("index_aliases", ()))
    names.extend(_inclusion_terms(doc))
    names.extend(inherited)
    if "official_title" in doc:
        names.append(doc["official_title"])
    if doc["system"] == "icd10pcs":
        key = cached_code_key(doc["code"])
        if doc["kind"] == "table":
            names.extend(index_terms.get(key, ()))
        elif doc["kind"] == "code":
            for length in range(4, 8):
                names.extend(index_terms.get(key[:length], ()))
    return names


def _pcs_index_terms(sources: Sources) -> dict[str, list[str]]:
    terms: dict[str, list[str]] = defaultdict(list)
    for table, _ in sources.tables:
        for item in table.get("index_terms", ()):
            terms[cached_code_key(item["prefix"])].append(item["term"])
    return terms


#: Two title words joined by a hyphen ("Pre-existing", "Gastro-esophageal").
_HYPHENATED = re.compile(r"\b([A-Za-z]{2,})-([A-Za-z]{2,})\b")


def _hyphen_joins(titles: Iterable[str], vocab: list[str]) -> dict[str, tuple[str, str]]:
    """The one-word forms of hyphenated title word pairs, typed without the hyphen
    ("preexisting": pre existing), when no indexed word starts with that form ("preterm"
    has its own titles) and neither word is a stop word ("add-on")."""
    joins: dict[str, tuple[str, str]] = {}
    for title in titles:
        if "-" not in title:
            continue
        for first, second in _HYPHENATED.findall(title):
            pair = (*words(first), *words(second))
            if len(pair) == 2 and not STOP_WORDS.intersection(pair):
                joins.setdefault(pair[0] + pair[1], pair)

    def starts_a_word(form: str) -> bool:
        at = bisect_left(vocab, form)
        return at < len(vocab) and vocab[at].startswith(form)

    return {joined: pair for joined, pair in joins.items() if not starts_a_word(joined)}


def _synonym_table(sources: Sources, joins: dict[str, tuple[str, str]] | None = None
                   ) -> dict[str, list[tuple[tuple[str, ...], list[tuple[str, ...]]]]]:
    """Map a phrase's first word to (phrase words, [clinical words, ...]).

    Everyday phrases, abbreviations (their most used sense first) and drug brand names
    (their generic) all become phrases here; hand-curated lists come before imported ones.
    A hyphenated title pair typed as one word (``joins``) reads as its two words, unless a
    list already says what the word means.
    """
    table: dict[str, dict[tuple[str, ...], list[tuple[str, ...]]]] = defaultdict(dict)

    def add(phrases: list[str], meanings: list[str]) -> None:
        means = [tuple(content_words(m)) for m in meanings if content_words(m)]
        for phrase in phrases:
            key = phrase_key(phrase)  # as search reads the query
            if not key:
                continue
            known = table[key[0]].setdefault(key, [])
            known.extend(m for m in means if m not in known and m != key)

    for item, _path in sources.abbreviations:
        if item.get("case") != "exact":  # only a query that is the abbreviation as written
            add([item["abbr"]], item["means"])
    for item, _path in sources.drug_names:
        add(item["brands"], [item["generic"]])
    # Curated meanings first: a phrase's first meaning is the one search prefers.
    for item, _path in sorted(sources.synonyms, key=lambda pair: pair[1] in sources.imported):
        add(item["words"], item["means"])
    for joined, pair in sorted((joins or {}).items()):
        if (joined,) not in table[joined]:
            table[joined][(joined,)] = [pair]
    return {first: [(phrase, means) for phrase, means in sorted(phrases.items())]
            for first, phrases in sorted(table.items())}


def _query_words(text: str) -> tuple[str, ...]:
    """The words search compares for a typed phrase (stop words dropped unless all are)."""
    return tuple(content_words(text) or words(text))


def _abbreviation_table(sources: Sources) -> dict[tuple[str, ...], list[tuple[str, ...]]]:
    """Map an abbreviation's words to its senses, the most used first."""
    return {_query_words(item["abbr"]): [tuple(content_words(m)) for m in item["means"]]
            for item, _path in sources.abbreviations if words(item["abbr"])}


def _display_names(sources: Sources) -> dict[str, str]:
    """Brand names and abbreviations as they are written, by their search words."""
    names = {" ".join(_query_words(brand)): brand
             for item, _path in sources.drug_names for brand in item["brands"]}
    names.update((" ".join(_query_words(item["abbr"])), item["abbr"])
                 for item, _path in sources.abbreviations)
    return names


def write_indexes(folder: Path, docs: list[dict], sources: Sources, lengths: list[int],
                  shards: list[int], words_of: dict[int, list[str]]) -> None:
    """Write the code table (:mod:`codetui.codetable`: each document's shard is in
    ``shards``) and the search index (:mod:`codetui.search`) of ``docs`` into ``folder``;
    ``words_of`` holds each document's title words (:func:`title_words`).

    Each document's title and other names are kept as search text without stop words:
    ``" acute myocardial infarction "`` and ``" | heart attack | ... | "`` (one name between
    each pair of bars), so a query's words, a phrase, or a whole name can be found with a
    byte search in the mapped file.
    """
    system_ids = systems.ids()
    write_code_table(folder / CODES_FILE, docs, system_ids,
                     bytes(_flags(doc) for doc in docs),
                     bytes(shards))
    index_terms = _pcs_index_terms(sources)
    inherited = _inherited_inclusions(docs)
    title_texts: list[str] = []
    alias_texts: list[str] = []
    postings: dict[str, array] = {}
    interned: dict[str, str] = {}
    for doc_id, doc in enumerate(docs):
        title_words = words_of[id(doc)]
        spelled = denials_spelled(doc["title"]) if ", without " in doc["title"] else doc["title"]
        text_words = words(spelled) if spelled != doc["title"] else title_words
        names = [content_words(name) for name in _alias_texts(doc, index_terms, inherited.get(id(doc), []))]
        alias_words = [word for name in names for word in name]
        title_texts.append(" " + " ".join(w for w in text_words if w not in STOP_WORDS) + " ")
        alias_texts.append(" | " + " | ".join(" ".join(name) for name in names if name) + " | ")
        for word in set(title_words) | set(alias_words):
            word = interned.setdefault(word, word)
            postings.setdefault(word, array("I")).append(doc_id)
    vocab = sorted(postings)
    out = SectionWriter(SCHEMA_VERSION, documents=len(docs))
    out.add_strings("title_texts", title_texts)
    out.add_strings("alias_texts", alias_texts)
    out.add("title_lengths", bytes(min(length, 255) for length in lengths))
    reporting = {group["id"] for group, _path, _system in sources.groups if group.get("reporting")}
    out.add("reporting_docs", array("I", (doc_id for doc_id, doc in enumerate(docs)
                                          if doc.get("group") in reporting)).tobytes())
    out.add_strings("vocab", vocab)
    out.add_column("postings", (postings[word].tobytes() for word in vocab))
    # Tables read in place: unmarshalling them whole cost every cold search ~4 ms.
    out.add_table("synonyms", _synonym_table(sources, _hyphen_joins((doc["title"] for doc in docs), vocab)))
    out.add_table("abbreviations", {" ".join(abbr): senses
                                    for abbr, senses in _abbreviation_table(sources).items()})
    out.add_table("display_names", _display_names(sources))
    out.add_table("exact_case", {" ".join(_query_words(item["abbr"])): item["abbr"]
                                 for item, _path in sources.abbreviations
                                 if item.get("case") == "exact"})
    out.add_table("brands", {" ".join(_query_words(brand)): None
                             for item, _path in sources.drug_names for brand in item["brands"]})
    out.write(folder / INDEX_FILE)


def _write_shards(folder: Path, docs: list[str], shards: list[int], tables: list[tuple[str, int]],
                  written: Callable[[float], None] = lambda _done: None) -> None:
    """Write each shard as a TinyDB database (tables ``entries``, ``pcs_tables``) in one
    go, telling ``written`` the share of shards written after each one.

    ``docs`` are the documents already encoded as JSON, ``tables`` the PCS tables encoded,
    with their shards. Documents keep their index number + 1 as TinyDB document id. The
    file is the text TinyDB's JSON storage writes, joined from the encoded parts.
    """
    entries: dict[int, list[str]] = defaultdict(list)
    for doc_id, (text, shard) in enumerate(zip(docs, shards)):
        entries[shard].append(f'"{doc_id + 1}": {text}')
    pcs_tables: dict[int, list[str]] = defaultdict(list)
    for text, shard in tables:
        pcs_tables[shard].append(f'"{len(pcs_tables[shard]) + 1}": {text}')
    (folder / "docs").mkdir()
    for shard in range(SHARDS):
        parts = ['"entries": {' + ", ".join(entries[shard]) + "}"]
        if pcs_tables[shard]:
            parts.append('"pcs_tables": {' + ", ".join(pcs_tables[shard]) + "}")
        (folder / "docs" / f"{shard:03d}.json").write_text("{" + ", ".join(parts) + "}",
                                                          encoding="utf-8")
        written((shard + 1) / SHARDS)


def _encoded_tables(sources: Sources, docs: list[dict], shards: list[int]) -> list[tuple[str, int]]:
    """Each PCS table encoded as JSON, with the shard of its table heading document."""
    table_shards = {doc["code"]: shard for doc, shard in zip(docs, shards)
                    if doc["system"] == "icd10pcs" and doc["kind"] == "table"}
    return [(json.dumps(_clean(table)), table_shards[table["table"]]) for table, _ in sources.tables]


def build_store(folder: Path, data_dir: Path, cpt_descriptors: dict[str, str],
                fingerprint: str, progress: Callable[[str, float], None] | None = None,
                check_apart: bool | None = None) -> dict:
    """Seed a new store into the empty ``folder``; return its metadata.

    Raises :class:`DataError` listing the data's problems instead of building a store
    from bad data. With ``check_apart`` (by default: when :func:`datacheck.worth_apart`)
    the data is checked in a second process while the store is built.
    """
    if check_apart is None:
        check_apart = datacheck.worth_apart(data_dir)
    check = None
    if check_apart:
        try:
            check = datacheck.Check(data_dir)
        except OSError:  # no second process here (a sandbox): check in this one
            pass
    try:
        return _build_store(folder, data_dir, cpt_descriptors, fingerprint,
                            progress or (lambda _stage, _fraction: None), check)
    finally:
        if check is not None:
            check.stop()
        cached_code_key.cache_clear()


def _raise_first(problems: list[DataError]) -> None:
    if problems:
        raise DataError(problems[0].path, problems[0].line,
                        problems[0].message + (f" (and {len(problems) - 1} more problems; run "
                                               "'codetui validate')" if len(problems) > 1 else ""))


def _build_store(folder: Path, data_dir: Path, cpt_descriptors: dict[str, str],
                 fingerprint: str, report: Callable[[str, float], None],
                 check: datacheck.Check | None) -> dict:
    report("Reading YAML sources", 0.0)
    sources = read_sources(data_dir, lambda done: report("Reading YAML sources", 0.45 * done))
    report("Checking the data", 0.45)
    problems = check_tables(sources)
    entries = [] if problems else collect_entries(sources)
    if check is None:
        problems = problems or check_sources(sources, entries)
    _raise_first(problems)
    report("Building documents", 0.55)
    docs = _documents(sources, entries, cpt_descriptors)
    history = [row for doc in docs if doc["system"] in codehistory.SYSTEM_RELEASES
               for row in [codehistory.history_row(doc)] if row]
    words_of = title_words(docs)
    lengths = title_lengths(docs, words_of)
    docs.sort(key=lambda doc: _static_rank(doc, lengths[id(doc)]))
    encoded = [json.dumps({k: v for k, v in doc.items() if k not in SEED_ONLY_FIELDS})
               for doc in docs]
    sizes = [len(text) for text in encoded]
    shards = assign_shards(shard_groups(docs, sizes), sizes)
    report("Building the search index", 0.65)
    write_indexes(folder, docs, sources, [lengths[id(doc)] for doc in docs], shards, words_of)
    report("Writing the store", 0.8)
    _write_shards(folder, encoded, shards, _encoded_tables(sources, docs, shards),
                  lambda done: report("Writing the store", 0.8 + 0.15 * done))
    _write_shared(folder, sources)
    with TinyDB(folder / HISTORY_FILE) as rows:
        rows.table("codes").insert_multiple(history)
    if check is not None:
        report("Checking the data", 0.95)
        found = check.problems()
        _raise_first(check_sources(sources, entries) if found is None else found)
    meta = {
        "schema": SCHEMA_VERSION,
        "fingerprint": fingerprint,
        "documents": len(docs),
        "counts": count_by_system(docs),
        "releases": sources.releases,
        "cpt_imported": len(cpt_descriptors),
        "sizes": {path.relative_to(folder).as_posix(): path.stat().st_size
                  for path in sorted(folder.rglob("*")) if path.is_file()},
        "hashes": {path.relative_to(folder).as_posix(): file_hash(path.read_bytes())
                   for path in sorted(folder.rglob("*.json")) if path.is_file()},
    }
    (folder / META_FILE).write_text(json.dumps(meta, indent=1, sort_keys=True), encoding="utf-8")
    drop_cached_pages([folder / INDEX_FILE, folder / CODES_FILE])
    report("Done", 1.0)
    return meta


def drop_cached_pages(paths: list[Path]) -> None:
    """Write ``paths`` out and drop them from the page cache (best effort; Linux and BSDs).

    The kernel caches a file the seed has just written in large folios, and a process that
    maps it counts each folio it touches whole: the first searches on a new store showed
    34-70 MB peak RSS, against 22 MB once those pages were read back in normal sizes.
    """
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue
        try:
            os.fsync(fd)  # dirty pages are not dropped
            advise(fd, 0, 0, os.POSIX_FADV_DONTNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


def validate_data(data_dir: Path, parallel: bool = True) -> list[DataError]:
    """Return every problem ``codetui validate`` reports for a data folder (read in this
    process alone without ``parallel``)."""
    try:
        sources = read_sources(data_dir, parallel=parallel)
    except DataError as error:
        return [error]
    try:
        return check_tables(sources) or check_sources(sources, collect_entries(sources))
    finally:
        cached_code_key.cache_clear()


def count_by_system(docs: Iterable[dict]) -> dict[str, int]:
    """Count documents per system."""
    counts: dict[str, int] = defaultdict(int)
    for doc in docs:
        counts[doc["system"]] += 1
    return dict(counts)
