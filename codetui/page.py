"""The code page: what ``codetui show`` prints and the app displays, built from the store.

A :class:`Page` is plain data (no Rich, no Textual): the command line renders it as text or
JSON, the app as widgets. Notes that ICD-10-CM conventions carry down from a chapter, block,
category or subcategory are stored once on that ancestor and gathered here, each labelled
with where it comes from.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import Enum

from codetui import systems
from codetui.systems import badge, code_key

PLAIN_LABEL = "Plain-language summary — not medical advice"
#: Said once on every plain-language procedure page (not repeated in each page's text).
ALTERNATIVES_NOTE = ("Each alternative has its own risks and benefits; the care team can explain "
                     "which fits a person's situation.")
CPT_INDEX_NOTE = ("No plain-language page yet: codetui lists this code so that search finds it "
                  "and pages can point to it.")
CPT_TITLE_NOTE = ("Title written by codetui in plain words; the official AMA descriptor appears "
                  "after a licensed CPT file is imported (codetui import cpt FILE).")
#: ICD-10-CM notes that apply to every code below the entry that carries them.
INHERITED_NOTES = ("Includes", "Excludes1", "Excludes2", "Code first", "Use additional code",
                   "Code also", "Notes", "7th characters")
_ICD_REFERENCE = re.compile(r"\b([A-Z][0-9][0-9A-Z](?:\.[0-9A-Z-]{1,4})?)(?:-([A-Z][0-9][0-9A-Z]))?\b")
_CHILD_HEADINGS = {"chapter": "Blocks in this chapter", "block": "Categories in this block",
                   "section": "Body systems", "body_system": "Tables (root operations)",
                   "table": "Codes in this table"}


class LinkKind(str, Enum):
    """Why a page points at a code (shown beside the link in the app's link picker)."""

    PARENT = "parent"
    ANCESTOR = "ancestor"
    CHILD = "below"
    SIMILAR = "similar"
    PRIMARY = "primary"
    INCLUSION_TERM = "inclusion term"
    INCLUDES = "includes"
    EXCLUDES1 = "excludes1"
    EXCLUDES2 = "excludes2"
    CODE_FIRST = "code first"
    USE_ADDITIONAL = "use additional"
    CODE_ALSO = "code also"
    NOTE = "notes"
    SEVENTH = "7th characters"
    CODING_NOTES = "coding notes"
    REFERENCE = "reference"
    CC_EXCLUSION = "cc exclusion"
    MAPPING = "equivalent"
    REPLACED_BY = "replaced by"
    DELETED = "deleted code"
    INDEX_TABLE = "index table"


#: The kind of a code named in an ICD-10-CM note (official, or a page's coding notes), by
#: the section's heading; codes named in other sections are references.
NOTE_LINK_KINDS = {
    "Inclusion terms": LinkKind.INCLUSION_TERM, "Includes": LinkKind.INCLUDES,
    "Excludes1": LinkKind.EXCLUDES1, "Excludes2": LinkKind.EXCLUDES2,
    "Code first": LinkKind.CODE_FIRST, "Use additional code": LinkKind.USE_ADDITIONAL,
    "Code also": LinkKind.CODE_ALSO, "Notes": LinkKind.NOTE, "7th characters": LinkKind.SEVENTH,
    "Coding notes": LinkKind.CODING_NOTES,
}


@dataclass
class Link:
    """A code a page points at; ``code`` is empty for a breadcrumb step that is not a code."""

    system: str
    code: str
    title: str = ""
    note: str = ""
    kind: LinkKind = LinkKind.REFERENCE


@dataclass
class Section:
    """One titled part of a page; exactly one of its bodies is filled."""

    heading: str
    text: str = ""
    items: list[str] = field(default_factory=list)
    steps: list[str] = field(default_factory=list)
    fields: list[tuple[str, str]] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    origin: str = ""
    plain: bool = False
    #: The fields already show every link (code and title), so a text view does not list
    #: the links again; they still reach the link picker and ``show --json``.
    links_in_fields: bool = False

    def as_json(self) -> dict:
        """The section as ``codetui show --json`` writes it (empty bodies left out)."""
        data: dict = {"heading": self.heading}
        for name in ("text", "items", "steps"):
            if getattr(self, name):
                data[name] = getattr(self, name)
        if self.fields:
            data["fields"] = [{"label": k, "value": v} for k, v in self.fields]
        if self.links:
            data["links"] = [asdict(link) for link in self.links]
        if self.origin:
            data["origin"] = self.origin
        if self.plain:
            data["plain_language"] = True
        return data


@dataclass
class Page:
    """Everything shown for one code."""

    system: str
    code: str
    title: str
    kind: str
    billable: bool
    status: str
    release: str
    breadcrumb: list[Link]
    sections: list[Section]
    plain_label: str = ""
    credit: str = ""
    notes: list[str] = field(default_factory=list)
    #: Said instead of the usual standing (a deleted ICD-10-CM code: "Deleted after FY2025 ...").
    status_note: str = ""

    @property
    def badge(self) -> str:
        """Short name of the page's system."""
        return badge(self.system)

    def status_line(self) -> str:
        """``Billable · active`` style summary of the code's standing."""
        if self.kind in ("chapter", "block", "section", "body_system", "table"):
            standing = "Heading (not a code to report)"
        elif self.billable:
            standing = "Billable / valid for submission"
        else:
            standing = "Not billable on its own: report a more specific code"
        if self.kind == "modifier":
            standing = "Modifier"
        if self.status == "terminated":
            standing = "Terminated: no longer valid for new claims"
        return self.status_note or standing

    def links(self) -> list[Link]:
        """Every code this page points at, once each, in reading order, each with its kind:
        the parent and ancestors first, then the links of each section and the codes named
        in its official notes."""
        found: list[Link] = []
        crumbs = [link for link in self.breadcrumb if link.code]
        for depth, link in enumerate(reversed(crumbs)):
            kind = LinkKind.PARENT if depth == 0 else LinkKind.ANCESTOR
            found.append(Link(link.system, link.code, link.title, kind=kind))
        for section in self.sections:
            found.extend(link for link in section.links if link.code)
            kind = NOTE_LINK_KINDS.get(section.heading, LinkKind.REFERENCE)
            if self.system == "icd10cm":
                for line in (*section.items, section.text):
                    found.extend(Link(self.system, ref, kind=kind) for ref in note_references(line))
        unique: dict[tuple[str, str], Link] = {}
        for link in found:
            unique.setdefault((link.system, code_key(link.code)), link)
        return list(unique.values())

    def as_json(self) -> dict:
        """The page as ``codetui show --json`` writes it."""
        return {
            "system": self.system,
            "code": self.code,
            "title": self.title,
            "kind": self.kind,
            "billable": self.billable,
            "status": self.status,
            "release": self.release,
            "breadcrumb": [{k: v for k, v in asdict(link).items() if k != "kind"}
                           for link in self.breadcrumb],
            "label": self.plain_label,
            "credit": self.credit,
            "notes": self.notes,
            "sections": [section.as_json() for section in self.sections],
        }


def note_references(text: str) -> list[str]:
    """Codes named in an ICD-10-CM note: ``(A00.1)``, ``(S06.-)``, ``(I20-I25)``."""
    found = []
    for match in _ICD_REFERENCE.finditer(text):
        first, last = match.group(1), match.group(2)
        if last:
            found.append(f"{first}-{last}")
        else:
            found.append(first.rstrip("-").rstrip("."))
    return found


def _section(raw: dict, origin: str = "", plain: bool = False) -> Section:
    return Section(raw["heading"], text=raw.get("text", ""), items=list(raw.get("items", ())),
                   steps=list(raw.get("steps", ())), origin=origin, plain=plain)


def similar_section(system: str, similar: list[dict], title_of, none_note: str = "") -> Section:
    """The "Similar Codes" section: each code, its title and how it differs, or, for a page
    whose codes have no true variant, the note saying why."""
    links = [Link(item.get("system") or system, item["code"],
                  title_of(item.get("system") or system, item["code"]), item.get("note", ""),
                  LinkKind.SIMILAR)
             for item in similar]
    return Section("Similar Codes", text="" if links else none_note, links=links, plain=True)


def inherited_plain_sections(doc: dict, ancestors: list[dict],
                             group: dict | None) -> tuple[list[Section], str]:
    """The plain-language text a code shows when it has no page of its own, and its credit
    line: the page of its nearest ancestor that has one (category, block, PCS table ...),
    else its group's page.

    The first section is headed with where the text comes from ("About category E11 — Type 2
    diabetes mellitus"); every section records it as its ``origin``.
    """
    if doc.get("plain_language") or "page" in doc:
        return [], ""
    source = next((a for a in ancestors if a.get("page")), None)
    if source is not None:
        kind = source["kind"].replace("_", " ")
        origin = f"About {kind} {source['code']} — {source['title']}"
        text = source["page"]
    elif group is not None:
        origin = f"About this group of codes — {group['title']}"
        text = group
    else:
        return [], ""
    sections = [_section(raw, origin=origin, plain=True) for raw in text["sections"]]
    if sections:
        sections[0].heading, sections[0].origin = origin, ""
    return sections, text.get("credit", "")


INDEX_YEAR = "FY2023 index"


def _index_link(code: str, title_of) -> tuple[str, str]:
    """The code an index cell names as a page can link it, and its title: the trailing "-"
    and "." stripped (``C79.8-`` -> C79.8), then placeholder X's (``Y36.6X-`` -> Y36.6) when
    the store has no such code."""
    link = code.strip().rstrip("-").rstrip(".")
    title = title_of("icd10cm", link)
    if not title and link.endswith("X"):
        shorter = link.rstrip("X").rstrip(".")
        title = title_of("icd10cm", shorter)
        link = shorter if title else link
    return link, title


def index_sections(doc: dict, tables: dict[str, dict], title_of, origin: str = "") -> list[Section]:
    """One section per ICD-10-CM index table (Table of Drugs and Chemicals, Neoplasm Table,
    External Cause Index) whose rows name the code: each row's term and its cells as fields
    (column heading -> code and title, "this code" marked), every cell code a link.
    ``origin`` says when the rows are the parent's (a 7th-character code)."""
    from codetui.indexrows import ROWS_SHOWN

    rows = doc.get("index_rows") or []
    counts = doc.get("index_row_counts") or {}
    own = code_key(doc["code"])
    sections = []
    for table_id in dict.fromkeys(row["table"] for row in rows):
        table = tables.get(table_id)
        if table is None:
            continue
        shown = [row for row in rows if row["table"] == table_id][:ROWS_SHOWN]
        total = max(counts.get(table_id, 0), len(shown))
        fields: list[tuple[str, str]] = []
        links: dict[str, Link] = {}
        for row in shown:
            fields.append(("Term", row["term"]))
            for (_column, heading), code in zip(table["columns"], row["cells"]):
                if not code:
                    continue
                link, title = _index_link(code, title_of)
                this = code_key(link) == own or (origin and code_key(link) == code_key(doc.get("parent") or ""))
                value = f"{code}  {title}".rstrip() + ("  (this code)" if this else "")
                fields.append((f"  {heading}", value))
                if title:
                    links.setdefault(code_key(link), Link(
                        "icd10cm", link, title, f"{row['term']}: {heading}", LinkKind.INDEX_TABLE))
        name = table["name"]
        text = (f"{total} row{'s' if total != 1 else ''} of the {name} name{'s' if total == 1 else ''} "
                f"{'the code above this one' if origin else 'this code'}")
        text += f"; the first {len(shown)} are shown." if total > len(shown) else "."
        release = table.get("release", "")
        sections.append(Section(f"{name} ({INDEX_YEAR})", text=text, fields=fields,
                                links=list(links.values()), links_in_fields=True,
                                origin="; ".join(part for part in (origin, release) if part)))
    return sections


GROUPING_HEADING = "MS-DRG and risk adjustment"


def fact_sections(doc: dict, labels: dict[str, dict[str, str]], releases: dict[str, str],
                  excluded: list[tuple[str, str, int]]) -> list[Section]:
    """The sections of a code's MS-DRG and risk-adjustment facts (:mod:`codetui.codefacts`):
    the facts, the MS-DRGs it groups to, and the principal diagnoses of its CC-exclusion
    list (``excluded``: code, title, codes it stands for — a whole category is one link),
    each section's ``origin`` naming the releases."""
    from codetui import codefacts

    if doc["system"] == "icd10pcs":
        if doc["kind"] != "code" or "or_procedure" not in releases:
            return []
        standing, drgs = codefacts.procedure_facts(doc, labels)
        origin = releases["or_procedure"]
        sections = [Section(GROUPING_HEADING, fields=[("MS-DRG", standing)], origin=origin)]
        if drgs:
            sections.append(Section("MS-DRGs that name this procedure", items=drgs, origin=origin))
        return sections
    lines = codefacts.diagnosis_facts(doc, labels, releases)
    if not lines:
        return []
    origin = "; ".join(dict.fromkeys(releases[f] for f in ("severity", "hcc_v28") if f in releases))
    sections = [Section(GROUPING_HEADING, fields=lines, origin=origin)]
    principal = codefacts.principal_items(doc, labels)
    if principal:
        sections.append(Section("MS-DRGs as principal diagnosis", items=principal,
                                origin=releases.get("principal_drgs", "")))
    if excluded:
        level = doc["facts"]["severity"][0]
        total = sum(count for _, _, count in excluded)
        shown = excluded[:codefacts.EXCLUSIONS_SHOWN]
        more = sum(count for _, _, count in excluded[len(shown):])
        text = (f"With one of these {total:,} codes as the principal diagnosis, this code does "
                f"not count as {'an' if level == 'MCC' else 'a'} {level} (CMS CC-exclusion list "
                f"{doc['facts']['cc_exclusion_list'][0]}).")
        if more:
            text += f" The first {len(shown)} entries are listed here."
        sections.append(Section(
            f"Principal diagnoses that cancel the {level}", text=text,
            links=[Link("icd10cm", code, title, f"all {count} codes" if count > 1 else "",
                        LinkKind.CC_EXCLUSION) for code, title, count in shown],
            origin=releases.get("excluded_principal", "")))
    return sections


HISTORY_HEADING = "History"


def history_sections(doc: dict, title_of, origin: str) -> list[Section]:
    """An ICD-10-CM code's History section (:mod:`codetui.codehistory`): the releases it is
    in, title changes, and for a deleted code the codes that replaced it, as links."""
    from codetui import codehistory

    lines = codehistory.history_lines(doc)
    if not lines:
        return []
    links = [Link(doc["system"], code, title_of(doc["system"], code), kind=LinkKind.REPLACED_BY)
             for code in doc.get("replaced_by", ())] if doc.get("status") == "terminated" else []
    return [Section(HISTORY_HEADING, items=lines, links=links, origin=origin)]


def status_note(doc: dict) -> str:
    """The status line of a deleted ICD-10-CM code ("" for any other code)."""
    from codetui import codehistory

    if doc["system"] not in codehistory.SYSTEM_RELEASES or doc.get("status") != "terminated" \
            or not doc.get("releases"):
        return ""
    last = doc["releases"][-1]
    year = int(last[2:])
    return (f"Deleted after {last}: not valid for services from October 1, {year}"
            if last != codehistory.RELEASES[-1] else "Deleted")


def gem_sections(doc: dict, title_of, origin: str) -> list[Section]:
    """A code's General Equivalence Mappings to or from ICD-9-CM, as links whose note gives
    the mapping's flags (approximate, combination scenario and choice list)."""
    from codetui import codefacts

    mappings = codefacts.gem_links(doc.get("facts", {}))
    if not mappings:
        return []
    system = mappings[0][0]
    heading = f"{badge(system)} equivalents (General Equivalence Mappings)"
    links = [Link(target, code, title_of(target, code) if code else "", flags, LinkKind.MAPPING)
             for target, code, flags in mappings if code]
    text = ("No equivalent: CMS maps this code to nothing." if not links else
            "Combination entries must be coded together (one code from each choice list of a "
            "scenario)." if any("combination" in link.note for link in links) else "")
    return [Section(heading, text=text, links=links, origin=origin)]


def build_page(doc: dict, ancestors: list[dict], release: str, title_of,
               pcs_sections: list[dict] | None = None, group: dict | None = None,
               facts: list[Section] | None = None) -> Page:
    """Assemble a page from a document, its ancestors (nearest first) and lookups.

    ``title_of(system, code)`` returns a code's title ("" if unknown); ``pcs_sections`` are
    the explained seven characters of an ICD-10-PCS code; ``group`` is the plain-language
    group the code belongs to (HCPCS), if any; ``facts`` its MS-DRG and risk-adjustment
    sections (:func:`fact_sections`).
    """
    system = doc["system"]
    sections: list[Section] = []
    plain_label = PLAIN_LABEL if doc.get("plain_language") or "page" in doc else ""
    credit = doc.get("credit", "")
    notes: list[str] = []
    if doc.get("official_title"):
        sections.append(Section("Official descriptor (licensed CPT file)", text=doc["official_title"]))
    elif system == "cpt":
        notes.append(CPT_TITLE_NOTE)
    if system == "cpt" and doc.get("plain_language"):
        notes.append(ALTERNATIVES_NOTE)
    elif system == "cpt" and doc["kind"] == "procedure" and not doc.get("sections"):
        notes.append(CPT_INDEX_NOTE)
    legacy = systems.get(system).legacy if system in systems.ids() else None
    if legacy:
        notes.append(legacy)
    if doc.get("composed"):
        notes.append("Title composed by codetui from the table's labels: the code is newer than "
                      "the latest official long-title list available.")
    if doc.get("add_on_to"):
        sections.append(Section(
            "Add-on code", text="Reported in addition to one of these primary procedures, never alone.",
            links=[Link(system, c, title_of(system, c), kind=LinkKind.PRIMARY)
                   for c in doc["add_on_to"]]))
    sections.extend(_section(raw, plain=bool(doc.get("plain_language"))) for raw in doc.get("sections", ())
                    if doc.get("plain_language"))
    page = doc.get("page")
    if page:
        sections.extend(_section(raw, plain=True) for raw in page["sections"])
        credit = page.get("credit", credit)
    similar = (page or {}).get("similar") or doc.get("similar")
    none_note = (page or {}).get("similar_none") or doc.get("similar_none")
    if similar or none_note:
        sections.append(similar_section(system, similar or [], title_of, none_note or ""))
    if not doc.get("plain_language"):
        sections.extend(_section(raw) for raw in doc.get("sections", ()))
    if pcs_sections:
        sections.extend(_section(raw) for raw in pcs_sections)
    if doc.get("fields"):
        sections.append(Section("Billing fields", fields=list(doc["fields"].items())))
    sections.extend(facts or ())
    inherited, inherited_credit = inherited_plain_sections(doc, ancestors, group)
    if inherited:
        plain_label = PLAIN_LABEL
        sections.extend(inherited)
        credit = credit or inherited_credit
    for ancestor in ancestors:
        origin = f"From {ancestor['kind'].replace('_', ' ')} {ancestor['code']}: {ancestor['title']}"
        for raw in ancestor.get("sections", ()):
            if raw["heading"] in INHERITED_NOTES:
                sections.append(_section(raw, origin=origin))
    children = doc.get("children")
    if children:
        heading = _CHILD_HEADINGS.get(doc["kind"], "Codes below this one")
        sections.append(Section(heading, links=[Link(system, c, title_of(system, c), kind=LinkKind.CHILD)
                                                for c in children]))
    if doc.get("deleted_children"):
        sections.append(Section("Deleted codes that were here", links=[
            Link(system, c, title_of(system, c), "deleted", LinkKind.DELETED)
            for c in doc["deleted_children"]]))
    breadcrumb = [Link(system, a["code"], a["title"]) for a in reversed(ancestors)]
    breadcrumb = [Link(system, "", step) for step in doc.get("breadcrumb", ())] + breadcrumb
    return Page(system=system, code=doc["code"], title=doc["title"], kind=doc["kind"],
                billable=doc["billable"], status=doc.get("status", "active"), release=release,
                breadcrumb=breadcrumb, sections=sections, plain_label=plain_label,
                credit=credit, notes=notes, status_note=status_note(doc))
