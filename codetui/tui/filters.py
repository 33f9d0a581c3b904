"""The search filter: every system, or one system of the registry."""

from __future__ import annotations

from codetui import systems


def filter_choices() -> tuple[str | None, ...]:
    """The filters in the order ctrl+s cycles them: None (every system), then each system."""
    return (None, *systems.ids())


def filter_name(system: str | None) -> str:
    """How a filter is named on screen."""
    return "All systems" if system is None else systems.badge(system)


def next_filter(current: str | None) -> str | None:
    """The filter after ``current`` in the cycle."""
    choices = filter_choices()
    index = choices.index(current) if current in choices else 0
    return choices[(index + 1) % len(choices)]
