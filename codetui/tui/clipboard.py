"""What the copy keys put on the clipboard, and how the app says so."""

from __future__ import annotations

import os
import shutil
import subprocess
from collections.abc import Mapping

from codetui.page import Page
from codetui.safetext import visible
from codetui.textpage import render_text


def copy_code(page: Page) -> tuple[str, str]:
    """The text of "copy code" and how the notice names it."""
    return visible(page.code), visible(page.code)


def copy_code_title(page: Page) -> tuple[str, str]:
    """The text of "copy code and title" (control characters made visible, as every copy
    does) and how the notice names it."""
    return visible(f"{page.code} — {page.title}"), f"{visible(page.code)} and its title"


def copy_page(page: Page) -> tuple[str, str]:
    """The page as plain text (80 columns) and how the notice names it."""
    return render_text(page, 80), f"the page of {visible(page.code)} as text"


#: How long the tmux client may take to take the text (it answers in milliseconds).
TMUX_TIMEOUT = 2.0


def hand_to_tmux(text: str, environ: Mapping[str, str] | None = None) -> bool:
    """Inside tmux (``$TMUX`` set), put ``text`` in tmux's paste buffer and, where tmux can
    (3.2+, ``load-buffer -w``), on to the outer clipboard; True when tmux took it.

    OSC 52 alone is dropped by tmux's default ``set-clipboard external``; the buffer is there
    whatever that setting says (prefix + ] pastes it).
    """
    environ = os.environ if environ is None else environ
    tmux = shutil.which("tmux", path=environ.get("PATH")) if environ.get("TMUX") else None
    if tmux is None:
        return False
    for command in ([tmux, "load-buffer", "-w", "-"], [tmux, "load-buffer", "-"]):
        try:
            done = subprocess.run(command, input=text.encode(), env=dict(environ),
                                  stdout=subprocess.DEVNULL,
                                  stderr=subprocess.DEVNULL, timeout=TMUX_TIMEOUT)
        except (OSError, subprocess.TimeoutExpired):
            return False
        if done.returncode == 0:
            return True
    return False


def copy_notice(name: str, in_tmux: bool) -> str:
    """What the app says after a copy: what was done, never more."""
    if in_tmux:
        return f"Copied {name} to the tmux buffer and the terminal clipboard"
    return (f"Copied {name}: sent to the terminal clipboard (OSC 52); if nothing arrived, "
            "see README › Terminal notes")
