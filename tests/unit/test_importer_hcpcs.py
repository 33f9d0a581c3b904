"""Tests of the HCPCS Level II importer on a fixture cut from the October 2025 CMS file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from codetui.importers import hcpcs

FIXTURES = Path(__file__).parents[1] / "fixtures" / "hcpcs"
FIXTURE_CSV = FIXTURES / hcpcs.SOURCE_FILE


@pytest.fixture(scope="module")
def entries() -> dict[str, dict]:
    return {e["code"]: e for e in hcpcs.build_entries(hcpcs.read_csv(FIXTURE_CSV))}


def row(code: str, seq: str, recid: str, long: str, **extra: str) -> dict[str, str]:
    base = {"HCPC": code, "SEQNUM": seq, "RECID": recid, "LONG DESCRIPTION": long,
            "SHORT DESCRIPTION": "", "COV": "C", "ADD DT": "20200101",
            "ACT EFF DT": "20200101", "TERM DT": "", "ACTION CD": "N"}
    base.update(extra)
    return base


def test_modifier_code_is_stripped_and_kind_modifier(entries):
    a1 = entries["A1"]
    assert a1["kind"] == "modifier"
    assert a1["title"] == "Dressing for one wound"
    assert a1["billable"] is True and a1["status"] == "active"
    assert "aliases" not in a1          # short description equals the title
    assert a1["fields"]["Coverage"] == "C — Carrier judgment"


def test_code_entry_fields_decoded(entries):
    k = entries["K0001"]
    assert k == {
        "code": "K0001", "title": "Standard wheelchair", "kind": "code", "billable": True,
        "parent": None, "status": "active",
        "fields": {
            "Short description": "Standard wheelchair",
            "Coverage": "C — Carrier judgment",
            "Pricing indicator": "36 — Capped rental items (DME)",
            "Multiple pricing indicator": "A — Not applicable: priced under one methodology",
            "BETOS": "D1D — Wheelchairs",
            "Type of service": "R — Rental of DME",
            "Added": "1994-01-01",
            "Effective": "1994-01-01",
            "Action": "N — No maintenance for this code",
        },
    }


def test_alias_when_short_description_differs(entries):
    assert entries["E0601"]["aliases"] == ["Cont airway pressure device"]
    assert entries["E0601"]["fields"]["CIM/MCM references"] == "CIM 60-17"


def test_whitespace_collapsed(entries):
    assert "  " not in entries["A4221"]["title"]
    assert entries["TC"]["title"].startswith("Technical component; under certain")


def test_terminated_code_kept(entries):
    c = entries["C9248"]
    assert c["status"] == "terminated" and c["billable"] is False
    assert c["fields"]["Terminated"] == "2025-09-30"
    assert c["fields"]["Action"] == "D — Discontinue procedure or modifier code"
    # PRICE2 is empty and PRICE3 set: both set values shown, in order
    assert c["fields"]["Pricing indicator"].startswith("53 — Statute; 11 — ")
    assert c["fields"]["Statute"] == "1833(t)"


def test_lab_fields_and_cross_reference(entries):
    g = entries["G0464"]
    assert g["status"] == "terminated"
    assert g["fields"]["Lab certification"] == (
        "220 — General immunology; 310 — Routine chemistry; 900 — Clinical cytogenetics")
    assert g["fields"]["Cross-reference"] == "81528"
    g124 = entries["G0124"]
    assert g124["fields"]["Pricing indicator"].split("; ")[1].startswith("21 — ")
    assert g124["fields"]["Multiple pricing indicator"].startswith("C — ")
    assert g124["fields"]["Processing note"] == "0045"


def test_asc_and_unknown_betos(entries):
    a = entries["A9506"]
    assert a["fields"]["ASC payment group"].startswith("YY — ")
    assert a["fields"]["ASC group effective"] == "2024-07-01"
    # a BETOS value not in the table is shown bare rather than guessed
    assert entries["A6515"]["fields"]["BETOS"] == "O1L"


def test_only_fields_with_values(entries):
    for e in entries.values():
        assert all(isinstance(v, str) and v for v in e["fields"].values())
        assert "Anesthesia" not in " ".join(e["fields"])


def test_continuation_rows_joined_in_seq_order():
    rows = [
        row("  X1", "0010", "7", "First part of a long"),
        row("Z9999", "0010", "3", "Alpha"),
        row("Z9999", "0030", "4", "gamma"),
        row("Z9999", "0020", "4", "beta"),
        row("  X1", "0020", "8", "modifier text"),
    ]
    records = {r["HCPC"]: r for r in hcpcs.join_records(rows)}
    assert records["Z9999"]["LONG DESCRIPTION"] == "Alpha beta gamma"
    assert records["X1"]["LONG DESCRIPTION"] == "First part of a long modifier text"
    assert list(records) == ["X1", "Z9999"]


@pytest.mark.parametrize("rows, message", [
    ([row("Z9999", "0020", "4", "orphan")], "without a matching first line"),
    ([row("  X1", "0010", "7", "m"), row("  X1", "0020", "4", "wrong kind")],
     "without a matching first line"),
    ([row("Z9999", "0010", "3", "a"), row("Z9999", "0010", "3", "b")], "duplicate"),
    ([row("Z9999", "0010", "5", "a")], "unknown RECID"),
])
def test_join_records_rejects_bad_structure(rows, message):
    with pytest.raises(ValueError, match=message):
        hcpcs.join_records(rows)


def test_bad_code_rejected():
    with pytest.raises(ValueError, match="not a valid"):
        hcpcs.build_entries([row("Z99", "0010", "3", "x")])


@pytest.mark.parametrize("term, terminated", [
    ("", False), ("20250930", True), ("20141231", True), ("20251001", False),
    ("20251231", False)])
def test_is_terminated(term, terminated):
    assert hcpcs.is_terminated(term) is terminated


def test_run_writes_files_and_is_byte_identical(tmp_path):
    shared = tmp_path / "shared"
    (shared / "hcpcs").mkdir(parents=True)
    shutil.copy(FIXTURE_CSV, shared / "hcpcs" / hcpcs.SOURCE_FILE)
    out = tmp_path / "data"
    first = hcpcs.run(shared, out)
    names = sorted(p.name for p in first)
    assert names == ["A.yaml", "C.yaml", "E.yaml", "G.yaml", "J.yaml", "K.yaml", "P.yaml",
                     "modifiers.yaml"]
    before = {p.name: p.read_bytes() for p in first}
    second = hcpcs.run(shared, out)
    assert {p.name: p.read_bytes() for p in second} == before

    doc = yaml.safe_load((out / "hcpcs" / "modifiers.yaml").read_text(encoding="utf-8"))
    assert doc["system"] == "hcpcs"
    assert doc["release"] == "HCPCS Level II, October 2025 quarterly update"
    assert doc["licence"] == "Public domain (CMS)"
    assert [e["code"] for e in doc["entries"]] == ["A1", "TC"]
    assert before["A.yaml"].startswith(b"# Generated")
    a_doc = yaml.safe_load(before["A.yaml"])
    assert a_doc["entries"][0]["fields"]["Added"] == "1997-01-01"   # A4221; dates stay strings
