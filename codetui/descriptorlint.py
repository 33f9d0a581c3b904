"""Phrasing that follows the structure of AMA CPT descriptors, which codetui's own CPT text
must not echo (CPT descriptors are AMA copyright; codetui's titles are its own words)."""

from __future__ import annotations

import re
from typing import Iterator

#: Descriptor phrases (as regular expressions, matched without regard to case), looked for
#: in the title, the Name of the Procedure and the Summary.
DESCRIPTOR_PHRASES = (
    r"\(separate procedure\)", r"\band/or\b", r"\bsingle or multiple\b",
    r"\bunilateral or bilateral\b", r"\bwith or without\b", r"\beach additional\b",
    r"\blist separately in addition\b", r"\bwhen performed\b", r"\bany method\b",
    r"\brequiring\b.*\bkey components\b",
)
#: Descriptor structure looked for in the title and the Name of the Procedure only (prose
#: may use a semicolon; a name built as "Laparoscopy, surgical; cholecystectomy" may not).
NAME_PHRASES = (r";\s", r"\be\.g\.", r"\bi\.e\.", r"\bper day\b")
_PATTERNS = [(phrase, re.compile(phrase, re.IGNORECASE)) for phrase in DESCRIPTOR_PHRASES]
_NAME_PATTERNS = _PATTERNS + [(phrase, re.compile(phrase, re.IGNORECASE)) for phrase in NAME_PHRASES]
#: The parts of a CPT entry that name the procedure and so must not follow a descriptor.
NAMING_HEADINGS = ("Name of the Procedure", "Summary")


def descriptor_echoes(entry: dict) -> Iterator[tuple[str, str]]:
    """(where, phrase) for each descriptor-style phrase in a CPT entry's title or its Name
    of the Procedure and Summary text."""
    texts = [("title", entry.get("title", ""))]
    texts += [(section["heading"], section.get("text", "")) for section in entry.get("sections", ())
              if isinstance(section, dict) and section.get("heading") in NAMING_HEADINGS]
    for where, text in texts:
        for phrase, pattern in (_PATTERNS if where == "Summary" else _NAME_PATTERNS):
            match = pattern.search(text or "")
            if match:
                yield where, match.group(0)
