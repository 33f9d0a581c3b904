"""Finding, building and reading the store (see :mod:`codetui.seed` for its layout).

A store folder is named after the schema version and a fingerprint of the YAML sources, so a
change to the data, or to codetui's store format, selects a new folder that is then seeded.
A seed is written into a temporary folder and renamed into place only when complete, under a
lock, so concurrent starts build once and a killed seed never leaves a folder that is read.
"""

from __future__ import annotations

import json
import os
import sys
import threading
import time
from collections import OrderedDict
from pathlib import Path
from collections.abc import Callable

from codetui import __version__

from codetui.filelock import locked
from codetui.paths import data_file_names
from codetui.storeformat import (
    CODES_FILE, HISTORY_FILE, INDEX_FILE, META_FILE, SCHEMA_VERSION, exclusion_shard, shared_file,
)

#: Called with a stage name and the fraction done while a store is seeded.
Progress = Callable[[str, float], None]

CPT_IMPORT_FILE = "cpt-descriptors.json"
#: In the store root: the content hash of each source file by path, size and mtime.
HASH_CACHE = "hashes.json"
#: In the store root: by data folder, the last fingerprint made, with each file's path, size
#: and modification time.
LAST_FINGERPRINT = "fingerprint.json"


class StoreCorrupt(Exception):
    """A store folder is incomplete or damaged and must be rebuilt."""


class StoreUnwritable(Exception):
    """No folder could be written to build the store in."""


def fingerprint(data_dir: Path, user_dir: Path | None, cache_dir: Path | None = None) -> str:
    """Fingerprint the sources by their names (within the data folder) and contents, so the
    same YAML in two places (an installed and an editable copy) selects one store.

    A file's content hash is kept in ``cache_dir``/:data:`HASH_CACHE` by path, size and
    modification time, so a start reads no file it has hashed before (only stats them); and
    when every file stats as it did for the last fingerprint (``cache_dir``/
    :data:`LAST_FINGERPRINT`), that fingerprint is the answer, with no hashing at all.
    """
    header = f"{SCHEMA_VERSION}|{__version__}|{sys.version_info[:2]}"
    # Resolved once: the cache is keyed by absolute path, and resolving each file costs a
    # stat per path component (a third of a start's time over 340 files).
    root = str(data_dir.resolve())
    files = [(path[len(root) + 1:].replace(os.sep, "/"), path) for path in data_file_names(root)]
    if user_dir is not None and (user_dir / CPT_IMPORT_FILE).exists():
        files.append((f"user/{CPT_IMPORT_FILE}", str((user_dir / CPT_IMPORT_FILE).resolve())))
    stats = []
    for name, key in files:
        stat = os.stat(key)
        stats.append([name, key, stat.st_size, stat.st_mtime_ns])
    last_file = cache_dir / LAST_FINGERPRINT if cache_dir is not None else None
    records = _read_json(last_file)
    records = records if isinstance(records, dict) else {}
    last = records.get(root)
    if (isinstance(last, dict) and last.get("header") == header and last.get("stats") == stats
            and isinstance(last.get("fingerprint"), str)):
        return last["fingerprint"]
    import hashlib  # only when a file changed or is new: its import alone costs ~2 ms

    digest = hashlib.sha256(header.encode())
    cache_file = cache_dir / HASH_CACHE if cache_dir is not None else None
    cache = _read_hash_cache(cache_file)
    fresh: dict[str, list] = {}
    for name, key, size, mtime_ns in stats:
        known = cache.get(key)
        if known and known[0] == size and known[1] == mtime_ns:
            content = known[2]
        else:
            with open(key, "rb") as file:
                content = hashlib.sha256(file.read()).hexdigest()
        fresh[key] = [size, mtime_ns, content]
        digest.update(f"{name}|{content}\n".encode())
    found = digest.hexdigest()[:20]
    if cache_file is not None and any(cache.get(k) != v for k, v in fresh.items()):
        kept = {k: v for k, v in cache.items() if k not in fresh and os.path.exists(k)}
        _write_cache_file(cache_file, {**kept, **fresh})
    if last_file is not None:  # one record per data folder (an installed and an editable copy)
        records = {k: v for k, v in records.items() if k != root and os.path.isdir(k)}
        records[root] = {"header": header, "stats": stats, "fingerprint": found}
        _write_cache_file(last_file, records)
    return found


