"""Snapshots of the app: the search screen and one page per code system, at 80x24 and 160x48.

Update them after a deliberate change with ``pytest tests/test_tui_snapshots.py --snapshot-update``.
"""

from __future__ import annotations

import pytest

pytest.importorskip("pytest_textual_snapshot")

from codetui.tui.app import CodeApp  # noqa: E402
from codetui.userfiles import UserCodes  # noqa: E402

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((160, 48), id="160x48")]
PAGES = [
    pytest.param("S06.0X0A", id="icd10cm"),
    pytest.param("0DTJ4ZZ", id="icd10pcs"),
    pytest.param("K0001", id="hcpcs"),
    pytest.param("47542", id="cpt"),
]


def _app(catalog, tmp_path, **kwargs) -> CodeApp:
    return CodeApp(catalog, user_codes=UserCodes.load(tmp_path / "user"), cursor_blink=False,
                   **kwargs)


async def _settle(pilot) -> None:
    for _ in range(3):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()


@pytest.mark.parametrize("size", SIZES)
def test_search_screen(snap_compare, catalog, tmp_path, size):
    async def run_before(pilot) -> None:
        await _settle(pilot)
        pilot.app.main.search_box.value = "balloon dilation bile duct"
        await _settle(pilot)
        await pilot.press("down", "down")
        await _settle(pilot)

    assert snap_compare(_app(catalog, tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("code", PAGES)
def test_code_page(snap_compare, catalog, tmp_path, code, size):
    async def run_before(pilot) -> None:
        await _settle(pilot)

    assert snap_compare(_app(catalog, tmp_path, code=code), terminal_size=size,
                        run_before=run_before)
