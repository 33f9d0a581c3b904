"""The terminal app, driven key by key with Textual's Pilot over the full bundled data."""

from __future__ import annotations

import io
import json

import pytest

pytest.importorskip("textual")

from rich.console import Console  # noqa: E402
from textual import events  # noqa: E402
from textual.widgets import Input, OptionList  # noqa: E402

from codetui.tui.app import CodeApp  # noqa: E402
from codetui.tui.filters import filter_choices  # noqa: E402
from codetui.tui.screens.help import HelpScreen, help_table  # noqa: E402
from codetui.tui.screens.main import MainScreen  # noqa: E402
from codetui.tui.screens.picker import PickerScreen  # noqa: E402
from codetui.tui.widgets.pageview import PageView  # noqa: E402
from codetui.tui.widgets.results import RESULTS_BATCH, ResultList  # noqa: E402
from tui_helpers import make_app, notices, settle  # noqa: E402

from codetui.tui.links import link_choices  # noqa: E402

WIDE = (160, 48)
NARROW = (80, 24)


def main_screen(app) -> MainScreen:
    return app.main


def screen_text(app) -> str:
    """What the terminal shows, as plain text."""
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_query(pilot, text: str) -> None:
    """Put a query in the search box (as a paste would) and wait for the results."""
    pilot.app.main.search_box.value = text
    await settle(pilot)


@pytest.fixture
def user(user_dir):
    return user_dir


# -- start, typing, result list ------------------------------------------------------------


async def test_start_focuses_search_and_names_releases(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert app.focused is main.search_box
        assert main.search_box.placeholder == "Search all medical codes"
        text = screen_text(app)
        assert "Search all medical codes" in text
        assert "HCPCS Oct 2025" in text or "HCPCS " in text.splitlines()[-2]
        assert "ICD-10-CM FY" in text
        # the key bar: help, filters
        assert "? Help" in text and f"F2-F{len(filter_choices()) + 1} Filter" in text


async def test_typing_searches_and_counts(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press(*"bile balloon")
        await settle(pilot)
        main = main_screen(app)
        codes = [hit.code for hit in main.results.hits]
        assert "47542" in codes
        total = catalog.search("bile balloon").total
        assert f"{total:,} codes" in screen_text(app)
        assert app.focused is main.search_box  # typing never leaves the box


async def test_results_show_badge_and_marks(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "S06")
        text = screen_text(app)
        assert "ICD-10-CM" in text
        assert "(heading)" in text or "(not billable)" in text


async def test_correction_is_announced(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "diabetis")
        assert "showing results for “diabetes”" in screen_text(app)


async def test_a_correction_is_announced_before_the_partial_note(catalog, user):
    """The partial note speaks of the corrected words ("lack: limb"); the correction comes
    first, so a narrow terminal cuts the note, not what was searched."""
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "fantom limb pain")
        assert "showing results for “phantom limb pain”" in screen_text(app)


async def test_large_result_sets_are_paged(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "fracture")
        results = main_screen(app).results
        assert results.total > 10_000
        assert len(results.hits) == RESULTS_BATCH
        assert results.option_count == RESULTS_BATCH
        results.highlighted = RESULTS_BATCH - 5
        await settle(pilot)
        assert len(results.hits) == 2 * RESULTS_BATCH
        assert results.option_count == 2 * RESULTS_BATCH


async def test_arrows_and_ctrl_n_p_move_results_from_the_box(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "wheelchair")
        main = main_screen(app)
        assert main.results.highlighted == 0
        await pilot.press("down")
        await pilot.press("ctrl+n")
        await settle(pilot)
        assert main.results.highlighted == 2
        assert main.page.code == main.results.hits[2].code  # the page follows the highlight
        await pilot.press("up")
        assert main.results.highlighted == 1
        await pilot.press("ctrl+p")
        assert main.results.highlighted == 0
        await pilot.press("pagedown")
        assert main.results.highlighted > 2
        await pilot.press("pageup")
        assert main.results.highlighted == 0
        assert app.focused is main.search_box


async def test_enter_opens_page_full_screen_when_narrow_and_escape_returns(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "47542")
        await pilot.press("enter")
        await settle(pilot)
        main = main_screen(app)
        assert main.reading and isinstance(app.focused, PageView)
        text = screen_text(app)
        assert catalog.page_for("47542").title[:30] in text
        assert "Search all medical codes" not in text  # the page has the whole screen
        await pilot.press("escape")
        await settle(pilot)
        assert not main.reading and app.focused is main.search_box
        assert main.search_box.value == "47542"
        await pilot.press("escape")
        await settle(pilot)
        assert main.search_box.value == ""


async def test_wide_shows_list_and_page_side_by_side(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "K0001")
        text = screen_text(app)
        assert "Standard wheelchair" in text
        assert "Billing fields" in text  # the page is visible next to the list
        main = main_screen(app)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, PageView)
        assert main.query_one("#results").display  # list still shown


