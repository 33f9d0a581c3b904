"""The ICD-10-CM index tables (Table of Drugs and Chemicals, Neoplasm Table, External Cause
Index) at seed and page time: which code an index cell names, and the text search adds."""

from __future__ import annotations

from codetui.systems import code_key

#: Rows of one table shown on a code's page; the rest are counted.
ROWS_SHOWN = 20
#: What a page calls each table, by file stem (data/icd10cm-index/<id>.yaml).
HEADINGS = {"drugs": "Table of Drugs and Chemicals", "neoplasms": "Neoplasm Table",
            "external-causes": "External Cause Index"}
#: The words search adds for a row's cell, by column id: "aspirin poisoning accidental".
ALIAS_WORDS = {
    "accidental": "poisoning accidental", "self_harm": "poisoning intentional self-harm",
    "assault": "poisoning assault", "undetermined": "poisoning undetermined",
    "adverse_effect": "adverse effect", "underdosing": "underdosing",
    "malignant_primary": "neoplasm malignant primary",
    "malignant_secondary": "neoplasm malignant secondary",
    "in_situ": "neoplasm carcinoma in situ", "benign": "neoplasm benign",
    "uncertain": "neoplasm uncertain behavior", "unspecified": "neoplasm unspecified behavior",
    "cause": "",
}


def resolve(code: str, known) -> str | None:
    """The key of the entry in ``known`` (code keys) an index code names, or None.

    A trailing "-" and "." are stripped (``C79.8-`` -> C79.8, ``C56.-`` -> C56); a code
    whose placeholder X's end it (``Y36.6X-``) names the heading before them when it is no
    entry itself. A 6-character T code (T39.011) is the entry whose 7th character the coder
    chooses, and is found as it is.
    """
    key = code_key(code.strip().rstrip("-").rstrip("."))
    if not key:
        return None
    if key in known:
        return key
    stripped = key.rstrip("X")
    if stripped != key and stripped in known:
        return stripped
    return None


def initial_encounter(key: str, known) -> str | None:
    """The key in ``known`` of the initial-encounter code (7th character A) beneath the entry
    ``key`` names, when its codes take a 7th character (T54.91 -> T54.91XA, T39.1X1 ->
    T39.1X1A), else None: an index names the entry, but the code reported for care now is
    that one."""
    if len(key) >= 7:
        return None
    child = key.ljust(6, "X") + "A"
    return child if child in known else None


def short_term(term: str) -> str:
    """A row's term without its parenthesised non-essential modifiers, for search."""
    out, depth = [], 0
    for char in term:
        if char == "(":
            depth += 1
        elif char == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(char)
    return " ".join("".join(out).split())
