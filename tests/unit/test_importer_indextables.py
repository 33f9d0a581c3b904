"""The index tables importer on small excerpts of the FY2023 XML (tests/fixtures/indextables):
term paths, cells, codes checked against the ICD-10-CM entries of the data folder, and the
cells whose code no longer exists dropped and reported."""

from __future__ import annotations

from pathlib import Path

import yaml

from codetui.importers import indextables
from codetui.indexrows import resolve
from codetui.importers.icd10cm import display_code
from codetui.sources import read_sources
from codetui.validate import check_index_rows

FIXTURES = Path(__file__).parents[1] / "fixtures" / "indextables"
KNOWN = {"T39011", "T39012", "T39013", "T39014", "T39015", "T39016",
         "C801", "C799", "D099", "D369", "D489", "D499", "C229", "C787", "D015", "D134",
         "D376", "D490", "C228", "C56", "C796", "D0739", "D27", "D391", "D4959",
         "X58", "V9411", "Y366"}


def _build(name: str):
    source = indextables.TABLES[name][0]
    return indextables.build(name, (FIXTURES / source).read_bytes(), KNOWN)


def test_drug_rows_have_six_cells_and_term_paths():
    document, _dropped, _gone = _build("drugs")
    rows = {row["term"]: row for row in document["index_rows"]}
    aspirin = rows["Acetylsalicylic acid (salts)"]
    assert aspirin["cells"] == {"accidental": "T39.011", "self_harm": "T39.012",
                                "assault": "T39.013", "undetermined": "T39.014",
                                "adverse_effect": "T39.015", "underdosing": "T39.016"}
    assert "Acetylsalicylic acid (salts), enteric coated" in rows
    assert "Acetone oils" not in rows  # a "see" reference names no code
    assert list(document["columns"]) == ["accidental", "self_harm", "assault", "undetermined",
                                         "adverse_effect", "underdosing"]


def test_a_cell_whose_code_no_longer_exists_is_dropped_and_reported():
    document, dropped, gone = _build("drugs")
    rows = {row["term"]: row for row in document["index_rows"]}
    assert rows["Retiredamine"] == {"term": "Retiredamine", "cells": {"self_harm": "T39.012"},
                                    "partial": True}
    assert "Goneamine" not in rows and gone == 1
    assert dropped == [{"term": "Retiredamine", "column": "accidental", "code": "T99.9X1"},
                       {"term": "Goneamine", "column": "accidental", "code": "T99.9X1"}]
    assert document["dropped"] == dropped


def test_neoplasm_paths_leave_out_the_main_term_and_dashes_resolve():
    document, dropped, _gone = _build("neoplasms")
    rows = {row["term"]: row["cells"] for row in document["index_rows"]}
    assert rows["Neoplasm, neoplastic"]["malignant_primary"] == "C80.1"
    assert rows["liver"]["malignant_secondary"] == "C78.7"
    assert rows["liver, primary"] == {"malignant_primary": "C22.8"}  # "-" cells are empty
    assert rows["ovary"]["malignant_primary"] == "C56.-"
    assert dropped == []


def test_external_causes_one_code_per_term():
    document, dropped, _gone = _build("external-causes")
    rows = {row["term"]: row["cells"] for row in document["index_rows"]}
    assert rows == {"Accident (to)": {"cause": "X58"},
                    "Accident (to), boat, boating, striking swimmer, powered": {"cause": "V94.11"},
                    "War operations, biological weapons": {"cause": "Y36.6X-"}}
    assert dropped == []


def test_resolve_forms():
    assert resolve("C79.8-", {"C798"}) == "C798"
    assert resolve("C56.-", {"C56"}) == "C56"
    assert resolve("Y36.6X-", {"Y366"}) == "Y366"
    assert resolve("T39.011", {"T39011A"}) is None


def test_run_writes_valid_deterministic_files(tmp_path, capsys):
    out = tmp_path / "data"
    (out / "icd10cm").mkdir(parents=True)
    entries = [{"code": display_code(key), "title": f"Code {key}", "kind": "code",
                "billable": True, "parent": None} for key in sorted(KNOWN)]
    (out / "icd10cm" / "codes.yaml").write_text(yaml.safe_dump(
        {"system": "icd10cm", "release": "ICD-10-CM FY2026", "entries": entries}))
    shared = tmp_path / "shared"
    (shared / indextables.FOLDER).mkdir(parents=True)
    for name in ("icd10cm_drug_2023.xml", "icd10cm_neoplasm_2023.xml", "icd10cm_eindex_2023.xml"):
        (shared / indextables.FOLDER / name).write_bytes((FIXTURES / name).read_bytes())
    written = indextables.run(shared, out)
    first = [path.read_bytes() for path in written]
    assert "2 cells whose code is no FY2026 ICD-10-CM entry dropped" in capsys.readouterr().out
    assert b"# 2 rows; 2 cells" in first[0] or b"2 cells" in first[0].split(b"\n")[1]
    assert [path.read_bytes() for path in indextables.run(shared, out)] == first
    sources = read_sources(out)
    assert len(sources.index_rows) == 3 + 4 + 3  # drugs (one row gone), neoplasms, causes
    assert check_index_rows(sources, {("icd10cm", key) for key in KNOWN}) == []
