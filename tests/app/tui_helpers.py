"""Helpers shared by the app's Pilot tests."""

from __future__ import annotations

from codetui.tui.app import CodeApp
from codetui.userfiles import UserCodes


def make_app(catalog, user_dir, **kwargs) -> CodeApp:
    """The app over ``catalog`` with favourites in ``user_dir`` and no cursor blink; every
    notification it shows is also kept (:func:`notices`), since a short one can time out
    before a test on a busy machine reads the screen."""
    app = CodeApp(catalog, user_codes=UserCodes.load(user_dir), cursor_blink=False, **kwargs)
    app.notices_seen = []
    shown = app.notify

    def notify(message, *args, **kwargs):
        app.notices_seen.append(str(message))
        return shown(message, *args, **kwargs)

    app.notify = notify
    return app


def notices(app) -> str:
    """Every notification the app has shown, one a line (including ones timed out)."""
    return "\n".join(app.notices_seen)


async def settle(pilot) -> None:
    """Let debounced searches and page loads finish."""
    for _ in range(2):
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
    await pilot.pause()
