"""`codetui validate` and the seed refuse bad data with one line naming file and line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from codetui.seed import validate_data
from codetui.sources import DataError, load_yaml
from codetui.validate import check_group
from tests.conftest import DATA



@pytest.fixture
def data(fixture_data) -> Path:
    return fixture_data


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def _problems(data: Path) -> list[str]:
    return [str(p) for p in validate_data(data)]


def test_fixture_data_is_valid(data):
    assert _problems(data) == []


def test_malformed_yaml_names_file_and_line(data):
    path = data / "hcpcs" / "H.yaml"
    lines = path.read_text().splitlines()
    lines[7] = "    title: [unclosed"
    path.write_text("\n".join(lines) + "\n")
    [problem] = _problems(data)
    assert problem.startswith(f"{path}:")
    assert "malformed YAML" in problem
    line = int(problem.split(":")[1])
    assert 7 <= line <= 10


def test_python_object_tag_is_refused(tmp_path):
    path = tmp_path / "evil.yaml"
    path.write_text("system: cpt\nrelease: x\nentries:\n  - !!python/object/apply:os.system ['echo hacked']\n")
    with pytest.raises(DataError) as caught:
        load_yaml(path)
    assert "python/object" in str(caught.value)
    assert str(caught.value).startswith(f"{path}:4:")


@pytest.mark.parametrize("old,new,expected", [
    ("billable: true\n    parent: null\n    fields:\n      Short description: Com",
     "billable: yes please\n    parent: null\n    fields:\n      Short description: Com",
     "H2021: 'billable' must be true or false"),
    ("  - code: K0001", "  - code: H2021", "duplicate hcpcs code H2021"),
    ("system: hcpcs", "system: snomed", "unknown system 'snomed'"),
    ("    title: Standard wheelchair\n", "    title: ''\n", "K0001: needs a non-empty 'title'"),
    ("    parent: null\n    aliases", "    parent: K9999\n    aliases", "K0001: parent K9999 does not exist"),
])
def test_schema_problems_are_reported_with_file_and_line(data, old, new, expected):
    path = data / "hcpcs" / "H.yaml"
    _edit(path, old, new)
    problems = _problems(data)
    assert any(expected in p for p in problems), problems
    assert all(p.startswith(f"{path}:") for p in problems), problems
    assert all(p.count("\n") == 0 for p in problems)


def test_curated_page_missing_a_section_fails(data):
    path = data / "pages" / "icd10cm-injury.yaml"
    _edit(path, "      - {heading: Treatment, items: [Rest, then a gradual return to activity]}\n", "")
    [problem] = _problems(data)
    assert "missing the section 'Treatment'" in problem
    assert problem.startswith(f"{path}:3:") or problem.startswith(f"{path}:4:")


def test_curated_page_empty_section_fails(data):
    _edit(data / "pages" / "icd10cm-injury.yaml", "items: [Headache, Confusion, Dizziness]", "items: []")
    [problem] = _problems(data)
    assert "section 'Symptoms'" in problem and "non-empty" in problem


def test_similar_code_that_does_not_exist_fails(data):
    _edit(data / "pages" / "icd10cm-injury.yaml", "code: S06.0X0D, note", "code: S06.0X9Z, note")
    [problem] = _problems(data)
    assert "similar code S06.0X9Z (icd10cm) does not exist" in problem


def test_a_page_may_say_why_no_code_is_similar(data, tmp_path):
    """Where no code is a true variant, ``similar_none`` stands in for the list, and the page
    shows it under Similar Codes; without either, the page is refused."""
    path = data / "pages" / "icd10cm-injury.yaml"
    block = ('    similar:\n'
             '      - {code: S06.0X0D, note: "The same injury at a later, healing-phase visit."}\n')
    none = '    similar_none: "No other code is this injury at this visit."\n'
    _edit(path, block, none)
    assert _problems(data) == []
    shown = subprocess.run([sys.executable, "-m", "codetui", "show", "S06.0X0A", "--data",
                            str(data), "--db", str(tmp_path / "store")],
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    assert "Similar Codes" in shown.stdout
    assert "No other code is this injury at this visit." in shown.stdout
    _edit(path, none, "")
    [problem] = _problems(data)
    assert "needs at least one similar code, or 'similar_none'" in problem


def test_similar_none_beside_a_list_or_empty_is_refused(data):
    path = data / "pages" / "icd10cm-injury.yaml"
    _edit(path, "    similar:\n", '    similar_none: ""\n    similar:\n')
    [problem] = _problems(data)
    assert "'similar_none' must be text" in problem
    _edit(path, '    similar_none: ""\n', '    similar_none: "None."\n')
    [problem] = _problems(data)
    assert "either 'similar' codes or 'similar_none'" in problem


@pytest.mark.parametrize("old, new, where", [
    ("    - Report once for the access route, however many punctures it took.",
     "    - Report once for the access route, however many punctures it took, and list each additional duct.",
     "Coding notes"),
    ("    note: Places the access route without dilation.",
     "    note: Places the access route, with or without dilation.", "Similar Codes note"),
    ("  title: Balloon widening of a bile duct through the skin, with imaging (add-on, each duct)",
     "  title: Balloon widening of a bile duct (separate procedure)", "title"),
])
def test_descriptor_phrasing_is_refused_anywhere_in_a_cpt_entry(data, old, new, where):
    """AMA descriptor phrasing is refused wherever a CPT entry holds text, not only in its
    name: the phrase and the place are named."""
    _edit(data / "cpt" / "biliary.yaml", old, new)
    [problem] = _problems(data)
    assert f"the {where} uses the AMA descriptor phrasing" in problem
    assert str(data / "cpt" / "biliary.yaml") in problem


def test_cpt_entry_missing_a_section_fails(data):
    path = data / "cpt" / "biliary.yaml"
    text = path.read_text()
    start = text.index("- heading: Benefits")
    end = text.index("- heading: Recovery")
    path.write_text(text[:start] + text[end:])
    problems = _problems(data)
    assert any("missing the section 'Benefits'" in p for p in problems), problems


def test_validate_command_exit_codes(data):
    ok = subprocess.run([sys.executable, "-m", "codetui", "validate", "--data", str(data)],
                        capture_output=True, text=True, timeout=120)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    _edit(data / "hcpcs" / "H.yaml", "  - code: K0001", "  - code: H2021")
    bad = subprocess.run([sys.executable, "-m", "codetui", "validate", "--data", str(data)],
                         capture_output=True, text=True, timeout=120)
    assert bad.returncode == 1
    assert "duplicate hcpcs code H2021" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_seed_of_bad_data_is_one_line_and_exit_1(data, tmp_path):
    _edit(data / "hcpcs" / "H.yaml", "system: hcpcs", "system: snomed")
    done = subprocess.run([sys.executable, "-m", "codetui", "show", "K0001", "--data", str(data),
                           "--db", str(tmp_path / "store")], capture_output=True, text=True,
                          timeout=120)
    assert done.returncode == 1
    lines = [line for line in done.stderr.splitlines() if not line.startswith("codetui: seeding")]
    assert len(lines) == 1 and "unknown system 'snomed'" in lines[0], done.stderr


def test_a_synonym_meaning_no_title_holds_is_refused(data):
    """The curated everyday phrases promise that each meaning's words occur together in some
    code's title; a meaning none holds would send a search nowhere."""
    _edit(data / "synonyms.yaml", "means: [concussion]", "means: [concussion, qqzz nonsense]")
    problems = _problems(data)
    assert len(problems) == 1
    assert "synonym 'head injury'" in problems[0] and "qqzz nonsense" in problems[0]
    assert "synonyms.yaml:2:" in problems[0]


