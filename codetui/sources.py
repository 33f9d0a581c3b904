"""Reading the YAML source files under ``data/`` (safely, with line numbers for errors)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable

import yaml

from codetui.errors import DataError
from codetui import systems
from codetui.paths import data_files
from codetui.yamlfast import NotPlain, load_plain

__all__ = ["DataError", "LINE", "SourceFile", "Sources", "data_files", "load_yaml", "read_sources"]

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

#: Key added to the mappings whose line number errors need (entries, tables, pages).
LINE = "__line__"
_LINE_KEYS = ("code", "table", "words", "ranges", "fact", "cells")
#: File-level fields of a page or group file that each of its pages records.
PAGE_STAMPS = ("written", "written_against")


class _LineLoader(_BaseLoader):  # type: ignore[misc, valid-type]
    """Safe loader that records the line of each entry-like mapping."""

    def construct_mapping(self, node, deep=False):  # noqa: D102 - PyYAML hook
        seen: set[str] = set()
        for key_node, _value in node.value:
            key = getattr(key_node, "value", None)
            if isinstance(key, str):
                if key in seen:
                    raise yaml.constructor.ConstructorError(
                        None, None, f"the key {key!r} appears twice in one mapping",
                        key_node.start_mark)
                seen.add(key)
        mapping = super().construct_mapping(node, deep=deep)
        if any(key in mapping for key in _LINE_KEYS):
            mapping[LINE] = node.start_mark.line + 1
        return mapping


#: Aliases may repeat parts of a file (the PCS definitions share lists), but the data they
#: stand for may not hold more nodes than the file has characters, plus this many.
_ALIAS_GROWTH = 200_000


def _expanded_size(value: Any, memo: dict[int, int]) -> int:
    """How many nodes ``value`` stands for once every alias is written out."""
    if not isinstance(value, (dict, list)):
        return 1
    key = id(value)
    if key not in memo:
        memo[key] = 0  # a cycle counts once
        children = value.values() if isinstance(value, dict) else value
        memo[key] = 1 + sum(_expanded_size(child, memo) for child in children)
    return memo[key]


def _line_of(raw: bytes, offset: int) -> int:
    return raw.count(b"\n", 0, max(offset, 0)) + 1


def load_yaml(path: Path) -> Any:
    """Parse one YAML file safely; raise :class:`DataError` naming file and line.

    Refused, each with its line: bytes that are not UTF-8, control characters, a key given
    twice in one mapping, and aliases that would expand the data far beyond the file (an
    "alias bomb" of a few hundred bytes would otherwise exhaust memory when seeding).
    """
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise DataError(path, None, f"cannot read: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise DataError(path, _line_of(raw, exc.start),
                        f"not UTF-8 text (byte 0x{raw[exc.start]:02X})") from None
    try:
        return load_plain(text, _LINE_KEYS, LINE)
    except NotPlain:
        return _load_fully(path, text)


def _load_fully(path: Path, text: str) -> Any:
    """Load ``text`` with PyYAML's safe loader (every YAML feature), raising
    :class:`DataError` with the line of a malformed part or of aliases that expand too far
    (the plain path refuses aliases, so only this one needs the check)."""
    try:
        document = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        raise DataError(path, line, f"the control character {exc.character!r} is not "
                                    "allowed in YAML") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        problem = " ".join(str(part) for part in (exc.context, exc.problem) if part)
        raise DataError(path, line, f"malformed YAML: {problem}") from None
    except yaml.YAMLError as exc:
        raise DataError(path, None, "malformed YAML: " + " ".join(str(exc).split())) from None
    if "*" in text and "&" in text:
        memo: dict[int, int] = {}
        if _expanded_size(document, memo) > len(text) + _ALIAS_GROWTH:
            anchor = next((n + 1 for n, line in enumerate(text.splitlines()) if "&" in line), None)
            raise DataError(path, anchor, "YAML aliases here expand to far more data than the "
                                          "file holds (refused)")
    return document


@dataclass
class SourceFile:
    """One parsed data file and what it holds."""

    path: Path
    system: str | None
    release: str | None
    body: dict[str, Any]


@dataclass
class Sources:
    """Everything read from a data folder, by kind, in file order."""

    entries: list[tuple[dict, Path]] = field(default_factory=list)
    tables: list[tuple[dict, Path]] = field(default_factory=list)
    pages: list[tuple[dict, Path, str]] = field(default_factory=list)
    groups: list[tuple[dict, Path, str]] = field(default_factory=list)
    definitions: list[dict] = field(default_factory=list)
    synonyms: list[tuple[dict, Path]] = field(default_factory=list)
    #: Clinical abbreviations: {abbr, means} (the most used sense first).
    abbreviations: list[tuple[dict, Path]] = field(default_factory=list)
    #: Drug brand names: {generic, brands} (the generic as HCPCS descriptions write it).
    drug_names: list[tuple[dict, Path]] = field(default_factory=list)
    #: Code facts from outside releases (MS-DRG, risk adjustment): {fact, value, codes,
    #: release}, with the system of their file.
    facts: list[tuple[dict, Path, str]] = field(default_factory=list)
    #: What fact values stand for, by label set ("mdc", "drg", "hcc_v28", ...).
    labels: dict[str, dict[str, str]] = field(default_factory=dict)
    #: Rows of the ICD-10-CM index tables (drugs, neoplasms, external causes): {term, cells:
    #: column id -> code, partial?}, with their file and the file's :class:`IndexTable`.
    index_rows: list[tuple[dict, Path, "IndexTable"]] = field(default_factory=list)
    #: The index tables read, in file order.
    index_tables: list["IndexTable"] = field(default_factory=list)
    releases: dict[str, list[str]] = field(default_factory=dict)
    files: list[Path] = field(default_factory=list)
    #: Word lists generated from an outside release (they name it): curated lists come first.
    imported: set[Path] = field(default_factory=set)


@dataclass
class IndexTable:
    """One ``index_rows`` file: the table's id (the file's stem), its name, system, release,
    columns (id -> heading) and the cells its importer dropped (term, column, code)."""

    id: str
    name: str
    system: str
    release: str
    columns: dict[str, str]
    dropped: list[dict]


def _index_table(source: SourceFile) -> IndexTable:
    body = source.body
    columns = body.get("columns")
    if not isinstance(body.get("index_table"), str) or not body["index_table"].strip():
        raise DataError(source.path, 1, "an index_rows file needs 'index_table' (the table's name)")
    if not isinstance(columns, dict) or not columns or not all(
            isinstance(k, str) and isinstance(v, str) for k, v in columns.items()):
        raise DataError(source.path, 1, "'columns' must map each column id to its heading")
    dropped = body.get("dropped", [])
    if not isinstance(dropped, list) or not all(
            isinstance(item, dict) and all(isinstance(item.get(k), str)
                                           for k in ("term", "column", "code"))
            for item in dropped):
        raise DataError(source.path, 1, "'dropped' must list mappings of term, column and code")
    return IndexTable(source.path.stem, body["index_table"].strip(), source.system or "",
                      source.release or "", dict(columns),
                      [{k: v for k, v in item.items() if k != LINE} for item in dropped])


def _read_file(path: Path) -> SourceFile:
    document = load_yaml(path)
    if not isinstance(document, dict):
        raise DataError(path, 1, "expected a mapping at the top of the file")
    system = document.get("system")
    if system is not None and system not in systems.ids():
        raise DataError(path, 1, f"unknown system {system!r} (expected one of {', '.join(systems.ids())})")
    release = document.get("release")
    return SourceFile(path, system, release if isinstance(release, str) else None, document)


def _list_of_mappings(source: SourceFile, key: str) -> list[dict]:
    value = source.body[key]
    if not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
        raise DataError(source.path, 1, f"'{key}' must be a list of mappings")
    return value


#: Below this many bytes of YAML, reading in one process is faster than starting workers
#: (and checking it in the seed's own process than starting one, :mod:`codetui.datacheck`).
PARALLEL_BYTES = 4_000_000


def usable_cores() -> int:
    """The CPU cores this process may run on (its affinity where the system says, as in a
    container limited to some cores; else every core)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def exit_with_parent(parent: int) -> None:
    """In a worker process: end it as soon as the seeding process is gone (killed),
    instead of working on for nobody."""
    import threading
    import time

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(0.2)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()


