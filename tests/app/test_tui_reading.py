"""Reading a page: ``]`` and ``[`` reach every section, the last ones too (they are short and
cannot come to the top of the view), and back and forward return to where the reader was."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, settle  # noqa: E402


def bar(app) -> str:
    return app.main.query_one("#pagebar").render().plain


@pytest.mark.parametrize("code", ["S06.0X0A", "K0001", "0DTJ4ZZ"])
@pytest.mark.parametrize("size", [(80, 24), (60, 20), (160, 48)])
async def test_next_and_previous_section_reach_every_section(catalog, user_dir, code, size):
    app = make_app(catalog, user_dir, code=code)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        page = app.main.page
        count = len(page.sections)
        assert count > 3
        for number in range(1, count + 1):
            await pilot.press("right_square_bracket")
            await settle(pilot)
            heading = page.sections[number - 1].heading
            assert f"· {number}/{count} {heading}" in bar(app), (number, bar(app))
        view = app.main.page_view
        assert view.scroll_offset.y == view.max_scroll_y  # the last section: the page's end
        for number in range(count - 1, 0, -1):
            await pilot.press("left_square_bracket")
            await settle(pilot)
            assert f"· {number}/{count} " in bar(app), (number, bar(app))
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert "/" not in bar(app).split("·", 1)[1][:6] and view.scroll_offset.y == 0


async def test_back_and_forward_return_to_the_section_and_line(catalog, user_dir):
    app = make_app(catalog, user_dir, code="S06.0X0A")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        view = app.main.page_view
        await pilot.press(*["right_square_bracket"] * 3, "down", "down")
        await settle(pilot)
        where, section = view.scroll_offset.y, bar(app).split("·")[1]
        assert where > 0 and section.strip().startswith("3/")
        await pilot.press("u")  # the parent, from its top
        await settle(pilot)
        assert app.main.page.code == "S06.0X0" and view.scroll_offset.y == 0
        await pilot.press("pagedown")
        await settle(pilot)
        parent_at = view.scroll_offset.y
        await pilot.press("backspace")
        await settle(pilot)
        assert app.main.page.code == "S06.0X0A"
        assert view.scroll_offset.y == where and bar(app).split("·")[1] == section
        await pilot.press("alt+right")
        await settle(pilot)
        assert app.main.page.code == "S06.0X0" and view.scroll_offset.y == parent_at
        await pilot.press("alt+left")
        await settle(pilot)
        assert view.scroll_offset.y == where


async def test_a_section_chosen_at_the_end_is_kept_through_back(catalog, user_dir):
    app = make_app(catalog, user_dir, code="S06.0X0A")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        count = len(app.main.page.sections)
        await pilot.press(*["right_square_bracket"] * (count - 1))
        await settle(pilot)
        assert f"· {count - 1}/{count} " in bar(app)
        await pilot.press("u")
        await settle(pilot)
        await pilot.press("backspace")
        await settle(pilot)
        assert f"· {count - 1}/{count} " in bar(app)
