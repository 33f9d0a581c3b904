"""Groups of codes defined by code ranges (the plain-language HCPCS groups)."""

from __future__ import annotations

from bisect import bisect_right
from collections import defaultdict

from codetui.systems import code_key


def parse_range(text: str) -> tuple[str, str] | None:
    """``"E0130-E0159"`` -> ("E0130", "E0159"); ``"E0100"`` -> ("E0100", "E0100"); None if bad."""
    parts = [code_key(part) for part in text.split("-")]
    if len(parts) == 1:
        parts = parts * 2
    if len(parts) != 2 or not all(parts) or len(parts[0]) != len(parts[1]) or parts[0] > parts[1]:
        return None
    return parts[0], parts[1]


class CodeGroups:
    """The groups of one system, their ranges parsed once, for looking codes up."""

    def __init__(self, groups: list[dict]) -> None:
        by_length: dict[int, list[tuple[str, str, str]]] = defaultdict(list)
        for group in groups:
            for bounds in map(parse_range, group["ranges"]):
                if bounds:
                    by_length[len(bounds[0])].append((*bounds, group["id"]))
        self._ranges = {length: sorted(ranges) for length, ranges in by_length.items()}
        self._starts = {length: [low for low, _, _ in ranges] for length, ranges in self._ranges.items()}

    def of(self, code: str) -> list[str]:
        """The ids of the groups whose ranges hold ``code`` (codes compared as text, same length)."""
        key = code_key(code)
        ranges = self._ranges.get(len(key), [])
        end = bisect_right(self._starts.get(len(key), []), key)
        found = [group for low, high, group in ranges[:end] if high >= key]
        return list(dict.fromkeys(found))
