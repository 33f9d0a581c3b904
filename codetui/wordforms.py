"""Word forms a query word may stand for: its singular, its stem, its noun.

Titles are searched by word prefix, so a singular query already finds plurals ("gallstone"
finds "gallstones"); these forms let the plural, -ing and -ed forms people type find the
title's base word ("gallstones", "bleeding", "sprained"), and a short curated table maps
adjectives whose noun is spelt differently ("spinal" -> "spine").
"""

from __future__ import annotations

#: Adjectives (and a few nouns) whose base word is not reached by cutting a suffix.
ADJECTIVE_NOUNS = {
    "abdominal": "abdomen", "anal": "anus", "aortic": "aorta", "arterial": "artery",
    "axillary": "axilla", "bronchial": "bronchus", "cardiac": "heart", "cervical": "cervix",
    "clavicular": "clavicle", "colonic": "colon", "cranial": "skull", "dental": "tooth",
    "duodenal": "duodenum", "esophageal": "esophagus", "facial": "face", "femoral": "femur",
    "gastric": "stomach", "gingival": "gum", "hepatic": "liver", "humeral": "humerus",
    "laryngeal": "larynx", "lumbar": "lumbar", "mandibular": "mandible", "nasal": "nose",
    "ocular": "eye", "oral": "mouth", "ovarian": "ovary", "pancreatic": "pancreas",
    "patellar": "patella", "pelvic": "pelvis", "pharyngeal": "pharynx", "prostatic": "prostate",
    "pulmonary": "lung", "radial": "radius", "rectal": "rectum", "renal": "kidney",
    "spinal": "spine", "splenic": "spleen", "sternal": "sternum", "thoracic": "thorax",
    "thyroidal": "thyroid", "tibial": "tibia", "tracheal": "trachea", "ulnar": "ulna",
    "ureteral": "ureter", "urethral": "urethra", "uterine": "uterus", "vaginal": "vagina",
    "diabetic": "diabetes", "embolic": "embolism", "hypoxic": "hypoxia",
    "hypercapnic": "hypercapnia",
    "vertebral": "vertebra", "vesical": "bladder", "testicular": "testis",
    "endometrial": "endometrium", "absent": "absence", "gangrenous": "gangrene",
}
#: Nouns and the adjectives titles use for them ("Pressure ulcer of sacral region" for
#: "sacrum"): the table above read backwards (ambiguous adjectives left out: "cervical" is
#: the neck as well as the cervix; "hypoxic" names more than hypoxia, as in hypoxic ischemic
#: encephalopathy), and body parts whose adjective is the only title word.
NOUN_ADJECTIVES = {
    **{noun: adjective for adjective, noun in ADJECTIVE_NOUNS.items()
       if noun != adjective and noun not in ("cervix", "hypoxia", "hypercapnia")},
    "sacrum": "sacral", "coccyx": "coccygeal", "buttock": "gluteal", "groin": "inguinal",
    "armpit": "axillary", "testicle": "testicular",
}
#: Plurals no suffix rule reaches ("blisters on feet" -> foot).
IRREGULAR_PLURALS = {"feet": "foot", "teeth": "tooth", "children": "child", "women": "woman",
                     "lice": "louse"}
#: Numbers typed as digits that titles spell out ("2nd degree burn": "Burn of second degree";
#: "chest x-ray 2 views": "two pictures"; "CABG x3": three grafts). One way only: a
#: spelled-out query word reaching every title word that starts with a digit would read far
#: too much.
NUMBER_WORDS = {
    **dict(zip("123456789", ("one", "two", "three", "four", "five", "six", "seven", "eight",
                             "nine"))),
    "10": "ten", "1st": "first", "2nd": "second", "3rd": "third", "4th": "fourth",
    "5th": "fifth", "6th": "sixth", "7th": "seventh", "8th": "eighth", "9th": "ninth",
    "10th": "tenth", **{f"x{n}": word for n, word in zip("123456", ("one", "two", "three",
                                                                  "four", "five", "six"))},
}
_VOWELS = set("aeiou")