async def test_tab_cycles_focus(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "K0001")
        main = main_screen(app)
        await pilot.press("tab")
        assert isinstance(app.focused, ResultList)
        await pilot.press("tab")
        assert isinstance(app.focused, PageView)
        await pilot.press("tab")
        assert app.focused is main.search_box


async def test_result_list_keys(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await type_query(pilot, "wheelchair")
        main = main_screen(app)
        await pilot.press("tab")
        results = main.results
        await pilot.press("down", "down")
        assert results.highlighted == 2
        await pilot.press("end")  # the last loaded result; more load behind it
        assert results.highlighted == RESULTS_BATCH - 1
        await settle(pilot)
        assert len(results.hits) == 2 * RESULTS_BATCH
        await pilot.press("home")
        assert results.highlighted == 0
        await pilot.press("pagedown")
        assert results.highlighted > 0
        await pilot.press("pageup")
        assert results.highlighted == 0
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.focused, PageView)
        assert main.page.code == results.hits[0].code


async def test_page_scroll_keys_and_sections(catalog, user):
    app = make_app(catalog, user, code="47542")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        view = main_screen(app).page_view
        assert isinstance(app.focused, PageView)
        sections = view.section_lines
        assert len(sections) == len(view.page.sections)
        await pilot.press("right_square_bracket")
        assert view.scroll_offset.y == sections[0]
        await pilot.press("right_square_bracket")
        assert view.scroll_offset.y == sections[1]
        await pilot.press("left_square_bracket")
        assert view.scroll_offset.y == sections[0]
        await pilot.press("home")
        assert view.scroll_offset.y == 0
        await pilot.press("pagedown")
        assert view.scroll_offset.y > 10
        await pilot.press("pageup")
        assert view.scroll_offset.y == 0
        await pilot.press("down")
        assert view.scroll_offset.y == 1
        await pilot.press("end")
        assert view.scroll_offset.y == view.max_scroll_y > 0


async def test_page_shows_every_part(catalog, user):
    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        lines = main_screen(app).page_view.plain_lines()
        text = "\n".join(lines)
        page = catalog.page_for("K0001")
        assert lines[0].startswith("K0001")
        assert page.status_line() in text
        assert page.plain_label in text
        for section in page.sections:
            assert section.heading in lines
        assert "Short description" in text  # a field row
        assert "K0003" in text  # a similar code
        text_s06 = "\n".join(app.main.page_view.plain_lines())
        assert text_s06


async def test_breadcrumb_and_numbered_steps(catalog, user):
    app = make_app(catalog, user, code="S06.0X0A")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        text = "\n".join(main_screen(app).page_view.plain_lines())
        assert "S06 Intracranial injury" in text and "›" in text
        assert "• " in text


# -- copying ----------------------------------------------------------------------------------


async def test_copy_keys(catalog, user):
    from codetui.textpage import render_text

    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "K0001"
        # Outside tmux only OSC 52 was sent, and the notice says no more than that.
        assert "Copied K0001: sent to the terminal clipboard (OSC 52)" in notices(app)
        await pilot.press("Y")
        await settle(pilot)
        assert app.clipboard == "K0001 — Standard wheelchair"
        await pilot.press("c")
        await settle(pilot)
        shown = main_screen(app).page_view.page  # the page in the order on screen
        assert app.clipboard == render_text(shown, 80)
        assert app.clipboard.index("Billing fields") < app.clipboard.index("Summary")


