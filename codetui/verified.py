"""A read-only TinyDB storage that refuses a file whose bytes are not the ones the seed wrote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from tinydb.storages import Storage


def file_hash(data: bytes) -> str:
    """The content hash recorded for each store file (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


class VerifiedStorage(Storage):
    """Read ``path`` only if its SHA-256 is ``expected``; raise ValueError otherwise.

    Damage that keeps a file's size (a flipped bit, "K0001" changed to "K0002") is found here,
    so the store is rebuilt instead of answering from the damaged file.
    """

    def __init__(self, path: Path, expected: str) -> None:
        self.path = Path(path)
        self.expected = expected

    def read(self):
        data = self.path.read_bytes()
        if file_hash(data) != self.expected:
            raise ValueError("its content does not match the hash recorded when it was seeded")
        return json.loads(data)

    def write(self, data) -> None:
        raise ValueError("store files are read-only once seeded")
