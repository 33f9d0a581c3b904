"""The help screen: every key, where it works, from the bindings themselves."""

from __future__ import annotations

from rich.console import Group
from rich.style import Style
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from codetui.safetext import visible
from codetui.systems import badge
from codetui.tui.compat import keymap
from codetui.tui.screens.modal import DismissOnce
from codetui.userkeys import keymap_path

INTRO = (
    "codetui searches CPT, HCPCS Level II, ICD-10-CM and ICD-10-PCS codes. Type to search; "
    "the list updates as you type. Letter keys work when the search box is not focused "
    "(press tab or enter to leave it, escape to come back)."
)
NOTES = (
    "Copying uses the terminal's clipboard escape (OSC 52). Inside tmux it needs "
    "`set -g set-clipboard on`; some terminals (macOS Terminal.app) do not support it. "
    "The command palette (ctrl+k, or : outside the search box) lists every action and the themes."
)


def key_display(app, binding: Binding) -> str:
    """The keys of a binding as the user would press them (after any keymap)."""
    keys = binding.key
    remapped = keymap(app)
    if binding.id and binding.id in remapped:
        keys = remapped[binding.id]
    shown = []
    for key in keys.split(","):
        key = key.strip()
        if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
            key = key.upper()  # F2, as on the keyboard
        shown.append({"right_square_bracket": "]", "left_square_bracket": "[",
                      "question_mark": "?", "colon": ":", "space": "space"}.get(key, key))
    return ", ".join(shown)


def help_table(app, groups: list[tuple[str, list[Binding]]]) -> Group:
    """A table per group of bindings (duplicated actions within a group are merged)."""
    parts: list = [Text(INTRO), Text("")]
    for title, bindings in groups:
        table = Table(title=title, title_justify="left", title_style=Style(bold=True),
                      show_header=False, box=None, padding=(0, 2), expand=True)
        table.add_column("Keys", no_wrap=True, style=Style(bold=True), min_width=16)
        table.add_column("Action", ratio=1)
        merged: dict[str, list[str]] = {}
        for binding in bindings:
            label = binding.tooltip or binding.description or binding.action
            merged.setdefault(label, []).append(key_display(app, binding))
        for label, keys in merged.items():
            table.add_row(Text(", ".join(keys)), Text(label))
        parts.extend([table, Text("")])
    releases = getattr(getattr(app, "catalog", None), "releases", {}) or {}
    if releases:
        data = Table(title="Data loaded", title_justify="left", title_style=Style(bold=True),
                     show_header=False, box=None, padding=(0, 2), expand=True)
        data.add_column("System", no_wrap=True, style=Style(bold=True), min_width=16)
        data.add_column("Release", ratio=1)
        for system, names in releases.items():
            data.add_row(Text(badge(system)), Text(visible("; ".join(names))))
        parts.extend([data, Text("")])
    parts.append(Text(NOTES, style=Style(dim=True)))
    parts.append(Text(f"Remap keys in {keymap_path()} (lines like 'copy-code: ctrl+y'); "
                      "`codetui keys` lists the ids.", style=Style(dim=True)))
    return Group(*parts)


class HelpScreen(DismissOnce, ModalScreen[None]):
    """All the keys; any of escape, q, ? or f1 closes it."""

    BINDINGS = [
        Binding("escape,q,question_mark,f1", "close", "Close", id="help-close"),
        Binding("down,j", "scroll('down')", "Down", show=False),
        Binding("up,k", "scroll('up')", "Up", show=False),
    ]

    def __init__(self, groups: list[tuple[str, list[Binding]]]) -> None:
        super().__init__()
        self.groups = groups

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_table(self.app, self.groups), id="help-text")

    def action_scroll(self, direction: str) -> None:
        scroller = self.query_one("#help", VerticalScroll)
        scroller.scroll_relative(y=1 if direction == "down" else -1, animate=False)

    def action_close(self) -> None:
        self.dismiss(None)
