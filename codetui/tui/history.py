"""Back and forward through the pages a user opened (plain Python, no Textual)."""

from __future__ import annotations


class History:
    """A list of opened documents with a position, like a browser's history."""

    def __init__(self) -> None:
        self.items: list[int] = []
        self.index = -1

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
        self.items.append(doc_id)
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
