"""Titles shortened to a width so that rows of sibling codes stay apart: the shared middle is
dropped ("…"), never the end that tells siblings apart (laterality, encounter, approach).
Plain Python, no Textual."""

from __future__ import annotations

ELLIPSIS = "…"
#: At least this much of the title's start is kept (when the room allows).
HEAD_MIN = 12


def shared_start(title: str, other: str) -> int:
    """Where ``title`` stops sharing whole words with ``other`` (0: not even the first)."""
    size = 0
    for a, b in zip(title, other):
        if a != b:
            break
        size += 1
    if size >= len(title) or (size < len(other) and other[size] == " "):
        return title.rfind(" ", 0, size) + 1 if size < len(title) else size
    return title.rfind(" ", 0, size) + 1


def _cut_words(text: str, room: int) -> str:
    """The start of ``text`` in ``room`` characters, ended at a word."""
    if len(text) <= room:
        return text.rstrip(" ,;")
    cut = text.rfind(" ", 0, room + 1)
    return (text[:cut] if cut > 0 else text[:room]).rstrip(" ,;")


def shorten_title(title: str, room: int, neighbours: tuple[str, ...] = ()) -> str:
    """``title`` in ``room`` characters: whole when it fits; else its start, "…", and its
    end from where it parts from ``neighbours`` (the rows around it) — at least the last
    three fifths of the room — with the end itself cut only when that part alone is longer
    than the room."""
    if len(title) <= room:
        return title
    if room <= 1:
        return ELLIPSIS[:room]
    shared = max((shared_start(title, other) for other in neighbours if other != title),
                 default=0)
    start = min(shared, len(title) - room * 3 // 5) if shared else len(title) - room * 3 // 5
    start = title.rfind(" ", 0, start + 1) + 1 if start > 0 else 0
    tail = title[start:]
    head_min = HEAD_MIN if room >= 30 else room // 4
    head_room = room - len(tail) - 2  # "… "
    if head_room >= head_min:
        head = _cut_words(title[:start], head_room)
        return f"{head}{ELLIPSIS} {tail}" if head else f"{ELLIPSIS} {tail}"[:room]
    head = _cut_words(title[:start], head_min)
    lead = f"{head}{ELLIPSIS} " if head else f"{ELLIPSIS} "
    rest = room - len(lead) - 1
    if rest <= 0:
        return title[:room - 1] + ELLIPSIS
    # The part that differs is longer than the room: keep its first word and its end, where
    # titles put their last qualifier ("subsequent… with delayed healing"), dropping the
    # title's start when both do not fit beside it.
    parting = title[shared:] if shared > start else tail  # where the row parts from the rest
    if len(parting) <= rest:
        return f"{lead}{parting}"
    first, _, rest_of_tail = parting.partition(" ")
    bare = f"{ELLIPSIS} "
    for start_text in (lead, bare):
        end = _end_words(rest_of_tail, room - len(start_text) - len(first) - 2)
        if end.count(" ") >= 1:
            return f"{start_text}{first}{ELLIPSIS} {end}"
    return f"{bare}{_cut_words(tail, room - len(bare) - 1)}{ELLIPSIS}"


def _end_words(text: str, room: int) -> str:
    """The end of ``text`` in ``room`` characters, started at a word ('' when none fits)."""
    if room <= 0:
        return ""
    if len(text) <= room:
        return text
    cut = text.find(" ", len(text) - room)
    return text[cut + 1:] if cut >= 0 else ""
