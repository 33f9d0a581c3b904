"""Phrasing that follows the structure of AMA CPT descriptors, which codetui's own CPT text
must not echo (CPT descriptors are AMA copyright; codetui's titles are its own words)."""

from __future__ import annotations

import re
from typing import Iterator

from codetui.pagetext import page_places

#: Descriptor phrases (as regular expressions, matched without regard to case), looked for
#: in every text of a CPT entry: title, sections, Similar Codes notes, similar_none, aliases.
DESCRIPTOR_PHRASES = (
    r"\(separate procedure\)", r"\band/or\b", r"\bsingle or multiple\b",
    r"\bunilateral or bilateral\b", r"\bwith or without\b", r"\beach additional\b",
    r"\blist separately in addition\b", r"\bwhen performed\b", r"\bany method\b",
    r"\brequiring\b.*\bkey components\b", r"\bfirst (?:such )?lesion\b",
    r"\bor part (?:thereof|of it)\b",
)
#: Descriptor structure looked for in the title and the Name of the Procedure only (prose
#: may use a semicolon; a name built as "Laparoscopy, surgical; cholecystectomy" may not).
NAME_PHRASES = (r";\s", r"\be\.g\.", r"\bi\.e\.", r"\bper day\b")
_PATTERNS = [re.compile(phrase, re.IGNORECASE) for phrase in DESCRIPTOR_PHRASES]
_NAME_PATTERNS = _PATTERNS + [re.compile(phrase, re.IGNORECASE) for phrase in NAME_PHRASES]
#: Where a CPT entry names the procedure, held to the stricter ``NAME_PHRASES`` as well.
NAMING_PLACES = ("title", "Name of the Procedure")


def _texts(entry: dict) -> Iterator[tuple[str, str]]:
    """(where, text) for each piece of text a CPT entry holds: its title, what its page
    shows (:func:`~codetui.pagetext.page_places`) and its other names."""
    yield "title", entry.get("title") or ""
    yield from page_places(entry)
    for alias in entry.get("aliases") or ():
        if isinstance(alias, str):
            yield "aliases", alias


def descriptor_echoes(entry: dict) -> Iterator[tuple[str, str]]:
    """(where, phrase) for each descriptor-style phrase in any text of a CPT entry."""
    for where, text in _texts(entry):
        for pattern in (_NAME_PATTERNS if where in NAMING_PLACES else _PATTERNS):
            match = pattern.search(text)
            if match:
                yield where, match.group(0)
