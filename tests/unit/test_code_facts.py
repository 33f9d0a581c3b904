"""Code facts (MS-DRG, risk adjustment) on the small fixture data: how a facts file is
checked, stored, shown on pages and used by the search filters."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetui.catalog import Catalog
from codetui.seed import validate_data
from codetui.storeformat import FLAG_CC, FLAG_HCC, FLAG_MCC

FACTS = """\
system: icd10cm
release: MS-DRG v43.1 (test excerpt)
labels:
  mdc:
    '01': Diseases and Disorders of the Nervous System
    '02': Diseases and Disorders of the Eye
  drg:
    '082': Traumatic Stupor and Coma >1 Hour with MCC
    '083': Traumatic Stupor and Coma >1 Hour with CC
    '084': Traumatic Stupor and Coma >1 Hour without CC/MCC
    '124': Other Disorders of the Eye with MCC
  hac:
    '05': Falls and Trauma
  hcc_v28:
    '397': Major Head Injury without Loss of Consciousness
facts:
- fact: severity
  value: MCC
  codes: S06.0X0A
- fact: severity
  value: CC
  codes: H20.21
- fact: cc_exclusion_list
  value: '0001'
  codes: S06.0X0A H20.21
- fact: excluded_principal
  value: '0001'
  codes: S06.0X0A S06.0X0D H20.21
- fact: hac
  value: '05'
  codes: S06.0X0A
- fact: mdc
  value: '01'
  codes: S06.0X0A S06.0X0D
- fact: principal_drgs
  value: 082-084
  codes: S06.0X0A
- fact: hcc_v28
  value: '397'
  codes: S06.0X0A
"""

PROCEDURES = """\
system: icd10pcs
release: MS-DRG v43.1 (test excerpt)
labels:
  drg:
    '397': Appendix Procedures with MCC
    '398': Appendix Procedures with CC
    '399': Appendix Procedures without CC/MCC
facts:
- fact: or_procedure
  value: 'yes'
  codes: 0DTJ4ZZ
- fact: procedure_drgs
  value: 397-399
  codes: 0DTJ4ZZ
