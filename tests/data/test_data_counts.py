"""The shipped data is complete: counts from the official releases, and the curated sets."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from codetui.storeformat import FLAG_BILLABLE, FLAG_HEADING, FLAG_TERMINATED

DATA = Path(__file__).resolve().parents[2] / "data"

#: PyYAML's C parser (the pure-Python safe_load took most of these tests' time).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _by(catalog, system: str) -> list[int]:
    wanted = catalog.index.system_ids.index(system)
    return [d for d in range(len(catalog.index)) if catalog.index.systems[d] == wanted]


def test_icd10cm_every_entry_and_billable_count(catalog):
    every = _by(catalog, "icd10cm")
    docs = [d for d in every if not catalog.index.flags[d] & FLAG_TERMINATED]
    assert len(docs) == 98_505
    assert len(every) - len(docs) == 284  # deleted since FY2021, kept marked (data/history)
    billable = sum(1 for d in docs if catalog.index.flags[d] & FLAG_BILLABLE)
    # 74,719 codes have no children in the April 2026 code list (FY2025's 74,260 + 487
    # new - 28 deleted). Counting the code list's leaves with simple-icd-10-cm's is_leaf()
    # gives 74,736 because it also counts 12 blocks without categories and lists 5
    # categories twice; those are not billable codes.
    assert billable == 74_719
    chapters = [d for d in docs if catalog.index.codes[d].isdigit()]
    assert len(chapters) == 22


def test_icd10pcs_every_code(catalog):
    every = _by(catalog, "icd10pcs")
    docs = [d for d in every if not catalog.index.flags[d] & FLAG_TERMINATED]
    assert len(every) - len(docs) == 106  # deleted since FY2024, kept marked (data/history)
    codes = [d for d in docs if len(catalog.index.codes[d]) == 7]
    assert len(codes) == 79_115
    assert all(catalog.index.flags[d] & FLAG_BILLABLE for d in codes)
    headings = [d for d in docs if catalog.index.flags[d] & FLAG_HEADING]
    assert len(headings) == len(docs) - 79_115


def test_hcpcs_every_row_and_terminated_kept(catalog):
    docs = _by(catalog, "hcpcs")
    assert len(docs) == 8_846
    modifiers = [d for d in docs if len(catalog.index.codes[d]) == 2]
    assert len(modifiers) == 383
    codes = [d for d in docs if len(catalog.index.codes[d]) == 5]
    assert len(codes) == 8_463
    active_codes = [d for d in codes if not catalog.index.flags[d] & FLAG_TERMINATED]
    assert len(active_codes) == 7_258
    active_modifiers = [d for d in modifiers if not catalog.index.flags[d] & FLAG_TERMINATED]
    assert len(active_modifiers) == 363


def test_releases_are_named(catalog):
    releases = catalog.releases
    # The current release first: it is the one a page names.
    assert releases["icd10cm"] == ["ICD-10-CM FY2026 (April 1, 2026 update)",
                                   "ICD-10-CM FY2021 to FY2025, codes deleted by FY2026"]
    assert releases["icd10pcs"] == ["ICD-10-PCS FY2026",
                                    "ICD-10-PCS FY2024 and FY2025, codes deleted by FY2026"]
    assert releases["icd9cm"] == ["ICD-9-CM v32 (FY2015, the last release)"]
    assert releases["hcpcs"] == ["HCPCS Level II, October 2025 quarterly update"]


def _curated(folder: str, key: str) -> list[dict]:
    items = []
    for path in sorted((DATA / folder).glob("*.yaml")):
        document = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        items.extend(dict(item, _system=document["system"]) for item in document.get(key, ()))
    return items


def test_curated_cpt_set_spans_all_six_sections():
    entries = _curated("cpt", "entries")
    assert len(entries) >= 150
    sections = Counter(entry["breadcrumb"][0] for entry in entries)
    for name in ("Evaluation and Management", "Anesthesia", "Surgery", "Radiology",
                 "Pathology and Laboratory", "Medicine"):
        assert sections[name] >= 5, sections
    biliary = {entry["code"] for entry in entries}
    assert {str(code) for code in range(47531, 47545)} <= biliary


def test_cpt_add_on_codes_name_their_primary_codes():
    entries = {entry["code"]: entry for entry in _curated("cpt", "entries")}
    assert entries["47542"]["add_on_to"]
    for entry in entries.values():
        if entry.get("add_on_to"):
            said = next((s["text"] for s in entry.get("sections", ()) if s["heading"] == "Summary"),
                        entry["title"])  # a title-only entry says it in its title
            assert "add-on" in said.lower(), entry["code"]


def test_cpt_pages_and_index_counts():
    """At least 400 full CPT pages (every one with Coding notes) and 1,000 CPT entries."""
    entries = [e for e in _curated("cpt", "entries") if e["kind"] == "procedure"]
    pages = [e for e in entries if e.get("plain_language")]
    assert len(pages) >= 400
    assert len(entries) >= 1000
    assert all(any(s["heading"] == "Coding notes" for s in e["sections"]) for e in pages)
    modifiers = [e for e in _curated("cpt", "entries") if e["kind"] == "modifier"]
    assert {"25", "26", "50", "59"} <= {m["code"] for m in modifiers}


def test_curated_pages_counts():
    pages = _curated("pages", "pages")
    by_system = Counter(page["_system"] for page in pages)
    assert by_system["icd10cm"] >= 100
    assert by_system["hcpcs"] >= 40


@pytest.mark.parametrize("query,code", [
    ("knee replacement", "27447"),
    ("flu shot", "90656"),
    ("bile duct balloon", "47542"),
    ("balloon dilation bile duct", "47542"),
    ("heart attack", "I21.9"),
    ("high blood pressure", "I10"),
    ("wheelchair", "K0001"),
])
def test_everyday_words_find_curated_pages(catalog, query, code):
    hits = catalog.search(query, limit=5).hits
    assert code in [hit.code for hit in hits], [(h.code, h.title) for h in hits]


def test_icd10cm_hierarchy_and_seventh_character_titles(catalog):
    def page(code):
        return catalog.page_for(code, "icd10cm")

    assert page("S06.0X0A").title == "Concussion without loss of consciousness, initial encounter"
    assert page("T78.40XA").breadcrumb[-1].code == "T78.40"
    assert page("O32.1XX0").title == \
        "Maternal care for breech presentation, not applicable or unspecified"
    assert [link.code for link in page("C00-C14").breadcrumb] == ["2", "C00-C96", "C00-C75"]
    assert page("W00-X58").breadcrumb[-1].code == "V00-X58"
    assert page("I21.9").billable and page("I21.9").breadcrumb[-1].code == "I21"
