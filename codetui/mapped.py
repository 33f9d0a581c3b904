"""Files of named sections read in place with :mod:`mmap` (the store's code table and index).

A file is a short header followed by its sections, each aligned to 8 bytes::

    b"CTUIMAP1" | header length (u32) | header (JSON) | padding | section | section | ...

The header names the schema version, the byte order and each section's offset and length.
Opening a file reads only the header; a section is a view of the mapped file, so a process
touches only the pages it reads and the operating system shares those pages between every
process that maps the same file. A column of strings is two sections: the UTF-8 bytes, and
``<name>.at``, their offsets (counted from the start of the file, so text can be searched
with ``mmap.find`` between two offsets). A table (a dict with string keys) is two columns:
``<name>.keys``, sorted, and ``<name>.values``, each value :mod:`marshal`-led; a look-up
bisects the keys in place and reads one value.
"""

from __future__ import annotations

import json
import marshal
import mmap
import struct
import sys
from array import array
from bisect import bisect_left
from pathlib import Path
from collections.abc import Iterable

MAGIC = b"CTUIMAP1"
_ALIGN = 8


class MappedUnreadable(Exception):
    """The file is missing, not a sectioned file, from another schema, or cut short."""


class StrColumn:
    """A read-only sequence of strings over a buffer: item ``i`` is the UTF-8 text between
    ``offsets[i]`` and ``offsets[i + 1]``. Indexing and :mod:`bisect` work as on a list."""

    __slots__ = ("blob", "offsets")

    def __init__(self, blob, offsets) -> None:
        #: The buffer the text is in (the mapped file, or bytes).
        self.blob = blob
        #: ``len(self) + 1`` offsets into ``blob``.
        self.offsets = offsets

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        return str(self.blob[self.offsets[i]:self.offsets[i + 1]], "utf-8")

    def size(self, i: int) -> int:
        """The length of item ``i`` in bytes (without reading it)."""
        return self.offsets[i + 1] - self.offsets[i]

    def raw(self, i: int) -> bytes:
        """Item ``i`` as bytes."""
        return bytes(self.blob[self.offsets[i]:self.offsets[i + 1]])


class MappedTable:
    """A read-only dict with string keys over two columns (see the module docstring):
    ``get``, ``in`` and indexing work as on a dict, reading only the keys a bisection
    visits and the one value asked for. Keys looked up are remembered with their value (the
memory is emptied when it reaches :attr:`_REMEMBERED` keys)."""

    __slots__ = ("keys", "values", "_seen")
    _MISSING = object()
    #: At most this many keys (found or not) are remembered.
    _REMEMBERED = 50_000

    def __init__(self, keys: StrColumn, values: StrColumn) -> None:
        self.keys, self.values = keys, values
        self._seen: dict[str, object] = {}

    def __len__(self) -> int:
        return len(self.keys)

    def _value(self, key: str):
        value = self._seen.get(key, self)
        if value is self:
            at = bisect_left(self.keys, key)
            found = at < len(self.keys) and self.keys[at] == key
            value = marshal.loads(self.values.raw(at)) if found else self._MISSING
            if len(self._seen) >= self._REMEMBERED:  # a long batch of distinct words
                self._seen.clear()
            self._seen[key] = value
        return value

    def __contains__(self, key: object) -> bool:
        return isinstance(key, str) and self._value(key) is not self._MISSING

    def __getitem__(self, key: str):
        value = self._value(key) if isinstance(key, str) else self._MISSING
        if value is self._MISSING:
            raise KeyError(key)
        return value

    def get(self, key: str, default=None):
        """The value of ``key``, or ``default``."""
        value = self._value(key) if isinstance(key, str) else self._MISSING
        return default if value is self._MISSING else value


