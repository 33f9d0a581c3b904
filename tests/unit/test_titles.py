"""Shortened titles keep what tells sibling codes apart."""

from __future__ import annotations

import pytest

from codetui.tui.titles import shared_start, shorten_title

S52 = "Unspecified fracture of the lower end of unspecified radius, {} for closed fracture"
S52A = S52.format("initial encounter")
S52D = "Unspecified fracture of the lower end of unspecified radius, subsequent encounter for " \
       "closed fracture with routine healing"
E311 = "Type 2 diabetes mellitus with unspecified diabetic retinopathy with macular edema"
E319 = "Type 2 diabetes mellitus with unspecified diabetic retinopathy without macular edema"
KNEE = "Replacement of Left Knee Joint with Synthetic Substitute, {}Open Approach"
DUCT = "Dilation of Common Bile Duct, Via Natural or Artificial Opening"


def test_shared_start_is_at_a_word():
    assert shared_start(E311, E319) == E311.index("with macular")
    assert shared_start("abc def", "abc deg") == 4
    assert shared_start("abc", "abc def") == 3
    assert shared_start("abc", "xyz") == 0


@pytest.mark.parametrize("room", [40, 50, 59, 70])
def test_siblings_keep_their_different_ends(room):
    rows = [(S52A, (S52D,)), (S52D, (S52A,))]
    shown = [shorten_title(title, room, near) for title, near in rows]
    assert all(len(text) <= room for text in shown)
    assert shown[0] != shown[1]
    assert "initial" in shown[0] and "subsequent" in shown[1]
    assert shown[0].startswith("Unspecified")
    knees = [KNEE.format(kind) for kind in ("Cemented, ", "Uncemented, ", "")]
    shown = [shorten_title(k, room, tuple(o for o in knees if o != k)) for k in knees]
    assert len(set(shown)) == 3 and all(len(text) <= room for text in shown), shown
    assert shorten_title(E311, room, (E319,)) != shorten_title(E319, room, (E311,))
    assert "without" in shorten_title(E319, room, (E311,))


def test_a_short_title_is_whole_and_a_lone_long_one_keeps_its_end():
    assert shorten_title("Standard wheelchair", 40) == "Standard wheelchair"
    shown = shorten_title(DUCT + " Endoscopic", 50)
    assert len(shown) <= 50 and shown.endswith("Opening Endoscopic") and "…" in shown
    assert shorten_title(DUCT, 50, (DUCT + " Endoscopic",)).endswith("Artificial Opening")


@pytest.mark.parametrize("room", range(0, 90, 7))
def test_never_longer_than_the_room(room):
    for title, near in [(S52A, (S52D,)), (E319, (E311,)), ("x" * 200, ()), (S52D, ())]:
        assert len(shorten_title(title, room, near)) <= room


def test_long_sibling_tails_keep_their_last_qualifier_at_60_columns():
    """S52.509D/G/K differ only at the very end (routine or delayed healing, nonunion): even
    when the part that differs is longer than the room, each row keeps its own end."""
    start = "Unspecified fracture of the lower end of unspecified radius, subsequent encounter for "
    rows = [start + end for end in ("closed fracture with routine healing",
                                    "open fracture type I or II with routine healing",
                                    "closed fracture with delayed healing",
                                    "closed fracture with nonunion")]
    shown = [shorten_title(row, 38, tuple(o for o in rows if o != row)) for row in rows]
    assert len(set(shown)) == len(rows) and all(len(text) <= 38 for text in shown), shown
    for row, text in zip(rows, shown):
        assert row.endswith(text.rsplit("…", 1)[-1].strip()), (row, text)
