"""An exclusive lock on a file, held for a block of code (between processes, via flock)."""

from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from collections.abc import Callable, Iterator


@contextmanager
def locked(path: Path, on_wait: Callable[[], None] | None = None) -> Iterator[None]:
    """Hold an exclusive lock on ``path`` (created if needed; a no-op where flock is missing).

    ``on_wait`` is called once when another process holds the lock, before waiting for it.
    """
    handle = open(path, "a+")
    try:
        try:
            import fcntl

            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if on_wait is not None:
                    on_wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
        except ImportError:  # pragma: no cover - Windows
            pass
        yield
    finally:
        handle.close()
