"""Code history on the small fixture data (a history facts file and a deleted code added to
tests/fixtures/data) and the date-of-service and changes logic of codetui.codehistory."""

from __future__ import annotations

from datetime import date

import pytest

from codetui import codehistory
from codetui.catalog import Catalog
from codetui.page import LinkKind
from codetui.seed import validate_data

FACTS = """\
system: icd10cm
release: ICD-10-CM FY2021, FY2024, FY2025 and FY2026 compared (test)
facts:
- fact: added_in
  value: FY2026
  codes: S06.0X0D
- fact: billable_in
  value: FY2021 FY2024
  codes: S06.0X0
- fact: title_was
  value: 'FY2025: Iridocyclitis, primary'
  codes: H20.21
"""

DELETED = """\
system: icd10cm
release: ICD-10-CM FY2021 to FY2025, codes deleted by FY2026 (test)
entries:
- code: S06.0XXA
  title: Concussion, initial encounter
  kind: code
  billable: false
  parent: S06.0X
  status: terminated
  releases:
  - FY2021
  - FY2024
  - FY2025
  replaced_by:
  - S06.0X0A
"""


@pytest.fixture
def data(fixture_data):
    (fixture_data / "history").mkdir()
    (fixture_data / "history" / "facts.yaml").write_text(FACTS)
    (fixture_data / "history" / "deleted.yaml").write_text(DELETED)
    return fixture_data


@pytest.fixture
def catalog(data, tmp_path) -> Catalog:
    return Catalog.open(db=tmp_path / "store", data_dir=data, user_dir=tmp_path / "user")


def _history(page) -> list[str]:
    [section] = [s for s in page.sections if s.heading == "History"]
    return section.items


def test_history_files_are_valid(data):
    assert [str(p) for p in validate_data(data)] == []


@pytest.mark.parametrize("path, old, new, message", [
    ("deleted.yaml", "  - S06.0X0A\n", "  - S06.0X9A\n", "replaced_by S06.0X9A is not a current billable code"),
    ("deleted.yaml", "  - FY2021\n  - FY2024\n", "  - FY2024\n  - FY2021\n", "'releases' must list, in order"),
    ("deleted.yaml", "  status: terminated\n", "", "belong to terminated ICD-10-CM and ICD-10-PCS codes"),
    ("facts.yaml", "  value: FY2026\n", "  value: FY2023\n", "not one of FY2024, FY2025, FY2026"),
    ("facts.yaml", "  value: 'FY2025: Iridocyclitis, primary'\n", "  value: Iridocyclitis\n",
     "must be 'FYnnnn: <title before that release>'"),
    ("facts.yaml", "  codes: S06.0X0\n", "  codes: S06.0X9\n", "not current ICD-10-CM codes here"),
])
def test_a_bad_history_is_one_line(data, path, old, new, message):
    target = data / "history" / path
    text = target.read_text()
    assert old in text
    target.write_text(text.replace(old, new, 1))
    [problem] = [str(p) for p in validate_data(data)]
    assert problem.startswith(f"{target}:") and message in problem


def test_pages_say_the_history(catalog):
    deleted = catalog.page_for("S06.0XXA")
    assert deleted.status_line() == "Deleted after FY2025: not valid for services from October 1, 2025"
    assert _history(deleted) == ["Deleted after FY2025 - replaced by S06.0X0A",
                                 "In FY2021, FY2024, FY2025"]
    [section] = [s for s in deleted.sections if s.heading == "History"]
    assert [(link.code, link.kind) for link in section.links] == [("S06.0X0A", LinkKind.REPLACED_BY)]
    assert _history(catalog.page_for("S06.0X0A")) == [
        "In every release since FY2021 (FY2021, FY2024, FY2025, FY2026)"]
    assert _history(catalog.page_for("S06.0X0D")) == ["New in FY2026 (not in FY2021, FY2024, FY2025)"]
    assert _history(catalog.page_for("H20.21"))[1] == "Title changed in FY2025 (was: Iridocyclitis, primary)"
    assert _history(catalog.page_for("S06.0X0"))[0].startswith(
        "A billable code in FY2021, FY2024; a heading since FY2025")
    parent = catalog.page_for("S06.0X")
    [below] = [s for s in parent.sections if s.heading == "Codes below this one"]
    [gone] = [s for s in parent.sections if s.heading == "Deleted codes that were here"]
    assert "S06.0XXA" not in [link.code for link in below.links]
    assert [link.code for link in gone.links] == ["S06.0XXA"]


