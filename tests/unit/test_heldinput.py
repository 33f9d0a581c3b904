"""Keys typed while a store is opened or seeded, in a real pseudo-terminal: not echoed, not
left for the shell, and taken as text only by the app, which puts them in its search box."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
FIXTURES = REPO / "tests" / "fixtures" / "data"

pytestmark = pytest.mark.skipif(not hasattr(os, "openpty"), reason="no pseudo-terminals here")

CHILD = """
import select, sys, termios, time
from codetui.heldinput import HeldInput
held = HeldInput(sys.stdin)
print("READY", flush=True)
time.sleep({before})
held.hold()
print("HELD", flush=True)
time.sleep(1.0)
taken = held.take() if {take} else ""
held.release()
echo = bool(termios.tcgetattr(0)[3] & termios.ECHO)
lines = bool(termios.tcgetattr(0)[3] & termios.ICANON)
waiting = bool(select.select([sys.stdin], [], [], 0.3)[0])
print(f"TAKEN={{taken!r}} ECHO={{echo}} LINES={{lines}} WAITING={{waiting}}", flush=True)
"""


def _run(code: str, args: list[str] | None = None, env: dict | None = None,
         typed: bytes = b"zzq\n", until: bytes = b"WAITING=", when: bytes = b"HELD") -> bytes:
    master, slave = pty.openpty()
    command = args or [sys.executable, "-c", code]
    child = subprocess.Popen(command, stdin=slave, stdout=slave, stderr=slave, cwd=REPO,
                             env=env or {**os.environ, "PYTHONPATH": str(REPO)})
    os.close(slave)
    output, sent, deadline = b"", False, time.monotonic() + 60
    try:
        while time.monotonic() < deadline and child.poll() is None or select.select([master], [], [], 0)[0]:
            ready = select.select([master], [], [], 0.1)[0]
            if ready:
                try:
                    chunk = os.read(master, 4096)
                except OSError:
                    break
                if not chunk:
                    break
                output += chunk
            if not sent and (when in output or b"Seeding" in output or b"seeding" in output):
                os.write(master, typed)
                sent = True
            if until and until in output and output.endswith(b"\n"):
                break
    finally:
        child.wait(timeout=30)
        os.close(master)
    assert sent, output
    return output


@pytest.mark.parametrize("take", [False, True])
def test_typed_keys_are_not_echoed_and_only_kept_for_the_app(take):
    output = _run(CHILD.format(before=0, take=take))
    assert b"zzq" not in output.split(b"TAKEN=")[0], output  # not echoed over the progress line
    assert b"ECHO=True LINES=True" in output  # the terminal is as it was afterwards
    assert b"WAITING=False" in output, output  # nothing left for the shell
    assert (b"TAKEN='zzq '" in output) == take, output  # the app takes them as text


def test_a_half_typed_line_is_kept_with_its_corrections():
    """A query typed ahead is not ended with Enter; the terminal's line mode dropped such a
    line when the app switched to raw mode. Backspace applies; an arrow key is not text."""
    output = _run(CHILD.format(before=0, take=True), typed=b"asthmz\x7fa\x1b[A")
    assert b"TAKEN='asthma'" in output, output


def test_keys_typed_before_the_hold_are_kept_too():
    """Typed while Python starts, before the terminal is held (in line mode, echoed)."""
    output = _run(CHILD.format(before=0.8, take=True), typed=b"copd", when=b"READY")
    assert b"TAKEN='copd'" in output, output


@pytest.mark.parametrize("raw, text", [
    (b"left eye", "left eye"), (b"abc\x7f\x7fx", "ax"), (b"junk\x15copd", "copd"),
    (b"copd\r", "copd "), (b"\x1b[B\x1bOPhip", "hip"), (b"caf\xc3\xa9", "caf\u00e9"),
    (b"\xff\xfeok", "ok"),
])
def test_typed_text(raw, text):
    from codetui.heldinput import typed_text

    assert typed_text(raw) == text


def test_a_first_start_of_show_leaves_nothing_for_the_shell(tmp_path):
    """``codetui show`` seeding a new store in a terminal: keys typed meanwhile are neither
    printed nor left behind for the shell that runs next."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "CODETUI_DB": str(tmp_path / "store"),
           "CODETUI_DATA": str(FIXTURES), "CODETUI_USER_DIR": str(tmp_path / "user")}
    script = ("import runpy, select, sys; sys.argv = ['codetui', 'show', 'K0001'];\n"
              "try:\n    runpy.run_module('codetui', run_name='__main__')\n"
              "except SystemExit:\n    pass\n"
              "print('WAITING=' + str(bool(select.select([sys.stdin], [], [], 0.3)[0])), flush=True)\n")
    output = _run("", args=[sys.executable, "-c", script], env=env, typed=b"rm -rf x\n")
    assert b"K0001" in output and b"WAITING=False" in output, output
    assert b"rm -rf" not in output, output
