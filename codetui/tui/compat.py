"""Workarounds for Textual behaviour, kept in one place.

Each piece says what it works around and relies on a private part of Textual (8.2); the
tests in tests/app/test_compat.py fail when Textual changes what it relies on. No other
module of codetui touches a private Textual name (a test checks that too).
"""

from __future__ import annotations

import codecs
import sys
from contextlib import contextmanager
from typing import IO, Callable, Iterator

from textual.app import App
from textual.command import CommandPalette


class SafeCommandPalette(CommandPalette):
    """Textual's command palette, made safe against keys that come faster than it draws.

    * its list is refilled as commands arrive, and until the list is laid out its line
      cache is empty: ``pageup``/``pagedown`` then raised KeyError in
      ``OptionList._move_page`` (ctrl+k and a page key in quick succession) — relies on
      ``CommandPalette._action_command_list``;
    * typing then ``escape`` closes the palette before the typed text's Input.Changed is
      handled; the search that message started then looked for the palette's list after
      the palette was gone (NoMatches in a worker) — relies on
      ``CommandPalette._gather_commands``.

    Each of these ended the app.
    """

    def _action_command_list(self, action: str) -> None:
        if action not in ("page_up", "page_down"):
            super()._action_command_list(action)
            return
        try:
            super()._action_command_list(action)
        except KeyError:  # the list has no lines yet: nothing to page through
            pass

    def _gather_commands(self, search_value: str):
        if self.is_active:
            return super()._gather_commands(search_value)
        return None


def keymap(app: App) -> dict[str, str]:
    """The user's key remapping (binding id -> keys) the app runs with.

    Textual keeps what ``App.set_keymap`` was given in the private ``App._keymap`` and has
    no public reader; the help screen needs it to show the keys a user really presses.
    """
    return dict(getattr(app, "_keymap", None) or {})


@contextmanager
def ui_stream(stream: IO[str] | None) -> Iterator[None]:
    """Make Textual draw on ``stream`` (when not None) for the duration.

    Textual's Linux driver writes to ``sys.__stderr__`` and offers no parameter to choose
    the terminal, so ``codetui pick 2>log`` points ``sys.__stderr__`` at ``/dev/tty``
    while the app runs.
    """
    if stream is None:
        yield
        return
    saved = sys.__stderr__
    sys.__stderr__ = stream
    try:
        yield
    finally:
        sys.__stderr__ = saved


_PASTE_START = "\x1b[200~"
_PASTE_END = "\x1b[201~"


def _partial_marker(text: str, marker: str, start: int, shortest: int) -> int:
    """Where a trailing, unfinished ``marker`` (at least ``shortest`` characters) begins in
    ``text``, or ``len(text)``."""
    for size in range(min(len(marker) - 1, len(text) - start), shortest - 1, -1):
        if text.endswith(marker[:size]):
            return len(text) - size
    return len(text)


class _PasteGuard:
    """Keeps escape characters inside a bracketed paste from reaching Textual's parser.

    Textual's parser reads an escape sequence inside a paste without adding it to the paste
    and, when it matches no key, sends what it read as keystrokes: an ESC and then a line
    break in pasted text arrived as a key and an ``enter`` (which opened a page). Inside a
    paste, ESC is dropped here, so everything pasted stays text.
    """

    def __init__(self) -> None:
        self.in_paste = False
        self.carry = ""

    def feed(self, text: str) -> str:
        """Pass ``text`` on, minus ESC characters inside pastes (a marker cut between two
        reads is held until the next one)."""
        text, self.carry = self.carry + text, ""
        out: list[str] = []
        i = 0
        while i < len(text):
            marker = _PASTE_END if self.in_paste else _PASTE_START
            found = text.find(marker, i)
            if found < 0:
                # Outside a paste a lone ESC or "ESC [" is a key press: never hold those.
                cut = _partial_marker(text, marker, i, 1 if self.in_paste else 3)
                chunk, self.carry = text[i:cut], text[cut:]
                out.append(chunk.replace("\x1b", "") if self.in_paste else chunk)
                break
            chunk = text[i:found]
            out.append(chunk.replace("\x1b", "") if self.in_paste else chunk)
            out.append(marker)
            i = found + len(marker)
            self.in_paste = not self.in_paste
        return "".join(out)


class _TerminalInputDecoder:
    """UTF-8 decoding of terminal input that never fails, keeps pastes text (see
    :class:`_PasteGuard`) and notices the end of input.

    Textual's Linux driver decodes what it reads with a strict incremental UTF-8 decoder,
    so one byte that is not UTF-8 (0xFF, a latin-1 "é", a stray 0x9B) raised in the input
    thread and ended the app. Here such bytes are dropped. When the terminal goes away,
    ``read`` returns nothing again and again; ``on_end`` is called (once) so the app can
    end instead of spinning in the input thread.
    """

    def __init__(self, on_end: Callable[[], None] | None) -> None:
        self._decoder = codecs.getincrementaldecoder("utf-8")(errors="ignore")
        self._on_end = on_end
        self._pastes = _PasteGuard()

    def decode(self, data: bytes, final: bool = False) -> str:
        if not data and not final and self._on_end is not None:
            on_end, self._on_end = self._on_end, None
            on_end()
        return self._pastes.feed(self._decoder.decode(data, final))


class _KeyName(str):
    """A key name where Textual's sequence table expects a ``Keys`` member (it reads
    ``.value``)."""

    @property
    def value(self) -> str:
        return str(self)


def alt_digits_as_keys() -> None:
    """Make ``ESC 0`` … ``ESC 9`` arrive as ``alt+0`` … ``alt+9``.

    xterm, tmux, screen and most terminals over SSH send ESC and the digit for alt+digit;
    Textual's sequence table turns those into the characters one macOS terminal types for
    option+digit ("¡", "™", "£", "¢" …), so alt+digit bindings never fired and the search
    box got "¢". Relies on ``textual._ansi_sequences.ANSI_SEQUENCES_KEYS`` holding those
    entries and on the parser reading ``.value`` from a tuple entry.
    """
    from textual import _ansi_sequences

    table = _ansi_sequences.ANSI_SEQUENCES_KEYS
    for digit in "0123456789":
        table[f"\x1b{digit}"] = (_KeyName(f"alt+{digit}"),)


def lenient_terminal_input(on_end: Callable[[], None] | None = None) -> None:
    """Make Textual's Linux driver decode input with :class:`_TerminalInputDecoder`.

    Relies on ``textual.drivers.linux_driver`` calling its module-level
    ``getincrementaldecoder("utf-8")().decode`` when its input thread starts.
    """
    from textual.drivers import linux_driver

    linux_driver.getincrementaldecoder = lambda encoding: (lambda: _TerminalInputDecoder(on_end))
