"""The keys of the main screen, with ids a user keymap can remap, and what the key bar shows.

Every key here arrives the same in xterm, tmux, screen, the Linux console and over SSH, except
alt+digit and alt+arrows, which need a terminal that sends ESC before the key (xterm, tmux,
screen; not macOS Terminal.app without "Use Option as Meta key"). So each filter has a
function key (F2 …), shown in the key bar and the help, and alt+digit as a second key.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.binding import Binding

from codetui.systems import badge
from codetui.tui.filters import filter_choices

#: Actions that act on a code and need the search box not to be focused (letter keys).
LETTER_ACTIONS = {"copy_code", "copy_code_title", "copy_page", "links", "parent", "star",
                  "reader_view", "favourites", "recent", "quit", "back_key", "palette", "mark",
                  "check_marked"}
#: Actions that need a page on screen.
PAGE_ACTIONS = {"copy_code", "copy_code_title", "copy_page", "links", "star", "parent",
                "reader_view", "mark"}
#: The filters' function keys, in the order of the filters (F1 is help).
FILTER_KEYS = ("f2", "f3", "f4", "f5", "f6", "f7", "f8", "f9")
#: The id prefix of the filter bindings.
FILTER_ID = "filter-"


def _filter_bindings() -> list[Binding]:
    """One binding per filter, in the registry's order: F2 (and alt+1) for every system …"""
    bindings = []
    for n, system in enumerate(filter_choices()):
        keys = [FILTER_KEYS[n]] if n < len(FILTER_KEYS) else []
        if n < 9:
            keys.append(f"alt+{n + 1}")
        if keys:
            bindings.append(Binding(",".join(keys), f"set_filter({n})",
                                    "All systems" if system is None else f"{badge(system)} only",
                                    show=False, priority=True, id=f"{FILTER_ID}{system or 'all'}"))
    return bindings


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
    Binding("v", "reader_view", "View", show=False, id="reader-view",
            tooltip="Switch the page: coder view (official notes first) / plain language first"),
    Binding("f", "favourites", "Starred", show=False, id="favourites"),
    Binding("m", "mark", "Mark", show=False, id="mark",
            tooltip="Mark the code for a check of the codes of one claim (again: unmark)"),
    Binding("M", "check_marked", "Check marked", show=False, id="check-marked",
            tooltip="Check the marked codes together, as codetui check does"),
    Binding("r", "recent", "Recent", show=False, id="recent"),
    Binding("ctrl+s", "cycle_filter", "Next filter", show=False, priority=True, id="cycle-filter"),
    Binding("ctrl+g", "cycle_fact_filter", "CC/MCC/HCC filter", show=False, priority=True,
            id="fact-filter", tooltip="Only CC-or-MCC, MCC or HCC codes (cycles; then off)"),
    *_filter_bindings(),
    Binding("alt+left", "back", "Back", show=False, priority=True, id="back"),
    Binding("alt+right", "forward", "Forward", show=False, priority=True, id="forward"),
    Binding("backspace", "back_key", "Back", show=False, id="back-backspace"),
    # A priority key, so that it acts in the search box too while the box is empty.
    Binding("question_mark", "help", "Help", show=False, priority=True, id="help",
            tooltip="Help (in the search box: while it is empty)"),
    Binding("f1", "show_help", "Help", priority=True, id="help-f1"),
    Binding("colon", "palette", "Commands", show=False, id="palette"),
    Binding("q", "quit", "Quit", id="quit"),
]


@dataclass(frozen=True)
class Slot:
    """One place in the key bar: the first of ``ids`` (binding ids, or actions) that acts
    now is shown, named ``label`` (or its binding's description)."""

    ids: tuple[str, ...]
    label: str | None = None


#: The key bar, most important first; what does not fit the width is left out.
KEY_BAR = (
    Slot(("pick-page",), "Pick"),
    Slot(("search-open", "results-open"), "Open"),
    Slot(("copy-code",), "Copy"),
    Slot(("next-section",), "Section"),
    Slot(("links",), "Links"),
    Slot(("star",), "Star"),
    Slot(("back-backspace", "back"), "Back"),
    Slot(("focus-search",)),
    Slot(("help", "help-f1"), "Help"),
    Slot((FILTER_ID,), "Filter"),
    Slot(("quit", "quit-ctrl-c"), "Quit"),
    Slot(("palette", "command_palette"), "Commands"),
)
