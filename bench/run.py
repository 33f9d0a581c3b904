"""codetui benchmark: search latency against a naive TinyDB scan, start-up, memory, the app.

    python bench/run.py [--db PATH] [--skip-naive] [--skip-app] [--seed]

Runs over the full bundled data (the store is seeded first if needed) and the fixed query
mix in bench/queries.txt. Prints each number with its target beside it.
"""

from __future__ import annotations

import argparse
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from codetui.catalog import Catalog  # noqa: E402
from codetui.textnorm import words  # noqa: E402


def _queries() -> list[tuple[str, str]]:
    lines = (REPO / "bench" / "queries.txt").read_text(encoding="utf-8").splitlines()
    return [tuple(line.split("\t", 1)) for line in lines if line]  # type: ignore[misc]


def _percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def _row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:>14}   {target}")


def _naive_pattern(query: str) -> re.Pattern:
    """What a straightforward TinyDB search would do: every word, anywhere, case-insensitive."""
    parts = words(query) or [query]
    return re.compile("^" + "".join(f"(?=.*{re.escape(p)})" for p in parts), re.IGNORECASE)


def bench_search(catalog: Catalog, queries, skip_naive: bool) -> None:
    """Per-query latency of codetui's search and of a naive TinyDB scan."""
    index = catalog.index
    index.search("warm up")
    ours: dict[str, list[float]] = {}
    all_ms = []
    for kind, query in queries:
        start = time.perf_counter()
        index.search(query, limit=50)
        elapsed = (time.perf_counter() - start) * 1000
        ours.setdefault(kind, []).append(elapsed)
        all_ms.append(elapsed)
    print(f"Search latency, in process ({len(queries)} queries, each run once, limit 50)")
    _row("p50", f"{statistics.median(all_ms):.2f} ms")
    _row("p95", f"{_percentile(all_ms, 0.95):.2f} ms", "target ≤ 5 ms")
    _row("max", f"{max(all_ms):.2f} ms")
    for kind, values in ours.items():
        _row(f"  {kind}: p50 / p95", f"{statistics.median(values):.2f} / {_percentile(values, 0.95):.2f} ms")
    if skip_naive:
        return
    from tinydb import Query, TinyDB
    from tinydb.middlewares import CachingMiddleware
    from tinydb.storages import JSONStorage

    shards = sorted((catalog.store.folder / "docs").glob("*.json"))
    tables = [TinyDB(path, storage=CachingMiddleware(JSONStorage), access_mode="r").table("entries")
              for path in shards]
    for table in tables:
        table.all()  # load every shard once: the scan below is the search cost alone
    naive_ms = []
    for _kind, query in queries:
        pattern = _naive_pattern(query)
        start = time.perf_counter()
        for table in tables:
            table.search(Query().title.search(pattern))
        naive_ms.append((time.perf_counter() - start) * 1000)
    print("Naive TinyDB scan, same queries (Query().title.search over every document, cached)")
    _row("p50", f"{statistics.median(naive_ms):.1f} ms")
    _row("p95", f"{_percentile(naive_ms, 0.95):.1f} ms")
    ratio = statistics.median(naive_ms) / statistics.median(all_ms)
    mean_ratio = statistics.mean(naive_ms) / statistics.mean(all_ms)
    _row("speed-up (p50 ratio / mean ratio)", f"{ratio:.0f}x / {mean_ratio:.0f}x", "target ≥ 50x")


def bench_processes(db: Path, seed: bool) -> None:
    """Whole-process figures (bench/processes.py): cold commands, app sessions, the store."""
    command = [sys.executable, str(REPO / "bench" / "processes.py"), "--db", str(db)]
    subprocess.run(command + (["--seed"] if seed else []), check=False)


def bench_pages(catalog: Catalog, queries) -> None:
    """How long building a page takes (the app shows one per highlight move)."""
    times = []
    for _kind, query in queries:
        result = catalog.search(query, limit=3)
        for hit in result.hits:
            start = time.perf_counter()
            catalog.page(hit.doc_id)
            times.append((time.perf_counter() - start) * 1000)
    print(f"Page building ({len(times)} pages from the results)")
    _row("p50 / p95 / max", f"{statistics.median(times):.1f} / {_percentile(times, 0.95):.1f} / {max(times):.0f} ms",
         "target: page on screen ≤ 100 ms")


def bench_app(db: Path) -> None:
    """First screen, keystroke-to-results and highlight-to-page times in the Textual app."""
    script = REPO / "bench" / "app_timing.py"
    if not script.exists():
        return
    done = subprocess.run([sys.executable, str(script), str(db)], capture_output=True, text=True,
                          env=dict(os.environ, CODETUI_DB=str(db)))
    print("The app (Textual, headless)")
    if done.returncode != 0:
        print("  app timing failed:", done.stderr.strip().splitlines()[-1:] or done.returncode)
        return
    print(done.stdout.rstrip())


def main() -> int:
    """Run the benchmark and print the numbers."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, default=Path(tempfile.gettempdir()) / "codetui-bench-store")
    parser.add_argument("--skip-naive", action="store_true", help="skip the slow TinyDB scan")
    parser.add_argument("--skip-app", action="store_true", help="skip the Textual app timings")
    parser.add_argument("--seed", action="store_true", help="also time a fresh seed (~1 min)")
    args = parser.parse_args()
    start = time.perf_counter()
    catalog = Catalog.open(db=args.db, data_dir=REPO / "data",
                           user_dir=Path(tempfile.mkdtemp(prefix="codetui-bench-user-")))
    seeded = time.perf_counter() - start
    print(f"codetui benchmark — {sum(catalog.counts.values()):,} codes, python {sys.version.split()[0]}, "
          f"{os.cpu_count()} cores")
    _row("store ready (seeded now if it was missing)", f"{seeded:.1f} s", "target: seed ≤ 60 s")
    queries = _queries()
    bench_search(catalog, queries, args.skip_naive)
    bench_pages(catalog, queries)
    if not args.skip_app:
        bench_app(args.db)
    bench_processes(args.db, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
