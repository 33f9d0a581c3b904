"""The search box: a text input whose arrow keys move the result list below it."""

from __future__ import annotations

from textual.binding import Binding
from textual.widgets import Input

#: Control characters cannot be typed or pasted into the query.
NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]*"


class SearchBox(Input):
    """Typing goes here; ``down``/``up``, ``ctrl+n``/``ctrl+p`` and page keys move the results."""

    BINDINGS = [
        Binding("enter", "submit", "Open", id="search-open",
                tooltip="Open the highlighted code (in pick mode: choose it)"),
        Binding("down,ctrl+n", "screen.results('cursor_down')", "Next result", show=False,
                id="search-next"),
        Binding("up,ctrl+p", "screen.results('cursor_up')", "Previous result", show=False,
                id="search-previous"),
        Binding("pagedown", "screen.results('page_down')", "Results page down", show=False,
                id="search-page-down"),
        Binding("pageup", "screen.results('page_up')", "Results page up", show=False,
                id="search-page-up"),
    ]

    def __init__(self, value: str = "", *, id: str | None = None) -> None:
        super().__init__(value=value, placeholder="Search all medical codes", id=id,
                         restrict=NO_CONTROL, select_on_focus=False)
