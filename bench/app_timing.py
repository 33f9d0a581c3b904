"""Time the Textual app headless: first screen, keystroke to results, highlight to page.

    python bench/app_timing.py STORE_DIR

Run by bench/run.py; prints rows in the benchmark's format. Times are taken inside one
process with Textual's headless driver (``App.run_test``): from the change (the search box's
new value, the highlight moved) to the moment the results or the page have been handed to
their widgets, which draw them on the next refresh; a real terminal's drawing is not
included.
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
            raise TimeoutError(f"the app did not get there in time: {condition.__defaults__}")
        await asyncio.sleep(0.0005)


async def measure(store: Path) -> None:
    """Drive the app and print the timings."""
    catalog = Catalog.open(db=store, data_dir=REPO / "data", lazy=True)  # as `codetui` opens it
    app = CodeApp(catalog, user_codes=UserCodes(None), cursor_blink=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main
        await _until(lambda: screen.search_box.has_focus)
        await pilot.pause()
        first_screen = time.perf_counter() - PROCESS_START
        shown: dict[str, float] = {}
        show_hits, display = screen._show_hits, screen.page_view.show

        def timed_show_hits(*args, **kwargs):
            show_hits(*args, **kwargs)
            screen.refresh()
            shown["results"] = time.perf_counter()

        def timed_display(*args, **kwargs):
            display(*args, **kwargs)
            shown["page"] = time.perf_counter()

        screen._show_hits, screen.page_view.show = timed_show_hits, timed_display
        typed_ms: list[float] = []
        for query in TYPED:
            # Type all but the last character, let that search finish, then time the last one.
            screen.search_box.value = query[:-1]
            await _until(lambda q=query[:-1]: screen.result is not None and screen.result.query == q)
            await pilot.pause(0.2)
            shown.clear()
            started = time.perf_counter()
            screen.search_box.value = query  # what the last keystroke does to the box
            await _until(lambda q=query: screen.result is not None and screen.result.query == q)
            typed_ms.append((shown["results"] - started) * 1000)
        page_ms: list[float] = []
        for query in TYPED:
            screen.search_box.value = query
            await _until(lambda q=query: screen.result is not None and screen.result.query == q
                         and screen.current_doc is not None)
            await pilot.pause(0.3)
            for _ in range(5):
                before = screen.current_doc
                shown.clear()
                started = time.perf_counter()
                screen.results.action_cursor_down()
                await _until(lambda b=before: screen.current_doc != b)
                page_ms.append((shown["page"] - started) * 1000)
                await pilot.pause(0.05)
    _row("first screen drawn after process start", f"{first_screen * 1000:.0f} ms", "target ≤ 800 ms")
    _row("last keystroke → results on screen p50 / max (incl. 12 ms typing pause)",
         f"{statistics.median(typed_ms):.0f} / {max(typed_ms):.0f} ms", "target ≤ 50 ms")
    _row("highlight move → page on screen p50 / p95 / max",
         f"{statistics.median(page_ms):.0f} / {_p95(page_ms):.0f} / {max(page_ms):.0f} ms",
         "target ≤ 100 ms")


if __name__ == "__main__":
    asyncio.run(measure(Path(sys.argv[1])))
