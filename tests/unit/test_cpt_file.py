"""Tests of the reader for a user's licensed CPT descriptor file (invented test text)."""

from __future__ import annotations

from pathlib import Path

import pytest

from codetui.cpt_file import is_cpt_code, parse_cpt_file, parse_cpt_lines

FIXTURES = Path(__file__).parents[1] / "fixtures" / "cpt"


def test_clean_file_with_header():
    rows, problems = parse_cpt_file(FIXTURES / "clean.txt")
    assert problems == []
    assert [code for code, _ in rows] == ["10001", "0001U", "1234F", "0042T", "0123M"]
    assert rows[0] == ("10001", "Test descriptor one for an invented procedure")


def test_messy_file_good_rows_import_and_problems_name_lines():
    rows, problems = parse_cpt_file(FIXTURES / "messy.txt")
    assert rows == [
        ("10001", "Test descriptor one"),
        ("10003", "Test descriptor with café in latin-1"),
        ("10004", "Test descriptor with naïve in UTF-8"),
        ("0002U", "Test descriptor, quoted"),
    ]
    assert len(problems) == 7
    assert problems[0].startswith("line 4: bad code format '1000'")
    assert problems[1] == "line 5: code 10002 has no descriptor (expected code<TAB>descriptor)"
    assert problems[2] == "line 7: duplicate code 10001 (first on line 2; that one is kept)"
    assert problems[3].startswith("line 8: bad code format 'A1234'")
    assert problems[4].startswith("line 10: code 10005 has no descriptor")
    assert problems[5].startswith("line 11: code 10006 has 3 tab-separated fields")
    assert problems[6].startswith("line 13: bad code format '12345X'")
    assert all("\n" not in p for p in problems)


def test_bom_header_is_skipped_not_reported():
    rows, problems = parse_cpt_lines(["\ufeffCPT\tDESCRIPTOR", "99999\tTest text"])
    assert rows == [("99999", "Test text")] and problems == []


def test_first_line_with_digits_is_data_not_header():
    rows, problems = parse_cpt_lines(["9999\tTest text", "99998\tTest text"])
    assert rows == [("99998", "Test text")]
    assert problems[0].startswith("line 1: bad code format")


def test_only_first_line_can_be_a_header():
    rows, problems = parse_cpt_lines(["", "Code\tDescriptor", "Code\tDescriptor"])
    assert rows == [] and problems[0].startswith("line 3: bad code format 'Code'")


def test_cr_only_line_ends(tmp_path):
    path = tmp_path / "mac.txt"
    path.write_bytes(b"99997\tTest a\r99996\tTest b\r")
    assert parse_cpt_file(path) == ([("99997", "Test a"), ("99996", "Test b")], [])


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert parse_cpt_file(path) == ([], [])


def test_missing_file_raises(tmp_path):
    with pytest.raises(OSError):
        parse_cpt_file(tmp_path / "nope.txt")


def test_long_bad_code_is_shortened():
    _, problems = parse_cpt_lines(["1\tx", "x" * 60 + "\ty"])
    assert len(problems[1]) < 200 and "…" in problems[1]


@pytest.mark.parametrize("code, ok", [
    ("99213", True), ("0001U", True), ("1234F", True), ("0042T", True), ("0123M", True),
    ("1234", False), ("123456", False), ("1234X", False), ("A1234", False), ("12a4F", False),
    ("", False)])
def test_is_cpt_code(code, ok):
    assert is_cpt_code(code) is ok
