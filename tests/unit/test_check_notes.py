"""`codetui check` without a store: reading the notes' code references, and usage errors."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from codetui.check import note_tests, split_codes


def covered(line: str, *codes: str) -> list[bool]:
    tests = note_tests(line)
    return [any(test(code.replace(".", "")) for test in tests) for code in codes]


def test_split_codes_on_white_space_and_commas():
    assert split_codes(" E11.9,E10.9\n\tS06.0X0A ,, I10 ") == ["E11.9", "E10.9", "S06.0X0A", "I10"]
    assert split_codes(" , \n") == []


@pytest.mark.parametrize("line,codes,expected", [
    ("type 1 diabetes mellitus (E10.-)", ("E10.9", "E10", "E11.9"), [True, True, False]),
    ("heart failure (O00-O07, O08.8)", ("O03.4", "O07.1", "O08.8", "O08.1"),
     [True, True, True, False]),
    ("body mass index (Z68.1-Z68.45) or pediatrics (Z68.5-)",
     ("Z68.41", "Z68.1", "Z68.45", "Z68.54", "Z68.52"), [True, True, True, True, True]),
    ("adults (Z68.1-Z68.45)", ("Z68.41", "Z68.51", "Z67.1"), [True, False, False]),
    ("diabetes mellitus (E08-E13 with .42)", ("E11.42", "E10.42", "E11.9", "E14.42"),
     [True, True, False, False]),
    ("(E08-E13 with .51-.52)", ("E11.51", "E11.52", "E11.59"), [True, True, False]),
    ("(S42.- with 7th character B or C)", ("S42.001B", "S42.001C", "S42.001A"),
     [True, True, False]),
    ("(T36-T65 with fifth or sixth character 1-4)", ("T36.0X1A", "T36.0X5A", "T40.601A"),
     [True, False, True]),
    ("(I69. with final characters -20)", ("I69.320", "I69.321"), [True, False]),
    ("(A37 with fifth-character 1)", ("A37.01", "A37.00"), [True, False]),
])
def test_note_references_with_conditions(line, codes, expected):
    assert covered(line, *codes) == expected


def test_a_condition_codetui_cannot_read_leaves_the_reference_out():
    """Better no finding than a false one: "with open fracture 7th character" is not read."""
    assert note_tests("(S52.- with open fracture 7th character)") == []
    assert note_tests("code to identify control using:") == []


@pytest.mark.parametrize("stdin", [b"", b" , \n", b"\xff\xfeE11.9"])
def test_usage_errors_exit_2_before_any_store_is_opened(tmp_path, stdin):
    env = dict(os.environ, CODETUI_DB=str(tmp_path / "no-store"),
               CODETUI_USER_DIR=str(tmp_path / "u"))
    done = subprocess.run([sys.executable, "-m", "codetui", "check", "-"], input=stdin, env=env,
                          capture_output=True, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stdout == b"" and done.stderr.count(b"\n") == 1 and b"Traceback" not in done.stderr
    assert not (tmp_path / "no-store").exists()


def test_no_codes_at_all_exits_2(tmp_path):
    env = dict(os.environ, CODETUI_DB=str(tmp_path / "no-store"))
    done = subprocess.run([sys.executable, "-m", "codetui", "check"], env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 2 and "no codes to check" in done.stderr
