"""Tests for the ICD-10-CM importer, on small hand-written fixtures in the CMS XML format."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from codetui.importers import icd10cm
from codetui.systems import code_key

FIXTURES = Path(__file__).parents[1] / "fixtures" / "icd10cm"
XML = (FIXTURES / "tabular.xml").read_bytes()
CODE_LIST = (FIXTURES / "code-list.txt").read_bytes().decode("utf-8")  # CRLF, as CMS ships it
Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@pytest.fixture(scope="module")
def chapters():
    return icd10cm.build_chapters(XML, CODE_LIST)


@pytest.fixture(scope="module")
def by_code(chapters):
    return {e["code"]: e for _, entries in chapters for e in entries}


def _sections(entry):
    return {s["heading"]: s["items"] for s in entry.get("sections", [])}


@pytest.mark.parametrize("raw, shown", [
    ("1", "1"), ("22", "22"), ("A00-A09", "A00-A09"), ("I10", "I10"), ("I219", "I21.9"),
    ("S060X0A", "S06.0X0A"), ("T7840XA", "T78.40XA"), ("O9A", "O9A"), ("O9A11", "O9A.11"),
])
def test_display_code(raw, shown):
    assert icd10cm.display_code(raw) == shown


def test_file_stems(chapters):
    assert [stem for stem, _ in chapters] == ["chapter-01-A00-B99", "chapter-19-S00-T88"]
    assert icd10cm.chapter_file_stem("15", "Pregnancy (O00-O9A)") == "chapter-15-O00-O9A"
    with pytest.raises(ValueError):
        icd10cm.chapter_range("No range here")


def test_every_listed_code_once_in_tabular_order(chapters):
    codes = [e["code"] for _, entries in chapters for e in entries]
    listed = icd10cm.parse_code_list(CODE_LIST)
    assert len(codes) == len(listed) == 38
    # Same order as the code list, except the single-category blocks renamed below.
    assert [c.split("-")[0] if c in ("B10-B10", "T79-T79") else code_key(c)
            for c in codes] == listed
    assert codes[:6] == ["1", "A00-A09", "A00", "A00.0", "A00.9", "B10-B10"]
    # 7th-character codes follow the code they extend, before its next sibling.
    i = codes.index("S06.0X0")
    assert codes[i:i + 5] == ["S06.0X0", "S06.0X0A", "S06.0X0D", "S06.0X0S", "S06.0X7"]


def test_counts_and_checks(chapters):
    entries = [e for _, es in chapters for e in es]
    counts = icd10cm.check_entries(entries, expected=38, expected_billable=14)
    assert counts == {"entries": 38, "billable": 14}
    with pytest.raises(ValueError, match="billable"):
        icd10cm.check_entries(entries, expected_billable=15)


def test_kinds_and_billable(by_code):
    expect = {
        "1": ("chapter", False), "A00-A09": ("block", False), "T07-T88": ("block", False),
        "A00": ("category", False), "A00.0": ("code", True), "B10": ("category", False),
        "S06.0": ("subcategory", False), "S06.0X0": ("subcategory", False),
        "S06.0X0A": ("code", True), "T78.40": ("subcategory", False),
        "T78.40XS": ("code", True), "T79": ("category", True),
    }
    for code, (kind, billable) in expect.items():
        assert (by_code[code]["kind"], by_code[code]["billable"]) == (kind, billable), code


def test_parents(by_code):
    assert by_code["1"]["parent"] is None
    assert by_code["A00-A09"]["parent"] == "1"
    assert by_code["A00"]["parent"] == "A00-A09"
    assert by_code["A00.0"]["parent"] == "A00"
    # Block that holds only a category of the same code: renamed to keep codes unique.
    assert by_code["B10-B10"]["parent"] == "1"
    assert by_code["B10"]["parent"] == "B10-B10"
    # Empty heading block over the blocks in its range.
    assert by_code["T07-T88"]["parent"] == "19"
    assert by_code["T66-T78"]["parent"] == "T07-T88"
    assert by_code["T79-T79"]["parent"] == "T07-T88"
    # (S00-S19 is a heading invented for the fixture: S40-S49 lies outside it.)
    assert by_code["S00-S19"]["parent"] == "19"
    assert by_code["S00-S09"]["parent"] == "S00-S19"
    assert by_code["S40-S49"]["parent"] == "19"
    assert by_code["S06.0X"]["parent"] == "S06.0"
    assert by_code["S06.0X0A"]["parent"] == "S06.0X0"
    # Placeholder X: T78.40X is not an entry, so the nearest existing ancestor is used.
    assert by_code["T78.40XA"]["parent"] == "T78.40"


def test_seventh_character_titles(by_code):
    assert by_code["S06.0X0A"]["title"] == \
        "Concussion without loss of consciousness, initial encounter"
    assert by_code["S06.0X0S"]["title"] == "Concussion without loss of consciousness, sequela"
    assert by_code["T78.40XD"]["title"] == "Allergy, unspecified, subsequent encounter"
    assert by_code["S42.001B"]["title"] == \
        "Fracture of unspecified part of right clavicle, initial encounter for open fracture"
    # Only the 7th characters the code list has exist ("except as noted below").
    assert "S06.0X7A" in by_code and "S06.0X7D" not in by_code
    # 7th-character codes are lean: no sections.
    assert set(by_code["T78.40XA"]) == {"code", "title", "kind", "billable", "parent"}


def test_titles(by_code):
    assert by_code["1"]["title"] == "Certain infectious and parasitic diseases (A00-B99)"
    assert by_code["A00-A09"]["title"] == "Intestinal infectious diseases (A00-A09)"
    assert by_code["A00.9"]["title"] == "Cholera, unspecified"


def test_sections(by_code):
    assert _sections(by_code["1"]) == {
        "Includes": ["diseases generally recognized as communicable or transmissible"],
        "Excludes2": ["carrier or suspected carrier of infectious disease (Z22.-)"],
    }
    assert _sections(by_code["A00-A09"]) == {
        "Use additional code": ["code to identify resistance to antimicrobial drugs (Z16.-)"]}
    assert _sections(by_code["A00.0"]) == {"Inclusion terms": ["Classical cholera"]}
    s06 = by_code["S06"]["sections"]
    # XML order; the two useAdditionalCode elements become one section.
    assert [s["heading"] for s in s06] == [
        "Includes", "Use additional code", "Excludes1", "7th characters", "Notes"]
    assert _sections(by_code["S06"])["Use additional code"] == [
        "code, if applicable, to identify mild neurocognitive disorders (F06.7-)",
        "code for any associated open wound (S01.-)"]
    assert _sections(by_code["S06"])["7th characters"] == [
        "The appropriate 7th character is to be added to each code from category S06, "
        "except as noted below",
        "A: initial encounter", "D: subsequent encounter", "S: sequela"]
    # A note inside sevenChrDef qualifies the character before it.
    assert _sections(by_code["S42"])["7th characters"][1:] == [
        "A: initial encounter for closed fracture",
        "B: initial encounter for open fracture (initial encounter for open fracture NOS)",
        "D: subsequent encounter for fracture with routine healing"]
    # Notes stay where the XML puts them; children do not get copies.
    for code in ("S06.0", "S06.0X", "S06.0X0", "S06.0X0A", "A00.9", "B10.0"):
        assert "sections" not in by_code[code] or "Excludes1" not in _sections(by_code[code])
    assert "sections" not in by_code["S06.0X0"]
    assert _sections(by_code["T78.40"]) == {
        "Inclusion terms": ["Allergic reaction NOS", "Hypersensitivity NOS"]}
    headings = {s["heading"] for e in by_code.values() for s in e.get("sections", [])}
    assert headings <= set(icd10cm.NOTE_HEADINGS.values()) | {icd10cm.SEVENTH}


def test_source_disagreements_are_errors():
    with pytest.raises(ValueError, match="not in the XML"):
        icd10cm.build_chapters(XML, CODE_LIST + "\r\nA001")
    with pytest.raises(ValueError, match="7th-character"):
        icd10cm.build_chapters(XML, CODE_LIST + "\r\nA000XXA")
    with pytest.raises(ValueError, match="7th-character"):
        icd10cm.build_chapters(XML, CODE_LIST + "\r\nS060X0Q")
    with pytest.raises(ValueError, match="not in the code list"):
        icd10cm.build_chapters(XML, CODE_LIST.replace("A009\r\n", ""))


def test_check_entries_finds_problems():
    good = [{"code": "1", "title": "t", "kind": "chapter", "billable": False, "parent": None},
            {"code": "A00", "title": "t", "kind": "category", "billable": True, "parent": "1"}]
    assert icd10cm.check_entries(good, 2, 1) == {"entries": 2, "billable": 1}
    with pytest.raises(ValueError, match="duplicate code A00"):
        icd10cm.check_entries(good + [dict(good[1])])
    with pytest.raises(ValueError, match="parent B99"):
        icd10cm.check_entries(good + [dict(good[1], code="A01", parent="B99")])
    with pytest.raises(ValueError, match="entries, expected 3"):
        icd10cm.check_entries(good, expected=3)


def test_yaml_is_deterministic_and_loads(chapters, tmp_path):
    first = icd10cm.write_chapters(chapters, tmp_path / "a")
    second = icd10cm.write_chapters(icd10cm.build_chapters(XML, CODE_LIST), tmp_path / "b")
    assert [p.name for p in first] == ["chapter-01-A00-B99.yaml", "chapter-19-S00-T88.yaml"]
    for a, b in zip(first, second):
        assert a.read_bytes() == b.read_bytes()
    text = first[1].read_text(encoding="utf-8")
    assert text.startswith("# Generated by `python -m codetui.importers icd10cm`")
    doc = yaml.load(text, Loader=Loader)
    assert list(doc) == ["system", "release", "source", "licence", "entries"]
    assert doc["system"] == "icd10cm"
    assert doc["release"] == "ICD-10-CM FY2026 (April 1, 2026 update)"
    assert doc["licence"] == "Public domain (CMS)"
    assert doc["entries"] == chapters[1][1]
    # Chapter numbers stay strings after a YAML round trip.
    assert doc["entries"][0]["code"] == "19"


def _wheel(tmp_path: Path) -> Path:
    wheel = tmp_path / "fake.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(icd10cm.XML_MEMBER, XML)
        archive.writestr(icd10cm.LIST_MEMBER, CODE_LIST)
    return wheel


def test_read_wheel(tmp_path):
    xml, code_list = icd10cm.read_wheel(_wheel(tmp_path))
    assert xml == XML and code_list == CODE_LIST


def test_fetch_wheel_override_is_checked(tmp_path, monkeypatch):
    monkeypatch.setenv(icd10cm.WHEEL_ENV, str(tmp_path / "missing.whl"))
    with pytest.raises(OSError, match="no such file"):
        icd10cm.fetch_wheel()
    monkeypatch.setenv(icd10cm.WHEEL_ENV, str(_wheel(tmp_path)))
    with pytest.raises(ValueError, match="SHA-256"):
        icd10cm.fetch_wheel()


def test_check_files(chapters, tmp_path):
    icd10cm.write_chapters(chapters, tmp_path)
    result = icd10cm.check_files(tmp_path, expected=38, expected_billable=14)
    assert (result["files"], result["entries"], result["billable"]) == (2, 38, 14)
    with pytest.raises(ValueError, match="expected 98505"):
        icd10cm.check_files(tmp_path)