def _read_json(path: Path | None):
    """The JSON value in ``path``, or None when there is none or it is unreadable."""
    if path is None:
        return None
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def _read_hash_cache(path: Path | None) -> dict[str, list]:
    """The cached content hashes (path -> [size, mtime_ns, sha256]); {} when unreadable."""
    value = _read_json(path)
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(v, list) and len(v) == 3
            and isinstance(v[0], int) and isinstance(v[1], int) and isinstance(v[2], str)}


def _write_cache_file(path: Path, cache: dict) -> None:
    """Save a cache, creating the store root if needed (best effort: a read-only store root
    only costs the hashing again)."""
    from codetui.userfiles import write_json_atomic

    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(path, cache)
    except OSError:
        pass


def read_cpt_descriptors(user_dir: Path | None) -> dict[str, str]:
    """Return the CPT descriptors the user imported (code -> descriptor), or none."""
    if user_dir is None:
        return {}
    try:
        data = json.loads((user_dir / CPT_IMPORT_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {str(k): str(v) for k, v in data.get("descriptors", {}).items()} if isinstance(data, dict) else {}


class Store:
    """A complete store folder: metadata, the search index file and the TinyDB shards."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        try:
            self.meta = json.loads((folder / META_FILE).read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            raise StoreCorrupt(f"{folder}: unreadable {META_FILE} ({exc})") from None
        problem = meta_problem(self.meta)
        if problem:
            raise StoreCorrupt(f"{folder}: {META_FILE} {problem}")
        base = f"{folder}{os.sep}"  # a Path per file costs more than the ~330 stats themselves
        for name, size in self.meta["sizes"].items():
            try:
                actual = os.stat(base + name).st_size
            except OSError:
                raise StoreCorrupt(f"{folder}: {name} is missing") from None
            if actual != size:
                raise StoreCorrupt(f"{folder}: {name} has {actual} bytes, expected {size}")
        self._shards: OrderedDict[int, dict] = OrderedDict()
        self._shared_kinds: dict[str, list[dict]] = {}
        self._exclusions: dict[str, dict[str, list[str]]] = {}
        # Readers on several threads (the app's workers) share the caches.
        self._lock = threading.RLock()

    @property
    def index_path(self) -> Path:
        """The search index of this store (:mod:`codetui.search`)."""
        return self.folder / INDEX_FILE

    @property
    def codes_path(self) -> Path:
        """The code table of this store (:mod:`codetui.codetable`)."""
        return self.folder / CODES_FILE

    def _read_tinydb(self, path: Path) -> dict:
        """Read one TinyDB file of the store (table -> document id -> document), checking it
        against the hash the seed recorded.

        The raw tables are what TinyDB's own ``Table.all()`` would wrap document by document;
        the documents are used as read.
        """
        from codetui.verified import read_verified

        name = path.relative_to(self.folder).as_posix()
        try:
            raw = read_verified(path, self.meta["hashes"].get(name, ""))
            return {table: {int(doc_id): doc for doc_id, doc in docs.items()}
                    for table, docs in raw.items()}
        except (OSError, ValueError, TypeError, AttributeError) as exc:
            raise StoreCorrupt(f"{path}: {exc}") from None

    def _shard(self, shard: int) -> dict:
        with self._lock:
            if shard in self._shards:
                self._shards.move_to_end(shard)
                return self._shards[shard]
            tables = self._read_tinydb(self.folder / "docs" / f"{shard:03d}.json")
            self._shards[shard] = tables
            while len(self._shards) > 12:
                self._shards.popitem(last=False)
            return tables

    def document(self, doc_id: int, shard: int) -> dict:
        """Return the document with index number ``doc_id`` stored in ``shard``."""
        try:
            return self._shard(shard)["entries"][doc_id + 1]
        except KeyError:
            raise StoreCorrupt(f"document {doc_id} is missing from shard {shard}") from None

    def pcs_table(self, table_code: str, shard: int) -> dict | None:
        """Return the ICD-10-PCS table ``0DT`` from its shard."""
        for table in self._shard(shard).get("pcs_tables", {}).values():
            if table["table"] == table_code:
                return table
        return None

    def _shared(self, kind: str) -> list[dict]:
        """The shared records of ``kind`` (:func:`shared_file`), read once."""
        with self._lock:
            if kind not in self._shared_kinds:
                path = self.folder / shared_file(kind)
                table = self._read_tinydb(path).get(kind, {}) if path.exists() else {}
                self._shared_kinds[kind] = list(table.values())
            return self._shared_kinds[kind]

    def pcs_definitions(self) -> list[dict]:
        """Return the shared ICD-10-PCS definitions (read once)."""
        return self._shared("pcs_definitions")

    def group(self, system: str, group_id: str) -> dict | None:
        """Return the plain-language group ``group_id`` of ``system`` (HCPCS groups), or None."""
        return next((group for group in self._shared("groups")
                     if group.get("id") == group_id and group.get("system") == system), None)

    def fact_labels(self) -> dict[str, dict[str, str]]:
        """What code fact values stand for, by label set (MDC, MS-DRG, HCC titles ...)."""
        return {item["set"]: item["values"] for item in self._shared("labels")}

    def fact_releases(self) -> dict[str, str]:
        """The release each code fact comes from, by fact name."""
        return next(iter(self._shared("fact_releases")), {})

    def index_tables(self) -> dict[str, dict]:
        """The ICD-10-CM index tables by id: name, release and columns ([id, heading] pairs)."""
        return {item["id"]: item for item in self._shared("index_tables")}

    def history_rows(self) -> list[dict]:
        """The ICD-10-CM codes with a history (:func:`codetui.codehistory.history_row`)."""
        path = self.folder / HISTORY_FILE
        if not path.exists():
            return []
        return list(self._read_tinydb(path).get("codes", {}).values())

    def excluded_principals(self, list_id: str) -> list[str]:
        """The principal diagnoses of MS-DRG CC-exclusion list ``list_id`` (its file read once)."""
        name = exclusion_shard(list_id)
        with self._lock:
            if name not in self._exclusions:
                path = self.folder / name
                table = self._read_tinydb(path).get("lists", {}) if path.exists() else {}
                self._exclusions[name] = {item["value"]: item["codes"] for item in table.values()}
            return self._exclusions[name].get(list_id, [])


def meta_problem(meta: object) -> str | None:
    """What is wrong with the parsed contents of a store's meta.json, or None."""
    if not isinstance(meta, dict):
        return "is not a mapping"
    if meta.get("schema") != SCHEMA_VERSION:
        return f"names store schema {meta.get('schema')!r}, not {SCHEMA_VERSION}"
    shapes = {"sizes": int, "hashes": str, "counts": int}
    for key, kind in shapes.items():
        value = meta.get(key)
        if not isinstance(value, dict) or not all(isinstance(k, str) and isinstance(v, kind)
                                                  for k, v in value.items()):
            return f"has no valid {key!r}"
    releases = meta.get("releases")
    if not isinstance(releases, dict) or not all(
            isinstance(v, list) and all(isinstance(r, str) for r in v) for v in releases.values()):
        return "has no valid 'releases'"
    return None


def _shared_store(folder: Path, notices: list[str]) -> Store | None:
    """The host's shared store ``folder`` when it is complete and sound; else None, with a
    notice when the shared folder holds stores that are not for this data."""
    try:
        store = _complete(folder)
    except StoreCorrupt as exc:
        notices.append(f"The shared store {folder} is damaged ({str(exc).split(': ', 1)[-1]}); "
                       "using your own store. Its owner can rebuild it with 'codetui seed "
                       f"--store {folder.parent}'.")
        return None
    if store is None:
        try:
            others = [p.name for p in folder.parent.iterdir() if p.name.startswith("v")]
        except OSError:
            others = []
        if others:
            notices.append(f"The shared store in {folder.parent} was built from other data or "
                           "by another codetui version; using your own store. Its owner can "
                           f"update it with 'codetui seed --store {folder.parent}'.")
    return store


def _complete(folder: Path) -> Store | None:
    if not (folder / META_FILE).exists():
        return None
    return Store(folder)


def _set_aside(folder: Path, notices: list[str], why: str) -> None:
    import shutil

    aside = folder.with_name(f"corrupt-{int(time.time())}-{folder.name}")
    try:
        folder.rename(aside)
        notices.append(f"The store was damaged ({why}); it was set aside as {aside.name} and rebuilt.")
    except OSError:
        shutil.rmtree(folder, ignore_errors=True)
        notices.append(f"The store was damaged ({why}) and has been rebuilt.")


def _remove_old(root: Path, keep: Path) -> None:
    """Delete other store versions, and failed builds and set-aside stores over a day old."""
    import shutil

    for other in root.iterdir():
        if other == keep or not other.is_dir():
            continue
        try:
            age = time.time() - other.stat().st_mtime
        except OSError:
            continue
        if other.name.startswith("v") or (other.name.startswith(("tmp-", "corrupt-")) and age > 86400):
            shutil.rmtree(other, ignore_errors=True)


def _build_into(root: Path, target: Path, data_dir: Path, user_dir: Path | None, fp: str,
                progress: Progress | None) -> None:
    """Seed into a temporary folder, then rename it to ``target`` (replacing an old one)."""
    import shutil
    import tempfile

    from codetui.seed import build_store

    tmp = Path(tempfile.mkdtemp(prefix="tmp-", dir=root))
    try:
        build_store(tmp, data_dir, read_cpt_descriptors(user_dir), fp, progress)
        # mkdtemp makes the folder private; a store is as readable as its root allows (a
        # host's shared store must be readable by every user).
        tmp.chmod(root.stat().st_mode & 0o777 | 0o700)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix="tmp-old-", dir=root))
            target.rename(old / "store")
            os.replace(tmp, target)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, target)
    finally:
        if tmp.exists():
            shutil.rmtree(tmp, ignore_errors=True)


