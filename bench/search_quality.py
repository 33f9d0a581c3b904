"""Search quality per kind of query, for the tuned and the held-out quality sets.

    python bench/search_quality.py [STORE_DIR]

Prints hit@1 and hit@5 for each kind, both parts, beside the targets (hit@5 >= 0.95,
hit@1 >= 0.85), and the tuned part's queries whose right answer is not first (not the
held-out part's: they are scored, never read for tuning). Seeds a store from the
bundled data into STORE_DIR (default: a temporary folder) if it is not current.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests" / "data"))

from codetui.catalog import Catalog  # noqa: E402
from test_search_quality import HOLDOUT, TARGET_AT_1, TARGET_AT_5, TUNED, rates  # noqa: E402


def main() -> None:
    store = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(tempfile.mkdtemp()) / "store"
    catalog = Catalog.open(db=store, data_dir=REPO / "data", user_dir=store.parent / "user")
    print(f"targets per kind: hit@5 >= {TARGET_AT_5}, hit@1 >= {TARGET_AT_1}")
    for name, items in (("tuned", TUNED), ("held out", HOLDOUT)):
        table, empty = rates(catalog, items)
        total = sum(n for n, *_ in table.values())
        at_1 = sum(n * a for n, a, _, _ in table.values()) / total
        at_5 = sum(n * b for n, _, b, _ in table.values()) / total
        print(f"\n{name}: {total} queries, hit@1 {at_1:.3f}, hit@5 {at_5:.3f}")
        print(f"  {'kind':<14}{'n':>4}{'hit@1':>8}{'hit@5':>8}")
        for kind, (n, a, b, missed) in table.items():
            shown = "; ".join(missed[:6]) if items is TUNED else ""
            print(f"  {kind:<14}{n:>4}{a:>8.2f}{b:>8.2f}  {shown}")
        if empty:
            print(f"  answered empty though a code holds one of their words: {'; '.join(empty)}")
        if items is HOLDOUT:
            print("  (the held-out misses are not printed: reading them to tune ranking would "
                  "end what the part measures)")


if __name__ == "__main__":
    main()
