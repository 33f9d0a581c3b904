"""The codes a page links to, as choices for the link picker."""

from __future__ import annotations

from typing import Callable

from codetui.page import Page
from codetui.tui.screens.picker import Choice

#: Longest kind label shown beside a link.
KIND_WIDTH = 14


def link_choices(page: Page, title_of: Callable[[str, str], str]) -> list[Choice]:
    """Every code the page points at, labelled with its kind (parent, similar, excludes1 …)."""
    return [Choice(link.system, link.code, link.title or title_of(link.system, link.code),
                   link.kind.value[:KIND_WIDTH], link.note)
            for link in page.links()]
