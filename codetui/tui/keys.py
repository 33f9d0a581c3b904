"""The keys of the main screen, with ids a user keymap can remap."""

from __future__ import annotations

from textual.binding import Binding

from codetui.systems import badge
from codetui.tui.filters import filter_choices

#: Actions that act on a code and need the search box not to be focused (letter keys).
LETTER_ACTIONS = {"copy_code", "copy_code_title", "copy_page", "links", "parent", "star",
                  "favourites", "recent", "help", "quit", "back_key", "palette"}
#: Actions that need a page on screen.
PAGE_ACTIONS = {"copy_code", "copy_code_title", "copy_page", "links", "star", "parent"}


def _filter_bindings() -> list[Binding]:
    """alt+1 … one per filter, in the registry's order."""
    return [Binding(f"alt+{n}", f"set_filter({n - 1})",
                    "All systems" if system is None else f"{badge(system)} only", show=False,
                    priority=True, id=f"filter-{system or 'all'}")
            for n, system in enumerate(filter_choices(), 1)]


MAIN_BINDINGS = [
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
    *_filter_bindings(),
    Binding("alt+left", "back", "Back", show=False, priority=True, id="back"),
    Binding("alt+right", "forward", "Forward", show=False, priority=True, id="forward"),
    Binding("backspace", "back_key", "Back", show=False, id="back-backspace"),
    Binding("question_mark", "help", "Help", show=False, id="help"),
    Binding("f1", "show_help", "Help", priority=True, id="help-f1"),
    Binding("colon", "palette", "Commands", show=False, id="palette"),
    Binding("q", "quit", "Quit", id="quit"),
]
