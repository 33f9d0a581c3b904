"""Rows you can tell apart: at 80 columns (and 60) sibling codes whose titles differ only at
the end show different text, and the highlighted code's whole title is under the list."""

from __future__ import annotations

import pytest

pytest.importorskip("textual")

from tui_helpers import make_app, settle  # noqa: E402

SIBLINGS = {
    "S52.509": ["S52.509A", "S52.509B", "S52.509C", "S52.509D", "S52.509N"],
    "E11.31": ["E11.311", "E11.319"],
    "0SRD0J": ["0SRD0J9", "0SRD0JA", "0SRD0JZ"],
}


def screen_lines(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


@pytest.mark.parametrize("size", [(80, 24), (60, 20)])
@pytest.mark.parametrize("query", SIBLINGS)
async def test_sibling_rows_show_different_text(catalog, user_dir, query, size):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=size) as pilot:
        app.main.search_box.value = query
        await settle(pilot)
        lines = screen_lines(app)
        rows = {}
        for code in SIBLINGS[query]:
            row = next((line for line in lines if line.startswith(f"{code} ")), None)
            if row is not None:
                rows[code] = row[len(code):].strip()
        assert len(rows) == len(SIBLINGS[query]) or (size[1] < 24 and len(rows) >= 3), lines
        assert len(set(rows.values())) == len(rows), rows  # no two look the same


async def test_the_highlighted_code_s_whole_title_is_under_the_list(catalog, user_dir):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=(80, 24)) as pilot:
        app.main.search_box.value = "S52.509"
        await settle(pilot)
        await pilot.press("down")
        await settle(pilot)
        hit = app.main.results.current
        assert hit.code == "S52.509A"
        title_line = app.main.query_one("#title-line")
        region = title_line.region
        shown = " ".join(line[region.x:region.right].strip()
                         for line in screen_lines(app)[region.y:region.bottom])
        assert shown == f"{hit.code}  {hit.title}"
        assert region.y >= app.main.results.region.bottom  # under the list
        app.main.search_box.value = "zzzzqqq"
        await settle(pilot)
        assert title_line.region.height == 0  # no result, no title line
