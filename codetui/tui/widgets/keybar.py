"""The key bar under the screen: the keys that act now, the most important first, and only as
many as fit the width (a label is never cut; a key that does not fit is left out).

Textual's Footer shows every shown binding in binding order and cuts the line at the edge
("^k palette1" at 60 columns, "q" without "Quit"); this bar picks from the live bindings
(so a user keymap shows its keys) by :data:`codetui.tui.keys.KEY_BAR`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.widget import Widget

from codetui.tui.keys import FILTER_ID, Slot

_NAMES = {"enter": "⏎", "escape": "esc", "backspace": "⌫", "question_mark": "?", "colon": ":",
          "right_square_bracket": "]", "left_square_bracket": "[", "space": "space",
          "left": "←", "right": "→", "up": "↑", "down": "↓", "pagedown": "pgdn",
          "pageup": "pgup", "tab": "tab"}


def key_label(key: str) -> str:
    """A key as the bar shows it: ``ctrl+k`` → ``^k``, ``f2`` → ``F2``, ``enter`` → ``⏎``."""
    *modifiers, name = key.split("+")
    if len(name) > 1 and name[0] == "f" and name[1:].isdigit():
        name = name.upper()
    name = _NAMES.get(name, name)
    if "ctrl" in modifiers:
        modifiers.remove("ctrl")
        name = f"^{name}"
    return "+".join([*modifiers, name])


def function_key_number(key: str) -> int | None:
    """2 for ``f2``; None for a key that is not a plain function key."""
    if len(key) > 1 and key[0] == "f" and key[1:].isdigit():
        return int(key[1:])
    return None


@dataclass(frozen=True)
class Item:
    """One key on the bar."""

    key: str  # the key pressed (as Textual names it)
    shown: str  # how the key is shown
    label: str
    enabled: bool

    @property
    def width(self) -> int:
        return len(self.shown) + 1 + len(self.label)


def _range_of_filters(active: dict[str, tuple[Binding, bool]]) -> Item | None:
    """The filters' function keys as one item ("F2-F6 Filter") when they run in a row."""
    numbers = sorted(n for key, (binding, _) in active.items()
                     if (binding.id or "").startswith(FILTER_ID)
                     and (n := function_key_number(key)) is not None)
    if len(numbers) < 2 or numbers != list(range(numbers[0], numbers[0] + len(numbers))):
        return None
    first = f"f{numbers[0]}"
    return Item(first, f"F{numbers[0]}-F{numbers[-1]}", "Filter", active[first][1])


def bar_items(active_bindings, slots: tuple[Slot, ...], relabel=None) -> list[Item]:
    """The items of ``slots`` that act now, in the slots' order. ``active_bindings`` is a
    screen's ``active_bindings``; ``relabel(binding)`` may rename an item for the moment."""
    active: dict[str, tuple[Binding, bool]] = {
        key: (entry.binding, entry.enabled) for key, entry in active_bindings.items()}
    items = []
    for slot in slots:
        if slot.ids == (FILTER_ID,):
            item = _range_of_filters(active)
            if item is not None:
                items.append(item)
            continue
        # By binding id first, then by the action of a binding without an id (Textual's own).
        found = [(key, binding) for wanted in slot.ids
                 for key, (binding, enabled) in active.items()
                 if enabled and binding.id == wanted]
        found += [(key, binding) for wanted in slot.ids
                  for key, (binding, enabled) in active.items()
                  if enabled and binding.id is None and binding.action == wanted]
        if found:  # only keys that act now (not dimmed ones)
            key, binding = found[0]
            label = (relabel(binding) if relabel else None) or slot.label or binding.description
            items.append(Item(key, binding.key_display or key_label(key), label, True))
    return items


def fit(items: list[Item], width: int) -> tuple[list[Item], int]:
    """The items that fit ``width`` (most important first; one that does not fit is left out
    and later, shorter ones may still fit) and the gap between them (2 spaces, or 1)."""
    for gap in (2, 1):
        chosen, used = [], 0
        for item in items:
            need = item.width + (gap if chosen else 0)
            if used + need <= width:
                chosen.append(item)
                used += need
        if len(chosen) == len(items) or gap == 1:
            return chosen, gap
    return [], 1


class KeyBar(Widget):
    """One line of keys at the bottom of a screen."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        padding: 0 1;
        background: $footer-background;
        color: $footer-description-foreground;
    }
    KeyBar > .keybar--key { text-style: bold; color: $footer-key-foreground; }
    KeyBar > .keybar--disabled { text-style: dim; }
    """
    COMPONENT_CLASSES = {"keybar--key", "keybar--disabled"}

    def __init__(self, slots: tuple[Slot, ...], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.slots = slots
        self.item_spans: list[tuple[int, int, str]] = []

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen) -> None:
        self.refresh()

    def items(self) -> list[Item]:
        """What the bar would show at any width."""
        relabel = getattr(self.screen, "key_bar_label", None)
        return bar_items(self.screen.active_bindings, self.slots, relabel)

    def render(self) -> Text:
        chosen, gap = fit(self.items(), self.content_region.width)
        key_style = self.get_component_rich_style("keybar--key", partial=True)
        dim = self.get_component_rich_style("keybar--disabled", partial=True)
        line = Text(no_wrap=True, overflow="crop", end="")
        self.item_spans = []
        for item in chosen:
            if len(line):
                line.append(" " * gap)
            start = len(line)
            style = dim if not item.enabled else Style()
            line.append(item.shown, key_style + style)
            line.append(" " + item.label, style)
            self.item_spans.append((start, len(line), item.key))
        return line

    def on_click(self, event: events.Click) -> None:
        x = event.x - self.styles.padding.left
        for start, end, key in self.item_spans:
            if start <= x < end:
                self.app.simulate_key(key)
                return