class MappedFile:
    """An open sectioned file (the mapping lives as long as the object and its views)."""

    def __init__(self, path: Path, schema: int) -> None:
        try:
            with open(path, "rb") as file:
                self._map = mmap.mmap(file.fileno(), 0, access=mmap.ACCESS_READ)
        except (OSError, ValueError) as exc:  # ValueError: an empty file cannot be mapped
            raise MappedUnreadable(f"{path}: {exc}") from None
        self.path = path
        view = self._map
        if view[:len(MAGIC)] != MAGIC or len(view) < len(MAGIC) + 4:
            raise MappedUnreadable(f"{path}: not a codetui index file")
        (length,) = struct.unpack_from("<I", view, len(MAGIC))
        try:
            self.header = json.loads(view[len(MAGIC) + 4:len(MAGIC) + 4 + length])
            sections = {str(name): (int(start), int(size))
                        for name, (start, size) in self.header["sections"].items()}
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise MappedUnreadable(f"{path}: unreadable header ({exc})") from None
        if self.header.get("schema") != schema:
            raise MappedUnreadable(f"{path}: from another schema version")
        if self.header.get("byteorder") != sys.byteorder:
            raise MappedUnreadable(f"{path}: written on a machine of another byte order")
        for name, (start, size) in sections.items():
            if start < 0 or size < 0 or start + size > len(view):
                raise MappedUnreadable(f"{path}: section {name} lies outside the file")
        self._sections = sections

    def _span(self, name: str) -> tuple[int, int]:
        try:
            return self._sections[name]
        except KeyError:
            raise MappedUnreadable(f"{self.path}: has no section {name}") from None

    def raw(self, name: str) -> memoryview:
        """Section ``name`` as bytes in place (indexing gives ints)."""
        start, size = self._span(name)
        return memoryview(self._map)[start:start + size]

    def uints(self, name: str) -> memoryview:
        """Section ``name`` as unsigned 32-bit numbers in place."""
        view = self.raw(name)
        if len(view) % 4:
            raise MappedUnreadable(f"{self.path}: section {name} is cut short")
        return view.cast("I")

    def strings(self, name: str) -> StrColumn:
        """The string column ``name`` in place (its text can be searched with ``find``)."""
        offsets = self.uints(f"{name}.at")
        start, size = self._span(name)
        if not offsets or offsets[0] != start or offsets[-1] != start + size:
            raise MappedUnreadable(f"{self.path}: column {name} has offsets outside it")
        return StrColumn(self._map, offsets)

    def table(self, name: str) -> MappedTable:
        """The table ``name`` in place (written by :meth:`SectionWriter.add_table`)."""
        keys, values = self.strings(f"{name}.keys"), self.strings(f"{name}.values")
        if len(keys) != len(values):
            raise MappedUnreadable(f"{self.path}: table {name} has keys and values unpaired")
        return MappedTable(keys, values)


class SectionWriter:
    """Collects sections in memory, then writes them as one file (see the module docstring)."""

    def __init__(self, schema: int, **header) -> None:
        self._header = {"schema": schema, "byteorder": sys.byteorder, **header}
        self._parts: list[tuple[str, bytes | None, list[bytes] | None]] = []

    def add(self, name: str, data: bytes) -> None:
        """Add a section of raw bytes (an ``array``'s ``tobytes()``, a ``bytes``)."""
        self._parts.append((name, bytes(data), None))

    def add_column(self, name: str, items: Iterable[bytes]) -> None:
        """Add a column of byte strings (read back with :meth:`MappedFile.strings`, whose
        ``raw`` gives an item's bytes)."""
        self._parts.append((name, None, list(items)))

    def add_strings(self, name: str, strings: Iterable[str]) -> None:
        """Add a column of strings (read back with :meth:`MappedFile.strings`)."""
        self.add_column(name, (text.encode("utf-8") for text in strings))

    def add_table(self, name: str, table: dict) -> None:
        """Add a dict with string keys and marshal-able values (read back with
        :meth:`MappedFile.table`)."""
        keys = sorted(table)
        self.add_strings(f"{name}.keys", keys)
        self.add_column(f"{name}.values", (marshal.dumps(table[key]) for key in keys))

    def write(self, path: Path) -> None:
        """Lay the sections out and write the file."""
        blobs: list[tuple[str, bytes | list[bytes], int]] = []
        for name, data, encoded in self._parts:
            if encoded is None:
                blobs.append((name, data, len(data)))
            else:
                blobs.append((name, encoded, sum(map(len, encoded))))
                blobs.append((f"{name}.at", encoded, 4 * (len(encoded) + 1)))
        # The header holds the offsets, which depend on the header's length: lay out with a
        # generous fixed header size.
        names = [name for name, _, _ in blobs]
        room = _aligned(len(MAGIC) + 4 + len(json.dumps({**self._header, "sections": {
            n: [2 ** 40, 2 ** 40] for n in names}})) + 16)
        sections: dict[str, list[int]] = {}
        at = room
        for name, _, size in blobs:
            sections[name] = [at, size]
            at = _aligned(at + size)
        header = json.dumps({**self._header, "sections": sections}).encode()
        with open(path, "wb") as out:
            out.write(MAGIC + struct.pack("<I", len(header)) + header)
            for name, content, size in blobs:
                out.write(b"\0" * (sections[name][0] - out.tell()))
                if name.endswith(".at") and isinstance(content, list):
                    offsets = array("I", [sections[name[:-3]][0]])
                    for item in content:
                        offsets.append(offsets[-1] + len(item))
                    out.write(offsets.tobytes())
                elif isinstance(content, list):
                    out.write(b"".join(content))
                else:
                    out.write(content)
            out.write(b"\0" * (_aligned(out.tell()) - out.tell()))


def _aligned(at: int) -> int:
    return (at + _ALIGN - 1) // _ALIGN * _ALIGN
