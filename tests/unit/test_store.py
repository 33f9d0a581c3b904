"""The store: seeding, fingerprints, damage, concurrency and kills (on small fixture data)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from codetui.catalog import Catalog
from codetui.storeformat import META_FILE
from codetui.store import StoreUnwritable, open_store



@pytest.fixture
def data(fixture_data) -> Path:
    return fixture_data


def _folders(root: Path) -> list[str]:
    return sorted(p.name for p in root.iterdir() if p.is_dir())


def test_seed_builds_one_complete_folder(tmp_path, data):
    root = tmp_path / "store"
    stages = []
    named = []
    catalog = Catalog.open(db=root, data_dir=data, user_dir=tmp_path / "u",
                           progress=lambda stage, fraction: (stages.append(fraction),
                                                             named.append(stage)))
    assert stages[0] == 0.0 and stages[-1] == 1.0
    assert stages == sorted(stages)  # progress only moves forward
    # Reading the YAML moves the progress file by file (it sat at 0 % for half a minute).
    reading = [f for f, stage in zip(stages, named) if stage == "Reading YAML sources"]
    assert len(set(reading)) == len(list(data.rglob("*.yaml"))) + 1 and max(reading) == 0.45
    writing = [f for f, stage in zip(stages, named) if stage == "Writing the store"]
    assert len(set(writing)) > 200  # and writing moves shard by shard
    [folder] = _folders(root)
    assert folder.startswith("v")
    assert catalog.counts == {"icd10cm": 13, "hcpcs": 4, "cpt": 2, "icd10pcs": 3 + 5}
    assert catalog.page_for("S06.0X0A").title.startswith("Concussion without loss")


def test_store_is_reused_and_rebuilt_when_yaml_changes(tmp_path, data):
    root = tmp_path / "store"
    first = open_store(root, data, None)
    again = open_store(root, data, None)
    assert again.folder == first.folder
    path = data / "hcpcs" / "H.yaml"
    path.write_text(path.read_text().replace("Standard wheelchair", "Standard wheelchair, edited"))
    changed = Catalog.open(db=root, data_dir=data, user_dir=tmp_path / "u")
    assert changed.store.folder != first.folder
    assert changed.page_for("K0001").title == "Standard wheelchair, edited"
    assert _folders(root) == [changed.store.folder.name], "the old store version is removed"


def test_two_copies_of_the_same_data_share_one_store(tmp_path, data):
    """An installed and an editable copy of the same YAML (other paths, other modification
    times) select one store, so the README's two commands seed once."""
    import shutil

    root = tmp_path / "store"
    first = open_store(root, data, None)
    copy = tmp_path / "installed" / "data"
    shutil.copytree(data, copy)  # new modification times
    for path in copy.rglob("*.yaml"):
        os.utime(path, (time.time() + 60, time.time() + 60))
    assert open_store(root, copy, None).folder == first.folder
    assert _folders(root) == [first.folder.name]


def test_a_file_hashed_before_is_not_read_again(tmp_path, data, monkeypatch):
    from codetui import store as store_module

    root = tmp_path / "store"
    open_store(root, data, None)
    store_module.fingerprint(data, None, root)  # the cache now knows every file
    read = []
    monkeypatch.setattr(store_module, "open", lambda path, *args: read.append(Path(path)) or
                        open(path, *args), raising=False)
    before = store_module.fingerprint(data, None, root)
    assert read == []
    path = data / "hcpcs" / "H.yaml"
    path.write_text(path.read_text() + "\n")
    assert store_module.fingerprint(data, None, root) != before
    assert read == [path.resolve()]


def test_files_that_stat_as_before_reuse_the_last_fingerprint(tmp_path, data):
    """The last fingerprint is the answer while every file stats as it did; a file touched,
    or a damaged record of the last fingerprint, makes a new one from the contents."""
    import json

    from codetui import store as store_module

    root = tmp_path / "store"
    true = store_module.fingerprint(data, None, root)
    last = root / store_module.LAST_FINGERPRINT
    folder = str(data.resolve())
    record = json.loads(last.read_text())[folder]
    assert record["fingerprint"] == true
    last.write_text(json.dumps({folder: {**record, "fingerprint": "remembered"}}))
    assert store_module.fingerprint(data, None, root) == "remembered"
    path = data / "hcpcs" / "H.yaml"
    os.utime(path, (time.time() + 60, time.time() + 60))  # same content, new time
    assert store_module.fingerprint(data, None, root) == true
    for damage in ("{not json", "[]", json.dumps({folder: []}),
                   json.dumps({folder: {**record, "stats": []}})):
        last.write_text(damage)
        assert store_module.fingerprint(data, None, root) == true


