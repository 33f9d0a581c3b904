"""Code history and dates of service on the full bundled data (data/history/, generated from
ICD-10-CM FY2021, FY2024, FY2025 and FY2026).

Counts, FY2025 -> FY2026: ../shared/data/README.md says "12 codes deleted, 614 entries
added". It compares the code lists line by line, at every level: the 12 are the codes that
left the tabular (S30.1XX-, T78.07X-, T78.08X-, T78.1XX-), and the 614 new lines are 487 new
billable codes plus 127 new headings (S30.11, T78.07 became headings over new codes, ...).
codetui's history is about billable codes, so ``changes FY2025 FY2026`` lists 487 codes
added and 28 codes no longer billable: those 12 deleted, and 16 codes that stayed as headings
over new, more specific codes (G35 -> G35.A ..., R10.2 -> R10.20 ...).
"""

from __future__ import annotations

import json

import pytest

from codetui.page import LinkKind

DELETED_FY2026 = [f"{stem}{seventh}" for stem in ("S30.1XX", "T78.07X", "T78.08X", "T78.1XX")
                  for seventh in "ADS"]


def _history(page) -> list[str]:
    [section] = [s for s in page.sections if s.heading == "History"]
    return section.items


def test_a_code_deleted_in_fy2026_is_marked_and_points_to_its_expansion(catalog):
    page = catalog.page_for("S30.1XXA")
    assert page.status == "terminated"
    assert page.status_line() == ("Deleted after FY2025: not valid for services from "
                                  "October 1, 2025")
    assert _history(page)[0] == "Deleted after FY2025 - replaced by S30.11XA, S30.12XA, S30.13XA"
    [section] = [s for s in page.sections if s.heading == "History"]
    assert [(link.code, link.kind) for link in section.links] == [
        (code, LinkKind.REPLACED_BY) for code in ("S30.11XA", "S30.12XA", "S30.13XA")]
    # The successors are the FY2026 codes below S30.1 with the same 7th character.
    below = [c for sub in catalog.page_for("S30.1").links() if sub.kind == LinkKind.CHILD
             for c in [f"{sub.code}XA"] if catalog.title_of("icd10cm", c)]
    assert below == ["S30.11XA", "S30.12XA", "S30.13XA"]
    # Its old parent lists it apart, as deleted, not among the codes to choose.
    parent = catalog.page_for("S30.1")
    [deleted] = [s for s in parent.sections if s.heading == "Deleted codes that were here"]
    assert [link.code for link in deleted.links] == ["S30.1XXA", "S30.1XXD", "S30.1XXS"]


def test_deleted_codes_stay_findable_and_marked(run):
    result = run("search", "S301XXA")
    assert result.returncode == 0
    assert "S30.1XXA" in result.stdout and "terminated" in result.stdout
    rows = json.loads(run("search", "--json", "S30.1", "--limit", "50").stdout)
    marked = {row["code"]: row for row in rows if row["code"] in DELETED_FY2026[:3]}
    assert len(marked) == 3
    shown = run("show", "T78.1XXA")
    assert "Deleted after FY2025 - replaced by T78.110A, T78.111A" in shown.stdout


def test_history_lines_of_current_codes(catalog):
    assert _history(catalog.page_for("S30.11XA")) == ["New in FY2026 (not in FY2021, FY2024, FY2025)"]
    assert _history(catalog.page_for("I10")) == [
        "In every release since FY2021 (FY2021, FY2024, FY2025, FY2026)"]
    assert _history(catalog.page_for("A77.41")) == [
        "In every release since FY2021 (FY2021, FY2024, FY2025, FY2026)",
        "Title changed in FY2025 (was: Ehrlichiosis chafeensis [E. chafeensis])"]
    # G35 was a code until FY2025; FY2026 made it a heading over G35.A ... G35.D.
    assert _history(catalog.page_for("G35"))[0].startswith(
        "A billable code in FY2021, FY2024, FY2025; a heading since FY2026")


