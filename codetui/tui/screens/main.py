"""The main screen: search box, result list and the page of the highlighted code.

Wide terminals (120 columns or more) show the list and the page side by side; narrower
ones show the list, and ``enter`` opens the page in its place (``escape`` goes back).
The screen only wires: widgets display, the catalog answers (from workers), and the
history, filters, links and copy texts live in their own modules.
"""

from __future__ import annotations

import asyncio

from textual import events, work
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.binding import Binding
from textual.widgets import Input, OptionList
from textual.worker import get_current_worker

from codetui.catalog import Catalog
from codetui.page import Page
from codetui.querykinds import not_in_store_message
from codetui.readerview import arrange
from codetui.codetable import Hit
from codetui.search import SearchResult
from codetui.tui.filters import (
    fact_filter_name, filter_choices, filter_name, next_fact_filter, next_filter,
)
from codetui.tui.history import History
from codetui.tui.keys import KEY_BAR, LETTER_ACTIONS, MAIN_BINDINGS, PAGE_ACTIONS
from codetui.tui.screens.code_actions import CodeActions
from codetui.tui.screens.navigation import Navigation
from codetui.tui.widgets.bars import InfoBar, PageBar, StatusBar
from codetui.tui.widgets.keybar import KeyBar
from codetui.tui.widgets.pageview import PageView
from codetui.tui.widgets.results import RESULTS_BATCH, ResultList, TitleLine, group_labels
from codetui.tui.widgets.searchbox import SearchBox
from codetui.userfiles import UserCodes

#: Wait this long after a keystroke before searching (a newer keystroke cancels the wait).
SEARCH_DELAY = 0.012
#: Wait this long after the highlight moves before loading its page.
PAGE_DELAY = 0.015
#: Pages loaded ahead of the highlight.
WARM_AHEAD = 4


