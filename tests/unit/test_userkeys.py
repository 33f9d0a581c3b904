"""The user's keymap file: used when right, ignored as a whole with one clear line when not."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from codetui.userkeys import read_keymap

REPO = Path(__file__).resolve().parents[2]

KNOWN = {"copy-code", "links", "star", "quit"}


def test_no_file_means_the_default_keys(tmp_path):
    assert read_keymap(tmp_path / "keys.yaml", KNOWN) == ({}, None)


def test_ids_map_to_one_or_more_keys(tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_text("# my keys\ncopy-code: ctrl+y\nlinks: 'l, ctrl+l'\nstar: '*'\n")
    assert read_keymap(path, KNOWN) == ({"copy-code": "ctrl+y", "links": "l,ctrl+l",
                                         "star": "*"}, None)


def test_an_empty_file_is_no_keymap(tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_text("# nothing yet\n")
    assert read_keymap(path, KNOWN) == ({}, None)


@pytest.mark.parametrize("text, line, words", [
    ("copy-code: ctrl+y\ncopy-cod: y\n", 2, "did you mean 'copy-code'"),
    ("copy-code: ctrl+y\nlinks: [l]\n", 2, "needs keys such as"),
    ("copy-code: 'ctrl y'\n", 1, "needs keys such as"),
    ("copy-code: ''\n", 1, "needs keys such as"),
    ("copy-code: y\ncopy-code: z\n", 2, "given twice"),
    ("- copy-code\n", 1, "expected lines of the form"),
    ("copy-code: [unclosed\n", 2, ""),
    ("links: ctrl+l\n\tstar: s\n", 2, ""),
])
def test_a_bad_file_gives_one_line_naming_file_and_line_and_the_defaults(tmp_path, text, line, words):
    path = tmp_path / "keys.yaml"
    path.write_text(text)
    keymap, problem = read_keymap(path, KNOWN)
    assert keymap == {}
    assert problem is not None and "\n" not in problem
    assert problem.startswith(f"{path}:{line}: ") and problem.endswith("using the default keys")
    assert words in problem


def test_bytes_that_are_not_text_are_refused(tmp_path):
    path = tmp_path / "keys.yaml"
    path.write_bytes(b"copy-code: \xff\xfe\n")
    keymap, problem = read_keymap(path, KNOWN)
    assert keymap == {} and "not UTF-8" in problem


def _keys_command(tmp_path, text: str | None):
    path = tmp_path / "keys.yaml"
    if text is not None:
        path.write_text(text)
    env = {**os.environ, "CODETUI_KEYS": str(path)}
    return subprocess.run([sys.executable, "-m", "codetui", "keys"], capture_output=True,
                          text=True, env=env, cwd=REPO, timeout=60)


def test_codetui_keys_lists_every_id_with_the_keys_in_force(tmp_path):
    done = _keys_command(tmp_path, "copy-code: ctrl+y\n")
    assert done.returncode == 0, done.stderr
    rows = {line.split()[0]: line.split()[1] for line in done.stdout.splitlines() if line.strip()}
    assert rows["copy-code"] == "ctrl+y" and rows["links"] == "l" and rows["filter-cpt"] == "f3,alt+2"
    assert "keymap file (used)" in done.stderr


def test_codetui_keys_names_a_bad_keymap_and_exits_1(tmp_path):
    done = _keys_command(tmp_path, "copy-cod: x\n")
    assert done.returncode == 1
    assert f"{tmp_path / 'keys.yaml'}:1: no binding has the id 'copy-cod'" in done.stderr
    assert "Traceback" not in done.stderr
