"""The user's own files: favourites, recently viewed codes, imported CPT descriptors.

Every write goes to a temporary file in the same folder, is flushed to disk, and then
renamed over the old file, so a crash or a kill mid-save leaves the old file or the new one,
never a torn one. A change is applied to what the file holds now, under a lock, so two
codetui sessions with the same folder keep each other's stars and history.
"""

from __future__ import annotations

import json
import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from codetui.filelock import locked

FAVOURITES_FILE = "favourites.json"
HISTORY_FILE = "recent.json"
VIEWS_FILE = "views.json"
RECENT_LIMIT = 100


def write_json_atomic(path: Path, value) -> None:
    """Write ``value`` as JSON to ``path`` atomically (temporary file, fsync, rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(value, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_json(path: Path, default):
    """Read JSON from ``path``; ``default`` when it is missing or unreadable."""
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return default


def _views(value) -> dict[str, str]:
    """Keep only ``system: view`` pairs of strings from a loaded file."""
    if not isinstance(value, dict):
        return {}
    return {k: v for k, v in value.items() if isinstance(k, str) and isinstance(v, str)}


def _code_refs(value) -> list[tuple[str, str]]:
    """Keep only well-formed ``[system, code]`` pairs from a loaded file."""
    if not isinstance(value, list):
        return []
    return [(item[0], item[1]) for item in value
            if isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)]


@dataclass
class UserCodes:
    """Starred and recently viewed codes, kept in the user's data directory.

    ``folder`` None keeps them in memory only (when the directory cannot be written).
    """

    folder: Path | None
    favourites: list[tuple[str, str]] = field(default_factory=list)
    recent: list[tuple[str, str]] = field(default_factory=list)
    #: The reader view the user picked per system (``codetui.readerview``).
    views: dict[str, str] = field(default_factory=dict)
    error: str = ""

    @classmethod
    def load(cls, folder: Path | None) -> "UserCodes":
        """Read the files in ``folder`` (missing or damaged files count as empty)."""
        if folder is None:
            return cls(None)
        return cls(folder, _code_refs(read_json(folder / FAVOURITES_FILE, [])),
                   _code_refs(read_json(folder / HISTORY_FILE, [])),
                   _views(read_json(folder / VIEWS_FILE, {})))

    def _update(self, name: str, items: list[tuple[str, str]],
                change: Callable[[list[tuple[str, str]]], None]) -> list[tuple[str, str]]:
        """Apply ``change`` to the list saved in ``name`` (read under the lock, then written
        back), and return the result; in memory only when the folder cannot be written."""
        if self.folder is None:
            change(items)
            return items
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with locked(self.folder / ".lock"):
                saved = _code_refs(read_json(self.folder / name, []))
                change(saved)
                write_json_atomic(self.folder / name, [list(item) for item in saved])
            self.error = ""
            return saved
        except OSError as exc:
            self.error = f"cannot save {name} in {self.folder}: {exc.strerror or exc}"
            change(items)
            return items

    def is_favourite(self, system: str, code: str) -> bool:
        """Whether the code is starred."""
        return (system, code) in self.favourites

    def toggle_favourite(self, system: str, code: str) -> bool:
        """Star or unstar a code (as this session shows it), save, and return whether it is
        now starred."""
        item = (system, code)
        star = item not in self.favourites

        def change(items: list[tuple[str, str]]) -> None:
            if item in items:
                items.remove(item)
            if star:
                items.insert(0, item)

        self.favourites = self._update(FAVOURITES_FILE, self.favourites, change)
        return star

    def viewed(self, system: str, code: str) -> None:
        """Record a code as most recently viewed, and save."""
        item = (system, code)

        def change(items: list[tuple[str, str]]) -> None:
            if item in items:
                items.remove(item)
            items.insert(0, item)
            del items[RECENT_LIMIT:]

        self.recent = self._update(HISTORY_FILE, self.recent, change)

    def set_view(self, system: str, view: str) -> None:
        """Remember ``view`` for the pages of ``system``, and save (in memory only when the
        folder cannot be written)."""
        self.views[system] = view
        if self.folder is None:
            return
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            with locked(self.folder / ".lock"):
                saved = _views(read_json(self.folder / VIEWS_FILE, {}))
                saved[system] = view
                write_json_atomic(self.folder / VIEWS_FILE, saved)
            self.views = saved
            self.error = ""
        except OSError as exc:
            self.error = f"cannot save {VIEWS_FILE} in {self.folder}: {exc.strerror or exc}"