@pytest.mark.parametrize("code, day, valid, words", [
    ("S30.11XA", "2025-06-01", False, "not yet a code in FY2025"),
    ("S30.11XA", "2025-11-01", True, "April 1, 2026 if it came in the April update"),
    ("S30.11XA", "2026-06-01", True, "a billable code in FY2026"),
    ("S30.1XXA", "2025-06-01", True, "a billable code in FY2025"),
    ("S30.1XXA", "2026-06-01", False, "deleted after FY2025"),
    ("S30.1XXA", "2022-06-01", None, "a year codetui has no ICD-10-CM release for"),
    ("S30.1XXA", "2014-06-01", False, "from October 1, 2015"),
    ("I10", "2027-01-01", None, "after FY2026"),
    ("G35", "2026-01-15", False, "a heading over more specific codes"),
    ("A4397", "2021-06-01", True, "terminated 2021-12-31"),
    ("A4397", "2024-01-01", False, "terminated on 2021-12-31"),
])
def test_show_date_says_whether_a_code_was_valid(run, code, day, valid, words):
    result = run("show", code, "--date", day, "--json")
    assert result.returncode == 0, result.stderr
    dated = json.loads(result.stdout)["date_of_service"]
    assert (dated["date"], dated["valid"]) == (day, valid)
    assert words in dated["message"]
    text = run("show", code, "--date", day).stdout
    assert text.startswith(f"Date of service: {dated['message']}\n")


@pytest.mark.parametrize("args, message", [
    (("show", "I10", "--date", "2025-13-01"), "codetui show: bad date '2025-13-01': no such day\n"),
    (("show", "I10", "--date", "June 1"), "codetui show: bad date 'June 1': write it as YYYY-MM-DD (2025-06-01)\n"),
    (("changes", "FY2023", "FY2026"), "codetui changes: unknown release 'FY2023': codetui has "
                                      "ICD-10-CM FY2021, FY2024, FY2025, FY2026\n"),
    (("changes", "FY2026", "FY2025"), "codetui changes: FROM (FY2026) must be an older release "
                                      "than TO (FY2025)\n"),
])
def test_a_bad_date_or_release_is_one_line_and_exit_2(run, args, message):
    result = run(*args)
    assert (result.returncode, result.stdout, result.stderr) == (2, "", message)


def test_changes_fy2025_to_fy2026(run):
    result = run("changes", "FY2025", "FY2026", "--json")
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout)
    deleted = [item["code"] for item in found["deleted"] if item["now"] == "deleted"]
    expanded = [item["code"] for item in found["deleted"] if item["now"] == "heading"]
    assert sorted(deleted) == DELETED_FY2026
    assert len(expanded) == 16 and "G35" in expanded and "R10.2" in expanded
    assert len(found["added"]) == 487
    assert {"code": "S30.11XA", "title": "Contusion of abdominal wall, initial encounter"} \
        in found["added"]
    [s301] = [item for item in found["deleted"] if item["code"] == "S30.1XXA"]
    assert s301["replaced_by"] == ["S30.11XA", "S30.12XA", "S30.13XA"]
    assert len(found["retitled"]) == 38
    text = run("changes", "fy2025", "2026").stdout
    assert text.splitlines()[0] == ("ICD-10-CM FY2025 -> FY2026: 487 codes added, 28 no longer "
                                    "billable (12 deleted, 16 now headings over new codes), "
                                    "38 retitled")


def test_changes_over_several_releases_add_up(run):
    found = json.loads(run("changes", "FY2021", "FY2026", "--json").stdout)
    assert len(found["added"]) == 2510
    assert sum(item["now"] == "deleted" for item in found["deleted"]) == 284
    # A code retitled between two releases shows its title in each.
    [a7741] = [item for item in found["retitled"] if item["code"] == "A77.41"]
    assert a7741["was"] == "Ehrlichiosis chafeensis [E. chafeensis]"


def test_pcs_history(catalog, run):
    deleted = catalog.page_for("0SG604Z")
    assert deleted.status == "terminated"
    assert _history(deleted) == ["Deleted after FY2025 - no direct successor", "In FY2024, FY2025"]
    # A New Technology code whose qualifier changed: the new code is its successor.
    assert _history(catalog.page_for("XW033F6"))[0] == "Deleted after FY2025 - replaced by XW033FB"
    assert _history(catalog.page_for("00H033J")) == ["New in FY2026 (not in FY2024, FY2025)"]
    assert _history(catalog.page_for("0DTJ4ZZ")) == [
        "In every release since FY2024 (FY2024, FY2025, FY2026)"]
    dated = json.loads(run("show", "00H033J", "--date", "2025-06-01", "--json").stdout)
    assert dated["date_of_service"]["valid"] is False
    found = json.loads(run("changes", "--system", "icd10pcs", "FY2025", "FY2026", "--json").stdout)
    assert (len(found["added"]), len(found["deleted"])) == (206, 39)
    assert run("changes", "--system", "icd10pcs", "FY2021", "FY2026").stderr == (
        "codetui changes: unknown release 'FY2021': codetui has ICD-10-PCS FY2024, FY2025, FY2026\n")