def test_two_data_folders_keep_their_own_last_fingerprint(tmp_path, data):
    import json
    import shutil

    from codetui import store as store_module

    root = tmp_path / "store"
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    first = store_module.fingerprint(data, None, root)
    assert store_module.fingerprint(copy, None, root) == first  # same contents
    records = json.loads((root / store_module.LAST_FINGERPRINT).read_text())
    assert set(records) == {str(data.resolve()), str(copy.resolve())}


@pytest.mark.parametrize("damage", ["truncate", "empty", "garbage", "no-meta", "old-schema", "index"])
def test_damaged_store_is_set_aside_and_rebuilt(tmp_path, data, damage):
    root = tmp_path / "store"
    folder = open_store(root, data, None).folder
    shard = next(p for p in sorted((folder / "docs").iterdir()) if p.stat().st_size > 100)
    if damage == "truncate":
        shard.write_bytes(shard.read_bytes()[: shard.stat().st_size // 2])
    elif damage == "empty":
        shard.write_bytes(b"")
    elif damage == "garbage":
        (folder / META_FILE).write_text("{not json")
    elif damage == "no-meta":
        (folder / META_FILE).unlink()
    elif damage == "old-schema":
        meta = json.loads((folder / META_FILE).read_text())
        meta["schema"] = 0
        (folder / META_FILE).write_text(json.dumps(meta))
    else:
        index = folder / "search.idx"
        index.write_bytes(b"\x00" * index.stat().st_size)
    catalog = Catalog.open(db=root, data_dir=data, user_dir=tmp_path / "u")
    assert catalog.page_for("K0001").title == "Standard wheelchair"
    assert catalog.resolve("S06.0X0A")
    if damage not in ("no-meta",):
        assert catalog.notices, "the user is told the store was rebuilt"


def test_corrupt_shard_found_late_is_rebuilt(tmp_path, data):
    """A shard damaged without changing its size is caught when read, and rebuilt."""
    root = tmp_path / "store"
    catalog = Catalog.open(db=root, data_dir=data, user_dir=tmp_path / "u")
    doc_id = catalog.index.lookup("K0001")[0]
    shard = catalog.store.folder / "docs" / f"{catalog.index.shards[doc_id]:03d}.json"
    shard.write_bytes(b"{" * shard.stat().st_size)
    assert catalog.page(doc_id).title == "Standard wheelchair"


def test_unwritable_root_raises_a_clear_error(tmp_path, data):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreUnwritable, match="cannot write the store"):
        open_store(blocker / "store", data, None)


def test_cli_falls_back_to_a_temporary_store_when_the_cache_is_unwritable(tmp_path, data):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    env = dict(os.environ, CODETUI_DB=str(blocker / "store"), CODETUI_DATA=str(data),
               CODETUI_USER_DIR=str(tmp_path / "u"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    done = subprocess.run([sys.executable, "-m", "codetui", "show", "K0001"], env=env,
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Standard wheelchair" in done.stdout
    assert "using a temporary store" in done.stderr
    assert "Traceback" not in done.stderr
    # The next command reuses that store: nothing is seeded again, no new folder appears.
    folders = sorted(p.name for p in (tmp_path / "tmp").iterdir())
    again = subprocess.run([sys.executable, "-m", "codetui", "show", "K0001"], env=env,
                           capture_output=True, text=True, timeout=120)
    assert again.returncode == 0 and "seeding" not in again.stderr, again.stderr
    assert sorted(p.name for p in (tmp_path / "tmp").iterdir()) == folders


_SEED = """
import sys
from pathlib import Path
from codetui.store import open_store
store = open_store(Path(sys.argv[1]), Path(sys.argv[2]), None)
print(store.folder)
"""


def test_two_processes_seeding_at_once_share_one_good_store(tmp_path, data):
    root = tmp_path / "store"
    procs = [subprocess.Popen([sys.executable, "-c", _SEED, str(root), str(data)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outputs = [p.communicate(timeout=120) for p in procs]
    assert all(p.returncode == 0 for p in procs), outputs
    folders = {out.strip() for out, _ in outputs}
    assert len(folders) == 1
    assert _folders(root) == [Path(folders.pop()).name]


def test_seed_killed_midway_leaves_nothing_that_is_read(tmp_path, data):
    root = tmp_path / "store"
    slow = """
import sys, time
from pathlib import Path
import codetui.seed as build
real = build._write_shards
def slow_write(*args):
    real(*args)
    print("writing", flush=True)
    time.sleep(30)
build._write_shards = slow_write
from codetui.store import open_store
open_store(Path(sys.argv[1]), Path(sys.argv[2]), None)
"""
    proc = subprocess.Popen([sys.executable, "-c", slow, str(root), str(data)],
                            stdout=subprocess.PIPE, text=True)
    assert proc.stdout.readline().strip() == "writing"
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    assert not [f for f in _folders(root) if f.startswith("v")], "no half-built store is in place"
    store = open_store(root, data, None)
    assert (store.folder / META_FILE).exists()
    time.sleep(0)  # the leftover tmp- folder is ignored, and removed once it is old


def test_shards_keep_groups_whole_and_none_is_far_above_the_average():
    """Groups are dealt out largest first to the lightest shard: a group never splits, and
    no shard holds more than the average plus the largest group."""
    from codetui.seed import assign_shards
    from codetui.storeformat import SHARDS

    groups = [f"g{n % 997}" for n in range(20_000)]
    sizes = [300 + (n * 7919) % 5000 for n in range(20_000)]
    shards = assign_shards(groups, sizes)
    where: dict[str, set[int]] = {}
    for group, shard in zip(groups, shards):
        where.setdefault(group, set()).add(shard)
    assert all(len(found) == 1 for found in where.values())
    load = [0] * SHARDS
    for size, shard in zip(sizes, shards):
        load[shard] += size
    group_size: dict[str, int] = {}
    for group, size in zip(groups, sizes):
        group_size[group] = group_size.get(group, 0) + size
    assert max(load) <= sum(sizes) / SHARDS + max(group_size.values())
    assert assign_shards(groups, sizes) == shards  # the same data, the same layout


def test_shards_are_what_tinydb_reads(tmp_path, data):
    """The seed joins each shard's text from documents it encoded once: TinyDB opens the
    file and finds every document the code table places there."""
    from tinydb import TinyDB

    catalog = Catalog.open(db=tmp_path / "store", data_dir=data, user_dir=tmp_path / "u")
    for code in ("S06.0X0A", "K0001", "0DTJ4ZZ", "47542"):
        [doc_id] = catalog.codes.lookup(code)
        path = catalog.store.folder / "docs" / f"{catalog.codes.shards[doc_id]:03d}.json"
        with TinyDB(path, access_mode="r") as db:
            assert db.table("entries").get(doc_id=doc_id + 1)["code"] == code


def test_a_large_category_is_split_below_its_heading_and_small_ones_kept_whole():
    from codetui.seed import SHARD_GROUP_LIMIT, shard_groups

    def doc(code: str, kind: str = "code") -> dict:
        return {"system": "icd10cm", "code": code, "kind": kind}

    docs = [doc("Injuries", "chapter"), doc("S82", "category"), doc("S82.0"), doc("S82.001A"),
            doc("S82.101A"), doc("I21", "category"), doc("I21.9")]
    big = SHARD_GROUP_LIMIT // 3
    groups = shard_groups(docs, [10, 10, big, big, big, 10, 10])
    assert groups == ["icd10cm:headings", "icd10cm:S82", "icd10cm:S820", "icd10cm:S820",
                      "icd10cm:S821", "icd10cm:I21", "icd10cm:I21"]


def test_stored_documents_carry_no_seed_time_fields(tmp_path, data):
    """The marks the seed uses for the search flags and names are not stored in the shards
    (they once added 7 MB to the full store)."""
    from codetui.seed import SEED_ONLY_FIELDS

    catalog = Catalog.open(db=tmp_path / "store", data_dir=data, user_dir=tmp_path / "u")
    stored = [doc for path in (catalog.store.folder / "docs").glob("*.json")
              for doc in json.loads(path.read_text())["entries"].values()]
    assert len(stored) == len(catalog.codes)
    assert not [doc["code"] for doc in stored if SEED_ONLY_FIELDS & set(doc)]
    assert catalog.search("wheelchair").total  # the flags and names still reach the index


def test_a_seed_drops_its_mapped_files_from_the_page_cache(tmp_path, data, monkeypatch):
    """The mapped files are written out and dropped from the cache once the store is
    complete, so readers map them in normal pages rather than the writer's large folios."""
    from codetui import seed

    if not hasattr(os, "posix_fadvise"):
        pytest.skip("no posix_fadvise on this platform")  # macOS, Windows
    advised = []
    real = os.posix_fadvise
    monkeypatch.setattr(seed.os, "posix_fadvise", lambda fd, offset, length, advice: (
        advised.append((os.readlink(f"/proc/self/fd/{fd}"), advice)),
        real(fd, offset, length, advice))[1])
    open_store(tmp_path / "store", data, None)
    assert sorted((Path(path).name, advice) for path, advice in advised) == [
        ("codes.idx", os.POSIX_FADV_DONTNEED), ("search.idx", os.POSIX_FADV_DONTNEED)]