"""


@pytest.fixture
def data(fixture_data) -> Path:
    (fixture_data / "msdrg").mkdir()
    (fixture_data / "msdrg" / "diagnoses.yaml").write_text(FACTS)
    (fixture_data / "msdrg" / "procedures.yaml").write_text(PROCEDURES)
    return fixture_data


@pytest.fixture
def catalog(data, tmp_path) -> Catalog:
    return Catalog.open(db=tmp_path / "store", data_dir=data, user_dir=tmp_path / "user")


def _fields(page, heading="MS-DRG and risk adjustment") -> dict[str, str]:
    [section] = [s for s in page.sections if s.heading == heading]
    return dict(section.fields)


def test_facts_files_are_valid(data):
    assert [str(p) for p in validate_data(data)] == []


@pytest.mark.parametrize("old, new, message", [
    ("  codes: H20.21\n", "  codes: H20.21 H20.99\n", "fact severity CC: 1 codes are not billable "
                                                     "ICD-10-CM codes here, e.g. H20.99"),
    ("  codes: H20.21\n", "  codes: S06.0X0\n", "e.g. S06.0X0"),  # a heading, not billable
    ("- fact: hac\n", "- fact: hack\n", "unknown fact 'hack'"),
    ("  value: MCC\n", "  value: major\n", "value 'major' is not one of CC, MCC"),
    ("  value: '397'\n", "  value: '398'\n", "value '398' has no label in the 'hcc_v28' labels"),
    ("  value: 082-084\n", "  value: 082-085\n", "MS-DRG 085 has no title"),
])
def test_a_bad_fact_is_one_line_naming_file_and_line(data, old, new, message):
    path = data / "msdrg" / "diagnoses.yaml"
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))
    [problem] = [str(p) for p in validate_data(data)]
    line = text[:text.index(old)].count("\n")  # the fact's "- fact:" line is at or above
    assert problem.startswith(f"{path}:")
    assert int(problem.split(":")[1]) <= line + 1
    assert message in problem


def test_labels_must_map_values_to_text(data):
    path = data / "msdrg" / "diagnoses.yaml"
    path.write_text(path.read_text().replace("  hac:\n    '05': Falls and Trauma\n", "  hac: [05]\n"))
    [problem] = [str(p) for p in validate_data(data)]
    assert "'labels' must map each label set" in problem


def test_a_diagnosis_page_shows_its_facts(catalog):
    page = catalog.page_for("S06.0X0A")
    fields = _fields(page)
    assert fields["As a secondary diagnosis"] == ("MCC — major complication or comorbidity")
    assert "CMS list 0001" in fields["CC exclusion"] and "an MCC" in fields["CC exclusion"]
    assert fields["Hospital-acquired"].startswith("HAC 05 — Falls and Trauma.")
    assert fields["As principal diagnosis"] == "MDC 01 — Diseases and Disorders of the Nervous System"
    assert fields["CMS-HCC V28"] == "HCC 397 — Major Head Injury without Loss of Consciousness"
    [drgs] = [s for s in page.sections if s.heading == "MS-DRGs as principal diagnosis"]
    assert drgs.items == ["082–084 Traumatic Stupor and Coma >1 Hour "
                          "(with MCC; with CC; without CC/MCC)"]
    [cancel] = [s for s in page.sections if s.heading == "Principal diagnoses that cancel the MCC"]
    # S06.0X0A and S06.0X0D are every billable code of S06 in the fixture: one link.
    assert [(link.code, link.note) for link in cancel.links] == [("S06", "all 2 codes"), ("H20.21", "")]
    assert "these 3 codes" in cancel.text
    assert page.as_json()["sections"][[s.heading for s in page.sections].index(
        "MS-DRG and risk adjustment")]["origin"] == "MS-DRG v43.1 (test excerpt)"


def test_a_page_reads_its_own_exclusion_list_and_labels_only(catalog, monkeypatch):
    """The lists and the shared records are stored a file per list shard and per kind: a
    diagnosis page reads one exclusion file and the labels, never the HCPCS groups, the PCS
    definitions or another list's file."""
    from codetui.store import Store
    from codetui.storeformat import exclusion_shard

    read: list[str] = []
    real = Store._read_tinydb
    monkeypatch.setattr(Store, "_read_tinydb", lambda self, path: (
        read.append(path.relative_to(self.folder).as_posix()), real(self, path))[1])
    catalog.page_for("S06.0X0A")
    assert [name for name in read if name.startswith("exclusions/")] == [exclusion_shard("0001")]
    assert "shared/labels.json" in read
    assert not {"shared/groups.json", "shared/pcs_definitions.json"} & set(read)


def test_a_code_without_facts_is_neither_and_headings_have_none(catalog):
    fields = _fields(catalog.page_for("S06.0X0D"))
    assert fields["As a secondary diagnosis"] == "Neither — not a CC or an MCC"
    assert fields["CMS-HCC V28"] == "not in the model"
    assert "CC exclusion" not in fields
    heading = catalog.page_for("S06.0X0")
    assert not [s for s in heading.sections if s.heading == "MS-DRG and risk adjustment"]
    hcpcs = catalog.page_for("H0001")
    assert hcpcs is None or not [s for s in hcpcs.sections if "MS-DRG" in s.heading]


def test_a_procedure_page_shows_its_ms_drgs(catalog):
    page = catalog.page_for("0DTJ4ZZ")
    assert _fields(page)["MS-DRG"].startswith("O.R. procedure")
    [drgs] = [s for s in page.sections if s.heading == "MS-DRGs that name this procedure"]
    assert drgs.items == ["397–399 Appendix Procedures (with MCC; with CC; without CC/MCC)"]
    other = catalog.page_for("0DTJ0ZZ")
    assert _fields(other)["MS-DRG"] == "Non-O.R. procedure: it does not change the MS-DRG"


@pytest.mark.parametrize("facets, codes", [
    (FLAG_MCC, ["S06.0X0A"]),
    (FLAG_CC, ["H20.21"]),
    (FLAG_CC | FLAG_MCC, ["H20.21", "S06.0X0A"]),
    (FLAG_HCC, ["S06.0X0A"]),
    (FLAG_HCC | FLAG_CC, []),
])
def test_search_filters_keep_codes_with_those_facts(catalog, facets, codes):
    found = set()
    for query in ("S06", "H20", "concussion", "iridocyclitis"):
        result = catalog.search(query, facets=facets)
        assert all(hit.system == "icd10cm" for hit in result.hits)
        assert result.total == len(result.hits)
        found.update(hit.code for hit in result.hits)
    assert sorted(found) == codes