def test_an_everyday_phrase_in_two_entries_is_refused(data):
    """Search reads a phrase once, with the meanings of every entry holding it; two entries
    for one phrase hide that from whoever edits either. The phrase is compared as search
    reads it: "my head injury" is "head injury"."""
    _edit(data / "synonyms.yaml", "[wheel chair]", "[wheel chair, my head injury]")
    problems = _problems(data)
    assert len(problems) == 1
    assert "synonyms.yaml:3:" in problems[0]
    assert "everyday phrase 'my head injury' is also listed at line 2" in problems[0]


def test_a_group_marked_reporting_takes_only_true_or_false():
    """The ``reporting`` mark (quality-measure codes that search ranks after others) is a
    yes/no field; any other value is named."""
    groups = load_yaml(DATA / "pages/hcpcs-groups.yaml")["groups"]
    group = next(g for g in groups if g["id"] == "quality-reporting-g9")
    assert group["reporting"] is True and check_group(group, "hcpcs") is None
    assert "'reporting' must be true or false" in check_group({**group, "reporting": "yes"}, "hcpcs")


def test_an_abbreviation_may_be_marked_exact_case_and_nothing_else():
    from codetui.validate import check_abbreviation
    assert check_abbreviation({"abbr": "PrEP", "means": ["pre-exposure prophylaxis"],
                               "case": "exact"}) is None
    assert check_abbreviation({"abbr": "PrEP", "means": ["pre-exposure prophylaxis"],
                               "case": "upper"}) == (
        "abbreviation 'PrEP': 'case' can only be 'exact'")
    assert "unknown field 'note'" in check_abbreviation(
        {"abbr": "HF", "means": ["heart failure"], "note": "x"})
