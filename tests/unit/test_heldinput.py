"""Keys typed while a store is seeded, in a real pseudo-terminal: not echoed, and not left for
the shell (kept only for the app, which reads them next)."""

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
held.hold()
print("HELD", flush=True)
time.sleep(1.0)
held.release(keep={keep})
echo = bool(termios.tcgetattr(0)[3] & termios.ECHO)
waiting = bool(select.select([sys.stdin], [], [], 0.3)[0])
print(f"ECHO={{echo}} WAITING={{waiting}}", flush=True)
"""


def _run(code: str, args: list[str] | None = None, env: dict | None = None,
         typed: bytes = b"zzq\n", until: bytes = b"WAITING=") -> bytes:
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
            if not sent and (b"HELD" in output or b"Seeding" in output or b"seeding" in output):
                os.write(master, typed)
                sent = True
            if until and until in output and output.endswith(b"\n"):
                break
    finally:
        child.wait(timeout=30)
        os.close(master)
    assert sent, output
    return output


@pytest.mark.parametrize("keep", [False, True])
def test_typed_keys_are_not_echoed_and_only_kept_for_the_app(keep):
    output = _run(CHILD.format(keep=keep))
    assert b"zzq" not in output, output  # not printed over the progress line
    assert b"ECHO=True" in output  # the terminal echoes again afterwards
    assert (b"WAITING=True" in output) == keep, output  # discarded unless the app reads them


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
