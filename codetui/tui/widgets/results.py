"""The result list: one line per code, filled a batch at a time.

Only the results fetched so far are options (about 100 at a time); when the highlight comes
near the last of them the list asks for more with :class:`ResultList.NeedMore`.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from codetui.search import Hit
from codetui import systems
from codetui.tui.pagerender import literal

#: How many results one fetch brings.
RESULTS_BATCH = 50
#: Ask for more when the highlight is this close to the last loaded result.
PREFETCH_MARGIN = 15
BADGE_WIDTH = 10
CODE_WIDTH = 8



def badge_style(system: str) -> Style:
    """The style of a system's badge (its registry colour, bold)."""
    return Style(color=systems.get(system).colour, bold=True)


def hit_prompt(hit: Hit, starred: bool = False) -> Text:
    """The line shown for one result (all literal text)."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    code = literal(hit.code, Style(bold=True))
    code.pad_right(max(0, CODE_WIDTH - code.cell_len))
    line.append_text(code)
    line.append(" ")
    line.append(systems.badge(hit.system).ljust(BADGE_WIDTH), badge_style(hit.system))
    line.append(" ")
    if starred:
        line.append("★ ", Style(bold=True))
    for mark in hit.marks():
        line.append(f"({mark}) ", Style(italic=True, dim=True) if mark != "terminated"
                    else Style(italic=True, bold=True))
    line.append_text(literal(hit.title, Style(dim=True) if hit.terminated else ""))
    return line


class ResultList(OptionList):
    """Search results (or the starred and recent codes when nothing is typed)."""

    BINDINGS = [
        Binding("down,ctrl+n", "cursor_down", "Down", show=False, id="results-down"),
        Binding("up,ctrl+p", "cursor_up", "Up", show=False, id="results-up"),
        Binding("pagedown", "page_down", "Page down", show=False, id="results-page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="results-page-up"),
        Binding("home", "first", "First", show=False, id="results-first"),
        Binding("end", "last", "Last", show=False, id="results-last"),
        Binding("enter", "select", "Open", show=False, id="results-open"),
    ]

    class NeedMore(Message):
        """The highlight is near the end of what is loaded and more results exist."""

        def __init__(self, results: "ResultList", offset: int) -> None:
            super().__init__()
            self.results = results
            self.offset = offset

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)
        self.hits: list[Hit] = []
        self.total = 0
        self.loading_more = False

    def set_hits(self, hits: list[Hit], total: int, starred: set[tuple[str, str]] | None = None,
                 note: str | None = None) -> None:
        """Replace the list; the first result is highlighted. With no hits, ``note`` (such as
        "CPT 25600: not in codetui's curated CPT set …") is shown as one row that cannot be
        chosen."""
        starred = starred or set()
        self.hits = list(hits)
        self.total = total
        self.loading_more = False
        self.set_options([Option(hit_prompt(h, (h.system, h.code) in starred)) for h in hits])
        if hits:
            self.highlighted = 0
        elif note:
            self.add_option(Option(literal(note, Style(italic=True)), disabled=True))

    def add_hits(self, hits: list[Hit], starred: set[tuple[str, str]] | None = None) -> None:
        """Append a further batch of results."""
        starred = starred or set()
        self.loading_more = False
        self.hits.extend(hits)
        self.add_options([Option(hit_prompt(h, (h.system, h.code) in starred)) for h in hits])

    def mark_starred(self, system: str, code: str, starred: bool) -> None:
        """Redraw the rows of one code with or without the star."""
        for index, hit in enumerate(self.hits):
            if (hit.system, hit.code) == (system, code):
                self.replace_option_prompt_at_index(index, hit_prompt(hit, starred))

    def run_move(self, action: str) -> None:
        """Move the highlight by a named action (``cursor_down``, ``page_up`` …)."""
        getattr(self, f"action_{action}")()

    @property
    def current(self) -> Hit | None:
        """The highlighted result."""
        index = self.highlighted
        if index is None or not 0 <= index < len(self.hits):
            return None
        return self.hits[index]

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        if highlighted is None:
            return
        if (highlighted >= len(self.hits) - PREFETCH_MARGIN and len(self.hits) < self.total
                and not self.loading_more):
            self.loading_more = True
            self.post_message(self.NeedMore(self, len(self.hits)))
