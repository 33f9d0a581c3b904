"""Word forms and query forms: the pure rules search applies before it looks anything up."""

from __future__ import annotations

import pytest

from codetui.querykinds import (after_procedure, amputation_history, cancer_spread,
                                cancer_without_course, cpt_number, hypertension_with,
                                modifier_code, not_in_store_message, relative_history,
                                weeks_as_trimester)
from codetui.textnorm import words
from codetui.wordforms import base_forms


@pytest.mark.parametrize("word, form", [
    ("gallstones", "gallstone"), ("injuries", "injury"), ("bleeding", "bleed"),
    ("sprained", "sprain"), ("clogged", "clog"), ("cutting", "cut"), ("based", "base"),
    ("crutches", "crutch"), ("spinal", "spine"), ("renal", "kidney"),
    ("sacrum", "sacral"), ("kidney", "renal"), ("diabetic", "diabetes"),
    ("extremity", "extremities"), ("appendix", "appendices"), ("prosthesis", "prostheses"),
    ("feet", "foot"), ("teeth", "tooth"), ("atherosclerosis", "atherosclerotic"),
    ("necrotic", "necrosis"), ("stenosis", "stenotic"),
    ("laparoscopically", "laparoscopic"), ("surgically", "surgic"), ("bilaterally", "bilateral"),
    ("completely", "complete"), ("hypoxic", "hypoxia"), ("hypercapnic", "hypercapnia"),
])
def test_a_word_offers_the_base_form_titles_use(word, form):
    assert form in base_forms(word)


@pytest.mark.parametrize("word", ["abscess", "arthritis", "lupus", "stress", "used", "hip", "E11",
                                  "diabetis"])
def test_words_without_a_suffix_to_cut_keep_their_form(word):
    assert base_forms(word) == []


def test_hypoxia_does_not_read_as_the_wider_hypoxic():
    """"Hypoxic" also names hypoxic ischemic encephalopathy: the noun does not reach it."""
    assert "hypoxic" not in base_forms("hypoxia")


@pytest.mark.parametrize("word", ["family", "anomaly", "early", "belly"])
def test_a_word_ending_in_ly_is_not_cut_unless_it_is_an_adverb(word):
    assert not any(len(form) < len(word) for form in base_forms(word))


@pytest.mark.parametrize("word, form", [("2", "two"), ("2nd", "second"), ("10th", "tenth"),
                                        ("x3", "three")])
def test_a_number_in_digits_offers_its_word(word, form):
    assert base_forms(word) == [form]


def test_a_number_word_does_not_offer_digits():
    """Every title word starting with "2" would be read for "two"."""
    assert base_forms("two") == [] and base_forms("second") == []


def test_a_form_that_another_form_starts_is_not_offered_twice():
    forms = base_forms("bruised")
    assert forms == ["bruis"]  # "bruise" starts with it: titles are searched by word prefix


@pytest.mark.parametrize("query, code", [
    ("modifier 59", "59"), ("mod 25", "25"), ("Mod. 25", "25"), ("-59", "59"), ("-RT", "RT"),
    ("59 modifier", "59"), ("modifier XS", "XS"), ("mod-25", "25"), ("xs mod", "XS"),
])
def test_modifier_forms(query, code):
    assert modifier_code(query) == code


@pytest.mark.parametrize("query", ["59", "RT", "modifier", "modifier 591", "mod", "knee mod 25"])
def test_not_modifier_forms(query):
    assert modifier_code(query) is None


@pytest.mark.parametrize("query, code", [
    ("25600", "25600"), (" 0042t ", "0042T"), ("0001F", "0001F"), ("0001u", "0001U"),
])
def test_cpt_number_forms(query, code):
    assert cpt_number(query) == code


@pytest.mark.parametrize("query", ["2560", "256001", "0002M", "E1100", "25600 knee"])
def test_not_cpt_number_forms(query):
    assert cpt_number(query) is None


def test_the_not_in_store_message_names_the_code_and_the_import():
    message = not_in_store_message("25600")
    assert message.startswith("CPT 25600: not in codetui's curated CPT set")
    assert "codetui import cpt" in message


@pytest.mark.parametrize("words, primary, site", [
    ("metastatic breast cancer", "breast cancer", "secondary malignant neoplasm unspecified site"),
    ("breast cancer metastatic bone", "breast cancer", "secondary malignant neoplasm bone"),
    ("lung ca with brain mets", "lung ca", "secondary malignant neoplasm brain"),
    ("bone mets from breast cancer", "breast cancer", "secondary malignant neoplasm bone"),
    ("metastatic colon cancer liver", "colon cancer", "secondary malignant neoplasm liver"),
    ("metastatic breast cancer right", "breast cancer right",
     "secondary malignant neoplasm unspecified site"),
])
def test_a_cancer_and_its_spread_are_read_apart(words, primary, site):
    read = cancer_spread(words.split())
    assert read is not None
    assert (" ".join(read[0]), " ".join(read[1])) == (primary, site)


@pytest.mark.parametrize("words", ["bone mets", "metastatic cancer", "cancer spread liver",
                                   "breast cancer", "mets breast cancer"])
def test_a_spread_that_names_no_primary_is_not_read_apart(words):
    assert cancer_spread(words.split()) is None


