"""Groups of codes defined by code ranges (the plain-language HCPCS groups)."""

from __future__ import annotations

from codetui.systems import code_key


def parse_range(text: str) -> tuple[str, str] | None:
    """``"E0130-E0159"`` -> ("E0130", "E0159"); ``"E0100"`` -> ("E0100", "E0100"); None if bad."""
    parts = [code_key(part) for part in text.split("-")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(parts) or len(parts[0]) != len(parts[1]) or parts[0] > parts[1]:
        return None
    return parts[0], parts[1]


def in_range(code: str, bounds: tuple[str, str]) -> bool:
    """Whether ``code`` lies in the inclusive range (codes of the same length, compared as text)."""
    key = code_key(code)
    return len(key) == len(bounds[0]) and bounds[0] <= key <= bounds[1]


def groups_of(code: str, groups: list[dict]) -> list[str]:
    """The ids of the groups whose ranges hold ``code``."""
    return [group["id"] for group in groups
            if any(in_range(code, bounds) for bounds in map(parse_range, group["ranges"]) if bounds)]
