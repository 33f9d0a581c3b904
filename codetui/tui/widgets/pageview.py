"""The page view: one code's page, drawn line by line from Rich renderables.

The page is rendered once per width into strips (the Line API), so scrolling costs nothing
and the first line of every section is known, which is what ``]`` and ``[`` jump between.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from codetui.page import Page
from codetui.tui.pagerender import STYLE_NAMES, Block, PageStyles, literal, page_blocks


@dataclass(frozen=True)
class Position:
    """A place on a page: section index (-1: above the first), lines below its start, and
    whether ``]``/``[`` chose it (a section that could not come to the top)."""

    section: int
    offset: int = 0
    chosen: bool = False


class PageView(ScrollView, can_focus=True):
    """A scrollable code page; empty until :meth:`show` is called."""

    BINDINGS = [
        Binding("down,j", "scroll_down", "Scroll down", show=False, id="page-scroll-down"),
        Binding("up,k", "scroll_up", "Scroll up", show=False, id="page-scroll-up"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="page-page-down"),
        Binding("pageup", "page_up", "Page up", show=False, id="page-page-up"),
        Binding("home", "scroll_home", "Top", show=False, id="page-top"),
        Binding("end", "scroll_end", "Bottom", show=False, id="page-bottom"),
        Binding("right_square_bracket", "next_section", "Next section", id="next-section",
                key_display="]"),
        Binding("left_square_bracket", "previous_section", "Previous section", show=False,
                id="previous-section"),
    ]

    COMPONENT_CLASSES = {f"pageview--{name}" for name in STYLE_NAMES}

    class Moved(Message):
        """The page shown or the section at the top of the view changed."""

        def __init__(self, view: "PageView") -> None:
            super().__init__()
            self.view = view

    DEFAULT_CSS = """
    PageView { overflow-x: hidden; }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.page: Page | None = None
        self.starred = False
        self.placeholder = "No code selected."
        self._page_blocks: list[Block] = []
        self._drawn_lines: list[Strip] = []
        self._section_lines: list[int] = []
        self._rendered_width = -1
        #: The section ``]``/``[`` chose when it could not be brought to the top (a short
        #: section near the end), and the scroll position it holds for: any other scroll
        #: ends it.
        self._chosen: tuple[int, int] | None = None
        #: A position to restore once the page is drawn (it was shown before it had a size).
        self._pending_position: Position | None = None

    # -- content ---------------------------------------------------------------------------

    def show(self, page: Page | None, starred: bool = False, placeholder: str = "",
             position: "Position | None" = None) -> None:
        """Show ``page`` from the top, or at ``position`` (None: show the placeholder text)."""
        self.page = page
        self.starred = starred
        if placeholder:
            self.placeholder = placeholder
        self._chosen = None
        self._pending_position = position
        self._rebuild()
        self.scroll_to(0, 0, animate=False, immediate=True)
        if self._pending_position is not None and self._rendered_width > 0:
            position, self._pending_position = self._pending_position, None
            self.restore(position)

    def _styles(self) -> PageStyles:
        return PageStyles({name: self.get_component_rich_style(f"pageview--{name}", partial=True)
                           for name in STYLE_NAMES})

    def _rebuild(self) -> None:
        if self.page is None:
            self._page_blocks = [Block(literal(self.placeholder, Style(dim=True)))]
        else:
            self._page_blocks = page_blocks(self.page, self._styles(), self.starred)
        self._rendered_width = -1
        self._render_lines()

    def _render_lines(self) -> None:
        width = self.scrollable_content_region.width
        if width <= 0 or width == self._rendered_width:
            return
        self._rendered_width = width
        console = self.app.console
        base = self.rich_style
        lines: list[Strip] = []
        sections: list[int] = []
        last_section = -1
        for block in self._page_blocks:
            if block.gap and lines:
                lines.append(Strip.blank(width, base))
            if block.section != last_section and block.section >= 0:
                sections.append(len(lines))
            last_section = block.section
            body = block.body
            indent = block.indent if block.prefix is not None and block.indent < width // 2 else 0
            if block.prefix is not None and not indent:
                body = block.prefix + Text(" ") + body
            for number, line in enumerate(body.wrap(console, max(1, width - indent), overflow="fold")):
                if indent:
                    prefix = block.prefix.copy() if number == 0 else Text()
                    prefix.truncate(indent - 1, overflow="ellipsis", pad=True)
                    prefix.append(" ")
                    line = prefix + line
                style = line.style if isinstance(line.style, Style) else console.get_style(line.style)
                segments = list(Segment.apply_style(line.render(console), style))
                strip = Strip(segments).apply_style(base)
                lines.append(strip.extend_cell_length(width, base).crop(0, width))
        self._drawn_lines = lines
        self._section_lines = sections
        self.virtual_size = Size(width, len(lines))
        self.refresh()
        if self._pending_position is not None:
            position, self._pending_position = self._pending_position, None
            self.call_after_refresh(self.restore, position)
        self._report_position()

    def _report_position(self) -> None:
        position = (id(self.page), self.current_section())
        if position != getattr(self, "_position", None):
            self._position = position
            self.post_message(self.Moved(self))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._report_position()

    def on_resize(self) -> None:
        self._render_lines()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        if self.is_mounted and self._page_blocks:
            self._rebuild()

    def on_mount(self) -> None:
        self._rebuild()

    # -- drawing ---------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if 0 <= index < len(self._drawn_lines):
            return self._drawn_lines[index].crop_extend(scroll_x, scroll_x + width, self.rich_style)
        return Strip.blank(width, self.rich_style)

    # -- reading ---------------------------------------------------------------------------

    @property
    def section_lines(self) -> list[int]:
        """The line where each section's heading is drawn."""
        return list(self._section_lines)

    def plain_lines(self) -> list[str]:
        """The drawn lines as plain text (for tests)."""
        return [strip.text.rstrip() for strip in self._drawn_lines]

    def current_section(self) -> int:
        """Index (into :attr:`section_lines`) of the section being read, or -1 (above the
        first): the one ``]``/``[`` chose, else the one at the top of the view; at the end of
        a page that scrolls, the last one (the sections after the top one are all on screen
        and cannot come to the top)."""
        top = round(self.scroll_offset.y)
        if self._chosen is not None and self._chosen[1] == top:
            return self._chosen[0]
        if self._section_lines and 0 < self.max_scroll_y <= top:
            return len(self._section_lines) - 1
        current = -1
        for i, line in enumerate(self._section_lines):
            if line <= top:
                current = i
        return current

    def _go_to_section(self, index: int) -> None:
        """Bring section ``index`` (-1: the top of the page) to the top of the view, or as
        near as the page allows, and make it the current section."""
        line = self._section_lines[index] if index >= 0 else 0
        target = min(line, round(self.max_scroll_y))
        self.scroll_to(y=target, animate=False, immediate=True)
        self._chosen = (index, target) if index >= 0 else None
        self._report_position()

    def action_next_section(self) -> None:
        current = self.current_section()
        if current + 1 < len(self._section_lines):
            self._go_to_section(current + 1)
        else:
            self.scroll_end(animate=False)

    def action_previous_section(self) -> None:
        current = self.current_section()
        top = round(self.scroll_offset.y)
        if current >= 0 and self._chosen is None and top > self._section_lines[current] \
                and not (0 < self.max_scroll_y <= top):
            self._go_to_section(current)  # back to the start of the section being read
        else:
            self._go_to_section(max(current - 1, -1))

    # -- where the reader is (kept in the history) -------------------------------------------

    def position(self) -> "Position":
        """Where the reader is: the current section and how far below its heading."""
        section = self.current_section()
        top = round(self.scroll_offset.y)
        start = self._section_lines[section] if section >= 0 else 0
        chosen = self._chosen is not None and self._chosen[1] == top
        return Position(section, max(0, top - start), chosen)

    def restore(self, position: "Position") -> None:
        """Go back to ``position`` (at this width the section may start on another line)."""
        if position.section >= len(self._section_lines):
            return
        if position.chosen:
            self._go_to_section(position.section)
            return
        start = self._section_lines[position.section] if position.section >= 0 else 0
        self.scroll_to(y=start + position.offset, animate=False, immediate=True)
        self._report_position()

    def action_scroll_down(self) -> None:
        self.scroll_relative(y=1, animate=False)

    def action_scroll_up(self) -> None:
        self.scroll_relative(y=-1, animate=False)

    def action_page_down(self) -> None:
        self.scroll_relative(y=max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_page_up(self) -> None:
        self.scroll_relative(y=-max(1, self.scrollable_content_region.height - 1), animate=False)

    def action_scroll_home(self) -> None:
        self.scroll_home(animate=False)

    def action_scroll_end(self) -> None:
        self.scroll_end(animate=False)

