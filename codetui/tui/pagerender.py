"""A code page as Rich renderables (for the app's page view).

Every piece of text from the data goes through :func:`literal`: a :class:`rich.text.Text`
built from the string with control characters made visible, so ``[bold]``, ``[@click=...]``
or an escape sequence in a title or a note is shown as written, never acted on.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rich.style import Style
from rich.text import Text

from codetui.page import Page, Section
from codetui.safetext import visible
from codetui.systems import badge

#: Style names a caller may provide (the page view takes them from its component classes).
STYLE_NAMES = ("code", "badge", "title", "heading", "muted", "link", "ok", "warn", "bad",
               "label", "star")


def literal(text: str, style: Style | str = "") -> Text:
    """``text`` as Rich text, shown literally (no markup, control characters escaped)."""
    return Text(visible(text), style=style)


@dataclass
class Block:
    """One paragraph of the page: ``body`` wrapped to the width, after an optional ``prefix``
    (a bullet, a step number, a field label, a code) that hangs to its left.

    ``section`` is the index of the section it belongs to, -1 for the header parts; ``gap``
    puts a blank line before it.
    """

    body: Text
    section: int = -1
    gap: bool = False
    prefix: Text | None = None
    indent: int = 0

@dataclass
class PageStyles:
    """Rich styles for the parts of a page."""

    styles: dict[str, Style] = field(default_factory=dict)

    def __getitem__(self, name: str) -> Style:
        return self.styles.get(name) or _DEFAULTS[name]


_DEFAULTS = {
    "code": Style(bold=True),
    "badge": Style(reverse=True),
    "title": Style(bold=True),
    "heading": Style(bold=True, underline=True),
    "muted": Style(dim=True),
    "link": Style(bold=True),
    "ok": Style(),
    "warn": Style(bold=True),
    "bad": Style(bold=True),
    "label": Style(italic=True),
    "star": Style(bold=True),
}


def status_style(page: Page, styles: PageStyles) -> Style:
    """The style of the status line: terminated and non-billable codes stand out."""
    if page.status == "terminated":
        return styles["bad"]
    if page.kind in ("chapter", "block", "section", "body_system", "table") or not page.billable:
        return styles["warn"]
    return styles["ok"]


def _hanging(prefixes: list[Text], bodies: list[Text], section: int, cap: int = 24) -> list[Block]:
    """Rows of prefix + body with the bodies aligned after the widest prefix (at most ``cap``)."""
    width = min(max((p.cell_len for p in prefixes), default=0), cap) + 1
    return [Block(body, section, prefix=prefix, indent=width) for prefix, body in zip(prefixes, bodies)]


def section_blocks(section: Section, index: int, page_system: str, styles: PageStyles) -> list[Block]:
    """The blocks of one section's body (without its heading)."""
    blocks: list[Block] = []
    if section.origin:
        blocks.append(Block(literal(f"({section.origin})", styles["muted"]), index))
    if section.text:
        blocks.append(Block(literal(section.text), index))
    if section.items:
        blocks.extend(_hanging([Text("•")] * len(section.items),
                               [literal(item) for item in section.items], index))
    if section.steps:
        blocks.extend(_hanging([Text(f"{n}.") for n in range(1, len(section.steps) + 1)],
                               [literal(step) for step in section.steps], index))
    if section.fields:
        blocks.extend(_hanging([literal(str(label), styles["label"]) for label, _ in section.fields],
                               [literal(str(value)) for _, value in section.fields], index, cap=30))
    if section.links and not section.links_in_fields:
        bodies = []
        for link in section.links:
            line = Text()
            if link.system != page_system:
                line.append(f"{badge(link.system)} ", styles["muted"])
            line.append_text(literal(link.title or "(title not in the data)"))
            if link.note:
                line.append(" — ", styles["muted"])
                line.append_text(literal(link.note, styles["muted"]))
            bodies.append(line)
        blocks.extend(_hanging([literal(link.code or "·", styles["link"]) for link in section.links],
                               bodies, index, cap=12))
    return blocks


def page_blocks(page: Page, styles: PageStyles | None = None, starred: bool = False) -> list[Block]:
    """The page in reading order: header, notes, label, sections, credit."""
    styles = styles or PageStyles()
    blocks: list[Block] = []
    head = Text()
    head.append_text(literal(page.code, styles["code"]))
    head.append("  ")
    head.append(f" {page.badge} ", styles["badge"])
    if starred:
        head.append("  ★ starred", styles["star"])
    blocks.append(Block(head))
    blocks.append(Block(literal(page.title, styles["title"])))
    status = Text()
    status.append(page.status_line(), status_style(page, styles))
    if page.release:
        status.append(" · ", styles["muted"])
        status.append_text(literal(page.release, styles["muted"]))
    blocks.append(Block(status))
    if page.breadcrumb:
        trail = Text(style=styles["muted"])
        for i, link in enumerate(page.breadcrumb):
            if i:
                trail.append(" › ")
            if link.code:
                trail.append_text(literal(link.code, styles["link"]))
                trail.append(" ")
            trail.append_text(literal(link.title))
        blocks.append(Block(trail))
    for note in page.notes:
        line = Text("Note: ", styles["label"])
        line.append_text(literal(note, styles["muted"]))
        blocks.append(Block(line, gap=True))
    label_shown = False
    for index, section in enumerate(page.sections):
        if section.plain and page.plain_label and not label_shown:
            label_shown = True
            blocks.append(Block(literal(f"ⓘ {page.plain_label}", styles["label"]), gap=True))
        heading = literal(section.heading, styles["heading"])
        blocks.append(Block(heading, section=index, gap=True))
        blocks.extend(section_blocks(section, index, page.system, styles))
    if page.plain_label and not label_shown:
        blocks.append(Block(literal(f"ⓘ {page.plain_label}", styles["label"]), gap=True))
    if page.credit:
        blocks.append(Block(literal(page.credit, styles["muted"]), gap=True))
    return blocks
