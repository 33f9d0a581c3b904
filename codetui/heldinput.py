"""Keys typed while the store is seeded in a terminal: not echoed over the progress line, and
never left for the shell.

A first start seeds for tens of seconds before the app draws. Meanwhile the terminal is still
in line mode: what the user types would be printed over the progress line, and, when codetui
then exits (a command such as ``codetui show``, an error, ctrl+c), read by the shell as a
command. :class:`HeldInput` turns the echo off while the seed runs; when it ends, the typed
keys are discarded, or left for the app to read as typing ahead into its search box.
"""

from __future__ import annotations

from io import TextIOBase


class HeldInput:
    """Holds a terminal's typed input during a seed (does nothing when it is not a terminal)."""

    def __init__(self, stream: TextIOBase | None) -> None:
        self._fd: int | None = None
        self._saved: list | None = None
        try:
            if stream is not None and stream.isatty():
                self._fd = stream.fileno()
        except (OSError, ValueError):
            self._fd = None

    def hold(self) -> None:
        """Stop echoing what is typed (once; later calls do nothing)."""
        if self._fd is None or self._saved is not None:
            return
        try:
            import termios

            self._saved = termios.tcgetattr(self._fd)
            quiet = termios.tcgetattr(self._fd)
            quiet[3] &= ~termios.ECHO
            termios.tcsetattr(self._fd, termios.TCSANOW, quiet)
        except (ImportError, OSError):  # no termios (Windows), or the terminal went away
            self._saved = None
            self._fd = None

    def release(self, keep: bool) -> None:
        """Echo again; discard what was typed unless ``keep`` (the app reads it next)."""
        if self._fd is None or self._saved is None:
            return
        try:
            import termios

            if not keep:
                termios.tcflush(self._fd, termios.TCIFLUSH)
            termios.tcsetattr(self._fd, termios.TCSANOW, self._saved)
        except OSError:
            pass
        self._saved = None
