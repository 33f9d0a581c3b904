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

from codetui.search import Hit, SearchResult
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


def group_labels(result: SearchResult | None) -> dict[int, str]:
    """Label rows for a result: where each further system's family of a code prefix starts."""
    if result is None:
        return {}
    query = result.query.strip().upper()
    return {position: f"── {systems.get(system).name}: codes starting {query} ──"
            for position, system in result.groups}


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
        #: For each row of the list, the index of its hit (None for a label or note row).
        self._row_hits: list[int | None] = []

    def _hit_rows(self, hits: list[Hit], starred: set[tuple[str, str]],
                 labels: dict[int, str]) -> list[Option]:
        """Rows for ``hits`` (appended after the hits already listed), with a label row
        before each hit whose position in the whole list is in ``labels``."""
        rows = []
        for hit in hits:
            position = len(self.hits)
            if position in labels:
                rows.append(Option(literal(labels[position], Style(bold=True, dim=True)),
                                   disabled=True))
                self._row_hits.append(None)
            rows.append(Option(hit_prompt(hit, (hit.system, hit.code) in starred)))
            self._row_hits.append(position)
            self.hits.append(hit)
        return rows

    def set_hits(self, hits: list[Hit], total: int, starred: set[tuple[str, str]] | None = None,
                 note: str | None = None, labels: dict[int, str] | None = None) -> None:
        """Replace the list; the first result is highlighted. ``labels`` maps a position in
        the whole list to a label row shown before it ("HCPCS Level II codes starting E11").
        With no hits, ``note`` (such as "CPT 25600: not in codetui's curated CPT set …") is
        shown as one row that cannot be chosen."""
        self.hits, self._row_hits = [], []
        self.total = total
        self.loading_more = False
        self.set_options(self._hit_rows(hits, starred or set(), labels or {}))
        if hits:
            self.highlighted = 0
        elif note:
            self.add_option(Option(literal(note, Style(italic=True)), disabled=True))
            self._row_hits.append(None)

    def add_hits(self, hits: list[Hit], starred: set[tuple[str, str]] | None = None,
                 labels: dict[int, str] | None = None) -> None:
        """Append a further batch of results."""
        self.loading_more = False
        self.add_options(self._hit_rows(hits, starred or set(), labels or {}))

    def mark_starred(self, system: str, code: str, starred: bool) -> None:
        """Redraw the rows of one code with or without the star."""
        for row, index in enumerate(self._row_hits):
            if index is not None and (self.hits[index].system, self.hits[index].code) == (system, code):
                self.replace_option_prompt_at_index(row, hit_prompt(self.hits[index], starred))

    def run_move(self, action: str) -> None:
        """Move the highlight by a named action (``cursor_down``, ``page_up`` …)."""
        getattr(self, f"action_{action}")()

    @property
    def current_index(self) -> int | None:
        """The position of the highlighted result among the hits."""
        row = self.highlighted
        if row is None or not 0 <= row < len(self._row_hits):
            return None
        return self._row_hits[row]

    @property
    def current(self) -> Hit | None:
        """The highlighted result."""
        index = self.current_index
        return None if index is None else self.hits[index]

    def watch_highlighted(self, highlighted: int | None) -> None:
        super().watch_highlighted(highlighted)
        index = self.current_index
        if index is None:
            return
        if (index >= len(self.hits) - PREFETCH_MARGIN and len(self.hits) < self.total
                and not self.loading_more):
            self.loading_more = True
            self.post_message(self.NeedMore(self, len(self.hits)))
