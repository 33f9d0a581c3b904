"""Keys typed while the store is opened or seeded in a terminal: not echoed over the progress
line, never left for the shell, and kept as text for the app's search box.

A first start seeds for tens of seconds before the app draws. Meanwhile the terminal would be
in line mode: what the user types would be printed over the progress line, and, when codetui
then exits (a command such as ``codetui show``, an error, ctrl+c), read by the shell as a
command; and a line not ended with Enter is dropped by the terminal when the app switches it
to raw mode, so a query typed ahead was lost. :class:`HeldInput` turns echo and line mode off
while the store opens. A command discards the typed keys when it is done; the app takes them
as text (:func:`typed_text`) for its search box, and keeps the terminal held until it has
drawn, so no key typed in between is lost.
"""

from __future__ import annotations

import os
import re
from io import TextIOBase

#: An escape sequence (an arrow, a function key) or a lone escape typed ahead: not text.
_ESCAPE = re.compile(r"\x1b(?:\[[0-9;?]*[ -/]*[@-~]|O.|.)?", re.DOTALL)
_ERASE = ("\x7f", "\x08")
_KILL_LINE = "\x15"  # ctrl+u


def typed_text(raw: bytes) -> str:
    """What the keys in ``raw`` type: escape sequences left out, backspace and ctrl+u applied,
    other control characters (Enter, tab) read as spaces."""
    text: list[str] = []
    for char in _ESCAPE.sub("", raw.decode("utf-8", errors="ignore")):
        if char in _ERASE:
            if text:
                text.pop()
        elif char == _KILL_LINE:
            text.clear()
        elif char < " ":
            text.append(" ")
        else:
            text.append(char)
    return "".join(text)


class HeldInput:
    """Holds a terminal's typed input while the store opens (does nothing off a terminal)."""

    def __init__(self, stream: TextIOBase | None) -> None:
        self._fd: int | None = None
        self._saved: list | None = None
        try:
            if stream is not None and stream.isatty():
                self._fd = stream.fileno()
        except (OSError, ValueError):
            self._fd = None

    def hold(self) -> None:
        """Stop echoing and line editing, so each key is kept as it is typed (once; later
        calls do nothing). Ctrl+c still interrupts."""
        if self._fd is None or self._saved is not None:
            return
        try:
            import termios
        except ImportError:  # no termios (Windows): nothing to hold
            self._fd = None
            return
        try:
            self._saved = termios.tcgetattr(self._fd)
            quiet = termios.tcgetattr(self._fd)
            quiet[3] &= ~(termios.ECHO | termios.ICANON)
            quiet[6][termios.VMIN] = 0  # a read returns at once with what has been typed
            quiet[6][termios.VTIME] = 0
            termios.tcsetattr(self._fd, termios.TCSANOW, quiet)
        except (OSError, termios.error):  # the terminal went away
            self._saved = None
            self._fd = None

    def take(self) -> str:
        """What has been typed since :meth:`hold`, as text; the terminal stays held, so keys
        typed from now on wait, unechoed, for the next reader (the app)."""
        if self._fd is None or self._saved is None:
            return ""
        raw = b""
        try:
            while len(raw) < 65536 and (chunk := os.read(self._fd, 4096)):
                raw += chunk
        except OSError:
            pass
        return typed_text(raw)

    def release(self) -> None:
        """Discard what was typed and not taken, and restore the terminal as it was."""
        if self._fd is None or self._saved is None:
            return
        import termios

        try:
            termios.tcflush(self._fd, termios.TCIFLUSH)
            termios.tcsetattr(self._fd, termios.TCSANOW, self._saved)
        except (OSError, termios.error):  # the terminal is gone (a hangup): nothing to restore
            pass
        self._saved = None