class MainScreen(CodeActions, Navigation, Screen):
    """Search, results and page."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    BINDINGS = MAIN_BINDINGS

    reading: reactive[bool] = reactive(False)
    #: The search filter: a system id, or None for every system.
    search_filter: reactive[str | None] = reactive(None, init=False)
    #: The code-facts filter: flag bits (:data:`codetui.tui.filters.FACT_FILTERS`), 0 for none.
    fact_filter: reactive[int] = reactive(0, init=False)

    def __init__(self, catalog: Catalog, user: UserCodes, *, query: str = "", pick: bool = False,
                 code: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__()
        self.catalog = catalog
        self.user = user
        self.pick = pick
        self.initial_query = query
        self.start_code = code
        self.cursor_blink = cursor_blink
        self.result: SearchResult | None = None
        #: Codes marked with m for a check together (system, code), in marking order.
        self.marked: list[tuple[str, str]] = []
        self.generation = 0
        self.history = History()
        self.current_doc: int | None = None
        self.showing_user_codes = False
        self.reported_error = ""

    def compose(self) -> ComposeResult:
        yield SearchBox(self.initial_query, id="search")
        yield InfoBar(id="info")
        with Horizontal(id="body"):
            with Vertical(id="list-pane"):
                yield ResultList(id="results")
                yield TitleLine(id="title-line")
            with Vertical(id="pane"):
                yield PageBar(id="pagebar")
                yield PageView(id="page")
        yield StatusBar(id="status")
        yield KeyBar(KEY_BAR, id="keys")

    @property
    def search_box(self) -> SearchBox:
        return self.query_one("#search", SearchBox)

    @property
    def results(self) -> ResultList:
        return self.query_one("#results", ResultList)

    @property
    def page_view(self) -> PageView:
        return self.query_one("#page", PageView)

    @property
    def page(self) -> Page | None:
        """The page being shown."""
        return self.page_view.page

    @property
    def narrow(self) -> bool:
        return not self.has_class("-wide")

    def on_mount(self) -> None:
        self.search_box.cursor_blink = self.cursor_blink
        self.search_box.focus()
        self.query_one(StatusBar).show_releases(self.catalog.releases)
        self.page_view.show(None, placeholder="Type to search; the highlighted code's page shows here.")
        if self.start_code:
            self.open_start_code(self.start_code)
        else:
            self.run_search(self.search_box.value, delay=0)

    def watch_reading(self, reading: bool) -> None:
        self.set_class(reading, "-reading")

    def _update_info(self) -> None:
        self.query_one(InfoBar).show_state(
            pick=self.pick, system=self.search_filter, facts=self.fact_filter, result=self.result,
            user_codes=len(self.results.hits) if self.showing_user_codes else None)

    # -- searching -------------------------------------------------------------------------

    async def on_key(self, event: events.Key) -> None:
        """A key that found nothing focused is typed into the search box: keys typed while
        the app starts, before the box has taken focus, reach the screen (which dropped
        them: "asthma" typed at start-up over a slow link left the box empty). The screen
        may handle such a key only after the box has taken focus; a key the focused box did
        not see itself was sent here directly, so it is one of them."""
        box = self.search_box
        unseen = self.focused is None or self.focused is box and not box.has_seen(event)
        if unseen and await box.take_key(event):
            box.focus()

    def on_paste(self, event: events.Paste) -> None:
        """A paste that found nothing focused goes into the search box (see :meth:`on_key`;
        the box stops every paste it sees, so one that reaches the screen while the box has
        focus was sent here directly)."""
        if self.focused is None or self.focused is self.search_box:
            self.search_box.on_paste(event)
            self.search_box.focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.run_search(event.value)
            self.refresh_bindings()  # ? and escape act differently on an empty box

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            self.open_highlighted()

    @work(exclusive=True, group="search")
    async def run_search(self, query: str, delay: float = SEARCH_DELAY) -> None:
        """Search after a short pause; a newer call cancels this one."""
        if delay:
            await asyncio.sleep(delay)
        system = self.search_filter
        if not query.strip():
            hits = await asyncio.to_thread(self._user_hits, system)
            self._show_hits(None, hits, len(hits), user_codes=True)
            return
        result = await asyncio.to_thread(self.catalog.search, query, system, RESULTS_BATCH, 0,
                                         self.fact_filter)
        self._show_hits(result, result.hits, result.total)

    def _user_hits(self, system: str | None) -> list[Hit]:
        wanted = dict.fromkeys(item for item in [*self.user.favourites, *self.user.recent]
                               if system is None or item[0] == system)
        found = (self.catalog.resolve(code, sys_id) for sys_id, code in wanted)
        facets = self.fact_filter
        return [hits[0] for hits in found
                if hits and (not facets or self.catalog.has_facts(hits[0].doc_id, facets))]

    def _show_hits(self, result: SearchResult | None, hits: list[Hit], total: int,
                   user_codes: bool = False) -> None:
        self.generation += 1
        self.result = result
        self.showing_user_codes = user_codes
        note = not_in_store_message(result.not_in_store) if result and result.not_in_store else None
        self.results.set_hits(hits, total, set(self.user.favourites), note=note,
                              labels=group_labels(result))
        self.query_one(TitleLine).show_hit(self.results.current)
        self._update_info()
        if not hits and not self.reading:
            self.current_doc = None
            self.page_view.show(None, placeholder=note or "No code to show.")

    def on_result_list_need_more(self, message: ResultList.NeedMore) -> None:
        if self.result is not None:
            self.fetch_more(self.result.query, self.search_filter, message.offset, self.generation)

    @work(group="more")
    async def fetch_more(self, query: str, system: str | None, offset: int, generation: int) -> None:
        result = await asyncio.to_thread(self.catalog.search, query, system, RESULTS_BATCH, offset,
                                         self.fact_filter)
        if generation == self.generation:
            self.results.add_hits(result.hits, set(self.user.favourites), group_labels(result))

    def action_results(self, action: str) -> None:
        """Move in the result list from the search box."""
        self.results.run_move(action)

    def action_cycle_filter(self) -> None:
        self.search_filter = next_filter(self.search_filter)

    def action_set_filter(self, index: int) -> None:
        choices = filter_choices()
        if 0 <= index < len(choices):
            self.search_filter = choices[index]

    def watch_search_filter(self, system: str | None) -> None:
        self.notify(f"Filter: {filter_name(system)}", timeout=2, markup=False)
        self._update_info()
        self.run_search(self.search_box.value, delay=0)

    def action_cycle_fact_filter(self) -> None:
        self.fact_filter = next_fact_filter(self.fact_filter)

    def action_set_fact_filter(self, facets: int) -> None:
        self.fact_filter = facets

    def watch_fact_filter(self, facets: int) -> None:
        name = fact_filter_name(facets)
        self.notify(f"Only ICD-10-CM codes: {name}" if name else "CC/MCC/HCC filter off",
                    timeout=2, markup=False)
        self._update_info()
        self.run_search(self.search_box.value, delay=0)

    # -- pages -----------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        hit = self.results.current
        if event.option_list is self.results:
            self.query_one(TitleLine).show_hit(hit)
        if event.option_list is self.results and hit is not None and not self.reading:
            self.load_page(hit.doc_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.results:
            event.stop()
            self.open_highlighted()

    @work(exclusive=True, group="page")
    async def load_page(self, doc_id: int, delay: float = PAGE_DELAY, push: bool = False,
                        position=None) -> None:
        """Show document ``doc_id``'s page (optionally recording it in the history), from
        the top or at ``position`` (back and forward)."""
        if delay and not self.catalog.is_cached(doc_id):
            await asyncio.sleep(delay)
        page = await asyncio.to_thread(self.catalog.page, doc_id)
        page = arrange(page, self.view_for(page.system))
        self.current_doc = doc_id
        self.page_view.show(page, starred=self.user.is_favourite(page.system, page.code),
                            position=position)
        self._update_pagebar()
        self.refresh_bindings()  # the keys that need a page (y, l, s …) apply now
        self._warm_neighbours()
        if push:
            self.history.push(doc_id)
            self.user.viewed(page.system, page.code)
            self._report_save_error()

    def _warm_neighbours(self) -> None:
        """Build the pages next to the highlight ahead of time (their store shards mostly)."""
        index = self.results.current_index
        if index is not None:
            hits = self.results.hits[max(0, index - 1):index + WARM_AHEAD + 1]
            wanted = [h.doc_id for h in hits if not self.catalog.is_cached(h.doc_id)]
            if wanted:
                self.warm(wanted)

    @work(thread=True, exclusive=True, group="warm")
    def warm(self, doc_ids: list[int]) -> None:
        worker = get_current_worker()
        for doc_id in doc_ids:
            if worker.is_cancelled:
                return
            try:
                self.catalog.page(doc_id)
            except Exception:  # noqa: BLE001 - warming is best effort; loading reports errors
                return

    def on_page_view_moved(self, message: PageView.Moved) -> None:
        self._update_pagebar()

    def _update_pagebar(self) -> None:
        view = self.page_view
        self.query_one(PageBar).show_position(view.page, view.starred, view.current_section())

    def action_help(self) -> None:
        self.app.action_show_keys()

    def action_show_help(self) -> None:
        self.app.action_show_keys()

    def action_palette(self) -> None:
        self.app.action_command_palette()

    def action_pick_page(self) -> None:
        if self.pick and self.page is not None:
            self.app.exit(self.page.code)

    def action_quit(self) -> None:
        self.app.exit(None)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        in_box = self.focused is self.search_box
        if in_box and action in LETTER_ACTIONS:
            return False
        if action == "help":  # ? is typed into the search box unless the box is empty
            return not (in_box and self.search_box.value)
        if action == "escape" and in_box and not self.search_box.value:
            return True if (self.pick or self.reading) else False
        if action in PAGE_ACTIONS:
            return True if self.page is not None else None
        if action == "pick_page":
            return self.pick and isinstance(self.focused, PageView) and self.page is not None
        if action == "back":
            return True if (self.history.can_go_back or self.reading) else None
        if action == "forward":
            return True if self.history.can_go_forward else None
        return True

    def key_bar_label(self, binding: Binding) -> str | None:
        """What the key bar calls ``binding`` just now (None: its usual name)."""
        if binding.action == "escape" and self.focused is self.search_box:
            return "Cancel" if self.pick and not self.search_box.value else "Clear"
        return None

    def on_descendant_focus(self) -> None:
        if not self.narrow and self.focused in (self.search_box, self.results):
            self.reading = False
        self._focus_changed()

    def on_descendant_blur(self) -> None:
        self._focus_changed()

    def _focus_changed(self) -> None:
        self.query_one("#pane").set_class(self.focused is self.page_view, "-focused")
        self.refresh_bindings()
