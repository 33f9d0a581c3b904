"""Index tables importer: the ICD-10-CM Table of Drugs and Chemicals, the Neoplasm Table and
the External Cause Index (FY2023, the only release in ``../shared/data/icd10cm-index-2023/``)
-> ``data/icd10cm-index/drugs.yaml``, ``neoplasms.yaml``, ``external-causes.yaml``.

Each file is an ``index_rows`` file: its columns listed once (id -> the CMS column heading),
then one row per index term that names at least one code: the term as a coder reads it (the
main term and its subterms joined by ", ", non-essential modifiers kept in parentheses; the
Neoplasm Table's single main term "Neoplasm, neoplastic" is left out of its subterms' paths:
"liver, primary") and its cells (column id -> code as the index writes it: ``T39.011``,
``C79.8-``). Terms that only refer elsewhere ("see", "see also") are left out: they name no
code.

The tables are FY2023 and codetui ships FY2026, so every code is checked against the
ICD-10-CM entries under ``data/icd10cm/`` (any entry, heading or billable): a trailing "-"
and "." are stripped (``C79.8-`` -> C79.8, ``C56.-`` -> C56), a 6-character T code names
the heading whose 7th character the coder chooses (T39.011 is an FY2026 entry), and a code
whose placeholder X's end it (``Y36.6X-``) names the heading before them (Y36.6) when the
code itself is no entry. A cell whose code is in none of these forms is dropped: the row
keeps its other cells and is marked ``partial: true``; a row left without cells is not
written. Every dropped cell is listed in the file's ``dropped:`` list (term, column, code)
and counted on standard output and in the file's header comment - never silently.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from codetui.importers._common import billable_codes
from codetui.importers.yamlout import dump_yaml
from codetui.indexrows import resolve

FOLDER = "icd10cm-index-2023"
OUT_FOLDER = "icd10cm-index"
RELEASE = "ICD-10-CM FY2023 index tables, codes checked against FY2026"
LICENCE = "Public domain (CMS)"

#: Output file stem -> (source file, table name shown on pages, column ids by XML col).
TABLES = {
    "drugs": ("icd10cm_drug_2023.xml", "Table of Drugs and Chemicals",
              {"2": "accidental", "3": "self_harm", "4": "assault", "5": "undetermined",
               "6": "adverse_effect", "7": "underdosing"}),
    "neoplasms": ("icd10cm_neoplasm_2023.xml", "Neoplasm Table",
                  {"2": "malignant_primary", "3": "malignant_secondary", "4": "in_situ",
                   "5": "benign", "6": "uncertain", "7": "unspecified"}),
    "external-causes": ("icd10cm_eindex_2023.xml", "External Cause Index", {"code": "cause"}),
}
#: Column headings as coders read them (the XML's "Poisoning Accidental (unintentional)").
COLUMN_LABELS = {
    "accidental": "Poisoning, accidental (unintentional)",
    "self_harm": "Poisoning, intentional self-harm",
    "assault": "Poisoning, assault",
    "undetermined": "Poisoning, undetermined",
    "adverse_effect": "Adverse effect",
    "underdosing": "Underdosing",
    "malignant_primary": "Malignant primary",
    "malignant_secondary": "Malignant secondary",
    "in_situ": "Ca in situ",
    "benign": "Benign",
    "uncertain": "Uncertain behavior",
    "unspecified": "Unspecified behavior",
    "cause": "External cause code",
}
#: The Neoplasm Table's one main term, left out of the paths of its subterms.
NEOPLASM_MAIN = "Neoplasm, neoplastic"


def _title(element: ET.Element | None) -> str:
    """An index title as text: ``Abuse<nemod>(adult)</nemod>`` -> ``Abuse (adult)``."""
    if element is None:
        return ""
    return " ".join(" ".join(element.itertext()).split())


def read_rows(xml_text: str | bytes, columns: dict[str, str], drop_main: str | None = None
              ) -> list[tuple[str, dict[str, str]]]:
    """Every term of an index XML that names codes: (term path, {column id: code}), in the
    index's order. ``columns`` maps the XML's ``col`` numbers (or ``"code"`` for an index
    whose terms carry one ``<code>``) to column ids."""
    root = ET.fromstring(xml_text)
    rows: list[tuple[str, dict[str, str]]] = []

    def walk(element: ET.Element, path: list[str]) -> None:
        title = _title(element.find("title"))
        here = path if (drop_main and not path and title == drop_main) else [*path, title]
        cells: dict[str, str] = {}
        for cell in element.findall("cell"):
            value = (cell.text or "").strip()
            column = columns.get(cell.get("col", ""))
            if column and value and value.strip("-"):
                cells[column] = value
        code = element.find("code")
        if "code" in columns and code is not None and (code.text or "").strip():
            cells[columns["code"]] = code.text.strip()
        if cells:
            rows.append((", ".join(here) or title, cells))
        for child in element.findall("term"):
            walk(child, here)

    for letter in root.findall("letter"):
        for main in letter.findall("mainTerm"):
            walk(main, [])
    return rows


def build(name: str, xml_text: str | bytes, known: set[str]) -> tuple[dict, list[dict], int]:
    """The ``index_rows`` document of table ``name``, the cells dropped from it and how many
    rows were left out because none of their cells was left."""
    source, table, columns = TABLES[name]
    rows: list[dict] = []
    dropped: list[dict] = []
    left_out = 0
    for term, cells in read_rows(xml_text, columns,
                                 NEOPLASM_MAIN if name == "neoplasms" else None):
        kept = {}
        for column, code in cells.items():
            if resolve(code, known) is None:
                dropped.append({"term": term, "column": column, "code": code})
            else:
                kept[column] = code
        if kept:
            row: dict = {"term": term, "cells": kept}
            if len(kept) < len(cells):
                row["partial"] = True
            rows.append(row)
        else:
            left_out += 1
    document = {
        "system": "icd10cm",
        "release": RELEASE,
        "source": f"CMS ICD-10-CM FY2023 {table} ({source})",
        "licence": LICENCE,
        "index_table": table,
        "columns": {column: COLUMN_LABELS[column] for column in columns.values()},
        "index_rows": rows,
        "dropped": dropped,
    }
    return document, dropped, left_out


def run(shared: Path, out: Path) -> list[Path]:
    """Read the three index XML files and write their ``index_rows`` files."""
    known = billable_codes(out, "icd10cm", headings=True)
    if not known:
        raise ValueError(f"no ICD-10-CM entries under {out / 'icd10cm'}: run the icd10cm "
                         "importer first")
    written = []
    for name, (source, table, _columns) in TABLES.items():
        path = shared / FOLDER / source
        document, dropped, gone = build(name, path.read_bytes(), known)
        rows = len(document["index_rows"])
        partial = sum(1 for row in document["index_rows"] if row.get("partial"))
        summary = (f"{rows} rows; {len(dropped)} cells whose code is no FY2026 ICD-10-CM entry "
                   f"dropped ({partial} rows kept with their other cells, marked partial; "
                   f"{gone} rows left out with no cell left)")
        print(f"indextables: {table}: {summary}")
        header = (f"Generated by `python -m codetui.importers indextables` from {source} "
                  f"(CMS ICD-10-CM FY2023).\n{summary}; each dropped cell is in 'dropped:'.\n"
                  "Do not edit by hand: rerun the importer.")
        written.append(dump_yaml(document, out / OUT_FOLDER / f"{name}.yaml", header))
    return written
