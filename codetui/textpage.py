"""A code page as plain text: ``codetui show`` and the app's "copy page" use this."""

from __future__ import annotations

import textwrap

from codetui.page import Page, Section
from codetui.safetext import visible


def _wrap(text: str, width: int, indent: str = "", first: str | None = None) -> list[str]:
    first = indent if first is None else first
    return textwrap.wrap(text, width=width, initial_indent=first, subsequent_indent=indent,
                         break_on_hyphens=False) or [first.rstrip()]


def section_lines(section: Section, width: int) -> list[str]:
    """The body lines of one section (without its heading)."""
    lines: list[str] = []
    if section.origin:
        lines.extend(_wrap(f"({section.origin})", width))
    if section.text:
        lines.extend(_wrap(section.text, width))
    for item in section.items:
        lines.extend(_wrap(item, width, indent="  ", first="- "))
    for number, step in enumerate(section.steps, 1):
        label = f"{number}. "
        lines.extend(_wrap(step, width, indent=" " * len(label), first=label))
    label_width = max((len(label) for label, _ in section.fields), default=0)
    for label, value in section.fields:
        lines.extend(_wrap(value, width, indent=" " * (label_width + 2),
                           first=f"{label.ljust(label_width)}  "))
    for link in () if section.links_in_fields else section.links:
        text = f"{link.code}  {link.title}".rstrip()
        if link.note:
            text += f" — {link.note}"
        lines.extend(_wrap(text, width, indent="    ", first="- "))
    return lines


def render_text(page: Page, width: int = 80) -> str:
    """The whole page as plain text, wrapped to ``width`` columns, control characters escaped."""
    width = max(width, 30)
    lines = [f"{page.code}  {page.badge}", *_wrap(page.title, width)]
    lines.append(f"{page.status_line()} · {page.release}")
    if page.breadcrumb:
        trail = " › ".join(f"{link.code} {link.title}".strip() if link.code else link.title
                           for link in page.breadcrumb)
        lines.extend(_wrap(trail, width))
    for note in page.notes:
        lines.extend(_wrap(f"Note: {note}", width))
    if page.plain_label:
        lines.extend(["", page.plain_label])
    for section in page.sections:
        lines.extend(["", section.heading, "-" * min(len(section.heading), width)])
        lines.extend(section_lines(section, width))
    if page.credit:
        lines.extend(["", *_wrap(page.credit, width)])
    return visible("\n".join(lines)) + "\n"
