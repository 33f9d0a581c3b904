"""Search behaviour on the full data: codes, prefixes, words, synonyms, misspellings, filters."""

from __future__ import annotations

import pytest

from codetui.systems import code_key


@pytest.mark.parametrize("query", ["I21.9", "i219", "I219", " i21.9 ", "I21.9"])
def test_exact_code_in_any_form_is_first(catalog, query):
    assert catalog.search(query).hits[0].code == "I21.9"


@pytest.mark.parametrize("query,system", [("0dtj4zz", "icd10pcs"), ("k0001", "hcpcs"),
                                          ("47542", "cpt"), ("s060x0a", "icd10cm")])
def test_exact_codes_of_every_system(catalog, query, system):
    hit = catalog.search(query).hits[0]
    assert (hit.system, code_key(hit.code)) == (system, code_key(query))


@pytest.mark.parametrize("prefix", ["E11", "S52.5", "0DT"])
def test_prefix_lists_the_family_in_code_order(catalog, prefix):
    """The exact code's system first, in code order; another system's codes with the same
    start after it, in their own code order, never mixed in."""
    result = catalog.search(prefix, limit=300)
    family = [h for h in result.hits if code_key(h.code).startswith(code_key(prefix))]
    assert result.hits[0].code == prefix
    assert len(family) >= 20
    systems = [h.system for h in family]
    runs = [s for i, s in enumerate(systems) if i == 0 or s != systems[i - 1]]
    assert len(runs) == len(set(runs)), runs  # each system's codes stand together
    for system in set(systems):
        keys = [code_key(h.code) for h in family if h.system == system]
        assert keys == sorted(keys)


def test_prefix_total_counts_the_whole_family(catalog):
    result = catalog.search("S52", limit=10)
    assert len(result.hits) == 10
    assert result.total > 1000


def test_words_in_any_order_and_prefixes(catalog):
    forward = catalog.search("fracture shaft femur", limit=20)
    backward = catalog.search("femur shaft fract", limit=20)
    assert forward.total == backward.total > 0
    for hit in forward.hits:
        title = hit.title.lower()
        assert "fracture" in title and "shaft" in title and "femur" in title


def test_initial_encounter_before_sequela(catalog):
    codes = [h.code for h in catalog.search("concussion without loss of consciousness").hits]
    assert codes.index("S06.0X0A") < codes.index("S06.0X0S")


def test_billable_before_heading_and_current_before_terminated(catalog):
    hits = catalog.search("essential primary hypertension").hits
    assert hits[0].code == "I10" and hits[0].billable
    terminated = [h for h in catalog.search("dexamethasone", limit=500).hits]
    flags = [h.terminated for h in terminated]
    assert True in flags and flags.index(True) > flags.index(False)


def test_everyday_words_and_abbreviations(catalog):
    assert catalog.search("heart attack").hits[0].code.startswith("I21")
    assert catalog.search("copd").hits[0].code.startswith("J44")
    assert catalog.search("uti").hits[0].code == "N39.0"
    result = catalog.search("heart attack")
    assert ("heart attack", "myocardial infarction") in result.synonyms


@pytest.mark.parametrize("typed,meant,code", [
    ("pnuemonia", "pneumonia", "J18.9"),
    ("diabetis", "diabetes", "E11.9"),
    ("hypertenshun", "hypertension", "I10"),
    ("athsma", "asthma", "J45.909"),  # one letter typed two places late
])
def test_misspellings_are_corrected_and_said(catalog, typed, meant, code):
    result = catalog.search(typed)
    assert (typed, meant) in result.corrections
    assert result.corrected_query == meant
    assert code in [h.code for h in result.hits[:5]]


def test_short_words_are_not_corrected(catalog):
    result = catalog.search("zqx")
    assert result.total == 0 and result.corrections == []


def test_system_filter_and_total(catalog):
    everything = catalog.search("wheelchair", limit=1000)
    hcpcs = catalog.search("wheelchair", system="hcpcs", limit=1000)
    assert {h.system for h in hcpcs.hits} == {"hcpcs"}
    assert 0 < hcpcs.total < everything.total
    assert hcpcs.total == sum(1 for h in everything.hits if h.system == "hcpcs")


def test_paging_is_consistent(catalog):
    first = catalog.search("fracture", limit=50)
    second = catalog.search("fracture", limit=50, offset=50)
    assert first.total == second.total > 10_000
    assert not {h.doc_id for h in first.hits} & {h.doc_id for h in second.hits}


def test_ambiguous_code_exact_form_first(catalog):
    assert [h.system for h in catalog.resolve("H2021")][:2] == ["hcpcs", "icd10cm"]
    assert [h.system for h in catalog.resolve("H20.21")][:2] == ["icd10cm", "hcpcs"]
