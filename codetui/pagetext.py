"""Checks of plain-language text: the codes it names, and sentences repeated across pages."""

from __future__ import annotations

import re
from collections import defaultdict
from typing import Iterable, Iterator

from codetui import systems

#: A sentence of at least this many words counts when looking for repeated text.
MIN_SENTENCE_WORDS = 6
#: A sentence may appear on at most this many pages.
MAX_PAGES_PER_SENTENCE = 5

_SENTENCE_END = re.compile(r"(?<=[.!?;:])\s+")
_WORD = re.compile(r"[a-z0-9']+")


def page_places(page: dict) -> Iterator[tuple[str, str]]:
    """(where, text) for every piece of text a curated page or group shows: each section's
    text, items and steps under its heading, similar-code notes, and ``similar_none``."""
    for section in page.get("sections", ()) or ():
        if isinstance(section, dict):
            heading = str(section.get("heading", "section"))
            if isinstance(section.get("text"), str):
                yield heading, section["text"]
            for key in ("items", "steps"):
                yield from ((heading, item) for item in section.get(key, ()) or ()
                            if isinstance(item, str))
    for item in page.get("similar", ()) or ():
        if isinstance(item, dict) and isinstance(item.get("note"), str):
            yield "Similar Codes note", item["note"]
    if isinstance(page.get("similar_none"), str):
        yield "similar_none", page["similar_none"]


def page_texts(page: dict) -> Iterator[str]:
    """Every piece of text a curated page or group shows (sections and similar-code notes)."""
    return (text for _where, text in page_places(page))


def named_codes(system: str, text: str) -> Iterator[tuple[str, bool]]:
    """The codes of ``system`` named in ``text``, each with whether it is written as a heading:
    with a trailing ``-`` (``E11.-``, ``E11.3-``) or as the end of a range (``I63.0-I63.5``)."""
    pattern = systems.get(system).text_reference
    if pattern is None:
        return
    for match in pattern.finditer(text):
        dash = match.group(2) if match.re.groups >= 2 else None
        in_range = "-" in (text[match.start() - 1:match.start()], text[match.end():match.end() + 1])
        yield match.group(1), bool(dash) or in_range


def sentences(text: str) -> Iterator[str]:
    """The sentences of ``text`` long enough to count, normalised (lower case, words only)."""
    for sentence in _SENTENCE_END.split(text):
        found = _WORD.findall(sentence.lower())
        if len(found) >= MIN_SENTENCE_WORDS:
            yield " ".join(found)


def repeated_sentences(pages: Iterable[tuple[str, dict]]) -> list[tuple[str, list[str]]]:
    """Sentences on more than MAX_PAGES_PER_SENTENCE pages, most repeated first.

    ``pages`` yields (a name for the page, the page); each result is a sentence and the
    names of the pages it appears on.
    """
    where: dict[str, set[str]] = defaultdict(set)
    for name, page in pages:
        for text in page_texts(page):
            for sentence in sentences(text):
                where[sentence].add(name)
    found = [(sentence, sorted(names)) for sentence, names in where.items()
             if len(names) > MAX_PAGES_PER_SENTENCE]
    return sorted(found, key=lambda item: (-len(item[1]), item[0]))
