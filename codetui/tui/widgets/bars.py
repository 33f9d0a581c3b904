"""The one-line bars around the list and the page: the info bar (count, filter, notes),
the page bar (code and current section) and the status bar (data releases)."""

from __future__ import annotations

import re

from rich.style import Style
from rich.text import Text
from textual.widgets import Static

from codetui import systems
from codetui.page import Page
from codetui.search import SearchResult
from codetui.tui.filters import fact_filter_name, filter_name
from codetui.tui.pagerender import literal

_MONTH_YEAR = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? (\d{4})\b")
_FISCAL_YEAR = re.compile(r"\bFY ?\d{4}\b")


def short_release(system: str, release: str) -> str:
    """A release in a few characters for the status line ("FY2026", "Oct 2025")."""
    if match := _FISCAL_YEAR.search(release):
        return match.group().replace(" ", "")
    if match := _MONTH_YEAR.search(release):
        return f"{match.group(1)} {match.group(2)}"
    if match := re.search(r"\b(19|20)\d{2}\b", release):
        return match.group()
    skip = {"codetui", "pages", systems.badge(system).lower()}
    words = [w for w in release.split("(")[0].split() if w.lower() not in skip]
    return " ".join(words[:2]) or release[:20]


def _line() -> Text:
    return Text(no_wrap=True, overflow="ellipsis", end="")


class StatusBar(Static):
    """The releases of the loaded data, one short name per system."""

    def show_releases(self, releases: dict[str, list[str]]) -> None:
        """Show the first release of each system that has data."""
        line = _line()
        parts = [(systems.badge(system), short_release(system, releases[system][0]))
                 for system in systems.ids() if releases.get(system)]
        if not parts:
            line.append("No data loaded")
        for i, (name, release) in enumerate(parts):
            if i:
                line.append(" · ")
            line.append(name, Style(bold=True))
            line.append(" ")
            line.append_text(literal(release))
        self.update(line)


class InfoBar(Static):
    """Above the results: how many codes match, the filter, corrections and synonyms used."""

    def show_state(self, *, pick: bool, system: str | None, result: SearchResult | None,
                   user_codes: int | None, facts: int = 0) -> None:
        """Describe the list: a search ``result``, or ``user_codes`` starred/recent codes."""
        info = _line()
        if pick:
            info.append("Pick a code (enter) · ", Style(bold=True))
        if system is not None:
            info.append(f"[{filter_name(system)} only] ", Style(bold=True))
        if facts:
            info.append(f"[{fact_filter_name(facts)} only] ", Style(bold=True))
        if user_codes is not None:
            info.append("Type a code or words to search." if not user_codes else
                        f"Starred (★) and recently viewed codes: {user_codes:,} — type to search")
        elif result is not None:
            total = result.total
            info.append(f"{total:,} code{'s' if total != 1 else ''}", Style(bold=True))
            matched = result.words_matched
            # the corrected query first: the notes after it speak of its words
            if result.corrected_query:
                info.append(" · showing results for ")
                info.append_text(literal(f"“{result.corrected_query}”", Style(italic=True)))
            if result.not_in_store:
                info.append(" — not in codetui's curated CPT set")
            elif matched is not None:
                info.append(" · ")
                info.append_text(literal(matched.note(), Style(italic=True)))
            elif total == 0:
                info.append(" — nothing matches; try fewer words or another filter")
            if result.synonyms:
                said = ", ".join(f"{a} → {b}" for a, b in result.synonyms[:2])
                info.append(" · also searched ")
                info.append_text(literal(said, Style(italic=True)))
        self.update(info)


class PageBar(Static):
    """Above the page: its code and system, and the section at the top of the view."""

    def show_position(self, page: Page | None, starred: bool, section: int) -> None:
        """Describe ``page`` with section number ``section`` at the top (-1: above the first)."""
        bar = _line()
        if page is None:
            bar.append("No code selected", Style(dim=True))
        else:
            if starred:
                bar.append("★ ", Style(bold=True))
            bar.append_text(literal(page.code, Style(bold=True)))
            bar.append(f" {page.badge}")
            if section >= 0:
                bar.append(f" · {section + 1}/{len(page.sections)} ", Style(dim=True))
                bar.append_text(literal(page.sections[section].heading, Style(italic=True)))
            else:
                bar.append(" · ", Style(dim=True))
                bar.append_text(literal(page.title))
        self.update(bar)
