"""`codetui check`: the codes of one claim checked together, on the full bundled data."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from codetui.check import check_codes, summary_line

LINE = re.compile(r"^(?P<code>\S+): (?P<level>error|warning|note|info): (?P<message>.+)$")


def kinds(report) -> dict[str, list]:
    found: dict[str, list] = {}
    for finding in report.findings:
        found.setdefault(finding.kind, []).append(finding)
    return found


def test_excludes1_pair_found_with_its_note(catalog):
    report = check_codes(catalog, ["E11.9", "E10.9"])
    [conflict] = kinds(report)["excludes1"]
    assert conflict.code == "E11.9" and conflict.related == ["E10.9"]
    assert conflict.level == "warning"
    assert "category E11" in conflict.message
    assert "type 1 diabetes mellitus (E10.-)" in conflict.message
    assert "E10.9's notes exclude E11.9 too" in conflict.message  # both ways, one finding
    assert report.failed


def test_excludes1_note_with_a_character_condition(catalog):
    """G63 excludes "diabetes mellitus (E08-E13 with .42)": E11.42, not every diabetes code."""
    [conflict] = kinds(check_codes(catalog, ["G63", "E11.42"]))["excludes1"]
    assert conflict.code == "G63" and conflict.related == ["E11.42"]
    assert "excludes1" not in kinds(check_codes(catalog, ["G63", "E11.9"]))


def test_missing_seventh_character_names_the_extensions(catalog):
    report = check_codes(catalog, ["S06.0X0"])
    [finding] = report.findings
    assert (finding.kind, finding.level) == ("seventh_character", "error")
    assert finding.related == ["S06.0X0A", "S06.0X0D", "S06.0X0S"]
    assert finding.message.startswith("7th character missing")
    assert "S06.0X0A initial encounter" in finding.message


def test_seventh_character_follows_the_children_not_the_letters(catalog):
    """S06 takes only A when the 6th character is 7 (death before regaining consciousness)."""
    [finding] = check_codes(catalog, ["S06.1X7"]).findings
    assert finding.related == ["S06.1X7A"]


def test_non_billable_code_names_its_children(catalog):
    [finding] = [f for f in check_codes(catalog, ["I50.2"]).findings if f.level == "error"]
    assert finding.kind == "not_billable"
    assert finding.message == "not billable: choose one of I50.20, I50.21, I50.22, I50.23"


def test_unknown_code_and_placeholder_suggestion(catalog):
    report = check_codes(catalog, ["XYZ12", "S3011A"])
    unknown = kinds(report)["unknown"]
    assert [f.code for f in unknown] == ["XYZ12", "S3011A"]
    assert all(f.level == "error" for f in unknown)
    assert unknown[1].related == ["S30.11XA"]
    assert report.codes[0].code is None and report.codes[0].status == "unknown"


def test_terminated_heading_duplicate_and_unshipped_cpt(catalog):
    found = kinds(check_codes(catalog, ["G6030", "0DT", "E11.9", "e119", "0016T"]))
    assert found["terminated"][0].code == "G6030" and "2015-12-31" in found["terminated"][0].message
    assert found["heading"][0].code == "0DT" and "table heading" in found["heading"][0].message
    assert found["duplicate"][0].level == "warning"
    assert found["cpt_not_shipped"][0].level == "warning"


def test_deleted_icd_code_names_its_successors(catalog):
    [finding] = check_codes(catalog, ["S30.1XXA"]).findings
    assert (finding.kind, finding.level) == ("terminated", "error")
    assert finding.message.startswith("deleted after FY2025")
    assert finding.related == ["S30.11XA", "S30.12XA", "S30.13XA"]


def test_legacy_icd9_code_is_an_error_with_its_mapping(catalog):
    [finding] = check_codes(catalog, ["401.9"]).findings
    assert (finding.kind, finding.level) == ("legacy", "error")
    assert "September 30, 2015" in finding.message and finding.related == ["I10"]
    # Written without the dot, 25000 is CPT (and ICD-9-CM 250.00 is named as the other reading).
    report = check_codes(catalog, ["25000"])
    assert report.codes[0].system == "cpt"
    assert [f.kind for f in report.findings] == ["ambiguous"]


def test_code_in_two_systems_read_by_its_neighbours(catalog):
    with_diagnoses = check_codes(catalog, ["H2021", "E11.9"])
    assert with_diagnoses.codes[0].system == "icd10cm" and with_diagnoses.codes[0].code == "H20.21"
    assert kinds(with_diagnoses)["ambiguous"][0].related == ["H2021"]
    with_procedure = check_codes(catalog, ["H2021", "99213"])
    assert with_procedure.codes[0].system == "hcpcs"
    assert "ambiguous" not in kinds(check_codes(catalog, ["H20.21", "99213"]))


def test_use_additional_code_satisfied_by_a_code_in_a_range(catalog):
    """E66 asks for a BMI code (Z68.1-Z68.45): Z68.41 satisfies it, nothing else does."""
    assert "use_additional" in kinds(check_codes(catalog, ["E66.01"]))
    notes = kinds(check_codes(catalog, ["E66.01", "Z68.41"])).get("use_additional", [])
    assert not [f for f in notes if "Z68" in f.message]


def test_code_first_instruction_and_its_sequence(catalog):
    found = kinds(check_codes(catalog, ["I50.9"]))
    assert found["code_first"][0].level == "note" and "I11.0" in found["code_first"][0].message
    found = kinds(check_codes(catalog, ["I50.9", "I11.0"]))
    assert found["sequence"][0].related == ["I11.0"] and "code_first" not in found
    found = kinds(check_codes(catalog, ["I11.0", "I50.9"]))
    assert "sequence" not in found and "code_first" not in found


def test_cc_mcc_and_hcc_summary(catalog):
    report = check_codes(catalog, ["I50.23", "I50.21", "E87.1", "E11.22"])
    summary = report.summary
    assert summary["mcc"] == ["I50.23", "I50.21"] and summary["cc"] == ["E87.1"]
    hccs = {entry["hcc"]: entry["codes"] for entry in summary["hcc_v28"]}
    assert hccs["224"] == ["I50.23"] and hccs["225"] == ["I50.21"] and hccs["37"] == ["E11.22"]
    # I50.21's CC-exclusion list holds I50.23: with it as principal, I50.21 is no MCC.
    assert summary["cc_excluded"] == ["I50.21"]
    assert kinds(report)["cc_excluded"][0].related == ["I50.23"]
    # The V28 hierarchy: acute on chronic heart failure (224) drops acute (225), and
    # neither is dropped by a category not in the list.
    dropped = {entry["hcc"]: entry["dropped_by"] for entry in summary["hcc_v28"]}
    assert dropped["225"] == ["224"] and dropped["224"] == [] and dropped["37"] == []
    assert "225 Acute Heart Failure (Excludes Acute on Chronic) (I50.21) — dropped by the " \
           "hierarchy under HCC 224" in summary_line(summary)


def test_hcc_hierarchy_is_the_cms_table(catalog):
    """Diabetes with chronic complications (37) drops diabetes without (38); with both coded
    only 37 counts."""
    hierarchy = catalog.hcc_hierarchy("hcc_v28")
    assert "38" in hierarchy["37"] and "37" not in hierarchy.get("38", [])
    summary = check_codes(catalog, ["E11.9", "E11.22"]).summary
    assert {e["hcc"]: e["dropped_by"] for e in summary["hcc_v28"]} == {"37": [], "38": ["37"]}


# -- the command line ----------------------------------------------------------------------


def test_cli_lines_and_exit_1_on_findings(run):
    done = run("check", "E11.9", "E10.9", "S06.0X0", "I50.2", "XYZ12")
    assert done.returncode == 1, done.stderr
    lines = [LINE.match(line) for line in done.stdout.splitlines()]
    assert all(lines), done.stdout
    said = {(m["code"], m["level"]) for m in lines}
    assert {("E11.9", "warning"), ("S06.0X0", "error"), ("I50.2", "error"),
            ("XYZ12", "error")} <= said
    assert "I50.2: error: not billable: choose one of I50.20, I50.21, I50.22, I50.23" in done.stdout
    assert lines[-1]["code"] == "summary" and lines[-1]["level"] == "info"
    assert "HCC V28: 38 " in lines[-1]["message"]
    assert "5 codes checked" in done.stderr


def test_cli_clean_list_exits_0(run):
    done = run("check", "E11.9", "Z79.84")
    assert done.returncode == 0, done.stdout + done.stderr
    assert all(LINE.match(line)["level"] in ("note", "info") for line in done.stdout.splitlines())


def test_cli_reads_standard_input(run):
    done = run("check", "-", stdin="E11.9, E10.9\n\nS06.0X0  \n")
    assert done.returncode == 1
    assert "E11.9: warning: Excludes1 conflict with E10.9" in done.stdout
    assert "S06.0X0: error: 7th character missing" in done.stdout


def test_cli_json_shape(run):
    done = run("check", "--json", "E11.9", "E10.9", "nope")
    assert done.returncode == 1
    data = json.loads(done.stdout)
    assert set(data) == {"codes", "findings", "summary"}
    assert [c["input"] for c in data["codes"]] == ["E11.9", "E10.9", "nope"]
    assert data["codes"][0]["system"] == "icd10cm" and data["codes"][2]["code"] is None
    for finding in data["findings"]:
        assert set(finding) == {"code", "level", "kind", "message", "related"}
    assert {"mcc", "cc", "hcc_v28", "counts"} <= set(data["summary"])
    assert done.stdout.count("\n") == 1


@pytest.mark.parametrize("args,stdin", [(("check",), None), (("check", "-"), ""),
                                        (("check", "-"), " ,\n"), (("check", "--json"), None)])
def test_cli_usage_errors_exit_2(run, args, stdin):
    done = run(*args, stdin=stdin)
    assert done.returncode == 2
    assert done.stdout == "" and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_cli_hostile_input_is_shown_literally(run):
    """A code with terminal escapes is an unknown code, its escapes printed as text."""
    done = run("check", "E11.9", "\x1b]0;pwned\x07\x1b[31mE10")
    assert done.returncode == 1
    assert "\x1b" not in done.stdout + done.stderr and "\x07" not in done.stdout
    assert "\\x1b]0;pwned\\x07\\x1b[31mE10: error: unknown code" in done.stdout
    data = json.loads(run("check", "--json", "\x9b2J").stdout)
    assert data["codes"][0]["input"] == "\x9b2J"


def test_a_cc_exclusion_beyond_the_listed_links_is_found(catalog):
    """N17.9's CC-exclusion list holds 301 principal diagnoses; its page links only the
    first 60 entries, but the check reads the whole list."""
    level, list_id, excluded = catalog.cc_exclusion("icd10cm", "N17.9")
    assert level == "CC" and len(excluded) > 60
    principal = excluded[-1]
    report = check_codes(catalog, [principal, "N17.9"])
    [finding] = [f for f in report.findings if f.kind == "cc_excluded"]
    assert finding.code == "N17.9" and finding.related == [principal]
    assert f"list {list_id}" in finding.message


def test_date_of_service_is_checked_per_code(catalog, run):
    # S30.11XA came in FY2026 (October 1, 2025); S30.1XXA, which it replaced, ended with FY2025.
    report = check_codes(catalog, ["S30.11XA", "E11.9"], date(2025, 6, 1))
    dated = [f for f in report.findings if f.kind == "date_of_service"]
    assert [(f.code, f.level) for f in dated] == [("S30.11XA", "error")]
    assert not [f for f in check_codes(catalog, ["S30.11XA", "E11.9"], date(2025, 12, 1)).findings
                if f.kind == "date_of_service"]
    done = run("check", "--date", "2025-06-01", "S30.11XA")
    assert done.returncode == 1 and "S30.11XA: error:" in done.stdout
    bad = run("check", "--date", "2025-02-30", "E11.9")
    assert bad.returncode == 2 and bad.stderr.startswith("codetui check: bad date")
