"""The result list: one line per code, filled a batch at a time.

Only the results fetched so far are options (about 100 at a time); when the highlight comes
near the last of them the list asks for more with :class:`ResultList.NeedMore`.
"""

from __future__ import annotations

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from codetui.codetable import Hit
from codetui.search import SearchResult
from codetui import systems
from codetui.safetext import visible
from codetui.tui.pagerender import literal
from codetui.tui.titles import shorten_title

#: How many results one fetch brings.
RESULTS_BATCH = 50
#: Ask for more when the highlight is this close to the last loaded result.
PREFETCH_MARGIN = 15
BADGE_WIDTH = 10
CODE_WIDTH = 8



def badge_style(system: str) -> Style:
    """The style of a system's badge (its registry colour, bold)."""
    return Style(color=systems.get(system).colour, bold=True)


def hit_prompt(hit: Hit, starred: bool = False, width: int | None = None,
               neighbours: tuple[str, ...] = ()) -> Text:
    """The line shown for one result (all literal text). With ``width`` (the list's), a long
    title is shortened in its middle, keeping the end that parts it from ``neighbours`` (the
    titles of the rows around it); without, it is cut at the end."""
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
    title = hit.title
    if width is not None:
        title = shorten_title(visible(title), max(0, width - line.cell_len),
                              tuple(visible(n) for n in neighbours))
    line.append_text(literal(title, Style(dim=True) if hit.terminated else ""))
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
        self._starred: set[tuple[str, str]] = set()
        self._drawn_width = 0

    def _hit_rows(self, hits: list[Hit], starred: set[tuple[str, str]],
                  labels: dict[int, str]) -> list[Option]:
        """Rows for ``hits`` (appended after the hits already listed), with a label row
        before each hit whose position in the whole list is in ``labels``."""
        first = len(self.hits)
        self.hits.extend(hits)
        self._starred = starred
        rows = []
        for position in range(first, len(self.hits)):
            if position in labels:
                rows.append(Option(literal(labels[position], Style(bold=True, dim=True)),
                                   disabled=True))
                self._row_hits.append(None)
            rows.append(Option(self._row_prompt(position)))
            self._row_hits.append(position)
        return rows

    def _row_prompt(self, position: int) -> Text:
        """The row of hit ``position``, at the list's width, against its neighbours."""
        hit = self.hits[position]
        near = tuple(self.hits[i].title for i in (position - 1, position + 1)
                     if 0 <= i < len(self.hits))
        width = self.scrollable_content_region.width or None
        return hit_prompt(hit, (hit.system, hit.code) in self._starred, width, near)

    def _redraw_rows(self, positions=None) -> None:
        """Draw the rows of ``positions`` (all) again (a new width, a new neighbour)."""
        for row, index in enumerate(self._row_hits):
            if index is not None and (positions is None or index in positions):
                self.replace_option_prompt_at_index(row, self._row_prompt(index))

    def on_resize(self) -> None:
        width = self.scrollable_content_region.width
        if width != self._drawn_width:
            self._drawn_width = width
            self._redraw_rows()

    def set_hits(self, hits: list[Hit], total: int, starred: set[tuple[str, str]] | None = None,
                 note: str | None = None, labels: dict[int, str] | None = None) -> None:
        """Replace the list; the first result is highlighted. ``labels`` maps a position in
        the whole list to a label row shown before it ("HCPCS Level II codes starting E11").
        With no hits, ``note`` (such as "CPT 25600: not in codetui's curated CPT set …") is
        shown as one row that cannot be chosen."""
        self.hits, self._row_hits = [], []
        self.total = total
        self.loading_more = False
        self._drawn_width = self.scrollable_content_region.width
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
        before = len(self.hits)
        self.add_options(self._hit_rows(hits, starred or set(), labels or {}))
        if before:
            self._redraw_rows({before - 1})  # its row has a neighbour now

    def mark_starred(self, system: str, code: str, starred: bool) -> None:
        """Redraw the rows of one code with or without the star."""
        self._starred = set(self._starred)
        (self._starred.add if starred else self._starred.discard)((system, code))
        self._redraw_rows({index for index, hit in enumerate(self.hits)
                           if (hit.system, hit.code) == (system, code)})

    def action_page_down(self) -> None:
        """Move the highlight a page of rows down."""
        self._move_rows(self._page_rows())

    def action_page_up(self) -> None:
        """Move the highlight a page of rows up."""
        self._move_rows(-self._page_rows())

    def _page_rows(self) -> int:
        return max(1, self.size.height - 1)

    def _move_rows(self, delta: int) -> None:
        """Move the highlight ``delta`` rows (Textual pages by lines, so a page up after a
        page down did not come back where it started when a title took two lines). The
        list's height can change by a line as the page beside it loads, so a move that
        would stop one row short of either end goes to the end."""
        if not self.option_count:
            return
        last = self.option_count - 1
        row = (self.highlighted or 0) + delta
        if delta < 0 and row <= 1:
            row = 0
        elif delta > 0 and row >= last - 1:
            row = last
        step = 1 if delta > 0 else -1
        while 0 <= row <= last and self.get_option_at_index(row).disabled:
            row += step  # a label row cannot be chosen: the next hit past it
        if not 0 <= row <= last:
            row -= step
            while 0 <= row <= last and self.get_option_at_index(row).disabled:
                row -= step
        if 0 <= row <= last:
            self.highlighted = row

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


class TitleLine(Static):
    """Under the result list: the highlighted code and its whole title (rows may shorten it)."""

    def show_hit(self, hit: Hit | None) -> None:
        self.set_class(hit is None, "-empty")
        if hit is None:
            self.update("")
            return
        line = Text(end="")
        line.append_text(literal(hit.code, Style(bold=True)))
        line.append("  ")
        line.append_text(literal(hit.title))
        self.update(line)