def _app_with_keymap(catalog, user, tmp_path, monkeypatch, text: str):
    """The app on K0001's page with ``text`` as the user's keymap file (and that file)."""
    keys = tmp_path / "keys.yaml"
    keys.write_text(text)
    monkeypatch.setenv("CODETUI_KEYS", str(keys))
    return make_app(catalog, user, code="K0001"), keys


async def test_a_user_keymap_file_remaps_keys_and_the_help_shows_them(catalog, user, tmp_path,
                                                                      monkeypatch):
    app, _keys = _app_with_keymap(catalog, user, tmp_path, monkeypatch,
                                  "copy-code: ctrl+y\nlinks: 'l,g'\n")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard != "K0001"  # y is no longer copy
        await pilot.press("ctrl+y")
        await settle(pilot)
        assert app.clipboard == "K0001"
        await pilot.press("f1")
        await settle(pilot)
        assert isinstance(app.screen, HelpScreen)
        console = Console(width=100, record=True, file=io.StringIO())
        console.print(help_table(app, app.key_groups()))
        lines = console.export_text().splitlines()
        assert any("ctrl+y" in line and "Copy the code" in line for line in lines), lines
        assert any("l, g" in line for line in lines), lines


async def test_a_bad_keymap_file_is_named_in_one_line_and_the_defaults_stay(catalog, user,
                                                                            tmp_path, monkeypatch):
    app, keys = _app_with_keymap(catalog, user, tmp_path, monkeypatch,
                                 "copy-code: ctrl+y\ncopy-cod: x\n")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert f"{keys}:2: no binding has the id 'copy-cod' (did you mean 'copy-code'?)" in notices(app)
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "K0001"


async def test_letter_keys_type_in_the_search_box(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "ycsq")
        main = main_screen(app)
        assert main.search_box.value == "ycsq"
        assert app.clipboard == ""
        assert app.is_running


# -- filters ----------------------------------------------------------------------------------


async def test_ctrl_s_cycles_system_filter(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "knee")
        main = main_screen(app)
        systems = {hit.system for hit in main.results.hits}
        assert len(systems) > 1
        expected = [*filter_choices()[1:], None]
        for system in expected:
            await pilot.press("ctrl+s")
            await settle(pilot)
            assert main.search_filter == system
            if system:
                assert {hit.system for hit in main.results.hits} <= {system}
                assert main.results.total == catalog.search("knee", system=system).total
        assert "knee" == main.search_box.value


async def test_alt_digits_pick_a_filter(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "knee")
        main = main_screen(app)
        for key, system in [("alt+2", "cpt"), ("alt+3", "hcpcs"), ("alt+4", "icd10cm"),
                            ("alt+5", "icd10pcs"), ("alt+1", None)]:
            await pilot.press(key)
            await settle(pilot)
            assert main.search_filter == system
        await pilot.press("alt+4")
        await settle(pilot)
        assert "[ICD-10-CM only]" in screen_text(app)


async def test_ctrl_g_keeps_only_codes_with_those_facts(catalog, user):
    from codetui.storeformat import FLAG_CC, FLAG_HCC, FLAG_MCC

    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "heart failure")
        main = main_screen(app)
        assert {hit.system for hit in main.results.hits} != {"icd10cm"}
        for bits, name in ((FLAG_CC | FLAG_MCC, "CC or MCC"), (FLAG_MCC, "MCC"), (FLAG_HCC, "HCC V28")):
            await pilot.press("ctrl+g")
            await settle(pilot)
            assert main.fact_filter == bits
            hits = main.results.hits
            assert hits and all(hit.system == "icd10cm" for hit in hits)
            assert all(catalog.codes.flags[hit.doc_id] & bits for hit in hits)
            assert main.results.total == catalog.search("heart failure", facets=bits).total
            assert f"[{name} only]" in screen_text(app)
        await pilot.press("ctrl+g")
        await settle(pilot)
        assert main.fact_filter == 0
        assert main.results.total == catalog.search("heart failure").total
        assert main.search_box.value == "heart failure"


