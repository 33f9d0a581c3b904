"""The keys that survive every terminal: filters on function keys (alt+digit too), ``?`` on an
empty search box, and a key bar that fits 60 and 80 columns with the most important keys
first. The real bytes terminals send are tested in test_tui_terminal.py."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from textual._xterm_parser import XTermParser  # noqa: E402

from codetui.tui import compat  # noqa: E402
from codetui.tui.filters import filter_choices  # noqa: E402
from codetui.tui.keys import FILTER_KEYS, KEY_BAR  # noqa: E402
from codetui.tui.screens.help import HelpScreen  # noqa: E402
from codetui.tui.widgets.keybar import KeyBar, bar_items, fit, key_label  # noqa: E402
from tui_helpers import make_app, settle  # noqa: E402


def keys_of(text: str) -> list[str]:
    return [event.key for event in XTermParser().feed(text) if hasattr(event, "key")]


def test_escape_digit_arrives_as_alt_digit():
    """xterm, tmux and screen send ESC 4 for alt+4; Textual alone reads it as "¢"."""
    compat.alt_digits_as_keys()
    assert keys_of("\x1b4") == ["alt+4"]
    assert keys_of("\x1b1") == ["alt+1"]
    assert keys_of("E11") == ["E", "1", "1"]


@pytest.mark.parametrize("sequence,key", [
    ("\x1bOQ", "f2"), ("\x1b[12~", "f2"), ("\x1b[[B", "f2"),  # xterm/tmux/screen, PuTTY, console
    ("\x1bOS", "f4"), ("\x1b[14~", "f4"), ("\x1b[15~", "f5"), ("\x1b[17~", "f6")])
def test_the_filter_keys_are_read_from_every_terminal_s_sequence(sequence, key):
    assert keys_of(sequence) == [key]


def test_key_labels():
    assert [key_label(k) for k in ("ctrl+k", "f2", "enter", "escape", "question_mark",
                                   "right_square_bracket", "alt+left", "backspace")] == \
        ["^k", "F2", "⏎", "esc", "?", "]", "alt+←", "⌫"]


async def test_function_keys_and_alt_digits_set_each_filter(catalog, user_dir):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press(*"E11")
        await settle(pilot)
        for index, system in enumerate(filter_choices()):
            for key in (FILTER_KEYS[index], f"alt+{index + 1}"):
                await pilot.press(key)
                await settle(pilot)
                assert app.main.search_filter == system, key
                await pilot.press("f2")  # back to every system
                await settle(pilot)
        assert app.main.search_box.value == "E11"  # no key was typed into the box


async def test_question_mark_opens_help_only_on_an_empty_search_box(catalog, user_dir):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press(*"knee", "question_mark")
        await settle(pilot)
        assert not isinstance(app.screen, HelpScreen)
        assert app.main.search_box.value == "knee?"


STATES = {
    "empty box": [],
    "typing": list("knee"),
    "results": [*"knee", "tab"],
    "page": [*"S52.509A", "enter"],
    "page after back": [*"S52.509A", "enter", "u", "backspace"],
}


@pytest.mark.parametrize("width,height", [(60, 20), (80, 24), (40, 12)])
@pytest.mark.parametrize("state", STATES)
async def test_the_key_bar_fits_with_the_most_important_keys_first(catalog, user_dir, state,
                                                                   width, height):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=(width, height)) as pilot:
        await settle(pilot)
        for key in STATES[state]:
            await pilot.press(key)
            await settle(pilot)
        bar = app.main.query_one(KeyBar)
        wanted = bar_items(app.screen.active_bindings, KEY_BAR, app.main.key_bar_label)
        shown, _ = fit(wanted, bar.content_region.width)
        line = app.screen._compositor.render_strips()[-1].text
        assert len(line) == width
        for item in shown:  # every key shown whole, with its whole label
            assert f"{item.shown} {item.label}" in line, (item, line)
        assert shown and shown[0] == wanted[0]  # the first key always fits
        assert line.index(shown[0].shown) < line.index(shown[-1].label)
        labels = [item.label for item in shown]
        if state in ("empty box", "typing"):
            assert labels[:1] == ["Open"] and "Help" in labels
            assert "Filter" in labels or width < 60
        else:
            assert "Copy" in labels and ("Search" in labels or width < 60)
        if width >= 80:
            assert "Quit" in labels and "Help" in labels


async def test_editing_keys_in_a_burst_apply_in_the_order_typed(catalog, user_dir):
    """Keys that arrive together (over SSH, a fast typist, tmux send-keys) edit the box in the
    order typed. As Textual bindings, backspace, ctrl+u and the arrows ran only once the key
    had bubbled up to the app, after the letters typed behind them: "asthmx", backspace, "a"
    came out "asthmx", and ctrl+u then "knee" lost the first letters of "knee"."""
    from textual import events

    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)

        def burst(*keys: str) -> None:
            for key in keys:
                character = key if len(key) == 1 else None
                app.post_message(events.Key(key, character))

        burst(*"asthmx", "backspace", "a")
        await settle(pilot)
        assert app.main.search_box.value == "asthma"
        burst("ctrl+u", *"knee", "left", "left", "X", "right", "delete")
        await settle(pilot)
        assert app.main.search_box.value == "knXe"
        burst(*" pain", "ctrl+w", *"ache")
        await settle(pilot)
        assert app.main.search_box.value == "knXe ache"


async def test_keys_that_find_nothing_focused_are_typed_into_the_search_box(catalog, user_dir):
    """Keys typed while the app starts can arrive before the search box has taken focus;
    Textual then gives them to the screen, which dropped them: the query typed ahead of the
    first draw (the terminal test with its keys sent 0.4 s after start) met an empty box.
    "?" on an empty box still opens the help."""
    from textual import events

    from codetui.tui.screens.help import HelpScreen

    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.main.search_box
        app.main.set_focus(None)
        await settle(pilot)
        for key in (*"asthmz", "backspace", "a"):
            app.post_message(events.Key(key, key if len(key) == 1 else None))
        app.post_message(events.Key("space", " "))
        await settle(pilot)
        assert box.value == "asthma "
        assert app.main.focused is box
        app.main.set_focus(None)
        await settle(pilot)
        app.post_message(events.Paste("exacerbation"))
        await settle(pilot)
        assert box.value == "asthma exacerbation"
        box.clear()
        app.main.set_focus(None)
        await settle(pilot)
        app.post_message(events.Key("question_mark", "?"))
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        assert box.value == ""


async def test_keys_sent_to_the_screen_before_the_box_took_focus_are_typed_after_it(
        catalog, user_dir):
    """The start-up race behind the typed-ahead terminal test's rare failure: keys that found
    nothing focused were queued for the screen, and the screen handled them only after its
    mount had focused the box, so "nothing focused" no longer held and every key was dropped.
    A key the focused box never saw came to the screen directly and is typed; a key bubbling
    up from the result list is not."""
    from textual import events

    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        box = app.main.search_box
        assert app.main.focused is box
        # as Textual's App.on_event hands the screen a key or paste while nothing has focus
        # (marked forwarded, so it is not handed on again when it bubbles back to the app)
        for key in (*"asthmz", "backspace", "a"):
            app.main._forward_event(events.Key(key, key if len(key) == 1 else None))
        app.main._forward_event(events.Key("space", " "))
        await settle(pilot)
        assert box.value == "asthma "
        app.main._forward_event(events.Paste("exacerbation"))
        await settle(pilot)
        assert box.value == "asthma exacerbation"
        app.main.results.focus()
        await settle(pilot)
        await pilot.press("f12")
        await pilot.press("x")
        await settle(pilot)
        assert box.value == "asthma exacerbation"
        assert app.main.focused is app.main.results
