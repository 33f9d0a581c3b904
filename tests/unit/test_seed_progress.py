"""The seed's progress line on a terminal is redrawn every second, so a long stage never
looks hung, and stops when the seed ends."""

from __future__ import annotations

import io
import os
import re
import time

from codetui import cli


class _Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_a_long_stage_keeps_counting_seconds_and_stops_at_the_end(monkeypatch):
    screen = _Terminal()
    monkeypatch.setattr(cli.sys, "stderr", screen)
    shown = cli._SeedProgress()
    shown("Checking the data", 0.45)
    time.sleep(2.3)  # a stage with no step of its own
    drawn = screen.getvalue().split("\r\x1b[K")[1:]
    assert len(drawn) >= 3 and all("Checking the data  45%" in line for line in drawn)
    seconds = [int(re.search(r"· (\d+) s", line).group(1)) for line in drawn]
    assert seconds == sorted(seconds) and seconds[-1] >= 2
    shown("Done", 1.0)
    ended = screen.getvalue()
    assert ended.endswith("\n")
    time.sleep(1.2)
    assert screen.getvalue() == ended  # nothing is drawn after the end


def test_off_a_terminal_one_line_and_no_redraws(monkeypatch):
    plain = io.StringIO()
    monkeypatch.setattr(cli.sys, "stderr", plain)
    shown = cli._SeedProgress()
    shown("Reading YAML sources", 0.0)
    shown("Checking the data", 0.45)
    time.sleep(1.2)
    shown.close()
    assert plain.getvalue() == "codetui: seeding the code store from the YAML data (first start)...\n"


def test_the_line_never_wraps_in_a_narrow_terminal(monkeypatch):
    """A wrapped line is not cleared by the next redraw: at 60 columns every redraw would
    leave another copy on the screen (seen in tmux)."""
    screen = _Terminal()
    monkeypatch.setattr(cli.sys, "stderr", screen)
    monkeypatch.setattr(cli.sys.stderr, "fileno", lambda: 2, raising=False)
    monkeypatch.setattr(cli.os, "get_terminal_size", lambda fd: os.terminal_size((60, 20)))
    shown = cli._SeedProgress()
    shown("Reading YAML sources", 0.08)
    shown.close()
    drawn = screen.getvalue().split("\r\x1b[K")[1:]
    assert drawn and all(len(line) <= 59 and "Reading YAML sources   8%" in line for line in drawn)
