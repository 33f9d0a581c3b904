"""ICD-9-CM as a legacy system on the full bundled data: found by code, marked, mapped to
ICD-10-CM and back through the CMS GEMs; kept out of word searches of every system."""

from __future__ import annotations

import json


def _mapping(page, system_badge):
    [section] = [s for s in page.sections if s.heading.startswith(f"{system_badge} equivalents")]
    return section


def test_an_icd9_code_maps_to_icd10_and_back(catalog):
    page = catalog.page_for("250.00", "icd9cm")
    assert page.status == "terminated"
    assert any("not valid for services after September 30, 2015" in note for note in page.notes)
    forward = _mapping(page, "ICD-10-CM")
    assert [(link.system, link.code, link.note) for link in forward.links] == [
        ("icd10cm", "E11.9", "approximate")]
    back = _mapping(catalog.page_for("E11.9", "icd10cm"), "ICD-9-CM")
    assert ("icd9cm", "250.00") in [(link.system, link.code) for link in back.links]


def test_combination_and_no_map_entries(catalog):
    combination = _mapping(catalog.page_for("073.0", "icd9cm"), "ICD-10-CM")
    assert "coded together" in combination.text
    assert {link.note for link in combination.links} >= {
        "approximate, combination: scenario 1, choice list 1"}
    none = _mapping(catalog.page_for("365.70", "icd9cm"), "ICD-10-CM")
    assert none.links == [] and "No equivalent" in none.text


def test_counts(catalog):
    counts = catalog.counts
    codes = catalog.codes
    billable9 = sum(1 for d in range(len(codes)) if codes.system_of(d) == "icd9cm"
                    and codes.hit(d).billable)
    assert billable9 == 14567  # CMS32_DESC_LONG_DX.txt lines
    assert counts["icd9proc"] >= 3882


def test_word_searches_leave_icd9_out_unless_asked(catalog):
    everything = catalog.search("diabetes mellitus", limit=500)
    assert everything.hits and all(h.system != "icd9cm" for h in everything.hits)
    legacy = catalog.search("diabetes mellitus", system="icd9cm", limit=50)
    assert legacy.hits and all(h.system == "icd9cm" for h in legacy.hits)
    assert legacy.total > 50  # the 250 family and the diabetic complications
    by_code = catalog.search("250.00")
    assert by_code.hits[0].code == "250.00" and by_code.hits[0].terminated


def test_show_an_icd9_code_on_the_command_line(run):
    done = run("show", "--json", "250.00")
    assert done.returncode == 0, done.stderr
    page = json.loads(done.stdout)
    assert page["system"] == "icd9cm" and page["status"] == "terminated"
