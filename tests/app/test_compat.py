"""The Textual workarounds in codetui/tui/compat.py, and the rule that nothing else touches
a private Textual name.

Each test fails when Textual changes the private behaviour a workaround relies on, so an
upgrade shows at once which workaround to revisit.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import textual
from textual.app import App
from textual.command import CommandPalette
from textual.drivers import linux_driver

from codetui.tui import compat

TUI = Path(compat.__file__).parent


def test_command_palette_still_has_the_methods_the_safe_palette_overrides():
    for name in ("_action_command_list", "_gather_commands"):
        base = getattr(CommandPalette, name)
        ours = getattr(compat.SafeCommandPalette, name)
        assert ours is not base
        assert list(inspect.signature(ours).parameters) == list(inspect.signature(base).parameters)


def test_set_keymap_is_still_kept_where_compat_reads_it():
    app = App()
    app.set_keymap({"some-id": "ctrl+x"})
    assert compat.keymap(app) == {"some-id": "ctrl+x"}


def test_the_linux_driver_still_draws_on_sys_stderr():
    assert "sys.__stderr__" in inspect.getsource(linux_driver)


def _private_textual_names() -> set[str]:
    """Private attribute names defined by Textual's classes (not dunders)."""
    names: set[str] = set()
    root = Path(textual.__file__).parent
    for path in root.rglob("*.py"):
        text = path.read_text(encoding="utf-8", errors="replace")
        names.update(re.findall(r"^[ \t]+def (_[a-z][a-z0-9_]*)\(", text, re.M))
        names.update(re.findall(r"self\.(_[a-z][a-z0-9_]*)\s*[:=]", text))
    return names


def test_no_module_outside_compat_touches_a_private_textual_name():
    private = _private_textual_names()
    offenders = []
    for path in sorted(TUI.rglob("*.py")):
        if path.name == "compat.py":
            continue
        text = path.read_text(encoding="utf-8")
        # Attribute names after a dot, except on the standard library's os and sys (os._exit).
        used = set(re.findall(r"(?<!\bos)(?<!\bsys)\.(_[a-z][a-z0-9_]*)\b", text))
        used |= set(re.findall(r"^[ \t]+def (_[a-z][a-z0-9_]*)\(", text, re.M))
        for name in sorted(used & private):
            offenders.append(f"{path.relative_to(TUI)}: {name}")
    assert not offenders, "private Textual names outside tui/compat.py: " + ", ".join(offenders)


def test_the_linux_driver_still_builds_its_decoder_from_the_module_name_compat_replaces():
    source = inspect.getsource(linux_driver)
    assert 'getincrementaldecoder("utf-8")().decode' in source
    decoder = compat._TerminalInputDecoder(None)
    assert decoder.decode(b"a\xffb\xe2\x82") == "ab"  # bad and cut bytes dropped, never raised


def test_the_end_of_terminal_input_is_reported_once():
    ended = []
    decoder = compat._TerminalInputDecoder(lambda: ended.append(True))
    decoder.decode(b"x")
    decoder.decode(b"")
    decoder.decode(b"")
    assert ended == [True]


def test_escape_characters_inside_a_paste_are_dropped_and_keys_outside_pass():
    decoder = compat._TerminalInputDecoder(None)
    got = decoder.decode(b"\x1b[200~knee\x1b[31m\rpa") + decoder.decode(b"in\x1b[2") + \
        decoder.decode(b"01~\x1b")
    assert got == "\x1b[200~knee[31m\rpain\x1b[201~\x1b"  # the lone ESC after it is a key
    assert compat._TerminalInputDecoder(None).decode(b"\x1b[A\x1b") == "\x1b[A\x1b"
