"""The seed's data check in a second process gives the same store and the same refusals as
the check in the seed's own process, falls back to that when the child fails, and never
outlives a seed that stops."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from codetui import datacheck
from codetui.seed import build_store
from codetui.sources import DataError


def _seed(tmp_path: Path, data: Path, name: str, apart: bool, progress=None) -> dict:
    folder = tmp_path / name
    folder.mkdir()
    return build_store(folder, data, {}, "fp", progress, check_apart=apart)


def _break_similar_code(data: Path) -> None:
    path = data / "pages" / "icd10cm-injury.yaml"
    text = path.read_text()
    assert "code: S06.0X0D, note" in text
    path.write_text(text.replace("code: S06.0X0D, note", "code: S06.0X9Z, note", 1))


def test_store_is_the_same_whichever_process_checks(tmp_path, fixture_data):
    apart = _seed(tmp_path, fixture_data, "apart", True)
    alone = _seed(tmp_path, fixture_data, "alone", False)
    assert apart["hashes"] == alone["hashes"]
    assert apart["documents"] == alone["documents"] > 0


def test_bad_data_is_refused_the_same_way(tmp_path, fixture_data):
    _break_similar_code(fixture_data)
    refusals = []
    for apart in (True, False):
        with pytest.raises(DataError) as caught:
            _seed(tmp_path, fixture_data, f"s{apart}", apart)
        refusals.append(str(caught.value))
    assert refusals[0] == refusals[1]
    assert "similar code S06.0X9Z (icd10cm) does not exist" in refusals[0]
    assert not (tmp_path / "sTrue" / "meta.json").exists()


def test_child_that_cannot_run_falls_back_to_checking_here(tmp_path, fixture_data, monkeypatch):
    _break_similar_code(fixture_data)
    monkeypatch.setattr(datacheck.sys, "executable", "/bin/false")
    with pytest.raises(DataError, match="S06.0X9Z"):
        _seed(tmp_path, fixture_data, "s", True)


def test_child_answers_json_problems(fixture_data):
    _break_similar_code(fixture_data)
    done = subprocess.run([sys.executable, "-m", "codetui.datacheck", str(fixture_data)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    [problem] = json.loads(done.stdout)
    assert problem["path"].endswith("icd10cm-injury.yaml") and problem["line"] > 0
    assert "S06.0X9Z" in problem["message"]


def test_interrupted_seed_ends_its_check(tmp_path, fixture_data, monkeypatch):
    started: list[subprocess.Popen] = []
    real_popen = datacheck.subprocess.Popen

    def recording_popen(*args, **kwargs):
        started.append(real_popen(*args, **kwargs))
        return started[-1]

    monkeypatch.setattr(datacheck.subprocess, "Popen", recording_popen)

    def interrupt(stage: str, _fraction: float) -> None:
        if stage == "Building documents":
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _seed(tmp_path, fixture_data, "s", True, interrupt)
    [child] = started
    assert child.returncode is not None, "the check outlived the seed"


def test_small_data_is_checked_in_the_seed_process(fixture_data):
    assert not datacheck.worth_apart(fixture_data)


def test_a_process_held_to_one_core_checks_in_the_seed(tmp_path, monkeypatch):
    """Cores are counted as the process may use them (a container limited to one core has
    no second core to check on, however many the machine has)."""
    from codetui import sources

    big = tmp_path / "data"
    big.mkdir()
    (big / "big.yaml").write_bytes(b"#" * sources.PARALLEL_BYTES)
    if sources.usable_cores() >= 2:
        assert datacheck.worth_apart(big)
    monkeypatch.setattr(sources.os, "sched_getaffinity", lambda _pid: {0}, raising=False)
    assert sources.usable_cores() == 1
    assert not datacheck.worth_apart(big)


def test_no_second_process_means_checking_here(tmp_path, fixture_data, monkeypatch):
    def refuse(*_args, **_kwargs):
        raise PermissionError("no processes in this sandbox")

    monkeypatch.setattr(datacheck.subprocess, "Popen", refuse)
    _break_similar_code(fixture_data)
    with pytest.raises(DataError, match="S06.0X9Z"):
        _seed(tmp_path, fixture_data, "s", True)
