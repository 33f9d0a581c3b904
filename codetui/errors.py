"""Errors the command line reports in one line (kept free of heavy imports)."""

from __future__ import annotations

from pathlib import Path


class DataError(Exception):
    """A problem in a data file, reported as one line: ``file:line: message``."""

    def __init__(self, path: Path | str, line: int | None, message: str) -> None:
        self.path = str(path)
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        return f"{where}: {self.message}"
