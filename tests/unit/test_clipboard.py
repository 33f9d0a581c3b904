"""What the copy keys put on the clipboard: never a raw control character from the data."""

import os
import shutil
import subprocess

import pytest

from codetui.page import Link, Page, Section
from codetui.tui import clipboard

HOSTILE = Page(system="hcpcs", code="K0001\x1b[2J", title="Chair \x1b]8;;http://x\x07link\x1b]8;;\x07 \x1b[31mred\x9b",
               kind="code", billable=True, status="active", release="r",
               breadcrumb=[Link("hcpcs", "", "step\x07")],
               sections=[Section("Notes", text="text \x1b[1mbold")])


@pytest.mark.parametrize("copy", [clipboard.copy_code, clipboard.copy_code_title, clipboard.copy_page])
def test_every_copy_key_makes_control_characters_visible(copy):
    text, notice = copy(HOSTILE)
    assert not any(ord(ch) < 32 and ch != "\n" or 0x7f <= ord(ch) < 0xa0 for ch in text), repr(text)
    assert "\\x1b" in text
    assert "\x1b" not in notice


def test_outside_tmux_nothing_is_handed_over_and_the_notice_says_osc_52_only():
    assert clipboard.hand_to_tmux("K0001", {"PATH": os.environ.get("PATH", "")}) is False
    notice = clipboard.copy_notice("K0001", in_tmux=False)
    assert notice.startswith("Copied K0001") and "OSC 52" in notice and "Terminal notes" in notice
    assert "tmux" in clipboard.copy_notice("K0001", in_tmux=True)


def test_a_dead_tmux_server_is_reported_as_not_taken(tmp_path):
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed on this machine")
    environ = {"TMUX": f"{tmp_path}/no-such-socket,1,0", "PATH": os.environ.get("PATH", "")}
    assert clipboard.hand_to_tmux("K0001", environ) is False


def test_inside_tmux_the_text_lands_in_tmux_s_buffer():
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed on this machine")
    server = f"codetui-clip-{os.getpid()}"
    tmux = ["tmux", "-L", server, "-f", "/dev/null"]
    subprocess.run([*tmux, "new-session", "-d", "-x", "80", "-y", "24"], check=True)
    try:
        socket = subprocess.run([*tmux, "display-message", "-p", "#{socket_path}"], check=True,
                                capture_output=True, text=True).stdout.strip()
        environ = {"TMUX": f"{socket},1,0", "PATH": os.environ.get("PATH", "")}
        assert clipboard.hand_to_tmux("K0001 — Standard wheelchair", environ) is True
        shown = subprocess.run([*tmux, "show-buffer"], check=True, capture_output=True).stdout
        assert shown.decode() == "K0001 — Standard wheelchair"
    finally:
        subprocess.run([*tmux, "kill-server"], check=False)
