"""Search quality: hit@5 over tests/search_quality.yaml, overall and for each kind of query."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import yaml

from codetui.systems import code_key

QUALITY = yaml.safe_load((Path(__file__).parents[1] / "search_quality.yaml").read_text())["queries"]


@pytest.fixture(scope="module")
def outcomes(catalog):
    """For each query: (kind, query, hit in the top 5?)."""
    found = []
    for item in QUALITY:
        accept = {(a["system"], code_key(str(a["code"]))) for a in item["accept"]}
        top = catalog.search(str(item["query"]), limit=5).hits
        hit = any((h.system, code_key(h.code)) in accept for h in top)
        found.append((item["kind"], str(item["query"]), hit))
    return found


def test_quality_set_is_large_and_varied():
    kinds = defaultdict(int)
    for item in QUALITY:
        kinds[item["kind"]] += 1
    assert len(QUALITY) >= 150
    assert set(kinds) == {"code", "prefix", "word", "words", "lay", "misspelling"}
    assert min(kinds.values()) >= 25


def test_hit_at_5_overall(outcomes):
    misses = [q for _, q, hit in outcomes if not hit]
    rate = 1 - len(misses) / len(outcomes)
    assert rate >= 0.90, f"hit@5 {rate:.3f}; missed: {misses}"


def test_hit_at_5_per_kind(outcomes):
    by_kind = defaultdict(list)
    for kind, query, hit in outcomes:
        by_kind[kind].append((query, hit))
    for kind, results in by_kind.items():
        rate = sum(hit for _, hit in results) / len(results)
        assert rate >= 0.80, f"{kind}: hit@5 {rate:.3f}; missed: {[q for q, h in results if not h]}"