async def test_m_marks_codes_and_shift_m_checks_them_together(catalog, user):
    from codetui.check import check_codes

    app = make_app(catalog, user, code="E11.9")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("M")
        await settle(pilot)
        assert not isinstance(app.screen, PickerScreen)  # nothing marked: a notice only
        await pilot.press("m")
        main.open_code("E10.9")
        await settle(pilot)
        await pilot.press("m")
        assert main.marked == [("icd10cm", "E11.9"), ("icd10cm", "E10.9")]
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        expected = check_codes(catalog, ["E11.9", "E10.9"]).findings
        listed = [c for c in app.screen.choices if c.kind != "info"]
        assert [(c.code, c.kind, c.title) for c in listed] == \
            [(f.code, f.level, f.message) for f in expected]
        assert any(c.kind == "warning" and "Excludes1" in c.title for c in listed)
        # A finding is a sentence to read whole: it wraps instead of being cut at the edge.
        options = app.screen.query_one("#picker-list")
        shown = "".join("".join(options.render_line(y).text.split())
                        for y in range(options.size.height))
        first_long = next(c.title for c in listed if len(c.title) > NARROW[0])
        assert "".join(first_long.split()) in shown, shown
        target = next(i for i, c in enumerate(app.screen.choices) if c.code == "E11.9")
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert main.page.code == "E11.9"
        await pilot.press("m")  # unmark
        assert main.marked == [("icd10cm", "E10.9")]


# -- links and history ------------------------------------------------------------------------


async def test_link_picker_follows_similar_code_and_history(catalog, user):
    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        choices = app.screen.choices
        target = next(i for i, c in enumerate(choices) if c.code == "K0003")
        assert choices[target].kind == "similar"
        for _ in range(target):
            await pilot.press("down")
        await pilot.press("enter")
        await settle(pilot)
        assert main.page.code == "K0003"
        await pilot.press("alt+left")
        await settle(pilot)
        assert main.page.code == "K0001"
        await pilot.press("alt+right")
        await settle(pilot)
        assert main.page.code == "K0003"
        await pilot.press("backspace")
        await settle(pilot)
        assert main.page.code == "K0001"


async def test_links_cover_parent_children_and_note_codes(catalog, user):
    app = make_app(catalog, user, code="S06.0X0A")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        choices = link_choices(main.page, catalog.title_of)
        kinds = {c.kind for c in choices}
        codes = {c.code for c in choices}
        assert "parent" in kinds and "S06.0X0" in codes
        assert "S09.90" in codes  # named in an Excludes1 note
        await pilot.press("u")
        await settle(pilot)
        assert main.page.code == "S06.0X0"
        below = link_choices(main.page, catalog.title_of)
        assert any(c.kind == "below" and c.code == "S06.0X0A" for c in below)
        await pilot.press("l")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)


async def test_unknown_link_target_notifies(catalog, user):
    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        worker = main_screen(app).open_code("ZZZ99")
        await worker.wait()
        assert worker.result is False
        await pilot.pause()
        assert "ZZZ99 is not in the loaded data" in notices(app)


# -- favourites and recent --------------------------------------------------------------------


async def test_star_favourites_and_recent_survive_restart(catalog, user):
    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "★ starred" in "\n".join(main_screen(app).page_view.plain_lines())
        assert "Starred K0001" in notices(app)
    assert json.loads((user / "favourites.json").read_text()) == [["hcpcs", "K0001"]]
    assert ["hcpcs", "K0001"] in json.loads((user / "recent.json").read_text())

    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert [h.code for h in main.results.hits] == ["K0001"]  # empty box: starred/recent
        assert "★" in screen_text(app)
        await pilot.press("tab", "f")
        await settle(pilot)
        assert isinstance(app.screen, PickerScreen)
        assert [c.code for c in app.screen.choices] == ["K0001"]
        await pilot.press("enter")
        await settle(pilot)
        assert main.page.code == "K0001"
        await pilot.press("r")
        await settle(pilot)
        assert [c.code for c in app.screen.choices][0] == "K0001"
        await pilot.press("escape")
        await pilot.press("s")
        await settle(pilot)
        assert "Unstarred K0001" in notices(app)
    assert json.loads((user / "favourites.json").read_text()) == []


