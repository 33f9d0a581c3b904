"""Turning titles and queries into the lower-case ASCII words that search compares."""

from __future__ import annotations

import re
import unicodedata

#: An apostrophe, with the "s" of a possessive after it ("Alzheimer's" -> "alzheimer").
_APOSTROPHE = re.compile(r"['\u2019](?:s\b)?")
_NON_WORD = re.compile(r"[^a-z0-9]+")
#: British spellings, read as the American ones of the code sets in titles and queries alike
#: (codetui's own CPT text writes "tumour", "anaesthesia", "paediatric"; a user types either).
_BRITISH = re.compile(r"tumour|aesth|paed|(?<!i)oedem|aemi|haem|gynaec|caec|behaviour|colour|"
                      r"labour|humour|odour|centre|fibre|litre|metre|titre|isation|sulph|"
                      r"oea(?=l?\b)|oeic\b|\b(?:oesophag|oestr|foet|coeliac|caesar|naev|amoeb|faec)|"
                      r"\b(?:nebulis|ionis|luteinis|standardis|sensitis|vaporis|anaesthetis|anesthetis)"
                      r"(?=e|ing|ation)")
_AMERICAN = {"tumour": "tumor", "aesth": "esth", "paed": "ped", "oedem": "edem", "aemi": "emi",
             "haem": "hem", "gynaec": "gynec", "caec": "cec", "behaviour": "behavior",
             "colour": "color", "labour": "labor", "humour": "humor", "odour": "odor",
             "centre": "center", "fibre": "fiber", "litre": "liter", "metre": "meter",
             "titre": "titer", "isation": "ization", "sulph": "sulf", "oea": "ea", "oeic": "eic",
             "oesophag": "esophag", "oestr": "estr", "foet": "fet", "coeliac": "celiac",
             "caesar": "cesar", "naev": "nev", "amoeb": "ameb", "faec": "fec",
             "nebulis": "nebuliz", "ionis": "ioniz", "luteinis": "luteiniz",
             "standardis": "standardiz", "sensitis": "sensitiz", "vaporis": "vaporiz",
             "anaesthetis": "anesthetiz", "anesthetis": "anesthetiz"}


def fold(text: str) -> str:
    """Lower-case ``text`` and strip accents (``Ménière's`` -> ``meniere's``)."""
    text = text.lower()
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def words(text: str) -> list[str]:
    """Split text into search words: ``"Alzheimer's disease, early"`` -> alzheimer, disease, early
    (British spellings in their American form: ``"tumour"`` -> tumor)."""
    text = _BRITISH.sub(lambda found: _AMERICAN[found[0]], _APOSTROPHE.sub("", fold(text)))
    return [word for word in _NON_WORD.split(text) if word]


#: Words dropped from queries that have other words, and ignored when comparing titles
#: ("fracture of femur" = "fracture femur").
STOP_WORDS = frozenset({"of", "the", "a", "an", "and", "in", "on", "for", "to", "by", "at", "or"})
#: Words of a person telling their own story, dropped from queries and from the everyday
#: phrases they are compared with ("bunion on my big toe", "can't catch my breath", "she
#: fell off her bike"). "he" is one only as typed in lower case ("HE" is hepatic encephalopathy
#: and a modifier): see ``LOWER_CASE_PRONOUNS``.
PRONOUNS = frozenset({"my", "me", "his", "her", "their", "our", "your", "she", "they", "we",
                      "him", "them"})
#: Pronouns that are also abbreviations when typed in capitals.
LOWER_CASE_PRONOUNS = frozenset({"he"})
#: Title words that do not make a title more specific than a query ("Unspecified cataract"
#: answers "cataract" exactly; "Unspecified ovarian cyst, left side" answers "cyst on left
#: ovary": its side word, not "side", is what it says).
FILLER_WORDS = STOP_WORDS | {"unspecified", "specified", "nos", "due", "organism", "site",
                            "without", "complication", "complications", "side"}


def content_words(text: str) -> list[str]:
    """Search words without stop words (what titles are compared on)."""
    return [word for word in words(text) if word not in STOP_WORDS]


def phrase_key(text: str) -> tuple[str, ...]:
    """The words search compares an everyday phrase on: its content words without a person's
    pronouns ("can't catch my breath"), or with them when nothing else is left."""
    typed = content_words(text)
    return tuple(w for w in typed if w not in PRONOUNS) or tuple(typed)
