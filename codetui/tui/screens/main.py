"""The main screen: search box, result list and the page of the highlighted code.

Wide terminals (120 columns or more) show the list and the page side by side; narrower
ones show the list, and ``enter`` opens the page in its place (``escape`` goes back).
Searching and page loading run in workers; a newer search or highlight cancels the older.
"""

from __future__ import annotations

import asyncio
import re
import threading
from collections import OrderedDict

from rich.style import Style
from rich.text import Text
from textual import work
from textual.worker import get_current_worker
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.screen import Screen
from textual.widgets import Footer, Input, OptionList, Static

from codetui.catalog import Catalog
from codetui.page import Page, note_references
from codetui.search import Hit, SearchResult
from codetui.safetext import visible
from codetui.systems import SYSTEM_IDS, badge, code_key
from codetui.textpage import render_text
from codetui.tui.pagerender import literal
from codetui.tui.screens.picker import Choice, PickerScreen
from codetui.tui.widgets.pageview import PageView
from codetui.tui.widgets.results import PAGE_SIZE, ResultList
from codetui.tui.widgets.searchbox import SearchBox, clean_query

#: The filter cycle of ctrl+s: None is every system.
FILTERS: tuple[str | None, ...] = (None, *SYSTEM_IDS)
#: Wait this long after a keystroke before searching (a newer keystroke cancels the wait).
SEARCH_DELAY = 0.012
#: Wait this long after the highlight moves before loading its page.
PAGE_DELAY = 0.015
PAGE_CACHE = 64
#: Pages loaded ahead of the highlight.
WARM_AHEAD = 4
#: Actions that act on a code and need the search box not to be focused (letter keys).
LETTER_ACTIONS = {"copy_code", "copy_code_title", "copy_page", "links", "parent", "star",
                  "favourites", "recent", "help", "quit", "back_key", "palette"}


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
    skip = {"codetui", "pages", badge(system).lower()}
    words = [w for w in release.split("(")[0].split() if w.lower() not in skip]
    return " ".join(words[:2]) or release[:20]


def filter_name(system: str | None) -> str:
    """How a filter is named on screen."""
    return "All systems" if system is None else badge(system)