def _read_all(paths: list[Path], progress: Callable[[float], None] | None = None,
              parallel: bool = True) -> list[SourceFile]:
    """Parse the files, on every core when there is enough YAML to be worth it (and
    ``parallel``), telling ``progress`` the fraction of bytes read after each file."""
    sizes = {path: path.stat().st_size for path in paths}
    total = sum(sizes.values()) or 1
    done = 0

    def counted(path: Path) -> None:
        nonlocal done
        done += sizes[path]
        if progress:
            progress(done / total)

    def read(path: Path) -> SourceFile:
        source = _read_file(path)
        counted(path)
        return source

    workers = min(usable_cores(), 4)
    if not parallel or workers < 2 or total < PARALLEL_BYTES:
        return [read(path) for path in paths]
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor, as_completed

    biggest_first = sorted(paths, key=lambda p: -sizes[p])
    # Spawned workers start without the parent's open files: a forked worker inherited the
    # store's lock, outlived a killed seed and kept every later command waiting for it.
    context = multiprocessing.get_context("spawn")
    parsed: dict[Path, SourceFile] = {}
    try:
        with ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                 initializer=exit_with_parent, initargs=(os.getpid(),)) as pool:
            futures = {pool.submit(_read_file, path): path for path in biggest_first}
            failed: dict[Path, DataError] = {}
            for future in as_completed(futures):
                path = futures[future]
                try:
                    parsed[path] = future.result()
                except DataError as error:
                    failed[path] = error
                counted(path)
    except (OSError, RuntimeError):  # no processes here (a sandbox): read them in this one
        done = 0
        return [read(path) for path in paths]
    if failed:  # the first bad file in the data's order, whichever worker finished first
        raise failed[next(path for path in paths if path in failed)]
    return [parsed[path] for path in paths]


