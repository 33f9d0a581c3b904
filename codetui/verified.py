"""Reading a store file only if its bytes are the ones the seed wrote."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path


def file_hash(data: bytes) -> str:
    """The content hash recorded for each store file (SHA-256, hex)."""
    return hashlib.sha256(data).hexdigest()


def read_verified(path: Path, expected: str):
    """Parse the JSON file ``path`` (a TinyDB database of the store) only if its SHA-256 is
    ``expected``; raise ValueError otherwise.

    Damage that keeps a file's size (a flipped bit, "K0001" changed to "K0002") is found here,
    so the store is rebuilt instead of answering from the damaged file. The file is read as
    the JSON it is, as TinyDB's own storage reads it, without importing TinyDB: ``show``
    reads one or two such files and nothing else of TinyDB.
    """
    data = Path(path).read_bytes()
    if file_hash(data) != expected:
        raise ValueError("its content does not match the hash recorded when it was seeded")
    return json.loads(data)
