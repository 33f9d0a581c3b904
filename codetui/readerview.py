"""Reader views: the order of a page's sections for a coder or for a plain-language reader.

The page is built in one order (``codetui show`` prints it so); a view only moves whole
sections, keeping their order within each part:

- ``coder``: the code's facts, official notes (its own and inherited), billing fields and the
  codes below it, then the plain-language text;
- ``plain``: the plain-language text first, then the rest.

ICD-10-CM, ICD-10-PCS and HCPCS pages open in the coder view, CPT pages (whose text is
codetui's plain-language page) plain first, until the user picks another view for a system.
"""

from __future__ import annotations

from dataclasses import replace

from codetui.page import Page

CODER, PLAIN = "coder", "plain"
VIEWS = (CODER, PLAIN)
#: How the app names each view.
VIEW_NAMES = {CODER: "Coder view: official notes and codes first",
              PLAIN: "Plain language first"}


def default_view(system: str) -> str:
    """The view a system's pages open in before the user picks one."""
    return PLAIN if system == "cpt" else CODER


def other_view(view: str) -> str:
    """The view ``v`` switches to."""
    return PLAIN if view == CODER else CODER


def arrange(page: Page, view: str) -> Page:
    """``page`` with its sections in ``view``'s order."""
    official = [section for section in page.sections if not section.plain]
    plain = [section for section in page.sections if section.plain]
    ordered = official + plain if view == CODER else plain + official
    return replace(page, sections=ordered)
