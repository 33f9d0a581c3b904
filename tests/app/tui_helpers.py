"""Helpers shared by the app's Pilot tests."""

from __future__ import annotations

from codetui.tui.app import CodeApp
from codetui.userfiles import UserCodes


def make_app(catalog, user_dir, **kwargs) -> CodeApp:
    """The app over ``catalog`` with favourites in ``user_dir`` and no cursor blink."""
    return CodeApp(catalog, user_codes=UserCodes.load(user_dir), cursor_blink=False, **kwargs)


async def settle(pilot) -> None:
    """Let debounced searches and page loads finish."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
