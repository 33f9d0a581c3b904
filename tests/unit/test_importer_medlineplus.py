"""Tests of the MedlinePlus synonyms importer on a small fixture of topics and official titles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from codetui.importers import medlineplus
from codetui.textnorm import words as search_words

FIXTURES = Path(__file__).parents[1] / "fixtures" / "medlineplus"
TOPICS = FIXTURES / "health_topics.json"
DATA = FIXTURES / "data"


@pytest.fixture(scope="module")
def topics() -> list[dict]:
    return medlineplus.read_topics(TOPICS)


@pytest.fixture(scope="module")
def titles() -> list[str]:
    return medlineplus.official_titles(DATA)


@pytest.fixture(scope="module")
def by_title(topics, titles) -> dict[str, dict]:
    candidates = {tuple(search_words(t)) for topic in topics
                  for part in medlineplus.topic_terms(topic)[1:] for t in part}
    found = medlineplus.phrases_in_titles(candidates, titles)
    return {e["words"][0]: e for e in medlineplus.build_synonyms(topics, found)}


@pytest.fixture()
def shared(tmp_path: Path) -> Path:
    folder = tmp_path / "shared" / "medlineplus"
    folder.mkdir(parents=True)
    shutil.copy(TOPICS, folder / medlineplus.SOURCE_FILE)
    return tmp_path / "shared"


@pytest.fixture()
def out(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


# --- pure functions ------------------------------------------------------------------------

@pytest.mark.parametrize("term, expected", [
    ("ALS", True), ("HbA1C", True), ("AFib", True), ("COPD", True), ("DTaP", True),
    ("E-Cigarettes", False), ("Self-Harm", False), ("X-Rays", False),
    ("Heart attack", False), ("Mono", False), ("H", False),
])
def test_is_abbreviation(term, expected):
    assert medlineplus.is_abbreviation(term) is expected


def test_topic_terms_orders_title_then_synonyms_and_drops_repeats():
    topic = {"title": "Colon Surgery", "synonyms": ["Bowel resection", "bowel  Resection"],
             "mesh_terms": ["Colectomy"], "groups": []}
    typed, candidates, street = medlineplus.topic_terms(topic)
    assert typed == ["Colon Surgery", "Bowel resection"]
    assert candidates == ["Colon Surgery", "Bowel resection", "Colectomy"]
    assert street == []


def test_topic_terms_mesh_is_candidate_only_and_abbreviations_are_not_candidates():
    topic = {"title": "Heart Attack", "synonyms": ["MI", "Myocardial infarction"],
             "mesh_terms": ["Myocardial Infarction", "Coronary Thrombosis"]}
    typed, candidates, _ = medlineplus.topic_terms(topic)
    assert typed == ["Heart Attack", "MI", "Myocardial infarction"]
    assert candidates == ["Heart Attack", "Myocardial infarction", "Coronary Thrombosis"]


def test_topic_terms_street_names_and_english_word_abbreviations():
    topic = {"title": "Methamphetamine", "synonyms": ["Ice", "Crystal meth", "H"],
             "mesh_terms": [], "groups": ["Substance Use and Disorders"]}
    typed, candidates, street = medlineplus.topic_terms(topic)
    assert typed == ["Methamphetamine", "Ice", "Crystal meth"]      # one letter dropped
    assert street == ["Ice"]                                        # one word only
    assert candidates == ["Methamphetamine", "Crystal meth"]
    leukemia = {"title": "Acute Lymphocytic Leukemia", "synonyms": ["ALL", "CLL"]}
    assert medlineplus.topic_terms(leukemia)[0] == ["Acute Lymphocytic Leukemia", "CLL"]


def test_topic_terms_tolerates_missing_and_odd_fields():
    typed, candidates, street = medlineplus.topic_terms(
        {"title": "  Gout ", "synonyms": None, "mesh_terms": ["", 3, "Gout"]})
    assert (typed, candidates, street) == (["Gout"], ["Gout"], [])


def test_phrases_in_titles_needs_the_words_in_a_row():
    titles = ["Acute myocardial infarction, unspecified", "Alzheimer's disease, unspecified"]
    phrases = {("myocardial", "infarction"), ("infarction", "myocardial"), ("acute",),
               ("alzheimer", "disease"), ("unspecified", "acute"), ("infarct",)}
    assert medlineplus.phrases_in_titles(phrases, titles) == {
        ("myocardial", "infarction"), ("acute",), ("alzheimer", "disease")}


def test_official_titles_reads_entries_and_pcs_tables_not_cpt(titles):
    assert "Acute myocardial infarction, unspecified" in titles
    assert "Resection of Sigmoid Colon, Open Approach" in titles
    assert "Cold or hot fluid bottle, ice cap or collar, heat and/or cold wrap, any type" in titles
    assert "Total knee replacement" not in titles
    assert len(titles) == 11


# --- entries -------------------------------------------------------------------------------

def test_lay_title_maps_to_clinical_name(by_title):
    assert by_title["heart attack"] == {
        "words": ["heart attack", "mi", "myocardial infarction"],
        "means": ["myocardial infarction"]}


def test_topic_whose_terms_are_all_in_titles_is_dropped(by_title):
    assert "asthma" not in by_title          # only one term
    assert "bleeding" in by_title            # "bleeding" is in no title
    assert by_title["bleeding"]["means"] == ["hematoma", "hemorrhage"]


def test_abbreviation_matching_an_unrelated_title_is_not_a_clinical_name(by_title):
    als = by_title["amyotrophic lateral sclerosis"]
    assert als["means"] == ["amyotrophic lateral sclerosis"]     # not "als" (life support)
    assert "als" in als["words"] and "lou gehrig's disease" in als["words"]


def test_english_word_abbreviation_is_not_a_word(by_title):
    leukemia = by_title["acute lymphocytic leukemia"]
    assert leukemia == {"words": ["acute lymphocytic leukemia", "acute lymphoblastic leukemia"],
                        "means": ["acute lymphoblastic leukemia"]}


def test_street_names_that_are_title_words_are_left_out(by_title):
    meth = by_title["methamphetamine"]
    assert meth == {"words": ["methamphetamine", "meth"], "means": ["methamphetamine"]}


def test_pcs_titles_count_and_cpt_titles_do_not(by_title):
    assert by_title["colon surgery"] == {
        "words": ["colon surgery", "bowel resection", "resection of sigmoid colon"],
        "means": ["resection of sigmoid colon"]}
    assert "knee surgery" not in by_title


def test_no_match_and_other_languages_are_skipped(by_title):
    assert "healthy living" not in by_title
    assert not any("ataque" in title for title in by_title)


def test_entries_sorted_by_topic_title(topics, titles):
    candidates = {tuple(search_words(t)) for topic in topics
                  for part in medlineplus.topic_terms(topic)[1:] for t in part}
    found = medlineplus.phrases_in_titles(candidates, titles)
    entries = medlineplus.build_synonyms(list(reversed(topics)), found)
    firsts = [e["words"][0] for e in entries]
    assert firsts == sorted(firsts)
    assert firsts == ["acute lymphocytic leukemia", "amyotrophic lateral sclerosis",
                      "bleeding", "colon surgery", "heart attack", "methamphetamine"]


# --- run -----------------------------------------------------------------------------------

def test_run_writes_document_with_provenance(shared, out):
    written = medlineplus.run(shared, out)
    assert written == [out / "synonyms-medlineplus.yaml"]
    text = written[0].read_text(encoding="utf-8")
    assert text.startswith("# Generated by `python -m codetui.importers medlineplus`")
    document = yaml.safe_load(text)
    assert list(document) == ["source", "release", "credit", "synonyms"]
    assert document["release"] == "MedlinePlus health topics 2025-10-01"
    assert document["credit"] == "Source: MedlinePlus, National Library of Medicine"
    assert len(document["synonyms"]) == 6
    for entry in document["synonyms"]:
        assert list(entry) == ["words", "means"]
        assert all(w == w.lower() for w in entry["words"] + entry["means"])


def test_run_is_deterministic(shared, out):
    first = medlineplus.run(shared, out)[0].read_bytes()
    again = medlineplus.run(shared, out)[0].read_bytes()
    assert first == again


def test_output_passes_the_synonym_check(shared, out):
    from codetui.validate import check_synonym
    document = yaml.safe_load(medlineplus.run(shared, out)[0].read_text(encoding="utf-8"))
    assert all(check_synonym(entry) is None for entry in document["synonyms"])


def test_run_without_official_titles_says_what_to_run_first(shared, tmp_path):
    with pytest.raises(ValueError, match="icd10cm, icd10pcs and hcpcs importers first"):
        medlineplus.run(shared, tmp_path / "empty")


def test_run_rejects_a_json_that_is_not_a_list(tmp_path, out):
    folder = tmp_path / "bad" / "medlineplus"
    folder.mkdir(parents=True)
    (folder / medlineplus.SOURCE_FILE).write_text('{"title": "x"}', encoding="utf-8")
    with pytest.raises(ValueError, match="list of topic objects"):
        medlineplus.run(tmp_path / "bad", out)
