"""Plain-language text over the whole store: which codes show some, and no sentence pasted
across pages (curated pages, category/table pages, groups and CPT entries).

The coverage counts are printed (README's data table quotes them); each system's share must
not fall below what the shipped pages reach.
"""

from __future__ import annotations

import random
from pathlib import Path

import yaml

from codetui.storeformat import FLAG_BILLABLE, FLAG_SHOWS_PLAIN, FLAG_TERMINATED
from codetui.page import PLAIN_LABEL
from codetui.pagetext import MAX_PAGES_PER_SENTENCE, repeated_sentences

DATA = Path(__file__).resolve().parents[2] / "data"
PAGES = DATA / "pages"
#: Shares of codes that show plain-language text, at least (billable ICD-10-CM codes,
#: every PCS code, every active HCPCS code and modifier).
MINIMUM_SHARE = {"icd10cm": 1.0, "icd10pcs": 1.0, "hcpcs": 1.0}

#: PyYAML's C parser (the pure-Python safe_load took most of these tests' time).
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _wanted(catalog, system: str) -> list[int]:
    index = catalog.index
    number = index.system_ids.index(system)
    docs = [d for d in range(len(index)) if index.systems[d] == number]
    if system == "icd10cm":
        return [d for d in docs if index.flags[d] & FLAG_BILLABLE]
    if system == "hcpcs":
        return [d for d in docs if not index.flags[d] & FLAG_TERMINATED]
    return [d for d in docs if len(index.codes[d]) == 7]


def test_codes_show_plain_language_text(catalog):
    for system, minimum in MINIMUM_SHARE.items():
        docs = _wanted(catalog, system)
        shown = [d for d in docs if catalog.index.flags[d] & FLAG_SHOWS_PLAIN]
        share = len(shown) / len(docs)
        print(f"{system}: {len(shown):,} of {len(docs):,} codes show plain-language text ({share:.1%})")
        assert share >= minimum, system
        # The flag tells the truth: the built page of a sample shows the labelled text.
        sample = random.Random(system).sample(docs, 40)
        for doc_id in sample:
            page = catalog.page(doc_id)
            has_text = page.plain_label == PLAIN_LABEL and any(s.plain for s in page.sections)
            assert has_text == bool(catalog.index.flags[doc_id] & FLAG_SHOWS_PLAIN), page.code


def test_a_code_without_a_page_shows_its_category_text_under_an_about_heading(catalog):
    page = catalog.page_for("K80.20", "icd10cm")
    about = [s for s in page.sections if s.heading.startswith("About category K80 — ")]
    assert about and about[0].plain and about[0].text
    assert page.plain_label == PLAIN_LABEL
    pcs = catalog.page_for("0SRD0J9", "icd10pcs")
    assert any(s.heading.startswith("About table 0SR — ") for s in pcs.sections)
    hcpcs = catalog.page_for("E0156", "hcpcs")
    assert any(s.heading.startswith("About this group of codes — ") for s in hcpcs.sections)


def test_a_code_page_of_its_own_wins_over_the_inherited_text(catalog):
    page = catalog.page_for("E11.9", "icd10cm")
    assert page.sections[0].heading == "Summary" and page.sections[0].plain
    assert not any(s.heading.startswith("About category") for s in page.sections)


def test_no_sentence_is_pasted_across_more_than_five_pages():
    pages = []
    for path in sorted([*PAGES.glob("*.yaml"), *(DATA / "cpt").glob("*.yaml")]):
        body = yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)
        for page in body.get("pages") or body.get("groups") or body.get("entries") or []:
            pages.append((f"{path.name}:{page.get('code') or page.get('id')}", page))
    repeated = repeated_sentences(pages)
    for sentence, names in repeated[:10]:
        print(f"{len(names)} pages: {sentence!r} e.g. {names[:3]}")
    assert len(pages) > 2000
    assert not repeated, f"{len(repeated)} sentences appear on more than {MAX_PAGES_PER_SENTENCE} pages"
