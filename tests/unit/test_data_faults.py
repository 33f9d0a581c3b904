"""Faults in a data folder: a bad PCS table, an alias bomb, links to nothing, control and
non-UTF-8 bytes, a key given twice. `validate` reports each in one line naming file and line
(never a traceback), and the other commands refuse the data the same way or skip the link."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BOMB = """synonyms:
  - &a {words: ["x"], means: ["y"]}
  - &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]
  - &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]
  - &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]
  - &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]
  - &f [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]
  - &g [*f, *f, *f, *f, *f, *f, *f, *f, *f, *f]
  - &h [*g, *g, *g, *g, *g, *g, *g, *g, *g, *g]
"""


def run(data: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, CODETUI_DATA=str(data), CODETUI_DB=str(tmp_path / "store"),
               CODETUI_USER_DIR=str(tmp_path / "user"))
    return subprocess.run([sys.executable, "-m", "codetui", *args], env=env, capture_output=True,
                          text=True, timeout=120)


def refused(done: subprocess.CompletedProcess, where: str, line: int | None = None) -> str:
    """The one line that reports the problem; checks exit status and no traceback."""
    assert done.returncode == 1, (done.stdout, done.stderr)
    text = (done.stdout + done.stderr).strip()
    assert "Traceback" not in text
    line_of_problem = next(l for l in text.splitlines() if where in l)
    if line is not None:
        assert f"{where}:{line}:" in line_of_problem, line_of_problem
    return line_of_problem


def test_a_pcs_table_with_bad_rows_is_reported_not_a_traceback(fixture_data, tmp_path):
    path = fixture_data / "icd10pcs" / "0D.yaml"
    text = path.read_text()
    head, _rows = text.split("  rows:\n", 1)
    path.write_text(head + "  rows: oops\n  titles: {}\n")
    message = refused(run(fixture_data, tmp_path, "validate"), "0D.yaml", 5)
    assert "rows" in message
    refused(run(fixture_data, tmp_path, "search", "appendix"), "0D.yaml")


def test_an_alias_bomb_is_refused_before_it_expands(fixture_data, tmp_path):
    (fixture_data / "bomb.yaml").write_text(BOMB)
    message = refused(run(fixture_data, tmp_path, "validate"), "bomb.yaml", 2)
    assert "aliases" in message
    refused(run(fixture_data, tmp_path, "search", "x"), "bomb.yaml")


@pytest.mark.parametrize("target", ["nowhere.yaml", ".#loop.yaml"], ids=["dangling", "looping"])
def test_a_yaml_link_to_no_file_is_named_and_skipped(fixture_data, tmp_path, target):
    link = fixture_data / "pages" / ".#loop.yaml"
    link.symlink_to(fixture_data / "pages" / target)
    checked = run(fixture_data, tmp_path, "validate")
    assert checked.returncode == 0, checked.stderr
    assert "skipped" in checked.stderr and ".#loop.yaml" in checked.stderr
    assert "Traceback" not in checked.stderr
    shown = run(fixture_data, tmp_path, "show", "K0001")
    assert shown.returncode == 0 and "Traceback" not in shown.stderr, shown.stderr


@pytest.mark.parametrize("raw, what", [(b"\x00", "control character"), (b"\x1b", "control character"),
                                       (b"\xff", "not UTF-8")], ids=["NUL", "ESC", "0xFF"])
def test_control_and_non_utf8_bytes_are_reported_with_their_line(fixture_data, tmp_path, raw, what):
    path = fixture_data / "hcpcs" / "H.yaml"
    lines = path.read_bytes().split(b"\n")
    lines[4] = lines[4].replace(b"Community", b"Commu" + raw + b"nity")
    path.write_bytes(b"\n".join(lines))
    message = refused(run(fixture_data, tmp_path, "validate"), "H.yaml", 5)
    assert what in message


def test_a_key_given_twice_is_reported_with_its_line(fixture_data, tmp_path):
    path = fixture_data / "hcpcs" / "H.yaml"
    lines = path.read_text().split("\n")
    lines.insert(5, "    title: A second title")
    path.write_text("\n".join(lines))
    message = refused(run(fixture_data, tmp_path, "validate"), "H.yaml", 6)
    assert "twice" in message