@pytest.mark.parametrize("words, plain", [
    ("stage 4 lung cancer", "lung cancer"), ("stage iiib colon ca", "colon ca"),
    ("recurrent ovarian cancer", "ovarian cancer"), ("lung cancer", None),
    ("stage 4 pressure ulcer", None), ("lobular carcinoma situ", None),
])
def test_a_cancers_stage_and_course_words_are_read_away(words, plain):
    assert _joined(cancer_without_course(words.split())) == plain


@pytest.mark.parametrize("words, read", [
    ("preterm labor 32 weeks", "preterm labor third trimester"),
    ("32wks preterm labor", "third trimester preterm labor"),
    ("g2p1 20 weeks preeclampsia", "second trimester preeclampsia"),
    ("vaginal bleeding 13 weeks pregnant", "vaginal bleeding first trimester pregnant"),
    ("pregnant 12 weeks", None), ("cough 6 weeks", None), ("preterm labor 50 weeks", None),
])
def test_a_pregnancys_weeks_read_as_its_trimester(words, read):
    assert _joined(weeks_as_trimester(words.split())) == read


@pytest.mark.parametrize("words, first", [
    ("htn ckd stage 3", "hypertensive chronic kidney disease stage 1 through stage 4"),
    ("hypertension esrd", "hypertensive chronic kidney disease stage 5 end stage renal disease"),
    ("htn chf", "hypertensive heart disease heart failure"),
    ("htn", None), ("ckd stage 3", None), ("hypertension diabetes", None),
    ("htn without heart failure", None),
])
def test_hypertension_with_ckd_or_heart_failure_reads_as_the_combination(words, first):
    assert _joined(hypertension_with(words.split())) == first


@pytest.mark.parametrize("words, read", [
    ("hypothyroid after thyroidectomy", "hypothyroid postprocedural"),
    ("fever after my surgery", "fever postprocedural"),
    ("post op fever", "postprocedural fever"),
    ("postop nausea", "postprocedural nausea"),
    ("collapsed lung after central line", "collapsed lung postprocedural"),
    ("fever after liver biopsy", "fever postprocedural"),
    ("pain after eating", None), ("after surgery", None), ("post stroke", None),
    ("vomiting after tube feeding", None),
])
def test_a_condition_after_an_operation_reads_as_postprocedural(words, read):
    assert _joined(after_procedure(words.split())) == read


@pytest.mark.parametrize("words, read", [
    ("history of right great toe amputation", "acquired absence right great toe"),
    ("s p left bka", "acquired absence left leg below knee"),
    ("status post right aka", "acquired absence right leg above knee"),
    ("right great toe amputation", None), ("history of stroke", None),
])
def test_a_past_amputation_reads_as_the_parts_acquired_absence(words, read):
    assert _joined(amputation_history(words.split())) == read


@pytest.mark.parametrize("words, read", [
    ("mom had colon cancer", "family history colon cancer"),
    ("father with heart attack", "family history heart attack"),
    ("breast cancer sister has", None), ("mom", None), ("had colon cancer", None),
])
def test_a_relatives_illness_reads_as_a_family_history(words, read):
    assert _joined(relative_history(words.split())) == read


def _joined(read: list[str] | None) -> str | None:
    """A query form's search words as one string, or None when the form did not apply."""
    return None if read is None else " ".join(read)


@pytest.mark.parametrize("words, read", [
    ("stage 0 breast cancer", "breast carcinoma situ"),
    ("stage 4 lung cancer", "lung cancer"),
])
def test_stage_zero_is_a_carcinoma_in_situ(words, read):
    assert _joined(cancer_without_course(words.split())) == read


def test_a_metastatic_cancer_of_a_usual_spread_site_is_not_read_as_its_primary():
    assert cancer_spread("metastatic bone cancer".split()) is None
    assert cancer_spread("metastatic brain cancer".split()) is None


@pytest.mark.parametrize("british, american", [
    ("Paediatric anaesthesia", "pediatric anesthesia"), ("bladder tumours", "bladder tumors"),
    ("haemorrhoid banding", "hemorrhoid banding"), ("oesophageal varices", "esophageal varices"),
    ("lymphoedema", "lymphedema"), ("ischaemic leukaemia anaemia", "ischemic leukemia anemia"),
    ("dyspnoea, diarrhoea", "dyspnea diarrhea"), ("behavioural centre", "behavioral center"),
    ("fibreoptic", "fiberoptic"), ("immunisation", "immunization"), ("foetal", "fetal"),
    ("caesarean", "cesarean"), ("gynaecology", "gynecology"), ("faecal", "fecal"),
    ("diarrhoeal", "diarrheal"), ("apnoeic", "apneic"), ("ileocaecal", "ileocecal"),
    ("cephalhaematoma", "cephalhematoma"), ("urogynaecology", "urogynecology"),
    ("paraesthesia", "paresthesia"), ("centimetre titre", "centimeter titer"),
    ("sulphate", "sulfate"), ("Nebuliser treatment", "nebulizer treatment"),
    ("ionised calcium", "ionized calcium"), ("luteinising hormone", "luteinizing hormone"),
    ("anaesthetised", "anesthetized"), ("standardised", "standardized"), ("ionisation", "ionization"),
])
def test_british_spellings_are_read_as_american(british, american):
    """codetui's CPT text is written in British spelling ("tumour") and the official code sets
    in American ("tumor"): both sides of a search read the same words."""
    assert words(british) == american.split()


@pytest.mark.parametrize("text", ["four hours", "your colon", "angioedema", "bohemian", "ideas", "whoa there"])
def test_words_that_only_look_british_are_left_alone(text):
    assert words(text) == text.split()

