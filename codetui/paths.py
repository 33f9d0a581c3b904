"""Where codetui finds its bundled data and keeps the store and the user's files."""

from __future__ import annotations

import os
import sys
from pathlib import Path

#: Environment variables that override the defaults.
ENV_DB = "CODETUI_DB"
ENV_DATA = "CODETUI_DATA"
ENV_USER_DIR = "CODETUI_USER_DIR"
ENV_SHARED_STORE = "CODETUI_SHARED_STORE"
#: Where a host's administrator seeds one store for every user (``codetui seed --store``).
SHARED_STORE = Path("/var/cache/codetui")


def bundled_data_dir() -> Path:
    """Return the YAML data folder: ``$CODETUI_DATA``, the source checkout's, or the wheel's."""
    if os.environ.get(ENV_DATA):
        return Path(os.environ[ENV_DATA])
    package = Path(__file__).resolve().parent
    checkout = package.parent / "data"
    if (checkout / "synonyms.yaml").exists() or (checkout / "icd10cm").is_dir():
        return checkout
    return package / "data"


def named_store_dir() -> Path | None:
    """The store folder the user named with ``$CODETUI_DB``, or None."""
    value = os.environ.get(ENV_DB)
    return Path(value) if value else None


def default_store_dir() -> Path:
    """Return the store folder: ``$CODETUI_DB`` or the user's cache directory (XDG)."""
    named = named_store_dir()
    if named is not None:
        return named
    return user_folder("cache") / "store"


def shared_store_dir() -> Path:
    """The host's shared store folder: ``$CODETUI_SHARED_STORE`` or ``/var/cache/codetui``.

    A current store there is used as it is (read-only) by every user who names no store of
    their own; see README › A store for every user of a host.
    """
    return Path(os.environ.get(ENV_SHARED_STORE) or SHARED_STORE)


def user_dir() -> Path:
    """Return the folder for favourites, history and imported CPT descriptors (XDG data)."""
    if os.environ.get(ENV_USER_DIR):
        return Path(os.environ[ENV_USER_DIR])
    return user_folder("data")


#: The XDG Base Directory variable of each kind of user folder, and its default.
_XDG = {"cache": ("XDG_CACHE_HOME", "~/.cache"), "data": ("XDG_DATA_HOME", "~/.local/share"),
        "config": ("XDG_CONFIG_HOME", "~/.config")}


def user_folder(kind: str) -> Path:
    """codetui's folder of the user's ``kind`` of files ("cache", "data" or "config").

    On Linux the XDG Base Directory rule, as platformdirs applies it: the variable when it
    holds an absolute path, else its default under the home folder. Elsewhere platformdirs
    (macOS and Windows have their own places). Importing platformdirs costs 8-10 ms, about a
    quarter of a cold search, for what on Linux is this rule.
    """
    if sys.platform.startswith("linux"):
        variable, default = _XDG[kind]
        base = os.environ.get(variable, "")
        return Path(base if os.path.isabs(base) else os.path.expanduser(default)) / "codetui"
    import platformdirs

    return getattr(platformdirs, f"user_{kind}_path")("codetui", appauthor=False)


def fallback_store_dir() -> Path:
    """The store folder used when the usual one cannot be written: one per user in the
    temporary directory, reused by every later command (old versions in it are removed
    when a newer one is seeded)."""
    import tempfile

    uid = os.getuid() if hasattr(os, "getuid") else "user"
    return Path(tempfile.gettempdir()) / f"codetui-store-{uid}"


def data_files(data_dir: Path) -> list[Path]:
    """The YAML files of a data folder in a stable order (links that lead nowhere left out)."""
    return [Path(path) for path in data_file_names(data_dir)]


def data_file_names(data_dir: Path | str) -> list[str]:
    """:func:`data_files` as path strings, sorted as the paths are.

    Walked with :func:`os.scandir`, which knows each entry's type without a stat: every
    command lists these files to fingerprint the data, and ``Path.rglob`` (or even a
    ``Path`` per file) costs several times more.
    """
    found: list[str] = []
    folders = [str(data_dir)]
    while folders:
        try:
            entries = list(os.scandir(folders.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):  # as rglob: linked folders not entered
                folders.append(entry.path)
            elif entry.name.endswith(".yaml") and _is_file(entry):
                found.append(entry.path)
    return sorted(found, key=lambda path: path.split(os.sep))


def _is_file(entry: os.DirEntry) -> bool:
    """Whether an entry is a file or a link to one (a link that loops is neither)."""
    try:
        return entry.is_file()
    except OSError:
        return False


def unresolved_links(data_dir: Path) -> list[Path]:
    """``*.yaml`` links in a data folder that lead to no file (dangling or looping), such as an
    editor's ``.#name.yaml`` lock link: seeding skips them and ``validate`` names them."""
    return sorted(p for p in data_dir.rglob("*.yaml") if p.is_symlink() and not p.is_file())
