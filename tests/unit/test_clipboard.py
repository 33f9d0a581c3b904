"""What the copy keys put on the clipboard: never a raw control character from the data."""

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
