"""The page history: back, forward, and what a new page does to the pages after it."""

from codetui.tui.history import History


def test_back_and_forward_walk_the_pages_in_order():
    history = History()
    for doc in (1, 2, 3):
        history.push(doc)
    assert history.back() == 2
    assert history.back() == 1
    assert history.back() is None
    assert history.forward() == 2
    assert history.forward() == 3
    assert history.forward() is None


def test_opening_a_page_after_going_back_drops_the_later_pages():
    history = History()
    for doc in (1, 2, 3):
        history.push(doc)
    history.back()
    history.push(9)
    assert history.items == [1, 2, 9]
    assert not history.can_go_forward
    assert history.back() == 2


def test_the_same_page_twice_is_recorded_once():
    history = History()
    history.push(4)
    history.push(4)
    assert history.items == [4]
    assert not history.can_go_back


def test_each_page_keeps_where_the_reader_was():
    history = History()
    history.push(1)
    history.remember("section 3")
    history.push(2)
    assert history.position is None  # a new page opens at the top
    history.remember("section 5")
    assert history.back() == 1 and history.position == "section 3"
    assert history.forward() == 2 and history.position == "section 5"
    history.back()
    history.push(3)  # the later pages are dropped, with their positions
    assert history.items == [1, 3] and history.positions == ["section 3", None]
    assert history.current == 3
