"""A list of strings stored as one UTF-8 byte string and an offsets array.

Loading 190,000 separate strings costs a Python object (and, for non-ASCII text, a decode)
each; one byte string with an array of offsets loads as a single copy, which is what keeps
``codetui search`` start-up short. Items are decoded when read. Indexing and :mod:`bisect`
work on a column as on a list.
"""

from __future__ import annotations

from array import array
from typing import Iterable


def pack(strings: Iterable[str]) -> tuple[bytes, bytes]:
    """Join ``strings`` into ``(blob, offsets)`` for :class:`StrColumn`."""
    offsets = array("I", [0])
    parts = []
    end = 0
    for text in strings:
        data = text.encode("utf-8")
        parts.append(data)
        end += len(data)
        offsets.append(end)
    return b"".join(parts), offsets.tobytes()


class StrColumn:
    """Read-only sequence of strings over a packed blob."""

    __slots__ = ("blob", "offsets")

    def __init__(self, blob: bytes, offsets: bytes) -> None:
        #: The UTF-8 bytes of all items; item ``i`` is ``blob[offsets[i]:offsets[i + 1]]``.
        self.blob = blob
        self.offsets = array("I")
        self.offsets.frombytes(offsets)

    def __len__(self) -> int:
        return len(self.offsets) - 1

    def __getitem__(self, i: int) -> str:
        if i < 0:
            i += len(self)
        return self.blob[self.offsets[i]:self.offsets[i + 1]].decode("utf-8")