async def test_unwritable_user_folder_notifies(catalog, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    app = make_app(catalog, blocker / "user", code="K0001")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await settle(pilot)
        assert "session only" in notices(app)
        assert app.user_codes.is_favourite("hcpcs", "K0001")
        await pilot.press("y")
        await settle(pilot)
        assert app.clipboard == "K0001"


# -- help, palette, quitting ------------------------------------------------------------------


def help_text(app) -> str:
    import io

    from rich.console import Console

    from codetui.tui.screens.help import help_table

    console = Console(width=100, record=True, file=io.StringIO())
    console.print(help_table(app, app.key_groups()))
    return console.export_text()


async def test_help_screen_lists_every_binding(catalog, user):
    from codetui.tui.widgets.searchbox import SearchBox

    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = help_text(app)
        assert "ICD-10-CM FY2026" in text  # the releases in full
        for cls in (MainScreen, SearchBox, ResultList, PageView, PickerScreen, CodeApp):
            for binding in cls.BINDINGS:
                assert (binding.tooltip or binding.description) in text, binding.description
        await pilot.press("escape")
        await pilot.press("tab")
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


async def test_command_palette_offers_actions_and_themes(catalog, user):
    from textual.command import CommandPalette

    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+k")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("colon")  # the page has focus: ":" opens the palette too
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press("escape")
        await pilot.pause()
        commands = {c.title: c for c in app.get_system_commands(app.main)}
        assert "Theme" in commands
        for title in ("Copy code", "Copy code and title", "Star or unstar", "Follow a link",
                      "Back", "Forward", "Next section", "Filter: CPT only", "Help: keys"):
            assert title in commands, title
        commands["Copy page as text"].callback()
        await settle(pilot)
        assert app.clipboard.startswith("K0001  HCPCS")


async def test_q_quits(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("tab", "q")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value is None


async def test_ctrl_c_quits_even_while_typing(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "knee")
        await pilot.press("ctrl+c")
        await pilot.pause()
        assert not app.is_running


# -- start options ----------------------------------------------------------------------------


async def test_start_on_a_code(catalog, user):
    app = make_app(catalog, user, code="0dtj4zz")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert main.page.code == "0DTJ4ZZ" and main.reading
        assert "Resection of Appendix" in screen_text(app)


async def test_start_on_unknown_code_notifies_and_searches(catalog, user):
    app = make_app(catalog, user, code="QQQ123")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        assert "QQQ123 is not in the loaded data" in notices(app)
        assert main.search_box.value == "QQQ123"


async def test_pick_mode_returns_the_chosen_code(catalog, user):
    app = make_app(catalog, user, pick="wheelchair standard")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        main = main_screen(app)
        first = main.results.hits[0].code
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == first


async def test_pick_mode_enter_on_a_page_picks_it(catalog, user):
    app = make_app(catalog, user, pick="")
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main_screen(app).open_code("K0003")
        await settle(pilot)
        assert app.is_running  # opening a code in pick mode shows it; enter picks
        await pilot.press("enter")
        await pilot.pause()
    assert app.return_value == "K0003"


async def test_pick_mode_escape_on_empty_box_cancels(catalog, user):
    app = make_app(catalog, user, pick="")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running
    assert app.return_value is None


# -- literal text -----------------------------------------------------------------------------


async def test_markup_and_escapes_in_queries_are_literal(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        main.search_box.value = "[bold]knee[/bold] [@click=app.quit]x"
        await settle(pilot)
        assert app.is_running
        main.search_box.insert_text_at_cursor("\x1b[31m")
        await settle(pilot)
        assert "\x1b" not in main.search_box.value
        main.search_box.value = ""
        await pilot.pause()
        main.search_box.post_message(events.Paste("knee\x1b[31m\npain"))
        await settle(pilot)
        assert main.search_box.value == "knee [31m pain"


async def test_a_huge_paste_is_cut_with_a_notice_and_the_app_answers(catalog, user):
    from codetui.tui.widgets.searchbox import MAX_QUERY

    app = make_app(catalog, user)
    async with app.run_test(size=NARROW) as pilot:
        main = main_screen(app)
        main.search_box.post_message(events.Paste("fracture femur " * 7000))  # ~100 KB
        await settle(pilot)
        assert len(main.search_box.value) == MAX_QUERY
        assert "the paste was cut" in notices(app)
        main.search_box.value = ""
        await type_query(pilot, "K0001")
        assert main.results.hits[0].code == "K0001"


async def test_hostile_page_text_is_shown_literally(catalog, user):
    from codetui.page import Link, Page, Section

    page = Page(system="cpt", code="[b]X", title="[@click=app.quit]Quit[/] \x1b[31mred\x07",
                kind="procedure", billable=True, status="active", release="[i]r",
                breadcrumb=[Link("cpt", "", "[red]step")],
                sections=[Section("[bold]Head", text="[link=x]t[/link]", items=["\x1b]0;t\x07"])],
                notes=["[blink]n"])
    app = make_app(catalog, user)
    async with app.run_test(size=WIDE) as pilot:
        await settle(pilot)
        main = main_screen(app)
        main.page_view.show(page)
        await pilot.pause()
        text = "\n".join(main.page_view.plain_lines())
        assert "[@click=app.quit]Quit[/] \\x1b[31mred\\x07" in text
        assert "[bold]Head" in text and "[link=x]t[/link]" in text and "\\x1b]0;t\\x07" in text
        assert "[red]step" in text and "[blink]n" in text
        assert "\x1b" not in text and "\x07" not in text
        await pilot.press("tab", "tab", "y")
        await settle(pilot)
        assert app.clipboard == "[b]X"
        assert "Copied [b]X" in notices(app)
        assert app.is_running


def test_results_prompt_is_literal():
    from codetui.codetable import Hit
    from codetui.tui.widgets.results import hit_prompt

    hit = Hit(1, "cpt", "[b]1", "[@click=app.quit]t \x1b[2J", True, True, False)
    text = hit_prompt(hit).plain
    assert "[@click=app.quit]t \\x1b[2J" in text and "(terminated)" in text
    assert not hit_prompt(hit).spans or all(isinstance(s.style, object) for s in hit_prompt(hit).spans)


async def test_option_lists_do_not_parse_markup(catalog, user):
    app = make_app(catalog, user)
    async with app.run_test(size=NARROW):
        lists = app.main.query(OptionList)
        assert all(not getattr(ol, "_markup", False) for ol in lists)
        assert isinstance(app.main.search_box, Input)


# -- keymap and colours -----------------------------------------------------------------------


async def test_bindings_can_be_remapped_by_id(catalog, user):
    app = make_app(catalog, user, code="K0001")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        app.set_keymap({"copy-code": "x", "next-section": "n"})
        await pilot.pause()
        await pilot.press("x")
        assert app.clipboard == "K0001"
        view = main_screen(app).page_view
        await pilot.press("n")
        assert view.scroll_offset.y == view.section_lines[0]


async def test_no_color_is_respected(catalog, user, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(catalog, user, code="I21.9")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert app.no_color
        assert "Acute myocardial infarction" in screen_text(app)


# -- reader views -------------------------------------------------------------------------------


async def test_v_switches_the_reader_view_and_the_choice_is_remembered(catalog, user):
    built = catalog.page_for("E11.9")
    assert any(s.plain for s in built.sections) and any(not s.plain for s in built.sections)
    app = make_app(catalog, user, code="E11.9")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        shown = main_screen(app).page_view.page.sections
        assert not shown[0].plain  # ICD-10-CM opens in the coder view: official notes first
        assert [s.heading for s in shown if not s.plain] == \
            [s.heading for s in built.sections if not s.plain]
        await pilot.press("tab", "tab", "v")
        await settle(pilot)
        shown = main_screen(app).page_view.page.sections
        assert shown[0].plain and len(shown) == len(built.sections)
        assert "Plain language first (all ICD-10-CM pages" in notices(app)
        text = "\n".join(main_screen(app).page_view.plain_lines())
        assert text.index(shown[0].heading) < text.index(shown[-1].heading)
    app = make_app(catalog, user, code="E11.9")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        assert main_screen(app).page_view.page.sections[0].plain  # remembered


async def test_cpt_pages_open_plain_language_first(catalog, user):
    app = make_app(catalog, user, code="47542")
    async with app.run_test(size=NARROW) as pilot:
        await settle(pilot)
        sections = main_screen(app).page_view.page.sections
        assert sections[0].plain and sections[0].heading == "Name of the Procedure"
