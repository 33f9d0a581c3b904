"""Back and forward through the pages a user opened (plain Python, no Textual)."""

from __future__ import annotations

from typing import Any


class History:
    """A list of opened documents with a position, like a browser's history."""

    def __init__(self) -> None:
        self.items: list[int] = []
        #: Where the reader was on each page (what :meth:`remember` was given), or None.
        self.positions: list[Any] = []
        self.index = -1

    @property
    def current(self) -> int | None:
        """The document at the current position."""
        return self.items[self.index] if 0 <= self.index < len(self.items) else None

    @property
    def position(self) -> Any:
        """Where the reader was on the current page when they left it (None: the top)."""
        return self.positions[self.index] if 0 <= self.index < len(self.items) else None

    def remember(self, position: Any) -> None:
        """Record where the reader is on the current page (restored on coming back to it)."""
        if 0 <= self.index < len(self.items):
            self.positions[self.index] = position

    @property
    def can_go_back(self) -> bool:
        """Whether an earlier page exists."""
        return self.index > 0

    @property
    def can_go_forward(self) -> bool:
        """Whether a later page exists (after going back)."""
        return self.index + 1 < len(self.items)

    def push(self, doc_id: int) -> None:
        """Record ``doc_id`` as opened now; later pages are dropped, a repeat is ignored."""
        if 0 <= self.index < len(self.items) and self.items[self.index] == doc_id:
            return
        del self.items[self.index + 1:]
        del self.positions[self.index + 1:]
        self.items.append(doc_id)
        self.positions.append(None)
        self.index = len(self.items) - 1

    def back(self) -> int | None:
        """Step back; the document there, or None when there is no earlier page."""
        if not self.can_go_back:
            return None
        self.index -= 1
        return self.items[self.index]

    def forward(self) -> int | None:
        """Step forward; the document there, or None when there is no later page."""
        if not self.can_go_forward:
            return None
        self.index += 1
        return self.items[self.index]
