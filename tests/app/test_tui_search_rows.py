"""The result list's extra rows: a code prefix's families by system, labelled; a CPT number
the store lacks; the note when no code holds every word."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))
from tui_helpers import make_app, settle  # noqa: E402

NARROW = (80, 24)


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def type_query(pilot, text: str) -> None:
    pilot.app.main.search_box.value = text
    await settle(pilot)


async def test_a_prefix_lists_one_system_then_the_other_under_a_label(catalog, user_dir):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, "E11")
        results = app.main.results
        while len(results.hits) < results.total:  # page down to the end of the family
            results.highlighted = results.option_count - 1
            await settle(pilot)
        systems = [hit.system for hit in results.hits]
        first_hcpcs = systems.index("hcpcs")
        assert set(systems[:first_hcpcs]) == {"icd10cm"}
        assert set(systems[first_hcpcs:]) == {"hcpcs"}
        label_row = results._row_hits.index(None)
        assert results._row_hits[label_row + 1] == first_hcpcs
        assert "HCPCS Level II: codes starting E11" in str(results.get_option_at_index(label_row).prompt)
        # Moving over the label lands on a code, and the page follows the hit, not the row.
        results.highlighted = label_row - 1
        await pilot.press("down")
        await settle(pilot)
        assert results.current is results.hits[first_hcpcs]


async def test_a_cpt_number_the_store_lacks_gets_a_one_row_note(catalog, user_dir):
    missing = next(n for n in ("99999", "99998") if not catalog.index.lookup(n))
    app = make_app(catalog, user_dir)
    async with app.run_test(size=NARROW) as pilot:
        await type_query(pilot, missing)
        results = app.main.results
        assert results.hits == [] and results.option_count == 1
        assert f"CPT {missing}: not in codetui's curated CPT set" in screen_text(app)
        assert results.current is None


async def test_the_info_line_says_which_words_no_code_holds(catalog, user_dir):
    app = make_app(catalog, user_dir)
    async with app.run_test(size=(160, 40)) as pilot:
        await type_query(pilot, "crusty tear duct")
        assert "no code has all of: crusty; showing codes matching tear duct" in screen_text(app)
        assert app.main.results.hits
