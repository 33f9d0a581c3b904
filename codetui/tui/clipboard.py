"""What the copy keys put on the clipboard, and how the app says so."""

from __future__ import annotations

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
