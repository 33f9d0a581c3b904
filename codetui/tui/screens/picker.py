"""A small modal list of codes: the page's links, the starred codes, the recent codes."""

from __future__ import annotations

from dataclasses import dataclass

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from codetui.systems import badge
from codetui.tui.screens.modal import DismissOnce
from codetui.tui.pagerender import literal


@dataclass(frozen=True)
class Choice:
    """One code to offer: where it points and why it is listed."""

    system: str
    code: str
    title: str = ""
    kind: str = ""
    note: str = ""


def choice_prompt(choice: Choice, home_system: str | None = None, kind_width: int = 0) -> Text:
    """One line of the picker (literal text); the system is named when it is not ``home_system``.
    Whether a long line is cut or wraps is the list's style (``#picker-list.wrap``)."""
    line = Text(no_wrap=True, overflow="ellipsis", end="")
    if kind_width:
        line.append(choice.kind.ljust(kind_width + 1), Style(italic=True, dim=True))
    code = literal(choice.code, Style(bold=True))
    code.pad_right(max(0, 8 - code.cell_len))
    line.append_text(code)
    line.append(" ")
    if choice.system != home_system:
        line.append(f"{badge(choice.system)} ", Style(dim=True))
    line.append_text(literal(choice.title or "(title not in the data)"))
    if choice.note:
        line.append(" — ", Style(dim=True))
        line.append_text(literal(choice.note, Style(dim=True)))
    return line


#: Below this many columns the picker leaves out the kind of each link.
NARROW_PICKER = 60


class PickerScreen(DismissOnce, ModalScreen["Choice | None"]):
    """Choose one code from a list; ``enter`` picks, ``escape`` closes."""

    BINDINGS = [
        Binding("escape,q", "close", "Close", id="picker-close"),
    ]

    def __init__(self, title: str, choices: list[Choice], empty: str = "Nothing here yet.",
                 home_system: str | None = None, wrap: bool = False) -> None:
        super().__init__()
        self.title_text = title
        self.choices = choices
        self.empty = empty
        self.home_system = home_system
        #: Whether long lines wrap (check findings are sentences to read whole) or are cut.
        self.wrap = wrap
        self.kind_width = 0

    def compose(self) -> ComposeResult:
        with Vertical(id="picker"):
            yield Static(literal(self.title_text, Style(bold=True)), id="picker-title")
            if self.choices:
                self.kind_width = self._kind_width(self.app.size.width)
                yield OptionList(*[Option(choice_prompt(c, self.home_system, self.kind_width))
                                   for c in self.choices], id="picker-list", markup=False,
                                 classes="wrap" if self.wrap else "")
            else:
                yield Static(literal(self.empty, Style(dim=True)), id="picker-empty")
            yield Static(Text("enter open · escape close", style=Style(dim=True)), id="picker-keys")

    def _kind_width(self, screen_width: int) -> int:
        """Width of the column saying why a code is listed (none when the screen is narrow:
        in 40 columns it would leave a few letters of each title)."""
        if screen_width < NARROW_PICKER or not any(c.kind for c in self.choices):
            return 0
        return min(max(len(c.kind) for c in self.choices), 14)

    def on_resize(self) -> None:
        if not self.choices:
            return
        kind_width = self._kind_width(self.size.width)
        if kind_width != self.kind_width:
            self.kind_width = kind_width
            options = self.query_one("#picker-list", OptionList)
            for index, choice in enumerate(self.choices):
                options.replace_option_prompt_at_index(
                    index, choice_prompt(choice, self.home_system, kind_width))

    def on_mount(self) -> None:
        if self.choices:
            self.query_one("#picker-list", OptionList).highlighted = 0

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.choices[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)