def base_forms(word: str) -> list[str]:
    """Other forms of ``word`` that titles may use, most likely first (never ``word``).

    A number typed as digits: its word (``NUMBER_WORDS``). Otherwise -ies -> -y, -es/-s
    dropped, -ing/-ed dropped (a doubled last consonant undone, or an -e restored to a
    three-letter stem), the curated adjective -> noun table (and, for a noun,
    its adjective), irregular plurals (feet -> foot), Greek and Latin plurals (-ses -> -sis,
    -i -> -us, -ae -> -a), -osis <-> -otic (stenosis, stenotic), and
    the plurals a singular's prefix does not reach (-y -> -ies, -ix/-ex -> -ices, -sis -> -ses).
    """
    if word in NUMBER_WORDS:
        return [NUMBER_WORDS[word]]
    found: list[str] = []

    def add(form: str) -> None:
        if len(form) >= 3 and form != word and form not in found:
            found.append(form)

    if not word.isalpha() or len(word) < 4:
        return found
    if word in IRREGULAR_PLURALS:
        add(IRREGULAR_PLURALS[word])
    if word in ADJECTIVE_NOUNS:
        add(ADJECTIVE_NOUNS[word])
    if word in NOUN_ADJECTIVES:
        add(NOUN_ADJECTIVES[word])
    # Plurals that a singular's prefix does not reach: extremity -> extremities,
    # appendix -> appendices, prosthesis -> prostheses.
    if word.endswith("y") and word[-2] not in _VOWELS:
        add(word[:-1] + "ies")
    elif word.endswith(("ix", "ex")):
        add(word[:-2] + "ices")
    elif word.endswith("sis") and len(word) > 5:
        add(word[:-2] + "es")  # prosthesis -> prostheses, metastasis -> metastases
    # A condition and its adjective: atherosclerosis -> atherosclerotic, necrotic -> necrosis.
    if word.endswith("osis") and len(word) > 6:
        add(word[:-4] + "otic")
    elif word.endswith("otic") and len(word) > 6:
        add(word[:-4] + "osis")
    # Greek and Latin plurals: keratoses -> keratosis, nevi -> nevus, vertebrae -> vertebra
    if word.endswith("ses") and len(word) > 5:  # crises -> crisis
        add(word[:-3] + "sis")
    elif word.endswith("i") and len(word) > 3:
        add(word[:-1] + "us")
    elif word.endswith("ae"):
        add(word[:-1])
    if word.endswith("ies") and len(word) > 4:
        add(word[:-3] + "y")
    elif word.endswith(("ches", "shes", "sses", "xes", "zes")):
        add(word[:-2])
    elif word.endswith("s") and not word.endswith(("ss", "us", "is")):
        add(word[:-1])
    # Adverbs: laparoscopically -> laparoscopic, surgically -> surgic(al), bilaterally ->
    # bilateral, completely -> complete.
    if word.endswith("ically") and len(word) > 8:
        add(word[:-4])
    elif word.endswith(("ally", "ely")) and len(word) > 6:
        add(word[:-2])
    for suffix in ("ing", "ed"):
        if not word.endswith(suffix):
            continue
        stem = word[:-len(suffix)]
        if len(stem) >= 4 and stem[-1] == stem[-2] and stem[-1] not in _VOWELS | {"l", "s"}:
            add(stem[:-1])  # clogged -> clog, cutting -> cut
        elif len(stem) >= 4:
            add(stem)
        elif len(stem) == 3 and stem[-1] not in _VOWELS:
            add(stem + "e")  # based -> base, used stays
    # A form that another form starts adds nothing: titles are searched by word prefix.
    return [form for form in found
            if not any(other != form and form.startswith(other) for other in found)]
