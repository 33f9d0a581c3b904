"""The store's code table (``codes.idx``): every document's code, title, system, flags and
shard, and the sorted code keys, read in place.

Opening a code (``codetui show``, following a link) needs only this table and one shard, never
the search index; the table is mapped, so a process reads only the pages it touches.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections import namedtuple
from pathlib import Path

from codetui.mapped import MappedFile, MappedUnreadable, SectionWriter
from codetui.storeformat import FLAG_BILLABLE, FLAG_HEADING, FLAG_TERMINATED, SCHEMA_VERSION
from codetui import systems
from codetui.systems import code_key


# The tuples here and in :mod:`codetui.search` are collections.namedtuple, not
# typing.NamedTuple: importing typing costs a cold command about 3 ms.
class Hit(namedtuple("Hit", "doc_id system code title billable terminated heading")):
    """One code as a search result or a resolved code: its document number (int), system,
    code and title (str), and whether it is billable, terminated or a heading (bool)."""

    __slots__ = ()

    def marks(self) -> list[str]:
        """Short words for what sets a result apart: heading, not billable, terminated."""
        found = []
        if self.heading:
            found.append("heading")
        elif not self.billable and self.system != "hcpcs":
            found.append("not billable")
        if self.terminated:
            found.append("terminated")
        return found

    def as_json(self) -> dict:
        """The result as the ``codetui search --json`` contract writes it."""
        return {"system": self.system, "code": self.code, "title": self.title,
                "billable": self.billable, "terminated": self.terminated,
                "heading": self.heading}


class CodeTable:
    """Documents by number, and the documents of a code (any case, dot optional)."""

    def __init__(self, path: Path) -> None:
        mapped = MappedFile(path, SCHEMA_VERSION)
        try:
            #: The system ids the table was built with; ``systems`` holds a position in it.
            self.system_ids: tuple[str, ...] = tuple(map(str, mapped.header["system_ids"]))
        except (KeyError, TypeError) as exc:
            raise MappedUnreadable(f"{path}: no system list ({exc})") from None
        self.codes = mapped.strings("codes")
        self.titles = mapped.strings("titles")
        self.systems = mapped.raw("systems")
        self.flags = mapped.raw("flags")
        self.shards = mapped.raw("shards")
        #: Every code key (``code_key``) in sorted order, and the document of each.
        self.keys = mapped.strings("keys")
        self.key_docs = mapped.uints("key_docs")
        count = len(self.codes)
        if not (len(self.titles) == len(self.systems) == len(self.flags) == len(self.shards)
                == count == len(self.keys) == len(self.key_docs)):
            raise MappedUnreadable(f"{path}: its columns disagree in length")

    def __len__(self) -> int:
        return len(self.codes)

    def system_of(self, doc_id: int) -> str:
        """The system id of document ``doc_id``."""
        return self.system_ids[self.systems[doc_id]]

    def hit(self, doc_id: int) -> Hit:
        """Describe document ``doc_id`` as a result."""
        flags = self.flags[doc_id]
        return Hit(doc_id, self.system_of(doc_id), self.codes[doc_id], self.titles[doc_id],
                   bool(flags & FLAG_BILLABLE), bool(flags & FLAG_TERMINATED),
                   bool(flags & FLAG_HEADING))

    def lookup(self, code: str, system: str | None = None) -> list[int]:
        """Return the documents whose code is ``code`` (any case, with or without the dot).

        Where the same characters name codes in two systems, the one whose display form
        matches exactly comes first.
        """
        key = code_key(code)
        start, end = bisect_left(self.keys, key), bisect_right(self.keys, key)
        found = [self.key_docs[i] for i in range(start, end)]
        if system is not None:
            found = [d for d in found if self.system_of(d) == system]
        wanted = code.strip().upper()
        return sorted(found, key=lambda d: self.codes[d].upper() != wanted)

    def prefix_range(self, key: str) -> range:
        """Positions in :attr:`keys` of the codes whose key starts with ``key``."""
        start = bisect_left(self.keys, key)
        return range(start, bisect_left(self.keys, key + "\x7f", start))


def write_code_table(path: Path, docs: list[dict], system_ids: tuple[str, ...],
                     flags: bytes, shards: bytes) -> None:
    """Write the code table of ``docs`` (in document order) to ``path``; codes of the same
    key are ordered by their systems' search rank."""
    from array import array

    keyed = sorted((systems.cached_code_key(doc["code"]), systems.get(doc["system"]).rank, doc_id)
                   for doc_id, doc in enumerate(docs))
    out = SectionWriter(SCHEMA_VERSION, system_ids=list(system_ids))
    out.add_strings("codes", (doc["code"] for doc in docs))
    out.add_strings("titles", (doc["title"] for doc in docs))
    out.add("systems", bytes(system_ids.index(doc["system"]) for doc in docs))
    out.add("flags", flags)
    out.add("shards", shards)
    out.add_strings("keys", (key for key, _, _ in keyed))
    out.add("key_docs", array("I", (doc_id for _, _, doc_id in keyed)).tobytes())
    out.write(path)
