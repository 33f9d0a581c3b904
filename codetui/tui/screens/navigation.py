"""Moving between pages on the main screen: open a code, back and forward through the
history, back to the search box. A mixin of :class:`codetui.tui.screens.main.MainScreen`."""

from __future__ import annotations

import asyncio

from textual import work

from codetui.safetext import visible
from codetui.systems import badge
from codetui.tui.widgets.searchbox import clean_query


class Navigation:
    """Opening pages and the history; the screen provides the catalog, the widgets,
    ``history`` and ``load_page``."""

    def open_doc(self, doc_id: int, push: bool = True, position=None) -> None:
        """Open a page (history, recent codes, the page view in front); in pick mode, pick it.
        ``position``: where on the page to open it (back and forward)."""
        if self.pick:
            self.app.exit(self.catalog.hit(doc_id).code)
            return
        if push:
            self._remember_position()
        self.reading = True
        self.page_view.focus()
        self.load_page(doc_id, delay=0, push=push, position=position)

    def _remember_position(self) -> None:
        """Keep where the reader is on the page being left, for back and forward."""
        if self.page is not None and self.current_doc == self.history.current:
            self.history.remember(self.page_view.position())

    def open_highlighted(self) -> None:
        hit = self.results.current
        if hit is None:
            self.notify("No result to open.", severity="warning", timeout=2, markup=False)
        else:
            self.open_doc(hit.doc_id)

    @work(exclusive=True, group="open")
    async def open_code(self, code: str, system: str | None = None) -> bool:
        """Open ``code``'s page (resolved off the UI thread); notify when it is not in the data."""
        found = await asyncio.to_thread(self.catalog.resolve, code, system)
        if not found and system is not None:
            found = await asyncio.to_thread(self.catalog.resolve, code)
        if not found:
            where = f" ({badge(system)})" if system else ""
            self.notify(f"{visible(code)}{where} is not in the loaded data.", severity="warning",
                        markup=False)
            return False
        self._remember_position()
        self.reading = True
        self.page_view.focus()
        # Recorded now, not when the page has loaded: `codetui CODE` lists the recent codes
        # next, and they must hold this one whichever finishes first.
        self.user.viewed(found[0].system, found[0].code)
        self.load_page(found[0].doc_id, delay=0, push=True)
        return True

    @work(group="start")
    async def open_start_code(self, code: str) -> None:
        """``codetui CODE``: open its page (resolved off the UI thread, so the first screen
        is drawn meanwhile), or search for ``code`` when it is not a code."""
        if not await self.open_code(code).wait():
            self.search_box.value = clean_query(code)
        self.run_search(self.search_box.value, delay=0)

    def action_back(self) -> None:
        self._remember_position()
        doc_id = self.history.back()
        if doc_id is not None:
            self.open_doc(doc_id, push=False, position=self.history.position)
        elif self.reading:
            self._close_reading()
        else:
            self.notify("No earlier page.", timeout=2, markup=False)

    def action_back_key(self) -> None:
        self.action_back()

    def action_forward(self) -> None:
        self._remember_position()
        doc_id = self.history.forward()
        if doc_id is None:
            self.notify("No later page.", timeout=2, markup=False)
        else:
            self.open_doc(doc_id, push=False, position=self.history.position)

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
