"""The search box: a text input whose arrow keys move the result list below it."""

from __future__ import annotations

import weakref

from textual import events
from textual.binding import Binding
from textual.widgets import Input

#: Control characters cannot be typed or pasted into the query.
NO_CONTROL = r"[^\x00-\x1f\x7f-\x9f]*"
#: Longest query the box holds: far beyond any search, short enough to edit and search at once.
MAX_QUERY = 500
_CONTROL_TO_SPACE = str.maketrans({i: " " for i in [*range(0x20), *range(0x7f, 0xa0)]})
#: Editing keys the box applies as they arrive. As Textual's Input bindings they ran only once
#: the key had bubbled up to the app, after the letters typed behind them were inserted: a
#: burst (over SSH, a fast typist) of "asthmx", backspace, "a" came out "asthmx".
_EDIT_AT_ONCE = {key: binding.action for binding in Input.BINDINGS
                 for key in binding.key.split(",")
                 if key in ("backspace", "delete", "ctrl+u", "ctrl+w", "left", "right")}


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
        super().__init__(value=value[:MAX_QUERY], placeholder="Search all medical codes", id=id,
                         restrict=NO_CONTROL, select_on_focus=False, max_length=MAX_QUERY)
        self._keys_seen: weakref.WeakSet[events.Key] = weakref.WeakSet()

    async def on_key(self, event: events.Key) -> None:
        """Apply an editing key (backspace, delete, ctrl+u, ctrl+w, left, right) here, in the
        order typed, not after the keys behind it; backspace on an empty box is left to the
        screen."""
        self._keys_seen.add(event)
        if event.key in _EDIT_AT_ONCE:
            await self.take_key(event)

    def has_seen(self, event: events.Key) -> bool:
        """Whether ``event`` came to the box (and so reaches its screen only by bubbling up)."""
        return event in self._keys_seen

    async def take_key(self, event: events.Key) -> bool:
        """Type ``event`` into the box, also one sent to the screen while nothing had focus:
        a printable key is typed, an editing key applied. Whether it was taken."""
        if event.is_printable and self.check_consume_key(event.key, event.character):
            self.replace(event.character or "", *self.selection)
        elif event.key in _EDIT_AT_ONCE and (event.key != "backspace" or self.value):
            await self.run_action(_EDIT_AT_ONCE[event.key])
        else:
            return False
        event.stop()
        event.prevent_default()
        return True

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Printable keys are typed into the box, except ``?`` while the box is empty: that
        one opens the help (the screen's ``?`` binding)."""
        if character == "?" and not self.value:
            return False
        return super().check_consume_key(key, character)

    def on_paste(self, event: events.Paste) -> None:
        """Paste several lines or text with escape sequences as one clean line; a paste longer
        than the box holds is cut, with a notice (a 100 KB paste froze the app for minutes)."""
        event.prevent_default()
        event.stop()
        room = MAX_QUERY - len(self.value) + len(self.selected_text)
        text = clean_query(event.text[:MAX_QUERY * 4])
        if len(text) > room:
            text = text[:max(room, 0)]
            self.notify(f"The search box holds {MAX_QUERY} characters: the paste was cut.",
                        severity="warning", timeout=4, markup=False)
        if text:
            selection = self.selection
            if selection.is_empty:
                self.insert_text_at_cursor(text)
            else:
                self.replace(text, *selection)
