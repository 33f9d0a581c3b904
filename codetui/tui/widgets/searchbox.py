"""The search box: a text input whose arrow keys move the result list below it."""

from __future__ import annotations

from textual import events
from textual.binding import Binding
from textual.widgets import Input

#: Control characters cannot be typed or pasted into the query.
NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]*"
_CONTROL_TO_SPACE = str.maketrans({i: " " for i in [*range(0x20), *range(0x7f, 0xa0)]})


def clean_query(text: str) -> str:
    """Text fit for the search box: control characters and line breaks become spaces."""
    return " ".join(text.translate(_CONTROL_TO_SPACE).split())


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

    def on_paste(self, event: events.Paste) -> None:
        """Paste several lines or text with escape sequences as one clean line."""
        event.prevent_default()
        event.stop()
        text = clean_query(event.text)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
