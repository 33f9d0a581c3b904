"""The ICD-10-CM index tables (FY2023 Table of Drugs and Chemicals, Neoplasm Table, External
Cause Index) on the full bundled data: counts, a drug row's six followable cells, and the
searches the rows make possible."""

from __future__ import annotations

import json

from codetui.indexrows import ROWS_SHOWN
from codetui.page import LinkKind
from codetui.sources import read_sources
from codetui.systems import code_key
from tests.conftest import DATA

#: Rows per table as the importer wrote them (README's data table states them).
ROWS = {"drugs": 7197, "neoplasms": 1821, "external-causes": 6591}
ASPIRIN = {"Poisoning, accidental (unintentional)": "T39.011",
           "Poisoning, intentional self-harm": "T39.012", "Poisoning, assault": "T39.013",
           "Poisoning, undetermined": "T39.014", "Adverse effect": "T39.015",
           "Underdosing": "T39.016"}


def _section(page, name):
    found = [s for s in page.sections if s.heading == f"{name} (FY2023 index)"]
    assert found, [s.heading for s in page.sections]
    return found[0]


def test_rows_per_table_and_nothing_dropped():
    sources = read_sources(DATA)
    counts = {table.id: 0 for table in sources.index_tables}
    for _row, _path, table in sources.index_rows:
        counts[table.id] += 1
    assert counts == ROWS
    # Every FY2023 code still names an FY2026 entry (code or heading); none was dropped.
    assert all(table.dropped == [] for table in sources.index_tables)


def test_a_drug_row_shows_six_followable_cells(catalog):
    page = catalog.page_for("T39.011", "icd10cm")
    section = _section(page, "Table of Drugs and Chemicals")
    fields = section.fields
    start = next(n for n, (label, value) in enumerate(fields)
                 if label == "Term" and value.startswith("Aspirin"))
    cells = {label.strip(): value.split()[0] for label, value in fields[start + 1:start + 7]}
    assert cells == ASPIRIN
    followable = {code_key(link.code) for link in page.links() if link.kind is LinkKind.INDEX_TABLE}
    assert {code_key(code) for code in ASPIRIN.values()} <= followable
    for code in ASPIRIN.values():
        assert catalog.page_for(code, "icd10cm").code == code
    assert "(this code)" in fields[start + 1][1]


def test_show_json_carries_the_cells_as_links(run):
    result = run("show", "T39.015", "--json")
    assert result.returncode == 0, result.stderr
    page = json.loads(result.stdout)
    [section] = [s for s in page["sections"]
                 if s["heading"] == "Table of Drugs and Chemicals (FY2023 index)"]
    linked = {link["code"] for link in section["links"]}
    assert set(ASPIRIN.values()) <= linked
    assert all(link["kind"] == "index table" for link in section["links"])


def test_a_seventh_character_code_shows_its_parents_rows(catalog):
    page = catalog.page_for("T39.011A", "icd10cm")
    section = _section(page, "Table of Drugs and Chemicals")
    assert any(label == "Term" and value.startswith("Aspirin") for label, value in section.fields)
    assert "T39.011" in section.origin


def test_neoplasm_rows_and_long_lists_are_capped(catalog):
    page = catalog.page_for("C78.7", "icd10cm")
    section = _section(page, "Neoplasm Table")
    assert any(label == "Term" and value.startswith("liver") for label, value in section.fields)
    labels = {label.strip() for label, _ in section.fields}
    assert {"Malignant primary", "Malignant secondary", "Ca in situ", "Benign",
            "Uncertain behavior", "Unspecified behavior"} <= labels
    busy_section = _section(catalog.page_for("C79.89", "icd10cm"), "Neoplasm Table")
    terms = [value for label, value in busy_section.fields if label == "Term"]
    assert len(terms) == ROWS_SHOWN and f"the first {ROWS_SHOWN} are shown" in busy_section.text
    assert busy_section.text.startswith("529 rows")


def test_searches_find_the_table_codes(catalog):
    def top(query):
        return [code_key(hit.code) for hit in catalog.search(query, limit=5).hits]

    assert any(key.startswith("T3901") for key in top("aspirin poisoning")), top("aspirin poisoning")
    assert "C787" in top("neoplasm liver secondary"), top("neoplasm liver secondary")
    assert any(key.startswith("V9411") for key in top("boat striking swimmer powered"))


def test_readme_states_the_rows_per_table():
    readme = (DATA.parent / "README.md").read_text(encoding="utf-8")
    row = next(line for line in readme.splitlines() if line.startswith("| ICD-10-CM index tables |"))
    for count in ROWS.values():
        assert f"{count:,}" in row
    assert "FY2023" in row and "public domain (CMS)" in row