class MainScreen(Screen):
    """Search, results and page."""

    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (120, "-wide")]
    VERTICAL_BREAKPOINTS = [(0, "-short"), (20, "-tall")]

    BINDINGS = [
        Binding("enter", "pick_page", "Pick", show=False, id="pick-page",
                tooltip="In pick mode, on a page: choose its code"),
        Binding("escape", "escape", "Search", id="focus-search",
                tooltip="Back to the search box; a second press clears it"),
        Binding("y", "copy_code", "Copy", id="copy-code", tooltip="Copy the code"),
        Binding("Y", "copy_code_title", "Copy code+title", show=False, id="copy-code-title"),
        Binding("c", "copy_page", "Copy page", show=False, id="copy-page"),
        Binding("l", "links", "Links", id="links"),
        Binding("u", "parent", "Parent", show=False, id="parent"),
        Binding("s", "star", "Star", id="star"),
        Binding("f", "favourites", "Starred", show=False, id="favourites"),
        Binding("r", "recent", "Recent", show=False, id="recent"),
        Binding("ctrl+s", "cycle_filter", "Filter", priority=True, id="cycle-filter"),
        Binding("alt+1", "set_filter(0)", "All systems", show=False, priority=True, id="filter-all"),
        Binding("alt+2", "set_filter(1)", "CPT only", show=False, priority=True, id="filter-cpt"),
        Binding("alt+3", "set_filter(2)", "HCPCS only", show=False, priority=True, id="filter-hcpcs"),
        Binding("alt+4", "set_filter(3)", "ICD-10-CM only", show=False, priority=True,
                id="filter-icd10cm"),
        Binding("alt+5", "set_filter(4)", "ICD-10-PCS only", show=False, priority=True,
                id="filter-icd10pcs"),
        Binding("alt+left", "back", "Back", show=False, priority=True, id="back"),
        Binding("alt+right", "forward", "Forward", show=False, priority=True, id="forward"),
        Binding("backspace", "back_key", "Back", show=False, id="back-backspace"),
        Binding("question_mark", "help", "Help", show=False, id="help"),
        Binding("f1", "show_help", "Help", priority=True, id="help-f1"),
        Binding("colon", "palette", "Commands", show=False, id="palette"),
        Binding("q", "quit", "Quit", id="quit"),
    ]

    reading: reactive[bool] = reactive(False)
    system: reactive[str | None] = reactive(None, init=False)

    def __init__(self, catalog: Catalog, *, query: str = "", pick: bool = False,
                 code: str | None = None, cursor_blink: bool = True) -> None:
        super().__init__()
        self.catalog = catalog
        self.pick = pick
        self.initial_query = query
        self.start_code = code
        self.cursor_blink = cursor_blink
        self.result: SearchResult | None = None
        self.generation = 0
        self.history: list[int] = []
        self.history_index = -1
        self.current_doc: int | None = None
        self._pages: OrderedDict[int, Page] = OrderedDict()
        self._lock = threading.Lock()
        self._showing_user_codes = False

    # -- layout ----------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield SearchBox(self.initial_query, id="search")
        yield Static(id="info")
        with Horizontal(id="body"):
            yield ResultList(id="results")
            with Vertical(id="pane"):
                yield Static(id="pagebar")
                yield PageView(id="page")
        yield Static(id="status")
        yield Footer(compact=True)

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
    def narrow(self) -> bool:
        return not self.has_class("-wide")

    def on_mount(self) -> None:
        self.search_box.cursor_blink = self.cursor_blink
        self.search_box.focus()
        self._update_status()
        self.page_view.show(None, placeholder="Type to search; the highlighted code's page shows here.")
        if self.start_code and not self.open_code(self.start_code):
            self.search_box.value = clean_query(self.start_code)
        self.run_search(self.search_box.value, delay=0)

    def watch_reading(self, reading: bool) -> None:
        self.set_class(reading, "-reading")

    # -- status ----------------------------------------------------------------------------

    def _update_status(self) -> None:
        line = Text(no_wrap=True, overflow="ellipsis", end="")
        releases = self.catalog.releases
        parts = [(badge(system), short_release(system, releases[system][0]))
                 for system in SYSTEM_IDS if releases.get(system)]
        if not parts:
            line.append("No data loaded")
        for i, (name, release) in enumerate(parts):
            if i:
                line.append(" · ")
            line.append(name, Style(bold=True))
            line.append(" ")
            line.append_text(literal(release))
        self.query_one("#status", Static).update(line)

    def _update_info(self) -> None:
        info = Text(no_wrap=True, overflow="ellipsis", end="")
        if self.pick:
            info.append("Pick a code (enter) · ", Style(bold=True))
        if self.system is not None:
            info.append(f"[{filter_name(self.system)} only] ", Style(bold=True))
        if self._showing_user_codes:
            count = len(self.results.hits)
            info.append("Type a code or words to search." if not count else
                        f"Starred (★) and recently viewed codes: {count:,} — type to search")
        elif self.result is not None:
            total = self.result.total
            info.append(f"{total:,} code{'s' if total != 1 else ''}", Style(bold=True))
            if total == 0:
                info.append(" — nothing matches; try fewer words or another filter")
            corrected = self.result.corrected_query
            if corrected:
                info.append(" · showing results for ")
                info.append_text(literal(f"“{corrected}”", Style(italic=True)))
            if self.result.synonyms:
                said = ", ".join(f"{a} → {b}" for a, b in self.result.synonyms[:2])
                info.append(" · also searched ")
                info.append_text(literal(said, Style(italic=True)))
        self.query_one("#info", Static).update(info)

    # -- searching -------------------------------------------------------------------------

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.run_search(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            event.stop()
            self.open_highlighted()

    @work(exclusive=True, group="search")
    async def run_search(self, query: str, delay: float = SEARCH_DELAY) -> None:
        """Search after a short pause; a newer call cancels this one."""
        if delay:
            await asyncio.sleep(delay)
        system = self.system
        if not query.strip():
            hits = await asyncio.to_thread(self._user_hits)
            self._show_hits(None, hits, len(hits), user_codes=True)
            return
        result = await asyncio.to_thread(self.catalog.search, query, system, PAGE_SIZE, 0)
        self._show_hits(result, result.hits, result.total)

    def _user_hits(self) -> list[Hit]:
        user = self.app.user_codes
        seen: set[tuple[str, str]] = set()
        hits = []
        for system, code in [*user.favourites, *user.recent]:
            if (system, code) in seen or (self.system and system != self.system):
                continue
            seen.add((system, code))
            found = self.catalog.resolve(code, system)
            if found:
                hits.append(found[0])
        return hits

    def _show_hits(self, result: SearchResult | None, hits: list[Hit], total: int,
                   user_codes: bool = False) -> None:
        self.generation += 1
        self.result = result
        self._showing_user_codes = user_codes
        self.results.set_hits(hits, total, self._starred())
        self._update_info()
        if not hits and not self.reading:
            self.current_doc = None
            self.page_view.show(None, placeholder="No code to show.")

    def _starred(self) -> set[tuple[str, str]]:
        return set(self.app.user_codes.favourites)

    def on_result_list_need_more(self, message: ResultList.NeedMore) -> None:
        if self.result is not None:
            self.fetch_more(self.result.query, self.system, message.offset, self.generation)

    @work(group="more")
    async def fetch_more(self, query: str, system: str | None, offset: int, generation: int) -> None:
        result = await asyncio.to_thread(self.catalog.search, query, system, PAGE_SIZE, offset)
        if generation == self.generation:
            self.results.add_hits(result.hits, self._starred())

    def action_results(self, action: str) -> None:
        """Move in the result list from the search box."""
        getattr(self.results, f"action_{action}")()

    # -- filters ---------------------------------------------------------------------------

    def action_cycle_filter(self) -> None:
        index = FILTERS.index(self.system)
        self.action_set_filter((index + 1) % len(FILTERS))

    def action_set_filter(self, index: int) -> None:
        self.system = FILTERS[index]

    def watch_system(self, system: str | None) -> None:
        self.notify(f"Filter: {filter_name(system)}", timeout=2, markup=False)
        self._update_info()
        self.run_search(self.search_box.value, delay=0)

    # -- pages -----------------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option_list is not self.results:
            return
        hit = self.results.current
        if hit is not None and not self.reading:
            self.load_page(hit.doc_id)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if event.option_list is self.results:
            event.stop()
            self.open_highlighted()

    def _page(self, doc_id: int) -> Page:
        """Document ``doc_id``'s page, from the cache or the catalog (any thread)."""
        with self._lock:
            page = self._pages.get(doc_id)
            if page is None:
                page = self.catalog.page(doc_id)
                self._pages[doc_id] = page
                while len(self._pages) > PAGE_CACHE:
                    self._pages.popitem(last=False)
            else:
                self._pages.move_to_end(doc_id)
        return page

    @work(exclusive=True, group="page")
    async def load_page(self, doc_id: int, delay: float = PAGE_DELAY, push: bool = False) -> None:
        """Show document ``doc_id``'s page (optionally recording it in the history)."""
        page = self._pages.get(doc_id)
        if page is None:
            if delay:
                await asyncio.sleep(delay)
            page = await asyncio.to_thread(self._page, doc_id)
        self._display(doc_id, page)
        self._warm_neighbours()
        if push:
            self._push_history(doc_id)
            self.app.user_codes.viewed(page.system, page.code)
            self._report_save_error()

    def _warm_neighbours(self) -> None:
        """Load the pages next to the highlight ahead of time (their store shards mostly)."""
        index = self.results.highlighted
        if index is None:
            return
        hits = self.results.hits[max(0, index - 1):index + WARM_AHEAD + 1]
        wanted = [h.doc_id for h in hits if h.doc_id not in self._pages]
        if wanted:
            self.warm(wanted)

    @work(thread=True, exclusive=True, group="warm")
    def warm(self, doc_ids: list[int]) -> None:
        worker = get_current_worker()
        for doc_id in doc_ids:
            if worker.is_cancelled:
                return
            try:
                self._page(doc_id)
            except Exception:  # noqa: BLE001 - warming is best effort; loading reports errors
                return

    def on_page_view_moved(self, message: PageView.Moved) -> None:
        self._update_pagebar()

    def _update_pagebar(self) -> None:
        """The line above the page: its code, and the section at the top of the view."""
        view = self.page_view
        page = view.page
        bar = Text(no_wrap=True, overflow="ellipsis", end="")
        if page is None:
            bar.append("No code selected", Style(dim=True))
        else:
            if view.starred:
                bar.append("★ ", Style(bold=True))
            bar.append_text(literal(page.code, Style(bold=True)))
            bar.append(f" {page.badge}")
            current = view.current_section()
            if current >= 0:
                bar.append(f" · {current + 1}/{len(page.sections)} ", Style(dim=True))
                bar.append_text(literal(page.sections[current].heading, Style(italic=True)))
            else:
                bar.append(" · ", Style(dim=True))
                bar.append_text(literal(page.title))
        self.query_one("#pagebar", Static).update(bar)

    def _display(self, doc_id: int, page: Page) -> None:
        self.current_doc = doc_id
        starred = self.app.user_codes.is_favourite(page.system, page.code)
        self.page_view.show(page, starred=starred)
        self._update_pagebar()

    def open_doc(self, doc_id: int) -> None:
        """Open a page (history, recent codes, the page view in front)."""
        if self.pick:
            self.app.exit(self.catalog.index.codes[doc_id])
            return
        self._open(doc_id)

    def _open(self, doc_id: int, push: bool = True) -> None:
        """Bring the page view forward now and load ``doc_id`` into it."""
        self.reading = True
        self.page_view.focus()
        self.load_page(doc_id, delay=0, push=push)

    def open_highlighted(self) -> None:
        hit = self.results.current
        if hit is None:
            self.notify("No result to open.", severity="warning", timeout=2, markup=False)
            return
        self.open_doc(hit.doc_id)

    def open_code(self, code: str, system: str | None = None) -> bool:
        """Open ``code``'s page; notify and return False when it is not in the data."""
        found = self.catalog.resolve(code, system)
        if not found and system is not None:
            found = self.catalog.resolve(code)
        if not found:
            where = f" ({badge(system)})" if system else ""
            self.notify(f"{visible(code)}{where} is not in the loaded data.", severity="warning",
                        markup=False)
            return False
        self._open(found[0].doc_id)
        return True

    def _push_history(self, doc_id: int) -> None:
        if 0 <= self.history_index < len(self.history) and self.history[self.history_index] == doc_id:
            return
        del self.history[self.history_index + 1:]
        self.history.append(doc_id)
        self.history_index = len(self.history) - 1

    def action_back(self) -> None:
        if self.history_index > 0:
            self.history_index -= 1
            self._open(self.history[self.history_index], push=False)
        elif self.reading:
            self._close_reading()
        else:
            self.notify("No earlier page.", timeout=2, markup=False)

    def action_back_key(self) -> None:
        self.action_back()

    def action_forward(self) -> None:
        if self.history_index + 1 < len(self.history):
            self.history_index += 1
            self._open(self.history[self.history_index], push=False)
        else:
            self.notify("No later page.", timeout=2, markup=False)

    def _close_reading(self) -> None:
        self.reading = False
        self.search_box.focus()
        hit = self.results.current
        if hit is not None and hit.doc_id != self.current_doc:
            self.load_page(hit.doc_id, delay=0)

    def action_escape(self) -> None:
        if self.reading and self.narrow:
            self._close_reading()
            return
        self.reading = False
        if self.focused is not self.search_box:
            self.search_box.focus()
        elif self.search_box.value:
            self.search_box.value = ""
        elif self.pick:
            self.app.exit(None)

    # -- acting on the current code --------------------------------------------------------

    @property
    def page(self) -> Page | None:
        """The page being shown."""
        return self.page_view.page

    def _need_page(self) -> Page | None:
        page = self.page
        if page is None:
            self.notify("No code selected.", severity="warning", timeout=2, markup=False)
        return page

    def _copy(self, text: str, what: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {what}", timeout=2, markup=False)

    def action_copy_code(self) -> None:
        if page := self._need_page():
            self._copy(page.code, visible(page.code))

    def action_copy_code_title(self) -> None:
        if page := self._need_page():
            self._copy(f"{page.code} — {page.title}", f"{visible(page.code)} and its title")

    def action_copy_page(self) -> None:
        if page := self._need_page():
            self._copy(render_text(page, 80), f"the page of {visible(page.code)} as text")

    def action_star(self) -> None:
        page = self._need_page()
        if page is None:
            return
        user = self.app.user_codes
        starred = user.toggle_favourite(page.system, page.code)
        self.notify(f"{'Starred' if starred else 'Unstarred'} {visible(page.code)}", timeout=2,
                    markup=False)
        self._report_save_error()
        self.page_view.show(page, starred=starred)
        self._update_pagebar()
        for index, hit in enumerate(self.results.hits):
            if (hit.system, hit.code) == (page.system, page.code):
                from codetui.tui.widgets.results import hit_prompt

                self.results.replace_option_prompt_at_index(index, hit_prompt(hit, starred))

    def _report_save_error(self) -> None:
        user = self.app.user_codes
        if user.error and user.error != getattr(self, "_reported_error", ""):
            self._reported_error = user.error
            self.notify(f"Favourites and history are kept for this session only: {visible(user.error)}",
                        severity="warning", timeout=6, markup=False)

    def link_choices(self, page: Page) -> list[Choice]:
        """Every code the page points at, labelled with where it comes from."""
        choices: list[Choice] = []
        seen: set[tuple[str, str]] = set()

        def add(system: str, code: str, title: str, kind: str, note: str = "") -> None:
            key = (system, code_key(code))
            if not code or key in seen:
                return
            seen.add(key)
            choices.append(Choice(system, code, title or self.catalog.title_of(system, code), kind, note))

        crumbs = [link for link in page.breadcrumb if link.code]
        for depth, link in enumerate(reversed(crumbs)):
            add(link.system, link.code, link.title, "parent" if depth == 0 else "ancestor")
        for section in page.sections:
            kind = section.heading.lower()
            if section.heading == "Add-on code":
                kind = "primary"
            elif section.heading == "Similar Codes":
                kind = "similar"
            elif section.heading.startswith(("Codes below", "Blocks in", "Categories in",
                                             "Body systems", "Tables (", "Codes in")):
                kind = "below"
            for link in section.links:
                add(link.system, link.code, link.title, kind[:14], link.note)
            if page.system == "icd10cm":
                for line in (*section.items, section.text):
                    for ref in note_references(line):
                        add(page.system, ref, "", section.heading.lower()[:14])
        return choices

    def action_links(self) -> None:
        page = self._need_page()
        if page is None:
            return
        choices = self.link_choices(page)
        self.app.push_screen(PickerScreen(f"Codes linked from {page.code}", choices,
                                          "This page links to no other code.",
                                          home_system=page.system), self._follow)

    def _follow(self, choice: Choice | None) -> None:
        if choice is not None:
            self.open_code(choice.code, choice.system)

    def action_parent(self) -> None:
        page = self._need_page()
        if page is None:
            return
        crumbs = [link for link in page.breadcrumb if link.code]
        if not crumbs:
            self.notify(f"{visible(page.code)} has no parent code.", timeout=2, markup=False)
            return
        self.open_code(crumbs[-1].code, crumbs[-1].system)

    def _user_choices(self, items: list[tuple[str, str]]) -> list[Choice]:
        return [Choice(system, code, self.catalog.title_of(system, code)) for system, code in items]

    def action_favourites(self) -> None:
        choices = self._user_choices(self.app.user_codes.favourites)
        self.app.push_screen(PickerScreen("Starred codes", choices,
                                          "No starred codes yet: press s on a page to star it."),
                             self._follow)

    def action_recent(self) -> None:
        choices = self._user_choices(self.app.user_codes.recent)
        self.app.push_screen(PickerScreen("Recently viewed codes", choices,
                                          "No code viewed yet."), self._follow)

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

    # -- which keys apply now --------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        typing = self.focused is self.search_box
        if typing and action in LETTER_ACTIONS:
            return False
        if action in ("copy_code", "copy_code_title", "copy_page", "links", "star", "parent"):
            return True if self.page is not None else None
        if action == "pick_page":
            return self.pick and isinstance(self.focused, PageView) and self.page is not None
        if action == "back":
            return True if (self.history_index > 0 or self.reading) else None
        if action == "forward":
            return True if self.history_index + 1 < len(self.history) else None
        return True

    def on_descendant_focus(self) -> None:
        if not self.narrow and self.focused in (self.search_box, self.results):
            self.reading = False
        self.refresh_bindings()

    def on_descendant_blur(self) -> None:
        self.refresh_bindings()
