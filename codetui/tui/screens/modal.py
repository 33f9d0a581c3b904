"""Modal screens that can be dismissed only once."""

from __future__ import annotations

from textual.await_complete import AwaitComplete


class DismissOnce:
    """Mix into a modal screen: ``dismiss`` does nothing once the screen is not on top.

    Textual's ``Screen.dismiss`` pops whatever screen is on top. A selection made with
    ``enter`` arrives as a message, so ``enter`` then ``escape`` in quick succession (fast
    keys, a laggy SSH link) closes the screen with ``escape`` first, and the late selection
    then popped the screen below: the main screen, which ended the app with ScreenStackError.
    """

    def dismiss(self, result=None) -> AwaitComplete:
        if not self.is_active:
            return AwaitComplete.nothing()
        return super().dismiss(result)
