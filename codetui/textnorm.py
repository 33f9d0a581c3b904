"""Turning titles and queries into the lower-case ASCII words that search compares."""

from __future__ import annotations

import re
import unicodedata

_APOSTROPHE_S = re.compile(r"['\u2019]s\b")
_APOSTROPHE = re.compile(r"['\u2019]")
_NON_WORD = re.compile(r"[^a-z0-9]+")


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents (``Ménière's`` -> ``meniere's``)."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Split text into search words: ``"Alzheimer's disease, early"`` -> alzheimer, disease, early."""
    text = _APOSTROPHE.sub("", _APOSTROPHE_S.sub("", fold(text)))
    return [word for word in _NON_WORD.split(text) if word]
