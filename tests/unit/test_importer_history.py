"""The ICD-10-CM history importer on excerpts of the four real releases
(tests/fixtures/history/: categories A77, B37, S30 and T78 of each)."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetui.importers import history

FIXTURES = Path(__file__).parents[1] / "fixtures" / "history"


@pytest.fixture(scope="module")
def releases() -> dict[str, history.Release]:
    return {
        "FY2021": history.parse_order_file((FIXTURES / "order-2021.txt").read_text()),
        "FY2024": history.parse_code_titles((FIXTURES / "codes-2024.txt").read_text()),
        "FY2025": history.parse_tabular((FIXTURES / "tabular-2025.xml").read_bytes(),
                                        (FIXTURES / "code-list-2025.txt").read_text()),
        "FY2026": history.parse_tabular((FIXTURES / "tabular-2026.xml").read_bytes(),
                                        (FIXTURES / "code-list-2026.txt").read_text()),
    }


@pytest.fixture(scope="module")
def compared(releases):
    return history.compare(releases)


def test_each_release_is_read_with_codes_titles_and_billable_flags(releases):
    assert releases["FY2021"]["S301XXA"] == ("S30.1XXA", "Contusion of abdominal wall, initial encounter", True)
    assert releases["FY2021"]["S301"][2] is False
    assert releases["FY2024"]["A7741"] == ("A77.41", "Ehrlichiosis chafeensis [E. chafeensis]", True)
    assert releases["FY2025"]["S301XXA"][2] and "S3011XA" not in releases["FY2025"]
    assert releases["FY2026"]["S3011XA"][2] and "S301XXA" not in releases["FY2026"]


def test_a_deleted_code_is_a_terminated_entry_pointing_to_its_expansion(compared):
    _facts, deleted = compared
    entry = next(e for e in deleted if e["code"] == "S30.1XXA")
    assert entry == {
        "code": "S30.1XXA", "title": "Contusion of abdominal wall, initial encounter",
        "kind": "code", "billable": False, "parent": "S30.1", "status": "terminated",
        "releases": ["FY2021", "FY2024", "FY2025"],
        "replaced_by": ["S30.11XA", "S30.12XA", "S30.13XA"]}
    # Placeholder X's may take any character; the 7th character stays.
    t78 = next(e for e in deleted if e["code"] == "T78.1XXD")
    assert t78["replaced_by"] == ["T78.110D", "T78.111D", "T78.119D", "T78.120D", "T78.121D",
                                  "T78.129D", "T78.19XD"]
    assert sorted(e["code"] for e in deleted) == [
        f"{stem}{seventh}" for stem in ("S30.1XX", "T78.07X", "T78.08X", "T78.1XX")
        for seventh in "ADS"]


def test_facts_say_when_codes_came_changed_title_or_stopped_being_billable(compared):
    facts, _deleted = compared
    by_fact = {(f["fact"], f["value"]): f["codes"].split() for f in facts}
    assert by_fact[("added_in", "FY2024")] == ["B37.31", "B37.32"]
    assert "S30.11XA" in by_fact[("added_in", "FY2026")]
    assert "A77.41" not in {c for (fact, _), codes in by_fact.items() if fact == "added_in" for c in codes}
    assert by_fact[("title_was", "FY2025: Ehrlichiosis chafeensis [E. chafeensis]")] == ["A77.41"]
    # B37.3 was a code in FY2021 and a heading (over B37.31, B37.32) from FY2024.
    assert by_fact[("billable_in", "FY2021")] == ["B37.3"]


@pytest.mark.parametrize("key, expected", [
    ("S301XXA", ["S30.11XA", "S30.12XA"]),       # placeholders become digits
    ("T407X6A", ["T40.716A"]),                    # a placeholder in the middle
    ("B373", ["B37.31"]),                         # an expanded code without a 7th character
    ("S301XXD", []),                              # nothing new below: no direct successor
])
def test_successors_come_from_the_hierarchy(key, expected):
    last = {"S301XXA": ("S30.1XXA", "", True), "S3011XD": ("S30.11XD", "", True)}
    newest = {k.replace(".", ""): (k, "", True)
              for k in ("S30.11XA", "S30.12XA", "S30.11XD", "S30.2XXA", "T40.716A", "T40.715A",
                        "B37.31", "B37.4")}
    newest["S301"] = ("S30.1", "", False)
    assert history.successors(key, last, newest) == expected


def test_titles_differing_only_in_accents_or_spacing_are_the_same():
    assert history.same_title("Sjogren  syndrome", "Sjögren syndrome")
    assert not history.same_title("Rumination disorder of infancy",
                                  "Rumination disorder of infancy and childhood")


def test_the_order_file_columns():
    line = ("00001 A000    1 Cholera due to Vibrio cholerae 01, biovar cholerae"
            "           Cholera due to Vibrio cholerae 01, biovar cholerae")
    assert history.parse_order_file(line) == {
        "A000": ("A00.0", "Cholera due to Vibrio cholerae 01, biovar cholerae", True)}


def test_history_is_an_importer_after_the_code_facts():
    from codetui.importers.__main__ import IMPORTERS

    assert IMPORTERS.index("history") == IMPORTERS.index("hcc") + 1


def test_pcs_releases_compared():
    fy2024 = {"0SG604Z": "Fusion of Coccygeal Joint ...", "XW033N5": "Introduction ... New Technology Group 5",
              "0DTJ4ZZ": "Resection of Appendix, Percutaneous Endoscopic Approach"}
    fy2025 = {"0SG604Z": "composed", "0DTJ4ZZ": "composed", "00H005Z": "composed"}
    fy2026 = {"0DTJ4ZZ": "composed", "00H005Z": "composed", "XW033NA": "composed", "0SG704Z": "x"}
    facts, deleted = history.compare_pcs(fy2024, fy2025, fy2026)
    assert facts == [{"fact": "added_in", "value": "FY2025", "codes": "00H005Z"},
                     {"fact": "added_in", "value": "FY2026", "codes": "0SG704Z XW033NA"}]
    assert [(d["code"], d["title"], d["releases"], d["replaced_by"], d["parent"]) for d in deleted] == [
        ("0SG604Z", "Fusion of Coccygeal Joint ...", ["FY2024", "FY2025"], [], "0SG"),
        ("XW033N5", "Introduction ... New Technology Group 5", ["FY2024"], ["XW033NA"], "XW0")]