def test_changes_between_releases(catalog):
    rows = catalog.history_rows()
    found = codehistory.changes(rows, "FY2025", "FY2026")
    assert found["added"] == [{"code": "S06.0X0D", "title": catalog.title_of("icd10cm", "S06.0X0D")}]
    assert found["deleted"] == [{"code": "S06.0XXA", "title": "Concussion, initial encounter",
                                 "now": "deleted", "replaced_by": ["S06.0X0A"]}]
    assert found["retitled"] == []
    older = codehistory.changes(rows, "FY2021", "FY2025")
    assert [item["code"] for item in older["deleted"]] == ["S06.0X0"]
    assert older["deleted"][0]["now"] == "heading"
    assert [item["was"] for item in older["retitled"]] == ["Iridocyclitis, primary"]


def _doc(**extra):
    return {"system": "icd10cm", "code": "X00.0", "title": "t", "billable": True, **extra}


@pytest.mark.parametrize("day, doc, valid, words", [
    (date(2025, 9, 30), _doc(facts={"added_in": ["FY2026"]}), False, "not yet a code in FY2025"),
    (date(2025, 10, 1), _doc(facts={"added_in": ["FY2026"]}), True, "if it came in the April update"),
    (date(2026, 4, 1), _doc(facts={"added_in": ["FY2026"]}), True, "a billable code in FY2026 "),
    (date(2023, 1, 1), _doc(), None, "FY2023"),
    (date(2019, 1, 1), _doc(), None, "is in FY2021"),
    (date(2015, 9, 30), _doc(), False, "October 1, 2015"),
    (date(2026, 10, 1), _doc(), None, "after FY2026"),
    (date(2020, 12, 31), _doc(code="Z20.822"), False, "January 1, 2021"),
    (date(2021, 1, 1), _doc(code="Z20.822"), True, "FY2021"),
])
def test_icd10cm_dates_of_service(day, doc, valid, words):
    got, message = codehistory.valid_on(doc, day)
    assert got is valid and words in message


def test_hcpcs_dates_of_service():
    doc = {"system": "hcpcs", "code": "A4397", "fields": {"Added": "1990-01-01", "Terminated": "2021-12-31"}}
    assert codehistory.valid_on(doc, date(1989, 12, 31))[0] is False
    assert codehistory.valid_on(doc, date(2021, 12, 31))[0] is True
    assert codehistory.valid_on(doc, date(2022, 1, 1))[0] is False
    active = {"system": "hcpcs", "code": "E0100", "fields": {"Added": "1986-01-01"}}
    assert codehistory.valid_on(active, date(2026, 6, 1))[0] is None  # after the file's quarter


@pytest.mark.parametrize("text, message", [
    ("2025-02-30", "no such day"), ("2025/06/01", "YYYY-MM-DD"), ("", "YYYY-MM-DD")])
def test_bad_dates(text, message):
    with pytest.raises(ValueError, match=message):
        codehistory.parse_date(text)


def test_release_names():
    assert [codehistory.release_name(t) for t in ("fy2025", "2024", " FY2026 ")] == [
        "FY2025", "FY2024", "FY2026"]
    with pytest.raises(ValueError, match="unknown release 'FY2022'"):
        codehistory.release_name("FY2022")


def test_fiscal_years():
    assert codehistory.fiscal_year(date(2025, 9, 30)) == 2025
    assert codehistory.fiscal_year(date(2025, 10, 1)) == 2026
