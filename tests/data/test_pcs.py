"""codetui.pcs: expanding PCS tables, heading entries and per-code explanations, on the
generated data/icd10pcs files and on small hand-made tables."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from codetui.pcs import expand_table, explain, heading_entries, iter_codes

DATA = Path(__file__).resolve().parents[2] / "data" / "icd10pcs"
GI = DATA / "0D-medical-and-surgical-gastrointestinal-system.yaml"


def _load(path: Path) -> dict:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=yaml.CSafeLoader)


@pytest.fixture(scope="module")
def gi_tables() -> dict[str, dict]:
    return {t["table"]: t for t in _load(GI)["tables"]}


@pytest.fixture(scope="module")
def definitions() -> list[dict]:
    return _load(DATA / "definitions.yaml")["definitions"]


def _v(char, label):
    return {"char": char, "label": label}


SMALL = {
    "table": "0DT",
    "axes": [{"pos": 1, "title": "Section", "char": "0", "label": "Medical and Surgical"},
             {"pos": 2, "title": "Body System", "char": "D", "label": "Gastrointestinal System"},
             {"pos": 3, "title": "Operation", "char": "T", "label": "Resection",
              "definition": "Cutting out or off, without replacement, all of a body part"}],
    "rows": [[{"pos": 4, "title": "Body Part", "values": [_v("K", "Ascending Colon"),
                                                           _v("J", "Appendix")]},
              {"pos": 5, "title": "Approach", "values": [_v("4", "Percutaneous Endoscopic"),
                                                          _v("0", "Open")]},
              {"pos": 6, "title": "Device", "values": [_v("Z", "No Device")]},
              {"pos": 7, "title": "Qualifier", "values": [_v("Z", "No Qualifier")]}]],
    "titles": {"0DTJ0ZZ": "Resection of Appendix, Open Approach",
               "0DTJ4ZZ": "Resection of Appendix, Percutaneous Endoscopic Approach",
               "0DTK0ZZ": "Resection of Ascending Colon, Open Approach",
               "0DTK4ZZ": "Resection of Ascending Colon, Percutaneous Endoscopic Approach"},
    "composed": ["0DTK4ZZ"],
    "index_terms": [{"term": "Appendectomy", "prefix": "0DTJ"},
                    {"term": "Colectomy", "prefix": "0DT"}],
}


def test_expand_small_table_in_code_order():
    entries = list(expand_table(SMALL))
    assert [e["code"] for e in entries] == ["0DTJ0ZZ", "0DTJ4ZZ", "0DTK0ZZ", "0DTK4ZZ"]
    assert entries[1] == {"code": "0DTJ4ZZ",
                          "title": "Resection of Appendix, Percutaneous Endoscopic Approach",
                          "kind": "code", "billable": True, "parent": "0DT"}
    assert entries[3]["composed"] is True
    assert "composed" not in entries[0]


def test_expand_real_table(gi_tables):
    entries = {e["code"]: e for e in expand_table(gi_tables["0DT"])}
    assert entries["0DTJ4ZZ"]["title"] == "Resection of Appendix, Percutaneous Endoscopic Approach"
    assert entries["0DTJ4ZZ"]["parent"] == "0DT"
    assert len(entries) == len(gi_tables["0DT"]["titles"])
    composed = [c for c, e in entries.items() if e.get("composed")]
    assert composed == gi_tables["0DT"].get("composed", [])


def test_heading_entries_without_duplicates(gi_tables):
    tables = list(gi_tables.values()) + [SMALL]
    headings = heading_entries(tables)
    by = {h["code"]: h for h in headings}
    assert len(by) == len(headings)
    assert by["0"] == {"code": "0", "title": "Medical and Surgical", "kind": "section",
                       "billable": False, "parent": None}
    assert by["0D"] == {"code": "0D", "title": "Gastrointestinal System",
                        "kind": "body_system", "billable": False, "parent": "0"}
    assert by["0DT"] == {"code": "0DT", "title": "Resection", "kind": "table",
                         "billable": False, "parent": "0D"}
    assert len([h for h in headings if h["kind"] == "table"]) == len(gi_tables)


def test_heading_for_body_system_none():
    table = {"table": "GZ1", "axes": [
        {"pos": 1, "char": "G", "label": "Mental Health"},
        {"pos": 2, "char": "Z", "label": "None"},
        {"pos": 3, "char": "1", "label": "Psychological Tests"}], "rows": []}
    by = {h["code"]: h for h in heading_entries([table])}
    assert by["GZ"]["title"] == "Mental Health"


def test_explain_appendectomy(gi_tables, definitions):
    sections = explain("0DTJ4ZZ", gi_tables["0DT"], definitions)
    by = {s["heading"]: s["items"] for s in sections}
    assert sections[0]["heading"] == "Seven characters"
    chars = by["Seven characters"]
    assert len(chars) == 7
    assert chars[0] == "1 Section — 0: Medical and Surgical"
    assert chars[1] == "2 Body System — D: Gastrointestinal System"
    assert chars[2] == ("3 Operation — T: Resection. Cutting out or off, without replacement, "
                        "all of a body part")
    assert chars[3] == "4 Body Part — J: Appendix"
    assert chars[4].startswith("5 Approach — 4: Percutaneous Endoscopic. Entry, by puncture or "
                               "minor incision, of instrumentation through the skin or mucous "
                               "membrane")
    assert chars[5] == "6 Device — Z: No Device"
    assert chars[6] == "7 Qualifier — Z: No Qualifier"
    assert "Vermiform appendix" in by["Body part includes"]
    assert "Appendectomy" in by["Index terms"]
    assert "Resection, Appendix" in by["Index terms"]
    assert any(item.startswith("Examples of Resection:") for item in by["Explanations"])


def test_explain_device_includes_depend_on_body_system(definitions):
    path = DATA / "0T-medical-and-surgical-urinary-system.yaml"
    table = next(t for t in _load(path)["tables"] if t["table"] == "0TH")
    code = next(c for c in table["titles"] if c[3] == "C" and c[5] == "L")   # bladder neck
    by = {s["heading"]: s["items"] for s in explain(code, table, definitions)}
    assert any("urinary sphincter" in x.lower() for x in by["Device includes"])
    assert not any("anal sphincter" in x.lower() for x in by["Device includes"])


def test_explain_small_table_without_definitions():
    # "Colectomy" points at the whole table (0DT), not at this body part: not listed.
    sections = explain("0dtk0zz", SMALL, [])
    assert [s["heading"] for s in sections] == ["Seven characters"]


def test_explain_rejects_foreign_codes():
    with pytest.raises(ValueError):
        explain("0DTJ8ZZ", SMALL, [])
    with pytest.raises(ValueError):
        explain("0DBJ0ZZ", SMALL, [])


def test_iter_codes_counts_rows():
    assert len(list(iter_codes(SMALL))) == 4
