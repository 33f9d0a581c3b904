"""The command line while another process seeds, and repeated CPT imports."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"


@pytest.fixture
def env(tmp_path):
    return dict(os.environ, CODETUI_DB=str(tmp_path / "store"), CODETUI_DATA=str(FIXTURE),
                CODETUI_USER_DIR=str(tmp_path / "user"))


def test_a_command_waiting_for_another_seed_says_so(env, tmp_path):
    root = tmp_path / "store"
    root.mkdir()
    with open(root / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # another process is seeding
        waiting = subprocess.Popen([sys.executable, "-m", "codetui", "show", "K0001"], env=env,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        os.set_blocking(waiting.stderr.fileno(), False)
        said = b""
        deadline = time.monotonic() + 30
        while b"waiting for another codetui" not in said and time.monotonic() < deadline:
            said += waiting.stderr.read() or b""
            time.sleep(0.05)
        assert b"waiting for another codetui process to finish seeding" in said
        assert waiting.poll() is None  # still waiting while the lock is held
    out, _err = waiting.communicate(timeout=120)
    assert waiting.returncode == 0 and b"Standard wheelchair" in out


def _import(env, path: Path, *extra: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "codetui", "import", "cpt", *extra, str(path)],
                          env=env, capture_output=True, text=True, timeout=120)


def _saved(tmp_path) -> dict:
    return json.loads((tmp_path / "user" / "cpt-descriptors.json").read_text())["descriptors"]


def test_a_second_import_keeps_the_first_ones_codes_unless_told_to_replace(env, tmp_path):
    first, second = tmp_path / "a.txt", tmp_path / "b.txt"
    first.write_text("47542\tFirst text A\n47541\tFirst text B\n")
    second.write_text("47542\tSecond text A\n")
    assert _import(env, first).returncode == 0
    done = _import(env, second)
    assert done.returncode == 0, done.stderr
    assert "kept 1 codes from an earlier import" in done.stdout
    assert _saved(tmp_path) == {"47542": "Second text A", "47541": "First text B"}
    assert _import(env, second, "--replace").returncode == 0
    assert _saved(tmp_path) == {"47542": "Second text A"}


def test_a_huge_descriptor_is_cut_and_reported(env, tmp_path):
    huge = tmp_path / "huge.txt"
    huge.write_text("47542\t" + "x" * 4_000_000 + "\n")
    done = _import(env, huge)
    assert done.returncode == 0, done.stderr
    assert "the first 2,000 were kept" in done.stderr
    assert len(_saved(tmp_path)["47542"]) <= 2001
    shown = subprocess.run([sys.executable, "-m", "codetui", "show", "--json", "47542"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert shown.returncode == 0, shown.stderr
    official = [s for s in json.loads(shown.stdout)["sections"] if s["heading"].startswith("Official")]
    assert len(official[0]["text"]) <= 2001
