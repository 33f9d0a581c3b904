"""What the main screen does to the code on show: copy it, star it, follow its links, list
the starred and recent codes. A mixin of :class:`codetui.tui.screens.main.MainScreen`."""

from __future__ import annotations

from codetui.page import Page
from codetui.readerview import VIEW_NAMES, VIEWS, arrange, default_view, other_view
from codetui.systems import badge
from codetui.safetext import visible
from codetui.tui import clipboard
from codetui.tui.links import link_choices
from codetui.tui.screens.picker import Choice, PickerScreen


class CodeActions:
    """Actions on the current page; the screen provides ``page``, ``user``, ``catalog``,
    ``open_code`` and the widgets."""

    def _need_page(self) -> Page | None:
        if self.page is None:
            self.notify("No code selected.", severity="warning", timeout=2, markup=False)
        return self.page

    def _copy(self, what) -> None:
        if page := self._need_page():
            text, name = what(page)
            self.run_worker(lambda: self._hand_over(text, name), thread=True,
                            group="copy", exit_on_error=False)

    def _hand_over(self, text: str, name: str) -> None:
        """(Worker thread) hand the text to tmux where the app runs inside it, then to the
        terminal (OSC 52), and say which was done."""
        in_tmux = clipboard.hand_to_tmux(text)
        self.app.call_from_thread(self._copied, text, clipboard.copy_notice(name, in_tmux))

    def _copied(self, text: str, notice: str) -> None:
        self.app.copy_to_clipboard(text)
        self.notify(notice, timeout=4, markup=False)

    def action_copy_code(self) -> None:
        self._copy(clipboard.copy_code)

    def action_copy_code_title(self) -> None:
        self._copy(clipboard.copy_code_title)

    def action_copy_page(self) -> None:
        self._copy(clipboard.copy_page)

    def action_star(self) -> None:
        page = self._need_page()
        if page is None:
            return
        starred = self.user.toggle_favourite(page.system, page.code)
        self.notify(f"{'Starred' if starred else 'Unstarred'} {visible(page.code)}", timeout=2,
                    markup=False)
        self._report_save_error()
        self.page_view.show(page, starred=starred, position=self.page_view.position())
        self._update_pagebar()
        self.results.mark_starred(page.system, page.code, starred)

    def view_for(self, system: str) -> str:
        """The reader view ``system``'s pages open in: the user's pick, else the system's."""
        view = self.user.views.get(system)
        return view if view in VIEWS else default_view(system)

    def action_reader_view(self) -> None:
        page = self._need_page()
        if page is None:
            return
        view = other_view(self.view_for(page.system))
        self.user.set_view(page.system, view)
        self._report_save_error()
        self.page_view.show(arrange(page, view),
                            starred=self.user.is_favourite(page.system, page.code))
        self._update_pagebar()
        self.notify(f"{VIEW_NAMES[view]} (all {badge(page.system)} pages; v switches back)",
                    timeout=3, markup=False)

    def _report_save_error(self) -> None:
        error = self.user.error
        if error and error != self.reported_error:
            self.reported_error = error
            self.notify(f"Favourites and history are kept for this session only: {visible(error)}",
                        severity="warning", timeout=6, markup=False)

    def action_links(self) -> None:
        page = self._need_page()
        if page is None:
            return
        self.app.push_screen(PickerScreen(f"Codes linked from {page.code}",
                                          link_choices(page, self.catalog.title_of),
                                          "This page links to no other code.",
                                          home_system=page.system), self._follow)

    def _follow(self, choice: Choice | None) -> None:
        if choice is not None and choice.code:
            self.open_code(choice.code, choice.system or None)

    def action_parent(self) -> None:
        if self._need_page() is None:
            return
        crumbs = [link for link in self.page.breadcrumb if link.code]
        if crumbs:
            self.open_code(crumbs[-1].code, crumbs[-1].system)
        else:
            self.notify(f"{visible(self.page.code)} has no parent code.", timeout=2, markup=False)

    def _pick_from(self, title: str, items: list[tuple[str, str]], empty: str) -> None:
        choices = [Choice(system, code, self.catalog.title_of(system, code)) for system, code in items]
        self.app.push_screen(PickerScreen(title, choices, empty), self._follow)

    def action_mark(self) -> None:
        page = self._need_page()
        if page is None:
            return
        key = (page.system, page.code)
        if key in self.marked:
            self.marked.remove(key)
            said = "Unmarked"
        else:
            self.marked.append(key)
            said = "Marked"
        self.notify(f"{said} {visible(page.code)}: {len(self.marked)} marked (M checks them)",
                    timeout=3, markup=False)

    def action_check_marked(self) -> None:
        if not self.marked:
            self.notify("No marked codes: press m on a page to mark it.", timeout=3, markup=False)
            return
        marked = list(self.marked)
        self.run_worker(lambda: self._run_marked_check(marked), thread=True, group="check",
                        exit_on_error=False)

    def _run_marked_check(self, marked: list[tuple[str, str]]) -> None:
        """(Worker thread) check the marked codes together, then list the findings."""
        from codetui.check import check_codes, summary_line

        report = check_codes(self.catalog, [code for _, code in marked])
        systems_of = {code: system for system, code in marked}
        choices = [Choice(systems_of.get(f.code, ""), f.code, f.message, f.level)
                   for f in report.findings]
        summary = summary_line(report.summary)
        if summary:
            choices.append(Choice(marked[0][0], "", summary, "info"))
        codes = " ".join(code for _, code in marked)
        self.app.call_from_thread(self.app.push_screen, PickerScreen(
            f"Check of the marked codes: {codes}", choices,
            "No findings: the marked codes pass every check.", home_system=marked[0][0],
            wrap=True),
            self._follow)

    def action_favourites(self) -> None:
        self._pick_from("Starred codes", self.user.favourites,
                        "No starred codes yet: press s on a page to star it.")

    def action_recent(self) -> None:
        self._pick_from("Recently viewed codes", self.user.recent, "No code viewed yet.")