def _add_labels(labels: dict[str, dict[str, str]], source: SourceFile) -> None:
    """Merge a facts file's ``labels`` (label set -> value -> label) into ``labels``."""
    found = source.body.get("labels", {})
    if not isinstance(found, dict) or not all(
            isinstance(values, dict) and all(isinstance(k, str) and isinstance(v, str)
                                             for k, v in values.items())
            for values in found.values()):
        raise DataError(source.path, 1, "'labels' must map each label set to value: label text")
    for name, values in found.items():
        labels.setdefault(str(name), {}).update(values)


_FILE_KINDS = ("entries", "tables", "pages", "groups", "definitions", "synonyms",
               "abbreviations", "drug_names", "facts", "index_rows")
#: File kinds that belong to no code system.
_SHARED_KINDS = ("synonyms", "abbreviations", "drug_names")


def read_sources(data_dir: Path, progress: Callable[[float], None] | None = None,
                 parallel: bool = True) -> Sources:
    """Read every data file under ``data_dir``; raise :class:`DataError` on the first bad one.
    ``progress`` is told the fraction of the YAML read as each file is done; without
    ``parallel`` the files are read in this process alone."""
    sources = Sources()
    for source in _read_all(data_files(data_dir), progress, parallel):
        path = source.path
        sources.files.append(path)
        body = source.body
        kinds = [key for key in _FILE_KINDS if key in body]
        if len(kinds) != 1:
            raise DataError(path, 1, "a data file holds exactly one of: " + ", ".join(_FILE_KINDS))
        kind = kinds[0]
        if kind not in _SHARED_KINDS and source.system is None:
            raise DataError(path, 1, "missing 'system'")
        if kind in ("entries", "tables", "facts", "index_rows") and not source.release:
            raise DataError(path, 1, "missing 'release' (the release the content comes from)")
        items = _list_of_mappings(source, kind)
        if kind == "entries":
            for entry in items:
                entry.setdefault("system", source.system)
                sources.entries.append((entry, path))
        elif kind == "tables":
            sources.tables.extend((table, path) for table in items)
        elif kind in ("pages", "groups"):
            for item in items:
                for stamp in PAGE_STAMPS:
                    if stamp in body:
                        item.setdefault(stamp, body[stamp])
            target = sources.pages if kind == "pages" else sources.groups
            target.extend((item, path, source.system) for item in items)
        elif kind == "definitions":
            sources.definitions.extend(items)
        elif kind == "facts":
            for item in items:
                item.setdefault("release", source.release)
                sources.facts.append((item, path, source.system))
            _add_labels(sources.labels, source)
        elif kind == "index_rows":
            table = _index_table(source)
            sources.index_tables.append(table)
            sources.index_rows.extend((row, path, table) for row in items)
        else:
            target = {"synonyms": sources.synonyms, "abbreviations": sources.abbreviations,
                      "drug_names": sources.drug_names}[kind]
            if source.release:
                sources.imported.add(path)
            target.extend((item, path) for item in items)
        if kind in ("entries", "tables"):
            known = sources.releases.setdefault(source.system, [])
            if source.release not in known:
                # The release of the system's own folder first (pages name it), before
                # others such as data/history/'s deleted codes.
                known.insert(0 if path.parent.name == source.system else len(known),
                             source.release)
    return sources
