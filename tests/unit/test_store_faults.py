"""Faults injected into a seeded store: damaged metadata, same-size damage inside a shard,
a damaged index or code table, a store another user made unreadable. Each is answered with a
notice and a rebuild (or a fallback store), never a traceback or a wrong answer."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from codetui.storeformat import CODES_FILE, INDEX_FILE, META_FILE, SCHEMA_VERSION

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    """A store of the fixture data, seeded once for the module; each test damages a copy."""
    root = tmp_path_factory.mktemp("seeded")
    environment = dict(os.environ, CODETUI_DB=str(root / "store"), CODETUI_DATA=str(FIXTURE),
                       CODETUI_USER_DIR=str(root / "user"), TMPDIR=str(root))
    subprocess.run([sys.executable, "-m", "codetui", "seed"], env=environment, check=True,
                   capture_output=True)
    return root / "store"


@pytest.fixture
def env(tmp_path, seeded):
    """Environment of a seeded store over the fixture data (a fresh copy per test)."""
    shutil.copytree(seeded, tmp_path / "store")
    return dict(os.environ, CODETUI_DB=str(tmp_path / "store"), CODETUI_DATA=str(FIXTURE),
                CODETUI_USER_DIR=str(tmp_path / "user"), TMPDIR=str(tmp_path))


def store_folder(env) -> Path:
    return next(p for p in Path(env["CODETUI_DB"]).iterdir() if p.name.startswith("v"))


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "codetui", *args], env=env, capture_output=True,
                          text=True, timeout=180)


META_DAMAGE = {
    "a list": lambda meta: [],
    "null": lambda meta: None,
    "a string": lambda meta: "x",
    "sizes not a mapping": lambda meta: {**meta, "sizes": ["docs/000.json"]},
    "releases a list": lambda meta: {**meta, "releases": ["ICD-10-CM"]},
    "hashes missing": lambda meta: {k: v for k, v in meta.items() if k != "hashes"},
    "counts of text": lambda meta: {**meta, "counts": {"cpt": "two"}},
}


@pytest.mark.parametrize("damage", list(META_DAMAGE), ids=list(META_DAMAGE))
def test_damaged_metadata_is_rebuilt_with_a_notice(env, damage):
    meta_path = store_folder(env) / META_FILE
    meta = json.loads(meta_path.read_text())
    meta_path.write_text(json.dumps(META_DAMAGE[damage](meta)))
    done = run(env, "show", "--json", "K0001")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "K0001"
    assert "Traceback" not in done.stderr
    assert "damaged" in done.stderr


INDEX_DAMAGE = {
    "not an index": lambda data: b"\x00" * len(data),
    "header cut": lambda data: data[:12] + b" " * (len(data) - 12),
    "another schema": lambda data: data.replace(f'"schema": {SCHEMA_VERSION}'.encode(),
                                                f'"schema": {"9" * len(str(SCHEMA_VERSION))}'.encode(), 1),
    "cut short": lambda data: data[:len(data) // 2],
}


@pytest.mark.parametrize("damage", list(INDEX_DAMAGE), ids=list(INDEX_DAMAGE))
@pytest.mark.parametrize("name", [INDEX_FILE, CODES_FILE])
def test_a_damaged_index_or_code_table_is_rebuilt(env, name, damage):
    path = store_folder(env) / name
    path.write_bytes(INDEX_DAMAGE[damage](path.read_bytes()))
    done = run(env, "search", "--json", "wheelchair")
    assert done.returncode == 0, done.stderr
    assert any(hit["code"] == "K0001" for hit in json.loads(done.stdout))
    assert "Traceback" not in done.stderr and "rebuilt" in done.stderr


def test_show_never_opens_the_search_index(env):
    """A search index made unreadable does not stop `show`, which never reads it; the next
    search finds the damage and rebuilds."""
    index = store_folder(env) / INDEX_FILE
    index.write_bytes(b"\x00" * index.stat().st_size)
    done = run(env, "show", "--json", "K0001")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "K0001"
    assert done.stderr == "" and index.read_bytes().count(0) == index.stat().st_size
    done = run(env, "search", "--json", "wheelchair")
    assert "rebuilt" in done.stderr and json.loads(done.stdout)


def test_same_size_damage_in_a_shard_is_found_not_answered_from(env):
    """Change "K0001" to "K0002" inside its shard: the size is the same, the answer must not be."""
    folder = store_folder(env)
    shard = next(p for p in sorted((folder / "docs").glob("*.json")) if b'"K0001"' in p.read_bytes())
    shard.write_bytes(shard.read_bytes().replace(b'"K0001"', b'"K0002"'))
    done = run(env, "show", "--json", "K0001")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "K0001"
    assert "damaged" in done.stderr and "rebuilt" in done.stderr
    assert "Traceback" not in done.stderr


def test_flipped_bits_in_shards_are_never_answered_from(env):
    """Three-bit flips at fixed places in every shard that holds a document."""
    folder = store_folder(env)
    expected = json.loads(run(env, "show", "--json", "S06.0X0A").stdout)
    for shard in sorted((folder / "docs").glob("*.json")):
        data = bytearray(shard.read_bytes())
        if len(data) > 200:
            for place in (len(data) // 3, len(data) // 2, len(data) * 2 // 3):
                data[place] ^= 0x04
            shard.write_bytes(bytes(data))
    done = run(env, "show", "--json", "S06.0X0A")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout) == expected
    assert "Traceback" not in done.stderr


def test_a_store_folder_that_cannot_be_read_is_reported_not_a_traceback(tmp_path, monkeypatch):
    """Another user's store (mode 0700): reading it raises PermissionError. Root ignores
    permission bits, so the fault is injected where the store is first read."""
    from codetui import store

    def unreadable(folder):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(store, "_complete", unreadable)
    with pytest.raises(store.StoreUnwritable, match="Permission denied"):
        store.open_store(tmp_path / "store", FIXTURE, None)