def _refuse_in_a_starting_worker() -> None:
    """Raise RuntimeError when called while a seed worker process is starting.

    A spawned worker first re-runs the script that started the seed; one that opens the
    store at its top level, without an ``if __name__ == "__main__":`` guard, would wait
    forever for the lock its own seed holds. The worker fails instead; the seed then reads
    its files in one process and finishes.
    """
    multiprocessing = sys.modules.get("multiprocessing")
    if multiprocessing is not None and getattr(multiprocessing.current_process(),
                                               "_inheriting", False):
        raise RuntimeError(
            "codetui: a script that opens the code store must do it under "
            "'if __name__ == \"__main__\":' (the seed's worker processes re-run the script)")


def open_store(root: Path, data_dir: Path, user_dir: Path | None = None,
               progress: Progress | None = None, rebuild: bool = False,
               notices: list[str] | None = None, shared: Path | None = None) -> Store:
    """Return the store for ``data_dir`` under ``root``, seeding it first when needed.

    When ``shared`` (a host's store folder, see :func:`codetui.paths.shared_store_dir`) holds
    a complete store for the same data, that store is used as it is: never written, copied or
    rebuilt. One there for other data is left alone, with a notice. A damaged store under
    ``root`` is set aside and rebuilt (a notice is appended to ``notices``). Raises
    :class:`StoreUnwritable` when ``root`` cannot be created or written, and
    :class:`codetui.sources.DataError` when the data cannot be seeded.
    """
    notices = notices if notices is not None else []
    fp = fingerprint(data_dir, user_dir, root)
    name = f"v{SCHEMA_VERSION}-{fp}"
    if shared is not None and not rebuild and shared.resolve() != root.resolve():
        found = _shared_store(shared / name, notices)
        if found is not None:
            return found
    target = root / name
    try:
        if not rebuild:
            try:
                store = _complete(target)
                if store is not None:
                    return store
            except StoreCorrupt:
                pass  # set aside below, under the lock
        _refuse_in_a_starting_worker()
        root.mkdir(parents=True, exist_ok=True)
        waiting = (lambda: progress("Waiting for another codetui process to finish seeding", 0.0)
                   ) if progress else None
        with locked(root / ".lock", waiting):
            if not rebuild:
                try:
                    store = _complete(target)
                    if store is not None:
                        return store
                except StoreCorrupt as exc:
                    _set_aside(target, notices, str(exc).split(": ", 1)[-1])
            _build_into(root, target, data_dir, user_dir, fp, progress)
            _remove_old(root, target)
    except OSError as exc:
        raise StoreUnwritable(f"cannot write the store in {root}: {exc.strerror or exc}") from None
    return Store(target)
