"""Time the Textual app headless: first screen, keystroke to results, highlight to page.

    python bench/app_timing.py STORE_DIR

Run by bench/run.py; prints rows in the benchmark's format. Times are taken inside one
process with Textual's headless driver (``App.run_test``), so they include Textual's own
work (layout, rendering) but not a real terminal's drawing.
"""

from __future__ import annotations

import asyncio
import statistics
import sys
import time
from pathlib import Path

PROCESS_START = time.perf_counter()

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codetui.catalog import Catalog  # noqa: E402
from codetui.tui.app import CodeApp  # noqa: E402
from codetui.userfiles import UserCodes  # noqa: E402

TYPED = ["fracture femur", "heart attack", "balloon dilation bile duct", "0DT", "wheelchair",
         "type 2 diabetes", "pnuemonia", "knee replacement", "E11.9", "copd"]


def _row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:>14}   {target}")


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.95 * (len(ordered) - 1))))]


async def _until(condition, timeout: float = 5.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the app did not get there in time")
        await asyncio.sleep(0.0005)


async def measure(store: Path) -> None:
    """Drive the app and print the timings."""
    catalog = Catalog.open(db=store, data_dir=REPO / "data")
    app = CodeApp(catalog, user_codes=UserCodes(None), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main
        await _until(lambda: screen.search_box.has_focus)
        await pilot.pause()
        first_screen = time.perf_counter() - PROCESS_START
        typed_ms: list[float] = []
        for query in TYPED:
            screen.search_box.value = ""
            await _until(lambda: screen.result is None)
            for char in query[:-1]:
                await pilot.press(char if char != " " else "space")
            started = time.perf_counter()
            await pilot.press(query[-1] if query[-1] != " " else "space")
            await _until(lambda q=query: screen.result is not None and screen.result.query == q)
            await pilot.pause()
            typed_ms.append((time.perf_counter() - started) * 1000)
        page_ms: list[float] = []
        for query in TYPED:
            screen.search_box.value = query
            await _until(lambda q=query: screen.result is not None and screen.result.query == q
                         and screen.current_doc is not None)
            for _ in range(5):
                before = screen.current_doc
                started = time.perf_counter()
                await pilot.press("down")
                await _until(lambda b=before: screen.current_doc != b)
                await pilot.pause()
                page_ms.append((time.perf_counter() - started) * 1000)
    _row("first screen drawn after process start", f"{first_screen * 1000:.0f} ms", "target ≤ 800 ms")
    _row("last keystroke → results on screen p50 / max",
         f"{statistics.median(typed_ms):.0f} / {max(typed_ms):.0f} ms", "target ≤ 50 ms")
    _row("highlight move → page on screen p50 / p95 / max",
         f"{statistics.median(page_ms):.0f} / {_p95(page_ms):.0f} / {max(page_ms):.0f} ms",
         "target ≤ 100 ms")


if __name__ == "__main__":
    asyncio.run(measure(Path(sys.argv[1])))
