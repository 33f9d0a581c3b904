"""The search engine: codes, code prefixes, words, everyday terms and misspellings.

It works on the index built at seed time (:func:`codetui.seed.write_indexes`), read in
place from the mapped file (:mod:`codetui.mapped`), and never imports YAML, TinyDB or
Textual, so a command-line search starts fast. Documents are numbered in "static rank"
order (current, billable, short titles first), which breaks ties and bounds the work on very
broad queries.
"""

from __future__ import annotations

import functools
import heapq
import itertools
import math
import operator
import re
import threading
from collections import OrderedDict, namedtuple
from collections.abc import Callable
from array import array
from bisect import bisect_left
from pathlib import Path

from codetui.codetable import CodeTable, Hit
from codetui.mapped import MappedFile, MappedUnreadable
from codetui.querykinds import (ACQUIRED_ABSENCE, FAMILY_HISTORY, POSTPROCEDURAL, SECONDARY,
                                SPREAD_WORDS, UNNAMED_SITE, after_procedure, amputation_history,
                                cancer_spread, cancer_without_course, cpt_number, dashed_modifiers,
                                hypertension_with, modifier_code, named_code,
                                relative_history, weeks_as_trimester)
from codetui.codefacts import passes
from codetui.storeformat import FLAG_BILLABLE, FLAG_HEADING, FLAG_PLAIN, FLAG_TERMINATED, SCHEMA_VERSION
from codetui import systems
from codetui.systems import code_key
from codetui.textnorm import LOWER_CASE_PRONOUNS, PRONOUNS, STOP_WORDS, words
from codetui.wordforms import base_forms

#: Broad queries score at most this many candidates (in static-rank order); the total is exact.
SCORE_LIMIT = 500
_CODE_LIKE = re.compile(r"^[A-Z0-9][A-Z0-9-]{0,7}$")
_MAX_QUERY = 256
_MAX_VARIANTS = 12
#: Combinations of phrase readings considered at most (before the best are kept).
_MAX_READINGS = 64
#: When fewer codes than this hold every word of a query, codes holding most words follow.
PARTIAL_BELOW = 5
#: Sets of words the partial search tries, and at most when they found fewer than
#: PARTIAL_BELOW codes ("excisional debridement of subcutaneous tissue first 20 sq cm": the
#: heaviest sets are in one HCPCS title only, and 11042 holds a lighter one).
_PARTIAL_TRIES = 40
_PARTIAL_MORE_TRIES = 160
#: Cache the document sets of at most this many words, each of at least _CACHE_MIN documents.
_CACHE_SETS = 32
_CACHE_MIN = 4000
#: Words that ask for modifiers ("separate encounter modifier").
_MODIFIER_WORDS = frozenset({"modifier", "modifiers", "mod"})
#: Words that match only themselves, not as the start of longer words ("with" not "without";
#: "ate rat poison" is no atenolol; "hives all over" is not allergic), and body parts that
#: begin unrelated longer words, which match their plural too ("gsw to leg" is no legal
#: intervention, "gsw to hand" no handgun, a chemo "port" no portal vein).
_WHOLE_NOUNS = frozenset({"leg", "hand", "port"})
_WHOLE_WORDS = frozenset({"with", "no", "not", "non", "ate", "all"}) | _WHOLE_NOUNS
#: Shorthand written with a slash: "w/o" (without), "w/c" (wheelchair), "w/d" (withdrawal), "w/"
#: (with), and "wo" (without).
_SHORTHAND = ((re.compile(r"\bw/o\b", re.IGNORECASE), " without "),
              (re.compile(r"(?<![\w/-])wo(?![\w/-])", re.IGNORECASE), " without "),
              (re.compile(r"\bh/o\b", re.IGNORECASE), " hx "),
              # "w/c bound": a wheelchair, not "with c" (before "w/" is read as with)
              (re.compile(r"\bw/c\b", re.IGNORECASE), " wheelchair "),
              (re.compile(r"\bfh/o\b", re.IGNORECASE), " fhx "),
              # "B/L knee OA": both sides, not a stray "b" and "l"
              (re.compile(r"\bb/l\b", re.IGNORECASE), " bilateral "),
              # "lp(a)": lipoprotein(a), whose "(a)" would be dropped as a stop word, leaving the
              # lumbar puncture LP
              (re.compile(r"\blp\(a\)", re.IGNORECASE), " lpa "),
              # "ETOH w/d": a withdrawal, not "with" and a stray "d"
              (re.compile(r"\bw/d\b", re.IGNORECASE), " withdrawal "),
              (re.compile(r"\bw/", re.IGNORECASE), " with "),
              (re.compile(r"(?<![\w/])w(?![\w/])", re.IGNORECASE), " with "),
              # "48 hrs", "2hr": hours, not the abbreviation HRS (hepatorenal syndrome)
              (re.compile(r"(?<=\d)\s*hrs?\b", re.IGNORECASE), " hours "),
              # a receptor status: "ER+", "HER2-" ("+" and "-" are dropped with the other
              # punctuation, and "er" alone is the emergency room)
              (re.compile(r"\b(er|pr|her2)\+", re.IGNORECASE), r" \1 positive "),
              (re.compile(r"\b(er|pr|her2)-(?![\w])", re.IGNORECASE), r" \1 negative "),
              # "3.375 g", "1gm": grams, as HCPCS drug titles write the unit
              (re.compile(r"(?<=\d)\s*gm?\b", re.IGNORECASE), " gram "),
              # what is to be ruled out is not coded, the sign that sent the patient is ("CP
              # r/o ACS": chest pain); alone ("r/o MI") the words stay
              (re.compile(r"(?<=\S)\s+(?:r/o|rule out|ruled out|rule-out)\b.*$", re.IGNORECASE), ""))
#: A title's words for one side.
_ONE_SIDE = (b" right ", b" left ")
#: Side words and, as title search text, the sides a title of only another side names.
_SIDES = {"right": (b" left ",), "left": (b" right ",), "bilateral": _ONE_SIDE}
_SIDE_WORDS = {"right": b" right ", "left": b" left ", "bilateral": b" bilateral "}
#: How many title words beginning with a typed word are read for the one it is a letter short of.
_COMPLETIONS_READ = 200
#: What a title of the side the query names gains, and one of only another side loses.
_SIDE_AGREES = 2.0
_OTHER_SIDE_COST = 25.0
#: ICD-10-CM title words that say one of a thing ("Fracture of one rib"), which a plural query
#: word ("broken ribs") denies: such a title loses ``_ONE_COST``.
_ONE = (b" one ", b" single ")
_ONE_COST = 3
#: An HCPCS description's part listing what comes with the item (not counted as its length,
#: see seed.title_lengths; a query word found only there is not a word of the title).
_INCLUDES = b" includes "
#: Title words that a plural query word implies ("tubes tied": both fallopian tubes).
_MANY = (b" multiple ", b" bilateral ")
#: Plurals of the body's paired parts, which say both sides ("knees", not "ulcers"): a title
#: of both sides does not lose ``_BILATERAL_UNSAID`` when the query holds one.
_PAIRED_PLURALS = frozenset({
    "eyes", "ears", "eardrums", "eyelids", "lids", "corneas", "retinas", "knees", "hips",
    "shoulders", "elbows", "wrists", "hands", "feet", "ankles", "legs", "arms", "thighs", "calves",
    "heels", "shins", "breasts", "nipples", "kidneys", "lungs", "ovaries", "tubes", "testicles",
    "testes", "ureters", "adrenals", "carotids", "extremities", "limbs", "femurs", "cords",
    "armpits", "groins", "buttocks", "hamstrings"})
#: Title words that restrict a code to newborns or to pregnancy ("Intestinal obstruction of
#: newborn"); a query that names none of ``_POPULATION_ASKED`` does not mean such a code first,
#: and it loses ``_POPULATION_COST``.
_POPULATION_COST = 5
_POPULATION_TITLE_WORDS = (b" newborn", b" neonatal", b" perinatal", b" pregnancy ",
                           b" puerperium", b" childbirth", b" maternal ", b" birth injury")
_POPULATION_TITLE = re.compile(b"|".join(map(re.escape, _POPULATION_TITLE_WORDS)))
_POPULATION_ASKED = frozenset({
    "newborn", "newborns", "neonatal", "neonate", "neonates", "baby", "babies", "infant",
    "infants", "perinatal", "birth", "pregnancy", "pregnant", "puerperium", "puerperal",
    "postpartum", "childbirth", "maternal", "labor", "labour", "delivery", "gestational",
    "gestation", "fetal", "fetus", "prenatal", "antenatal", "trimester", "obstetric"})
#: Title words that name a particular kind or cause of a condition ("Drug-induced cataract",
#: "Stress fracture", "Traumatic ...", "... in diseases classified elsewhere", a code never
#: listed first; a screening encounter, a history, a secondary or inherited cancer, a stroke
#: due to thrombosis or embolism, an injury's intent, a delivery, a diabetes other than
#: type 2, which the guidelines make the default; a drug's poisoning, underdosing or adverse
#: effect, not what "Pulmicort" asks for; a bile duct stone's infection, not what "bile duct
#: stones" asks for): a query that names none of
#: ``_KIND_ASKED`` means the common kind first, and an ICD-10-CM title naming one (not after
#: "without") loses ``_KIND_COST`` ("breast cancer" is C50.919, not Z12.31's screening
#: mammogram; "diabetic neuropathy" is E11.40).
_KIND_COST = 4.0
_KIND_TITLE_WORDS = (b" traumatic ", b" drug induced ", b" infantile ", b" juvenile ",
                     b" congenital ", b" stress fracture ", b" pathological ",
                     b" classified elsewhere ", b" periprosthetic ", b" conjoined ",
                     b" prosthesis ", b" prosthetic ", b" bucket handle tear ",
                     b" peripheral tear ", b" complex tear ", b" due thrombosis ",
                     b" due embolism ", b" encounter screening ", b" encounter other screening ",
                     b" secondary malignant ", b" genetic susceptibility ", b" family history ",
                     b" personal history ", b" malignant inflammatory neoplasm ",
                     b" mismatched blood ", b" situ ", b" assault ",
                     b" intentional self harm ", b" undetermined intent ", b" legal intervention ",
                     b" term delivery ", b" preterm delivery ", b" type 1 diabetes ",
                     b" other specified diabetes ", b" diabetes mellitus due underlying ",
                     b" drug chemical induced diabetes ", b" poisoning ", b" underdosing ",
                     b" adverse effect ", b" toxic effect ", b" with cholangitis ",
                     b" with cholecystitis ", b" monochorionic", b" dichorionic",
                     b" trichorionic", b" quadrachorionic")
#: Any of ``_KIND_TITLE_WORDS``: one search of a title finds the first of them.
_KIND_TITLE = re.compile(b"|".join(map(re.escape, _KIND_TITLE_WORDS)))
_KIND_ASKED = frozenset({
    "traumatic", "trauma", "injury", "drug", "drugs", "medication", "induced", "infantile",
    "infant", "juvenile", "child", "children", "congenital", "born", "birth", "stress",
    "pathological", "pathologic", "elsewhere", "periprosthetic", "prosthesis", "prosthetic",
    "implant", "replacement", "conjoined", "artificial", "device", "hardware", "bucket",
    "peripheral", "complex", "thrombosis", "thrombotic", "thrombus", "embolism", "embolic",
    "embolus", "clot", "screening", "screen", "screened", "mammogram", "mammography",
    "secondary", "metastatic", "metastasis", "metastases", "mets", "met", "spread", "genetic",
    "susceptibility", "gene", "brca", "carrier", "hereditary", "history", "hx", "family",
    "personal", "fh", "fhx", "phx", "past", "previous", "prior", "former", "inflammatory",
    "osteoporotic", "fragility", "mismatched", "mismatch", "incompatible", "incompatibility",
    "wrong", "situ", "insitu", "assault", "assaulted", "attacked", "attack", "beaten",
    "beat", "stabbed", "punched", "fight", "fighting", "abuse", "abused", "homicide",
    "intentional", "intentionally", "deliberate", "deliberately", "purpose", "self", "harm",
    "suicide", "suicidal", "undetermined", "intent", "legal", "police", "intervention",
    "delivery", "delivered", "deliver", "term", "1", "one", "i", "t1", "t1d", "t1dm", "iddm",
    "dm1", "other", "specified", "due", "underlying", "steroid", "steroids", "chemical",
    "poisoning", "poisoned", "poison", "overdose", "overdosed", "od", "toxic", "toxicity",
    "intoxication", "ingestion", "ingested", "swallowed", "inhaled", "inhalation", "fumes",
    "exposure", "exposed", "adverse", "reaction", "side", "effect", "effects", "underdosing",
    "underdose", "underdosed", "missed", "skipped", "allergic", "allergy", "accidental",
    "accidentally", "sting", "stung", "stings", "bite", "bitten", "venom", "envenomation",
    "cholangitis", "cholecystitis", "monochorionic", "dichorionic", "trichorionic",
    "quadrachorionic", "mono", "di", "mcma", "mcda", "dcda", "chorionic", "chorionicity",
    "placenta", "placentas", "placentae", "monoamniotic", "diamniotic", "amniotic", "sac",
    "sacs"})
#: A family history is asked for only by naming the family: "history of stroke" is a
#: personal history (Z86.73), not a family one (Z82.3), whose title loses ``_FAMILY_COST``
#: (more than another kind: it names someone else).
_FAMILY_COST = 8.0
#: Quality-measure reporting codes (the HCPCS groups marked ``reporting``: "Documentation of
#: medical reason(s) for ...", "Oncology; disease status; ... ER and/or PR positive") report
#: what a measure counts, not a condition or a service: they lose ``_REPORTING_COST`` unless
#: the query speaks of reporting ("depression screening documented", "mips quality measure").
_REPORTING_COST = 6.0
_REPORTING_ASKED = frozenset({"documentation", "documented", "document", "measure", "measures",
                              "quality", "mips", "reason", "reasons", "reported", "reporting",
                              "performance", "eligible", "measurement", "recent", "plan"})
#: A reporting code's "Patients who ..." names the measure's population, not what the query
#: is about: unless the query speaks of reporting, these words do not match such a code ("patient
#: on eliquis" is Z79.01, not G9724 "Patients who had documentation of use of anticoagulant ...").
_MEASURE_POPULATION = frozenset({"patient", "patients", "pt", "pts"})
#: An administration (ICD-10-PCS 3E0: an injection, an infusion) through an open approach is a
#: cut-down; unless the query says open, the percutaneous code comes first ("introduction
#: anti-infective peripheral vein" is 3E03329, not 3E03029).
_OPEN_ADMINISTRATION_COST = 1.0
_OPEN_ASKED = frozenset({"open", "cutdown", "cut"})
#: A CPT add-on code (its title says "add-on") is reported beside a primary code; unless the
#: query asks for more, the primary comes first ("CCM 20 min" is 99490, not 99439, the next
#: 20 minutes).
_ADD_ON_COST = 1.0
_ADD_ON_TITLE = b" add "
_MORE_ASKED = frozenset({"add", "addon", "additional", "each", "more", "extra", "another", "next",
                         "subsequent", "further", "second"})
#: Title words an ICD-10-CM code must not lead with unless the query asks for them: each
#: (title pattern, words that ask for it, words of the query's subject or None for any
#: query); a title holding one the query does not ask for loses ``_KIND_COST``.
#: - A side's dominance unless said is the guideline's: the left non-dominant, the right
#:   dominant ("prior stroke with left hemiparesis" is I69.354, not I69.352).
#: - A degenerated lumbar disc's pain is said when it is there (M51.36-, M51.37-): "DDD lumbar
#:   spine" is M51.369, "without mention of" back or leg pain. Looked for only in a query
#:   about a disc (its readings included: "DDD" is "intervertebral disc degeneration").
#: - What follows a procedure is said to ("septic shock" is R65.21, not T81.12XA's
#:   "Postprocedural septic shock"; "hypothyroid after thyroidectomy" still reads E89.0). A
#:   title's closing "(postprocedural)" is a nonessential word, not a kind ("Peritoneal
#:   adhesions (postprocedural) (postinfection)" is all peritoneal adhesions).
#: - A drug resistance is said ("reaction to penicillin" is no Z16.11, "Resistance to
#:   penicillins"); so is a transplant's status when the query names the operation ("kidney
#:   transplant surgery" is the operation, not Z94.0).
#: - How osteomyelitis spread is said: "acute osteomyelitis left foot" is M86.172 "Other acute
#:   osteomyelitis", the index's default, not M86.072 "Acute hematogenous ..." (nor, when
#:   chronic, M86.37- "Chronic multifocal ...", nor, when not said, M86.27- "Subacute ...").
#: - A complication is said when it is one: "kidney transplant" or "renal allograft" is no
#:   T86.10 ("Unspecified complication of kidney transplant", whose unspecified title led),
#:   nor the transplant's rejection, failure or infection (T86.11-T86.13), but its status Z94.0.
#: Off-road vehicles, whose accidents are nontraffic unless the contrary is stated (the
#: classification's definition (c) of V00-Y99).
_OFF_ROAD = frozenset({"atv", "atvs", "quad", "snowmobile", "snowmobiles", "dirt", "offroad",
                       "off", "terrain", "golf", "buggy", "utv"})
_SAID_KINDS = (
    (re.compile(b" left dominant | right non dominant "),
     frozenset({"dominant", "nondominant", "handed", "lefthanded", "righthanded",
                "ambidextrous"}),
     None),
    (re.compile(b" with discogenic back pain | with lower extremity pain "),
     frozenset({"pain", "painful", "pains", "ache", "aching", "sciatica", "discogenic",
                "radiating", "radiates", "radicular", "lbp"}),
     frozenset({"disc", "disk", "discs", "disks", "degeneration", "degenerative",
                "intervertebral"})),
    # ("unspecified without complication" names none: B27.90)
    (re.compile(rb" unspecified (?:(?!without )[a-z]+ )?complication "
                rb"| other (?:[a-z]+ )?complications? | complications? unspecified "),
     frozenset({"complication", "complications", "complicated", "comp", "comps"}),
     None),
    (re.compile(b" postprocedural (?=[a-z])(?!postinfect)"),
     frozenset({"postprocedural", "postop", "post", "postoperative", "operative", "op", "after",
                "following", "surgery", "surgical", "procedure", "procedural", "operation",
                "iatrogenic", "complication", "complications", "s/p"}),
     None),
    (re.compile(b" resistance "),
     frozenset({"resistance", "resistant", "resist", "mdr", "esbl", "vre", "mrsa", "cre",
                "sensitivity", "susceptibility"}),
     None),
    (re.compile(b" transplant status "),
     frozenset({"status", "history", "hx", "s/p", "had", "has", "post", "transplanted"}),
     frozenset({"surgery", "procedure", "operation", "transplantation", "harvest", "donor"})),
    (re.compile(b" hematogenous | multifocal | subacute "),
     frozenset({"hematogenous", "haematogenous", "multifocal", "crmo", "bloodborne", "blood",
                "subacute"}),
     frozenset({"osteomyelitis"})),
    (re.compile(b" presence "),
     frozenset({"presence", "present", "status", "history", "hx", "s/p", "had", "has", "have",
                "having", "post", "prior", "previous", "old", "existing", "with"}),
     frozenset({"replacement", "insertion", "implantation", "placement", "surgery", "procedure",
                "operation"})),
    # a vehicle accident not said to be off the public road is a traffic one (the
    # classification's rule for V10-V82 and V87; "MVC" is V89.2, not V89.0)
    (re.compile(b" nontraffic "),
     frozenset({"nontraffic", "non", "parking", "driveway", "offroad", "farm", "private",
                "yard", "field"}) | _OFF_ROAD,
     None),
    # ... except an off-road vehicle, nontraffic unless the road is said (definition (c))
    (re.compile(b" traffic "),
     frozenset({"traffic", "road", "highway", "street", "public"}),
     _OFF_ROAD),
    # a low birth weight with no more said is P07.1- (the Index's "Low, birthweight"), not the
    # extremely low weights of P07.0-
    (re.compile(b" extremely low birth weight "),
     frozenset({"extremely", "extreme", "elbw", "micropreemie", "micro"}),
     None),
    (re.compile(b" transplant rejection | transplant failure | transplant infection "),
     frozenset({"complication", "complications", "complicated", "rejection", "rejected",
                "rejecting", "failure", "failed", "failing", "infection", "infected", "gvhd",
                "dysfunction", "problem", "problems"}),
     None),
)


@functools.lru_cache(maxsize=None)
def _said_kinds_search(unasked: tuple[int, ...]):
    """One search for any of the ``_SAID_KINDS`` titles at positions ``unasked`` (a title
    naming one the query does not ask for loses ``_KIND_COST`` once), or None for none."""
    if not unasked:
        return None
    return re.compile(b"|".join(b"(?:" + _SAID_KINDS[i][0].pattern + b")" for i in unasked)).search


#: The three things a drug can do in ICD-10-CM (T36-T50): a poisoning, an adverse effect of
#: the drug taken as prescribed, an underdosing. A query naming one of them asks for that one:
#: a title naming another loses ``_KIND_COST`` ("reaction to lisinopril" is T46.4X5A, not the
#: poisoning T46.4X1A; "missed dose of lisinopril" the underdosing T46.4X6A).
_DRUG_KIND_TITLE = re.compile(b" poisoning | adverse effect | underdosing ")
_DRUG_KIND_ASKED = {
    b" poisoning ": frozenset({
        "poisoning", "poisoned", "poison", "overdose", "overdosed", "od", "toxic", "toxicity",
        "intoxication", "ingestion", "ingested", "swallowed", "accidental", "accidentally",
        "intentional", "intentionally", "suicide", "suicidal", "self", "harm", "undetermined",
        "assault", "wrong", "error", "mistake", "mistakenly", "took", "extra", "too", "much"}),
    b" adverse effect ": frozenset({"reaction", "reactions", "side", "adverse", "allergic",
                                    "allergy"}),
    b" underdosing ": frozenset({"underdosing", "underdose", "underdosed", "missed", "skipped",
                                 "stopped", "noncompliance", "noncompliant"}),
}
_FAMILY_TITLE = re.compile(re.escape(b" family history "))
_FAMILY_ASKED = frozenset({
    "family", "fh", "fhx", "familial", "hereditary", "inherited", "relative", "relatives",
    "mother", "mom", "father", "dad", "parent", "parents", "sister", "brother", "sibling",
    "siblings", "grandmother", "grandma", "grandfather", "grandpa", "aunt", "uncle", "cousin",
    "son", "daughter"})
#: Words that describe a state of the body ("torn rotator cuff", "inflamed pancreas"): a query
#: with one and no word of a service asks for a diagnosis, so ICD-10-CM codes gain.
_CONDITION_WORDS = frozenset({
    "torn", "broken", "fractured", "cracked", "dislocated", "sprained", "strained", "pulled",
    "bruised", "inflamed", "infected", "swollen", "blocked", "clogged", "ruptured", "pinched",
    "herniated", "collapsed", "enlarged", "sore", "painful", "itchy", "numb", "twisted",
    "burst", "slipped", "frozen", "irritated", "leaking", "bleeding", "narrowed", "fracture",
    "fractures", "fx", "cancer", "cancers", "tumor", "tumors", "tumour", "malignancy",
    "elevated", "abnormal", "raised"})
_SERVICE_WORDS = frozenset({
    "repair", "surgery", "surgical", "removal", "remove", "replacement", "replace",
    "reconstruction", "injection", "inject", "biopsy", "scan", "xray", "ray", "imaging", "mri",
    "ct", "ultrasound", "therapy", "treatment", "reduction", "reduce", "fixation",
    "arthroscopy", "arthroscopic", "test", "excision", "graft", "drainage", "drain", "release",
    "fusion", "procedure", "operation", "manipulation", "cast", "splint", "closure", "suture",
    "stitches", "exam", "visit", "supply", "supplies", "device", "arthroplasty", "tka",
    "tkr", "tha", "thr", "screening", "screen"})
#: What a reading of the query loses when the words as typed are the whole of some title
#: ("plantar warts" is "Plantar wart", not a reading's "Viral wart, unspecified").
_TYPED_WHOLE_COST = 6.0
#: What an HCPCS code whose own description names the brand typed, word for word, gains over
#: the codes its generic reading finds ("envarsus xr": J7503, whose description names Envarsus
#: XR, before the shorter J7525 for another tacrolimus; "abilify maintena injection": J0401
#: before J0400's shorter "Injection, aripiprazole", a whole title of the generic reading).
_BRAND_NAMED_BONUS = 10.0
#: What a description says before a brand it names as the drug it is no equal of ("not
#: therapeutically equivalent to maxipime", the index text without its stop words).
_UNEQUAL = b" equivalent"
#: What a code one of whose other names is the abbreviation typed gains over the codes its
#: senses find ("iui": 58322, named IUI, before S4035's stimulated cycle).
_ABBREVIATION_NAMED = 2.0
#: A word glued to a number, as typed in haste ("ckd4", "stage4", "covid19", "ckd3a"; a
#: stage's a or b only: "ckd5d" and "vitd3" are left whole).
_GLUED_NUMBER = re.compile(r"([a-z]{2,})(\d{1,2}[ab]?)")
#: A letter doubled in a word, which a misspelling often types once ("barets": Barrett's).
_DOUBLED = re.compile(r"(.)\1")
#: A size typed in a query ("laceration repair 3 cm face", "excision 15mm"), in centimetres
#: or millimetres (not "mmHg").
#: Words before a typed size that put it past the number ("over 30 cm" is 12047's, not 30 cm).
_OVER = re.compile(r"(?:\bover|\bmore than|\bgreater than|\blonger than|>)\s*$", re.IGNORECASE)
_UNDER = re.compile(r"(?:\bunder|\bless than|\bbelow|<)\s*$", re.IGNORECASE)
_QUERY_SIZE = re.compile(r"(?<![\w.])(\d+(?:\.\d+)?)\s*(cm|mm|centimet(?:er|re)s?)\b(?!\s*hg)",
                         re.IGNORECASE)
#: How a title states the sizes it covers, in centimetres of length (not square centimetres):
#: "1.1 to 2 cm", "2.5 cm or less", "no longer than 2.5 cm", "over 4 cm".
_NUMBER = r"(\d+(?:\.\d+)?)"
_UNIT = r"\s*(?:cm|mm|centimet(?:er|re)s?)\b"
_SIZE_RANGES = (
    (re.compile(_NUMBER + f"(?:{_UNIT})?" + r"\s*(?:to|-|\u2013)\s*" + _NUMBER + _UNIT, re.IGNORECASE),
     "between"),
    (re.compile(_NUMBER + _UNIT + r"\s+or\s+(?:less|smaller|under)", re.IGNORECASE), "at most"),
    (re.compile(r"(?:up to|no (?:longer|larger|bigger|more) than|under|at most|smaller than)\s+"
                + _NUMBER + _UNIT, re.IGNORECASE), "at most"),
    (re.compile(r"(?:over|more than|larger than|longer than|bigger than|greater than|wider than)\s+"
                + _NUMBER + _UNIT, re.IGNORECASE), "over"))
#: A weight typed in a query ("birth weight 1800 grams", "900g", "1.2 kg"), in grams; only a
#: body's weight (at least _LEAST_WEIGHT grams), not a drug's dose ("ceftriaxone 1 gram").
_QUERY_WEIGHT = re.compile(r"(?<![\w.,])(\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)\s*"
                           r"(kg|kilograms?|g|gm|gms|grams?)\b", re.IGNORECASE)
_LEAST_WEIGHT = 100.0
#: How a title states the weights it covers: "500-749 grams", "less than 500 grams",
#: "under 1,500 g", "1,500 to 2,500 g".
_GRAMS = r"\s*(?:g|gm|grams?)\b"
_WEIGHT_RANGES = (
    (re.compile(_NUMBER + f"(?:{_GRAMS})?" + r"\s*(?:to|-|\u2013)\s*" + _NUMBER + _GRAMS,
                re.IGNORECASE), "between"),
    (re.compile(r"(?:less than|under|below)\s+" + _NUMBER + _GRAMS, re.IGNORECASE), "below"),
    (re.compile(_NUMBER + _GRAMS + r"\s+(?:or more|and over)", re.IGNORECASE), "at least"))
#: A title of the code for a size or weight not given, which one typed does not answer.
_UNSAID_MEASURE = re.compile(r"\bunspecified (?:weight|size)\b", re.IGNORECASE)
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
#: What a code whose title's size range holds the size typed gains, and what one whose range
#: does not hold it loses: it is the wrong code ("excision malignant lesion face 1.5 cm":
#: 11642, 1.1 to 2 cm).
_SIZE_FITS = 4.0
_SIZE_MISFIT_COST = 10.0
#: Words naming the injury itself ("cut my hand at work", "fell off ladder broke wrist"): in
#: a partial match the best injury code is listed before an external cause (V00-Y99, never a
#: first-listed code).
_INJURY_WORDS = frozenset({
    "cut", "cuts", "laceration", "lacerations", "lac", "burn", "burns", "burned", "burnt",
    "fracture", "fractures", "fractured", "fx", "broke", "broken", "sprain", "sprained",
    "strain", "strained", "bruise", "bruised", "contusion", "abrasion", "abrasions", "scrape",
    "scraped", "puncture", "wound", "wounds", "injury", "injured", "dislocated", "dislocation",
    "concussion", "blister", "blisters"})
#: What a secondary of an unnamed site loses against the primary a query names ("metastatic
#: breast cancer": C50.919 first, C79.9 after it).
_UNNAMED_SPREAD_COST = 20.0
#: What a reading of a cancer without its stage or course words loses ("stage 4 lung cancer"
#: read as "lung cancer": C34.90, not a staging quality code).
_COURSE_COST = 1.0
#: What a reading of a pregnancy's weeks as its trimester loses ("preterm labor 32 weeks":
#: O60.03, third trimester).
_TRIMESTER_COST = 1.0
#: What a reading of "after surgery" as "postprocedural" loses ("hypothyroid after
#: thyroidectomy": E89.0).
_POSTPROCEDURAL_COST = 1.0
#: What a reading of a past amputation as the part's acquired absence loses ("history of
#: right great toe amputation": Z89.411).
_PAST_AMPUTATION_COST = 1.0
#: What a reading of a relative's illness as a family history loses ("mom had colon cancer":
#: Z80.0).
_RELATIVE_HISTORY_COST = 1.0
#: When only terminated codes hold every word, how many active codes holding most of the
#: words are listed before them.
_ACTIVE_FIRST = 3
#: What an ICD-10-CM "unspecified" title gains: at equal words, the code for a condition
#: whose kind is not stated ("Acute pharyngitis, unspecified" for "sore throat").
_DEFAULT_TIE = 1.0
#: What the best code must score for a query read with a known word corrected beside an
#: unknown one ("diabetis type 2 uncontroled": 32); two guesses that meet only in a weak match
#: ("cant breathe" as "cont breath": 9) leave the query to its partial match.
_TWO_GUESSES_SCORE = 15.0
#: What a bilateral title loses when the query names no side: one side is what "inguinal
#: hernia" means, even where the bilateral title holds the query's words together and the
#: unspecified side's does not ("dvt popliteal vein": I82.439, not I82.433).
_BILATERAL_UNSAID = 3.5
#: Words that start a clause telling how or when something happened; in graded matching the
#: words from there on weigh less than the words before.
#: Units of a length of time after a number ("for 6 weeks"): in graded matching, they and
#: the number weigh nothing: a code holding them is no nearer the query.
_TIME_UNITS = frozenset({"day", "days", "week", "weeks", "wk", "wks", "month", "months", "mo",
                         "year", "years", "yr", "yrs", "hour", "hours", "hr", "hrs"})
#: A count as written in notes: "6", or "x2" (times two).
_COUNT = re.compile(r"x?\d+")
_CONTEXT_MARKERS = frozenset({"after", "from", "while", "during", "when", "stepping", "lifting",
                              "playing", "because", "since"})
#: Everyday words of degree ("bad sunburn", "really sore back") and of plain speech that say
#: nothing about the body ("hives all over", "keeps getting", "need a pregnancy test", "here to
#: donate"): the first a partial search leaves out, whatever titles they happen to be in.
_VAGUE_WORDS = frozenset({"bad", "badly", "really", "very", "terrible", "terribly", "awful",
                          "horrible", "super", "extremely", "mild", "slight", "little",
                          "all", "over", "around", "some", "any", "lot", "lots", "keeps", "keep",
                          "getting", "got", "get", "gets", "just", "still", "now", "today",
                          "thing", "things", "stuff", "like", "been", "went", "going", "every",
                          "everywhere", "whole", "down", "found", "cant", "stop", "need",
                          "needs", "want", "wants", "here"})
#: Words of how a drug is dosed: in a partial match they say little beside the drug itself
#: ("Skyrizi IV loading dose" is risankizumab, J2327, not a loading dose of morphine).
_DOSING_WORDS = frozenset({"dose", "doses", "dosing", "loading"})
#: A strength typed as one word ("500mg", "40mg", "2.5mcg"): a dose, which says as little as a
#: number ("rocephin 500mg" is ceftriaxone, not another drug whose title says 500 mg). Grams
#: never reach it: _SHORTHAND writes "1g" out as "1 gram".
_DOSE = re.compile(r"\d+(?:\.\d+)?(?:mg|mcg|ug|ml|cc|u|units?|iu|meq|mmol)")
#: Words of where in an organ. Shorthand made only of them ("LLL": left lower lobe, or lower
#: left eyelid; a lobe's senses name its lung) says less than what is there in a partial match;
#: and once a query names a lobe, its side and height words belong to the lobe ("left lower
#: lobe pneumonia" is pneumonia, "right upper lobe nodule" no right breast's upper quadrant).
_PLACE_WORDS = frozenset({"left", "right", "bilateral", "upper", "lower", "middle"})
_LOBE_WORDS = frozenset({"lobe", "lobes"})
_PLACE_SENSE_WORDS = _PLACE_WORDS | _LOBE_WORDS | {"eyelid", "lid", "lung", "bronchus"}
#: Title words of a lung, which a dropped lobe steers a partial match to.
_LUNG_WORDS = (b" lung ", b" lungs ", b" pulmonary ")
#: What a code of a partial match gains when it fits a place word the match left out (a side's
#: unilateral title, a lobe's lung).
_STEER_AGREES = 4.0
#: What an unspecified title of a partial match loses when the query names one side and the
#: codes tell one side from both (as much as a title that says just the query's words gains).
_SIDE_SAID_UNSPECIFIED_COST = 8.0
#: How far a side's title comes before its unspecified side's when the query names both sides.
_SIDE_BEFORE_UNSIDED = 0.01
#: What a diagnosis query gives ICD-10-CM codes.
_CONDITION_FAVOUR = 4.0
#: What a service query (a word of ``_SERVICE_WORDS`` and none of ``_CONDITION_WORDS``:
#: "left total hip replacement") takes from ICD-10-CM codes.
_SERVICE_DISFAVOUR = 2.0
#: What a query word weighs in graded matching, as a share of its rarity, when titles hold it
#: only as the beginning of longer words that are not its forms ("loud" of "loudness").
_ONLY_STARTS_WEIGHT = 0.7
#: What a brand name typed whole weighs in a partial match: more than any word titles hold
#: (the rarest weighs log(codes + 1), about 12.2), so the drug it names is kept first.
_BRAND_WEIGHT = 13.0
#: An everyday phrase whose reading this many codes or fewer hold names the thing itself: its
#: vague words ("keeps" of "keeps falling") weigh in full in a partial match.
_PHRASE_NAMES_FEW = 20
#: Codes a word must be in to count as a common word of the titles (not an abbreviation's
#: plural that one other name happens to hold, as "AKs").
_COMMON_WORD = 20
#: Title words after which the next word is denied ("Vomiting without nausea", "Non-ST
#: elevation", "trastuzumab, excludes biosimilar", "looks only, with no biopsy", "Omphalitis
#: not of newborn", "Migraine, not intractable"): a query word found only there is not in
#: the title. A query holding a denial's first word lifts it.
_DENYING = (b" without", b" non", b" no", b" excludes", b" except", b" not", b" not of",
            b" not in")
_LONGEST_DENYING = max(map(len, _DENYING))
#: Denying words that say the same thing; a query holding one lifts the denial of all.
_NEGATIONS = frozenset({"no", "without"})
#: Title clauses that name what the code does not say ("not specified as traumatic",
#: "unspecified whether with hypoxia or hypercapnia", "unspecified as acute or delayed"), and
#: the word they all begin with.
_UNSAID = (b" not specified as ", b" unspecified whether ", b" unspecified as ")
_UNSAID_WORD = b"specified "
#: Words of a code's axes (side, encounter, trimester, fetus) that may stand second after
#: "without" yet are the code's own ("Preterm labor without delivery, third trimester";
#: "Trichiasis without entropion right upper eyelid"): never denied there.
_AXIS_WORDS = frozenset({b"right", b"left", b"bilateral", b"unilateral", b"unspecified",
                         b"initial", b"subsequent", b"sequela", b"first", b"second", b"third",
                         b"trimester", b"fetus", b"intractable", b"recurrent", b"upper",
                         b"lower", b"breast", b"chest", b"abdomen", b"pelvis", b"spinal",
                         b"rigid", b"any", b"each", b"other", b"suspected", b"unplanned"})


_WITHOUT, _WITH_BEFORE = b" without", b" with"


def _find_one_way(blob, needle: bytes, start: int, end: int) -> int:
    """Where ``needle`` first stands in ``blob[start:end]``; for " without", not where it
    is part of "with and without" (kept as "with without"), which does not answer a query
    that asks for one way only ("MRI lumbar spine without contrast")."""
    at = blob.find(needle, start, end)
    while at >= 0 and blob[max(start, at - len(_WITH_BEFORE)):at] == _WITH_BEFORE:
        at = blob.find(needle, at + 1, end)
    return at


def _find_two_way(blob, needle: bytes, start: int, end: int) -> int:
    """Where ``needle`` (" without") first stands in ``blob[start:end]`` as part of "with and
    without", the only place that answers a query asking for both ways."""
    at = blob.find(_WITH_BEFORE + needle, start, end)
    return at + len(_WITH_BEFORE) if at >= 0 else -1


def _only_denied(text, needle: bytes, start: int, at: int, end: int,
                 denied: tuple[bytes, ...]) -> bool:
    """Whether ``needle``, first found at ``at``, occurs in ``text[start:end]`` (one name in
    the mapped index) only there, and there right after a denying word ("without", "non") or
    second after "without" unless it names one of the code's axes (``_AXIS_WORDS``)
    ("Hypertensive heart disease without heart failure" does not answer "heart failure",
    nor "Duodenal ulcer ... without hemorrhage or perforation" "perforated duodenal ulcer"),
    or in a clause naming what the code does not say
    (``_UNSAID``: "Malignant neoplasm of liver, not specified as primary or secondary" does
    not answer "secondary", nor "Acute respiratory failure, unspecified whether with hypoxia
    or hypercapnia" "acute hypoxic respiratory failure")."""
    if text.find(needle, at + 1, end) >= 0:
        return False
    word_before = text.rfind(b" ", start, at)
    return (text[max(start, at - _LONGEST_DENYING):at].endswith(denied)
            or (_WITHOUT in denied and word_before > start
                and text[max(start, word_before - len(_WITHOUT)):word_before] == _WITHOUT
                and text[at + 1:text.find(b" ", at + 1, end + 1)] not in _AXIS_WORDS)
            # a clause's closing space is the needle's opening one ("as recurrent")
            or (text.find(_UNSAID_WORD, start, at + 1) >= 0
                and any(text.find(clause, start, at + 1) >= 0 for clause in _UNSAID)))


#: What a word form made from the typed word ("tube" for "tubes") loses when it only starts a
#: longer title word that is not one of its own forms ("tuberculosis").
_DERIVED_PREFIX_COST = 3.0
_FORM_ENDINGS = (b"s ", b"es ", b"ed ", b"ing ", b"al ", b"ly ", b"ic ", b"ical ", b"ies ", b"y ",
                 b"ation ", b"ations ", b"er ", b"ers ")


def _ends_as_a_form(text, at: int, end: int) -> bool:
    """Whether the title word running on at ``at`` ends in a suffix of a word form."""
    space = text.find(b" ", at, end + 1)
    return text[at:space + 1] in _FORM_ENDINGS if space >= 0 else False


#: What a code with a plain-language page written for it gains (not when its title names a
#: side and the query names none: "rolled my ankle" is the unspecified ankle's sprain, though
#: the right ankle's has a page).
_PAGE_BONUS = 5.0
#: What a heading whose title is the whole query gains (a billable title gains 8): the
#: billable default beneath it ("Unspecified blepharitis ...") is the code to report.
_HEADING_WHOLE = 4
#: What a title gains for each typed word a reading replaced but the title holds as typed
#: ("inflectra": Q5103 names Inflectra; J1748, the same infliximab-dyyb, names Zymfentra).
_OWN_WORD = 1.0


def _flag_bonus(flags: int) -> float:
    bonus = 3.0 if flags & FLAG_BILLABLE else 0.0
    if flags & FLAG_HEADING:
        bonus -= 6
    if flags & FLAG_TERMINATED:
        bonus -= 20
    if _has_own_page(flags):
        bonus += _PAGE_BONUS
    return bonus


def _has_own_page(flags: int) -> bool:
    """Whether a code has a plain-language page written for it (a heading's page is its
    family's)."""
    return bool(flags & FLAG_PLAIN and not flags & FLAG_HEADING)


#: Score added for each value of a document's flags byte.
_FLAG_BONUS = [_flag_bonus(flags) for flags in range(256)]


class IndexUnreadable(Exception):
    """The index file is missing, damaged or from another schema."""


class WordsMatched(namedtuple("WordsMatched", "dropped kept first_partial suggestions retired",
                               defaults=((), 0))):
    """How a query whose words no single code holds was answered: ``dropped``, the query
    words no listed code holds (after the codes that hold every word, if any); ``kept``, the
    words the fallback codes do hold; ``first_partial``, the position in the whole list of
    the first code that lacks some words; ``suggestions``, known words close to the dropped
    ones ("did you mean"), when nothing matched; ``retired``: when only terminated codes
    hold every word, how many active codes lacking some are listed before them."""

    __slots__ = ()

    def note(self) -> str:
        """One line for the user: what was left out and what is shown."""
        dropped = ", ".join(self.dropped)
        if self.retired:
            first = ("the first code is active but lacks" if self.retired == 1
                     else f"the first {self.retired} are active but lack")
            return f"{first}: {dropped}; then terminated codes that have every word"
        if not self.kept:
            hint = f"; did you mean: {', '.join(self.suggestions)}" if self.suggestions else ""
            return f"no code holds any of: {dropped}{hint}"
        if self.first_partial:
            # The first rows do hold every word (through a reading such as "pulled muscle"
            # -> strain); only the rows after them lack some.
            first = ("the first code holds" if self.first_partial == 1
                     else f"the first {self.first_partial} hold")
            return f"{first} every word; after that, codes that lack: {dropped}"
        return f"no code has all of: {dropped}; showing codes matching {' '.join(self.kept)}"


class SearchResult:
    """A batch of results (limit and offset) with the total count and what the engine did to
    the query."""

    def __init__(self, query: str, hits: list[Hit], total: int,
                 corrections: list[tuple[str, str]] | None = None,
                 synonyms: list[tuple[str, str]] | None = None,
                 words_matched: "WordsMatched | None" = None,
                 not_in_store: str | None = None,
                 groups: list[tuple[int, str]] | None = None,
                 lacking: frozenset[int] = frozenset()) -> None:
        self.query = query
        self.hits = hits
        self.total = total
        #: (typed word, corrected word) pairs, when misspellings were corrected.
        self.corrections = corrections or []
        #: (everyday phrase, clinical reading) pairs that found results.
        self.synonyms = synonyms or []
        #: When no code holds every word: the words left out, the words matched, the
        #: hits from that point on, and known words close to the unmatched ones.
        self.words_matched = words_matched
        #: A CPT number this store does not hold (``25600``), or None.
        self.not_in_store = not_in_store
        #: Where, in the whole list, a further system's family of the code prefix starts:
        #: (position, system id), for a labelled group ("HCPCS codes starting E11").
        self.groups = groups or []
        #: The documents listed that lack some of the words (``words_matched``).
        self.lacking = lacking

    def __repr__(self) -> str:
        return f"SearchResult({self.query!r}, total={self.total}, hits={len(self.hits)})"

    @property
    def corrected_query(self) -> str | None:
        """The query with corrected words, for "showing results for ...", or None."""
        if not self.corrections:
            return None
        fixed = dict(self.corrections)
        return " ".join(fixed.get(word, word) for word in words(self.query))


#: A BMI value typed ("BMI 42", "bmi of 52.5"), not a band already written out.
_BMI_VALUE = re.compile(r"\b(?:bmi|body mass index)\s*(?:of\s*|=\s*)?(\d+(?:\.\d+)?)(?![\w.%])"
                        r"(?!\s*(?:-|or greater))", re.IGNORECASE)


def bmi_band(value: float) -> str | None:
    """The band the titles Z68.41-Z68.45 give an adult BMI of 40 or more ("40.0-44.9", "70 or
    greater"), or None below 40 (each whole number there has its own title)."""
    if value >= 70:
        return "70 or greater"
    return next((f"{low}.0-{high - 1}.9" for low, high in ((40, 45), (45, 50), (50, 60), (60, 70))
                 if low <= value < high), None)


def _names_only_a_side(means) -> bool:
    """Whether an everyday phrase reads as one word, first a side ("both ears": bilateral, then
    binaural)."""
    return (bool(means) and means[0][0] in _SIDE_WORDS
            and all(len(sense) == 1 for sense in means))


def _moved_letter(typed: str, word: str) -> bool:
    """Whether ``typed`` is ``word`` with one letter moved by two or three places ("athsma":
    asthma), an edit distance of 2 that is one slip of the pen."""
    if typed == word or len(typed) != len(word) or sorted(typed) != sorted(word):
        return False
    start = next(i for i, (a, b) in enumerate(zip(typed, word)) if a != b)
    end = len(typed) - next(i for i, (a, b) in enumerate(zip(typed[::-1], word[::-1])) if a != b)
    typed_part, word_part = typed[start:end], word[start:end]
    return end - start <= 4 and (typed_part[1:] == word_part[:-1]
                                 or typed_part[:-1] == word_part[1:])


def _expand_shorthand(query: str) -> str:
    """``query`` with shorthand written out: "w/o" -> "without", "48 hrs" -> "48 hours",
    "2 g" -> "2 gram"."""
    for pattern, replacement in _SHORTHAND:
        query = pattern.sub(replacement, query)
    return query


#: What each kind of stated range covers, from its numbers (in the unit compared).
_RANGE_KINDS = {
    "between": lambda low, high: (low, high),
    "at most": lambda limit: (0.0, limit),
    "below": lambda limit: (0.0, math.nextafter(limit, -math.inf)),
    "over": lambda limit: (math.nextafter(limit, math.inf), math.inf),
    "at least": lambda limit: (limit, math.inf),
}


def _stated_range(title: str, ranges, scale=lambda found: 1.0) -> tuple[float, float] | None:
    """The range the first of ``ranges`` (pattern, kind) that ``title`` holds states, its
    numbers times ``scale`` of the match, or None."""
    for pattern, kind in ranges:
        found = pattern.search(title)
        if found is not None:
            factor = scale(found)
            return _RANGE_KINDS[kind](*(float(number) * factor for number in found.groups()))
    return None


def title_size_range(title: str) -> tuple[float, float] | None:
    """The lengths in centimetres a title says it covers ("1.1 to 2 cm": (1.1, 2.0); "2.5 cm
    or less": (0, 2.5); "over 4 cm": just over 4 to infinity; millimetres converted), or
    None."""
    return _stated_range(title, _SIZE_RANGES,
                         lambda found: 0.1 if found[0].rstrip().lower().endswith("mm") else 1.0)


def typed_size(query: str) -> float | None:
    """The size a query types, in centimetres ("3 cm": 3.0, "15mm": 1.5; "over 30 cm" just
    over 30, as a title reads it), or None."""
    found = _QUERY_SIZE.search(query)
    if found is None:
        return None
    size = float(found[1])
    size = size / 10 if found[2].lower() == "mm" else size
    if _OVER.search(query, 0, found.start()):
        size = math.nextafter(size, math.inf)
    return size


def title_weight_range(title: str) -> tuple[float, float] | None:
    """The weights in grams a title says it covers ("500-749 grams": (500, 749); "less than
    500 grams": up to just under 500; "under 1,500 g" likewise), or None."""
    return _stated_range(_THOUSANDS.sub("", title), _WEIGHT_RANGES)


def typed_weight(query: str) -> float | None:
    """The weight a query types, in grams ("1800 grams": 1800.0, "1.2 kg": 1200.0), or None
    for none or one too light to be a body's (a dose)."""
    found = _QUERY_WEIGHT.search(query)
    if found is None:
        return None
    weight = float(found[1].replace(",", ""))
    weight = weight * 1000 if found[2].lower().startswith("k") else weight
    if weight < _LEAST_WEIGHT:
        return None
    if _OVER.search(query, 0, found.start()):
        return math.nextafter(weight, math.inf)
    if _UNDER.search(query, 0, found.start()):
        return math.nextafter(weight, -math.inf)  # "under 1500 grams" is 99478's, not 99479's
    return weight


def _typed_measure(query: str) -> tuple[float, re.Pattern, Callable] | None:
    """The size or weight ``query`` types, the pattern that finds it in the query and the
    function that reads the range a title covers, or None."""
    size = typed_size(query)
    if size is not None:
        return size, _QUERY_SIZE, title_size_range
    weight = typed_weight(query)
    if weight is not None:
        return weight, _QUERY_WEIGHT, title_weight_range
    return None


def _query_tokens(query: str) -> list[str]:
    """The search words of ``query`` (shorthand already written out): at most 24, without
    stop words and pronouns unless there is nothing else ("he snores" is a search for
    snoring; "HE" alone, hepatic encephalopathy)."""
    tokens = words(query)[:24]
    pronouns = PRONOUNS | LOWER_CASE_PRONOUNS.intersection(query.split())
    return [t for t in tokens if t not in STOP_WORDS and t not in pronouns] or tokens


def _same_word(word: str, forms: tuple[str, ...]) -> bool:
    """Whether a phrase's ``word`` is one of a typed word's ``forms`` (the word and its base
    forms), or a form of it is: "swollen lymph nodes" is read in "swollen lymph node"."""
    return word in forms or any(form in forms for form in base_forms(word))


class SearchIndex:
    """The search structure of one store: its code table and its mapped search index."""

    def __init__(self, table: CodeTable, mapped: MappedFile) -> None:
        self.table = table
        self.codes, self.titles = table.codes, table.titles
        self.system_ids, self.systems = table.system_ids, table.systems
        #: Positions of the retired code sets (ICD-9-CM) among the index's systems.
        self.legacy = frozenset(n for n, system in enumerate(self.system_ids)
                                if system in systems.ids() and systems.get(system).legacy)
        #: Positions of the systems whose two-character codes are modifiers (CPT, HCPCS).
        self._modifier_systems = frozenset(n for n, system in enumerate(self.system_ids)
                                           if system in ("cpt", "hcpcs"))
        self.flags, self.shards = table.flags, table.shards
        self.keys, self.key_docs = table.keys, table.key_docs
        if mapped.header.get("documents") != len(table):
            raise MappedUnreadable(f"{mapped.path}: made for another code table")
        #: Each document's title and other names as search words: " word word ".
        self.title_texts = mapped.strings("title_texts")
        self.alias_texts = mapped.strings("alias_texts")
        self.title_lengths = mapped.raw("title_lengths")
        #: Documents of the quality-measure reporting groups (uint32, in document order).
        self.reporting_docs = mapped.uints("reporting_docs")
        self._reporting: frozenset[int] | None = None
        #: The sorted search words, and each one's documents (uint32, in document order).
        self.vocab = mapped.strings("vocab")
        self.postings = mapped.strings("postings")
        if not (len(self.title_texts) == len(self.alias_texts) == len(self.title_lengths)
                == len(table)) or len(self.vocab) != len(self.postings):
            raise MappedUnreadable(f"{mapped.path}: its columns disagree in length")
        #: First word -> [(phrase words, [meaning words, ...]), ...] (read in place).
        self.synonyms = mapped.table("synonyms")
        #: Abbreviation words joined by spaces -> their senses (words of official titles), the
        #: most used first.
        self.abbreviations = mapped.table("abbreviations")
        #: Brand names and abbreviations as they are written ("xolair" -> "Xolair").
        self.display_names = mapped.table("display_names")
        #: Brand names (search words joined by spaces): read as their generic at no cost.
        self.brands = mapped.table("brands")
        #: Abbreviations that are one only as written ("PrEP"; "prep" is a bowel prep).
        self.exact_case = mapped.table("exact_case")
        self._by_length: dict[int, list[str]] | None = None
        # Decoded document sets of common words ("left", "fracture", "encounter"): building
        # one from its posting costs milliseconds, and the same words recur in queries.
        self._set_cache: OrderedDict[tuple[int, int], frozenset[int]] = OrderedDict()
        self._cache_lock = threading.Lock()

    @classmethod
    def load(cls, path: Path, table: CodeTable) -> "SearchIndex":
        """Open the index file written by the seed, for the store's code table."""
        try:
            return cls(table, MappedFile(path, SCHEMA_VERSION))
        except (MappedUnreadable, EOFError, ValueError, TypeError, KeyError) as exc:
            raise IndexUnreadable(str(exc)) from None

    @property
    def by_length(self) -> dict[int, list[str]]:
        """The indexed words of letters only, and the one-word everyday words, terms and brand
        names search reads ("osteopenia", "xolair"), by length (for spelling corrections)."""
        if self._by_length is None:
            found: dict[int, list[str]] = {}
            for word in self.vocab:
                if word.isalpha():
                    found.setdefault(len(word), []).append(word)
            for word in self.synonyms.keys:
                if word.isalpha() and self._vocab_position(word) is None and self._own_readings(word):
                    found.setdefault(len(word), []).append(word)
            self._by_length = found
        return self._by_length

    def _unasked_reporting(self, words) -> frozenset[int]:
        """The quality-measure reporting codes' documents (decoded on first use), or none
        when ``words`` speak of reporting."""
        if _REPORTING_ASKED.intersection(words):
            return frozenset()
        if self._reporting is None:
            self._reporting = frozenset(self.reporting_docs)
        return self._reporting

    def _system_number(self, system: str | None) -> int | None:
        """The position of ``system`` in the index's systems (-1 when it has no codes here)."""
        if system is None:
            return None
        return self.system_ids.index(system) if system in self.system_ids else -1

    def __len__(self) -> int:
        return len(self.codes)

    def hit(self, doc_id: int) -> Hit:
        """Describe document ``doc_id`` as a result."""
        return self.table.hit(doc_id)

    def lookup(self, code: str, system: str | None = None) -> list[int]:
        """The documents whose code is ``code`` (see :meth:`CodeTable.lookup`)."""
        return self.table.lookup(code, system)

    def _code_matches(self, query: str) -> tuple[list[int], range]:
        """Exact code matches, and the key range of codes that start with the query."""
        compact = code_key(query)
        if not _CODE_LIKE.match(compact):
            return [], range(0)
        exact = self.lookup(query)
        if not any(ch.isdigit() for ch in compact):
            return exact, range(0)
        return exact, self.table.prefix_range(compact)

    # -- words -------------------------------------------------------------------------------

    def _term_range(self, word: str) -> range:
        """Vocabulary positions of the words that ``word`` matches (itself, or as a prefix)."""
        if len(word) < 2 or word in _WHOLE_WORDS or self._abbreviation_only(word):
            at = self._vocab_position(word)
            return range(at, at + 1) if at is not None else range(0)
        start = bisect_left(self.vocab, word)
        return range(start, bisect_left(self.vocab, word + "\x7f", start))

    def _abbreviation_only(self, word: str) -> bool:
        """Whether ``word`` is a curated abbreviation that starts no word of its senses
        ("uti": urinary tract infection): as typed it is then no title word's beginning
        ("utility"), while "abd" (abdominal) still is."""
        senses = self.abbreviations.get(word)
        return bool(senses) and not any(w.startswith(word) for sense in senses for w in sense)

    def _vocab_position(self, word: str) -> int | None:
        """Where ``word`` is in the vocabulary as a whole word, or None."""
        at = bisect_left(self.vocab, word)
        return at if at < len(self.vocab) and self.vocab[at] == word else None

    def _forms(self, token: str) -> tuple[str, ...]:
        """``token`` and those of its base forms (singular, stem) that titles use, and the
        one title word it is a letter short of ("borderlin": borderline)."""
        plural = (token + "s",) if token in _WHOLE_NOUNS else ()
        return (token, *(form for form in (*base_forms(token), *plural, *self._completed(token))
                         if self._term_range(form)))

    def _completed(self, token: str) -> tuple[str, ...]:
        """The one title word a long ``token`` that is no title word itself lacks only the
        last letter of (a slip, not a word begun: "borderlin personality disorder" asks for the
        whole title "Borderline personality disorder"), or nothing."""
        if len(token) < 6 or not token.isalpha() or self._vocab_position(token) is not None:
            return ()
        terms = self._term_range(token)
        longer = [word for word in map(self.vocab.__getitem__, terms[:_COMPLETIONS_READ])
                  if len(word) == len(token) + 1]
        return tuple(longer) if len(longer) == 1 else ()

    def _terms(self, token: str) -> tuple[range, ...]:
        """Vocabulary ranges of ``token`` and its base forms, none inside another."""
        ranges = sorted((self._term_range(form) for form in self._forms(token)),
                        key=lambda r: (r.start, -r.stop))
        found: list[range] = []
        for terms in ranges:
            if terms and not (found and terms.stop <= found[-1].stop):
                found.append(terms)
        return tuple(found)

    def _posting_size(self, terms: tuple[range, ...]) -> int:
        return sum(self.postings.size(t) for r in terms for t in r) // 4

    def _arrays(self, terms: tuple[range, ...]) -> list[array]:
        arrays = []
        for term in (t for r in terms for t in r):
            posting = array("I")
            posting.frombytes(self.postings.raw(term))
            arrays.append(posting)
        return arrays

    def _docs(self, terms: tuple[range, ...]) -> frozenset[int]:
        """The documents of some vocabulary words (cached for the common, large ones)."""
        key = tuple((r.start, r.stop) for r in terms)
        with self._cache_lock:
            cached = self._set_cache.get(key)
            if cached is not None:
                self._set_cache.move_to_end(key)
                return cached
        docs: set[int] = set()
        for posting in self._arrays(terms):
            docs.update(posting)
        found = frozenset(docs)
        if len(found) >= _CACHE_MIN:
            with self._cache_lock:
                self._set_cache[key] = found
                while len(self._set_cache) > _CACHE_SETS:
                    self._set_cache.popitem(last=False)
        return found

    def _first(self, tokens: list[str], docs: set[int], count: int) -> list[int]:
        """The ``count`` best-placed (lowest-numbered) of ``docs``.

        Postings are in document order, so for a one-word query over a few vocabulary words
        this merges their heads instead of sorting every match.
        """
        terms = self._terms(tokens[0])
        if len(tokens) == 1 and sum(len(r) for r in terms) <= 16:
            first: list[int] = []
            last = -1
            for doc_id in heapq.merge(*self._arrays(terms)):
                if doc_id != last:
                    first.append(doc_id)
                    last = doc_id
                    if len(first) == count:
                        break
            return first
        return sorted(docs)[:count]

    def _matching(self, tokens: list[str]) -> set[int] | frozenset[int]:
        """Documents in which every token (or a base form of it) starts a word of the title
        or another name.

        Starts from the rarest token's documents; each further token narrows them either
        by intersecting with its own documents (when those are not many more) or by looking
        for the word in each remaining document's text.
        """
        terms = [self._terms(t) for t in tokens]
        if not all(terms):
            return set()
        sizes = [self._posting_size(r) for r in terms]
        order = sorted(range(len(tokens)), key=sizes.__getitem__)
        docs = self._docs(terms[order[0]])
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        aliases, alias_at = self.alias_texts.blob, self.alias_texts.offsets
        for i in order[1:]:
            if not docs:
                break
            if sizes[i] <= 12 * len(docs):
                docs &= self._docs(terms[i])
                continue
            needles = [(" " + form + (" " if len(form) < 2 or form in _WHOLE_WORDS else "")).encode()
                       for form in self._forms(tokens[i])]
            docs = {d for d in docs if any(
                titles.find(n, title_at[d], title_at[d + 1]) >= 0
                or aliases.find(n, alias_at[d], alias_at[d + 1]) >= 0 for n in needles)}
        if docs and _MEASURE_POPULATION.intersection(tokens):
            docs = docs - self._unasked_reporting(tokens)
        return docs

    def _score_all(self, docs, tokens: list[str], penalty: float, scores: dict[int, float],
                   system_bonus: tuple[int, float] | None = None, plural: bool = False,
                   typed: tuple[str, ...] = (), wholes: set[int] | None = None,
                   negated: bool = False, context: frozenset[str] = frozenset()) -> None:
        """Score ``docs`` for ``tokens`` into ``scores``, keeping each document's best score.

        Per query word (averaged, so longer synonym expansions do not win by length): a whole
        title word 14, a title word prefix 10, a whole word of another name 9, a prefix of one
        6 (a base form of the word, "gallstone" for "gallstones", or its plural, 1 less, and 3 less
        again when it only starts a longer title word that is not one of its forms; a word the title
        names only after "without" or "non-" does not count as in the title, and costs 10, unless
        the query says "without" or "non" too). Then: +3 when the
        words stand together in the title, +8 when they are the whole title (fillers such as
        "unspecified" aside; not when a word as typed only starts a longer title word: "flu"
        is not the whole of "Flushing") or a whole other name (an "X NOS" inclusion term is one
        for X, unless a partial search left words out); -1 per title word the query does not name
        (at most 15; none for a whole other name, half when only other names matched; "joint"
        is what a body-part word means unless it says otherwise, so it costs nothing); when
        the query names a side (right, left, bilateral), +2 for a title of that side and -25
        for a title of only another side; a ``typed`` word a reading replaced but the title
        holds is not counted as unnamed; when the query holds a plural, "multiple" and
        "bilateral" cost nothing (and a bilateral title loses nothing for a side unsaid only
        when the plural is of a paired part: "knees", not "ulcers") and an ICD-10-CM title's
        "one" or "single" costs 3; a newborn or pregnancy
        title the query does not ask for costs 5; a quality-measure reporting code costs
        ``_REPORTING_COST``, and is never the query's whole title, unless the query speaks of
        reporting; an ICD-10-CM title naming a particular kind
        or cause the query does not name (``_KIND_TITLE_WORDS``) costs 4, and loses its page's
        bonus (the query, or its ``context``: all its words when a partial search scores
        some, asks for neither); an ICD-10-CM "unspecified" title gains
        ``_DEFAULT_TIE`` when the query (as typed or in its first reading) names no kind; and
        the flags' bonus
        (billable +3, heading -6, a plain-language page written for the code, not a heading's family page, +5, terminated -20; a PCS administration (3E0) by open approach -1 unless the query says open). Synonym readings of
        the query lose ``penalty`` (and ``_TYPED_WHOLE_COST`` more once the words as typed
        are the whole of a title, collected in ``wholes``); ``system_bonus`` (system number, points) favours one system.
        """
        forms = [[((f" {f} ").encode(), (f" {f}" + (" " if f in _WHOLE_WORDS else "")).encode(),
                   0 if f == t else 1) for f in self._forms(t)]
                 + ([((f" {t}s ").encode(), (f" {t}s ").encode(), 1)] if not t.endswith("s") else [])
                 for t in tokens]
        joined = " ".join(tokens)
        paired = plural and not _PAIRED_PLURALS.isdisjoint((*tokens, *typed))
        # a plural query says a singular name too ("lumbar punctures": Lumbar puncture, 62270)
        spoken = tuple(dict.fromkeys((joined, " ".join(map(self._singular, tokens))))) \
            if plural else (joined,)
        phrases = tuple(f" {said}".encode() for said in spoken) if len(tokens) > 1 else ()
        exact_name, *more_names = [f"| {said} |".encode() for said in spoken]
        # an "X NOS" inclusion term names the code X means when nothing more is said
        # ("Influenza NOS" at J11.1 answers "influenza"), not when a partial search left words
        # out ("tetanus shot" is no "Tetanus NOS")
        if context <= set(tokens):
            more_names += [f"| {said} nos |".encode() for said in spoken]
        lead = f" {tokens[0]}".encode()
        count = len(tokens)
        sides = [side for side in _SIDES if side in tokens]
        other_side = _SIDES[sides[0]] if len(sides) == 1 else None
        # "no" and "without" deny alike: a query holding either asks for what either denies
        # ("flu shot without preservative": "... with no preservative"); ``negated`` says the
        # whole query holds one (a partial search may have left it out)
        asked = set(tokens)
        if negated or _NEGATIONS.intersection(tokens):
            asked |= _NEGATIONS
        denied = tuple(word for word in _DENYING if word.split()[0].decode() not in asked) or None
        joint_free = b" joint " if "joint" not in tokens else None
        # a kind or population the query asks for, also in words a partial search left out
        # ("past suicide attempt": a personal history, though no code holds "past")
        said = context.union(tokens)
        population = None if _POPULATION_ASKED.intersection(said) else _POPULATION_TITLE.search
        kinds = None if _KIND_ASKED.intersection(said) else _KIND_TITLE.search
        # "history of stroke" is the patient's own
        relatives = None if _FAMILY_ASKED.intersection(said) else _FAMILY_TITLE.search
        unasked = _said_kinds_search(tuple(
            i for i, (_title, asked, subject) in enumerate(_SAID_KINDS)
            if not asked.intersection(said) and (subject is None or subject.intersection(said))))
        reporting = self._unasked_reporting(said)
        pcs = self._system_number("icd10pcs")
        open_unasked = not _OPEN_ASKED.intersection(said)
        cpt, more_unasked = self._system_number("cpt"), not _MORE_ASKED.intersection(said)
        codes = self.codes
        drug_kinds_asked = [kind for kind, words in _DRUG_KIND_ASKED.items()
                            if words.intersection(said)]
        drug_kind = _DRUG_KIND_TITLE.search if drug_kinds_asked else None
        # "without" alone asks for one way; "with and without" is another code
        # "with and without" (kept as "with without") asks for both ways together
        both_ways = any(a == "with" and b == "without" for a, b in zip(tokens, tokens[1:]))
        way = (_find_two_way if both_ways else
               _find_one_way if "without" in tokens and "with" not in tokens else None)
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        aliases, alias_at = self.alias_texts.blob, self.alias_texts.offsets
        lengths, flags, bonus = self.title_lengths, self.flags, _FLAG_BONUS
        favoured, favour = system_bonus or (-1, 0.0)
        icd = self._system_number("icd10cm")
        unspecified = penalty < 2 and "unspecified" not in tokens and "other" not in tokens
        own = [f" {t} ".encode() for t in typed if t not in tokens and t not in STOP_WORDS]
        for d in docs:
            start, end = title_at[d], title_at[d + 1]
            alias_start, alias_end = alias_at[d], alias_at[d + 1]
            words_value = 0
            in_title = 0
            loose = 0
            contradicted = 0
            for needles in forms:
                best, titled, said_not = 6, False, False
                for whole, prefix, cost in needles:
                    directed = way is not None and prefix.startswith(_WITHOUT)
                    at = (way(titles, prefix, start, end) if directed
                          else titles.find(prefix, start, end))
                    if at < 0 and directed and (
                            titles.find(prefix, start, end) >= 0
                            or aliases.find(whole, alias_start, alias_end) >= 0):
                        # "with and without" denies "without" alone, and the other way round
                        if way(aliases, whole, alias_start, alias_end) < 0:
                            said_not = True
                            continue
                    if at >= 0:
                        if denied is not None and _only_denied(titles, prefix, start, at, end, denied):
                            said_not = True
                            continue  # "Vomiting without nausea" does not answer "nausea"
                        whole_word = titles.find(whole, at, end) >= 0
                        found, found_in_title = (14 if whole_word else 10) - cost, True
                        if cost and not whole_word and not _ends_as_a_form(titles, at + len(prefix), end):
                            found -= _DERIVED_PREFIX_COST  # "tubes" is not "tuberculosis"
                        if 0 <= titles.find(_INCLUDES, start, at):
                            # only in what the item comes with ("monitor, includes test
                            # strips"): as a word of another name
                            found, found_in_title = 9 - cost, False
                    elif (at := (way(aliases, whole, alias_start, alias_end)
                                 if directed
                                 else aliases.find(whole, alias_start, alias_end))) >= 0 and not (
                            denied is not None
                            and (said_not := _only_denied(aliases, whole, alias_start, at, alias_end,
                                                          denied))):
                        found, found_in_title = 9 - cost, False
                    else:
                        continue
                    if found > best:
                        best, titled = found, found_in_title
                        if found == 14:
                            break  # nothing scores more
                words_value += best
                in_title += titled
                loose += titled and best == 10  # only starts a longer title word
                contradicted += said_not and best == 6
            value = words_value / count + bonus[flags[d]] - penalty - 10 * contradicted
            if phrases and (titles.find(phrases[0], start, end) >= 0 or len(phrases) > 1
                            and titles.find(phrases[1], start, end) >= 0):
                value += 3
            if titles[start:start + len(lead)] == lead:
                value += 0.5
            if unspecified and self.systems[d] == icd and titles.find(b" unspecified ", start, end) >= 0:
                value += _DEFAULT_TIE  # the query names no kind: the unspecified code is its code
            extra = lengths[d] - in_title
            # kinds the title names and the query does not ask for: no longer "just this"
            unasked_kinds = (unasked is not None and self.systems[d] == icd
                             and unasked(titles, start, end) is not None)
            reported = d in reporting
            if in_title == count and extra <= 0 and not loose and not unasked_kinds and not reported:
                # the title says just this ("Unspecified cataract" for "cataract")
                value += 8 if not flags[d] & FLAG_HEADING else _HEADING_WHOLE
                if wholes is not None:
                    wholes.add(d)
            elif aliases.find(exact_name, alias_start, alias_end) >= 0 or more_names and any(
                    aliases.find(name, alias_start, alias_end) >= 0 for name in more_names):
                value += 8
                extra = 0
            elif in_title == 0:
                extra /= 2
            if joint_free is not None and extra > 0 and titles.find(joint_free, start, end) >= 0:
                extra -= 1
            for word in own:
                if titles.find(word, start, end) >= 0:
                    extra -= 1  # the typed word itself ("inflectra") beside its reading
                    value += _OWN_WORD
            if plural:
                if extra > 0 and any(titles.find(many, start, end) >= 0 for many in _MANY):
                    extra -= 1  # "broken ribs" means "Multiple fractures of ribs"
                if self.systems[d] == icd and any(titles.find(one, start, end) >= 0 for one in _ONE):
                    value -= _ONE_COST  # ... not "Fracture of one rib"
            if extra > 0:
                value -= extra if extra < 15 else 15
            if population is not None and population(titles, start, end):
                value -= _POPULATION_COST
            if reported:
                value -= _REPORTING_COST
            if open_unasked and self.systems[d] == pcs and len(codes[d]) == 7 \
                    and codes[d].startswith("3E0") and codes[d][4] == "0":
                value -= _OPEN_ADMINISTRATION_COST  # an IV or injection is percutaneous
            if more_unasked and self.systems[d] == cpt and titles.find(_ADD_ON_TITLE, start, end) >= 0:
                value -= _ADD_ON_COST  # the primary code, not its add-on
            if drug_kind is not None and self.systems[d] == icd and (
                    named := drug_kind(titles, start, end)) and named.group() not in drug_kinds_asked:
                value -= _KIND_COST  # a reaction to a prescribed drug is its adverse effect
            value -= _KIND_COST * unasked_kinds
            if kinds is not None and self.systems[d] == icd and (
                    kind := kinds(titles, start, end)) and titles.find(b" without ", start, kind.start()) < 0:
                value -= _KIND_COST  # "Drug-induced cataract" is not what "cataract" means
                page_withheld = True  # nor does a page make it so ("breast cancer": Z12.31)
            elif relatives is not None and self.systems[d] == icd and relatives(titles, start, end):
                value -= _FAMILY_COST
                page_withheld = True
            elif not sides and any(titles.find(side, start, end) >= 0 for side in _ONE_SIDE):
                page_withheld = True  # a page for one side is not the code for no side
            else:
                page_withheld = False
            if page_withheld and _has_own_page(flags[d]):
                value -= _PAGE_BONUS
            if not sides and not paired and titles.find(b" bilateral ", start, end) >= 0:
                value -= _BILATERAL_UNSAID  # one side is what "inguinal hernia" means
            if other_side is not None:
                if titles.find(_SIDE_WORDS[sides[0]], start, end) >= 0:
                    value += _SIDE_AGREES
                elif any(titles.find(side, start, end) >= 0 for side in other_side):
                    value -= _OTHER_SIDE_COST
            if self.systems[d] == favoured:
                value += favour
            if value > scores.get(d, -1e9):
                scores[d] = value

    def _singular(self, token: str) -> str:
        """The singular of a plural title word, the first of its base forms the titles hold
        ("punctures": puncture; "diseases": disease, not the Greek "diseasis" the word forms
        also offer), else ``token``."""
        if not self._is_plural(token):
            return token
        return next((form for form in base_forms(token) if self._vocab_position(form) is not None),
                    token)

    def _is_plural(self, token: str) -> bool:
        """Whether ``token`` is the plural of a word titles use ("ribs", "injuries")."""
        if len(token) < 4 or not token.endswith("s") or token.endswith(("ss", "us", "is")):
            return False
        singulars = {token[:-1], token[:-2], token[:-3] + "y"}
        return any(form in singulars for form in self._forms(token))

    def _variants(self, tokens: list[str], whole: bool = True
                  ) -> list[tuple[list[str], list[tuple[str, str]], float]]:
        """The query itself and the queries it stands for (:meth:`_readings`).

        A ``whole`` query about a pregnancy that gives its weeks is read also with the
        weeks as their trimester (:func:`weeks_as_trimester`), at ``_TRIMESTER_COST``; a
        partial search's subset of the words is not (its "weeks" may have lost their
        pregnancy). A past amputation is read also as the acquired absence of the part
        (:func:`amputation_history`), a relative's illness as a family history
        (:func:`relative_history`), and a condition after an operation as postprocedural
        (:func:`after_procedure`), each at a cost of its own.

        A query naming where a cancer started as well as its spread (:func:`cancer_spread`)
        is read as its primary and its secondary site: "metastatic breast cancer" is a
        breast cancer first (C50.919), the secondary of an unnamed site after it at
        ``_UNNAMED_SPREAD_COST``, and never the secondary of the breast (C79.81); "breast
        cancer mets to bone" lists both the breast's and the bone's codes.
        """
        combined = hypertension_with(tokens) if whole else None
        if combined is not None:
            pair = (" ".join(tokens), " ".join(combined))
            return [(tokens, [], 0.0), (combined, [pair], 0.0)] + self._readings(tokens)[1:]
        trimester = weeks_as_trimester(tokens) if whole else None
        if trimester is not None:
            weeks = " ".join(t for t in tokens if t not in trimester)
            return self._read_also(tokens, trimester, (weeks, " ".join(trimester)),
                                   _TRIMESTER_COST)
        absent = amputation_history(tokens)
        if absent is not None:
            past = " ".join(t for t in tokens if t not in absent)
            return self._read_also(tokens, absent, (past, " ".join(ACQUIRED_ABSENCE)),
                                   _PAST_AMPUTATION_COST)
        family = relative_history(tokens)
        if family is not None:
            relative = " ".join(t for t in tokens if t not in family)
            return self._read_also(tokens, family, (relative, " ".join(FAMILY_HISTORY)),
                                   _RELATIVE_HISTORY_COST)
        operated = after_procedure(tokens)
        if operated is not None:
            after = " ".join(t for t in tokens if t not in operated)
            return self._read_also(tokens, operated, (after, POSTPROCEDURAL),
                                   _POSTPROCEDURAL_COST)
        plain = cancer_without_course(tokens)
        shape = cancer_spread(plain or tokens)
        if shape is None:
            if plain is None:
                return self._readings(tokens)
            return self._read_also(tokens, plain, (" ".join(tokens), " ".join(plain)),
                                   _COURSE_COST)
        primary, secondary = shape
        cost = _UNNAMED_SPREAD_COST if secondary == UNNAMED_SITE else 0.0
        pair = (next(t for t in tokens if t in SPREAD_WORDS), " ".join(SECONDARY))
        return [(tokens, [], 0.0)] + self._readings(primary) + [
            (variant, [pair, *pairs], penalty + cost)
            for variant, pairs, penalty in self._readings(secondary)]

    def _read_also(self, tokens: list[str], other: list[str], pair: tuple[str, str],
                   cost: float) -> list[tuple[list[str], list[tuple[str, str]], float]]:
        """The readings of ``tokens``, then those of ``other`` (the query read another way,
        shown as ``pair``), each losing ``cost`` more."""
        return self._readings(tokens) + [(variant, [pair, *pairs], penalty + cost)
                                         for variant, pairs, penalty in self._readings(other)]

    def _readings(self, tokens: list[str]) -> list[tuple[list[str], list[tuple[str, str]], float]]:
        """The query itself and the queries its everyday words, abbreviations and brand names
        stand for, with the (phrase, reading) pairs each one used and what it loses against
        the query as typed (:meth:`_penalty`).

        Phrases that do not overlap are read together ("clogged tear duct": "obstruction
        lacrimal duct"); where phrases overlap, the longest wins ("broken hip" over
        "broken"). Readings that replace more phrases come first. A phrase word matches its
        plural or other form ("tarry stools" reads as "tarry stool"), and a two-word phrase
        may have one other word inside it, which is kept ("pulled neck muscle": "strain
        neck"), or be typed the other way round ("thyroid underactive"); a longer phrase may
        have a side inside it ("repair right inguinal hernia"). Among readings of as
        many phrases, those that lose least come first, so the cap of _MAX_VARIANTS keeps them
        (an abbreviation's second meaning no longer crowds out another word's first).
        """
        forms = [(token, *base_forms(token), *self._abbreviation_stem(token)) for token in tokens]
        found: list[tuple[int, int, tuple, list, tuple[str, ...]]] = []
        for i in range(len(tokens)):
            for first in forms[i]:
                for phrase, means in self.synonyms.get(first, ()):
                    n = len(phrase)
                    if any(f[2] == phrase and f[0] == i for f in found):
                        continue
                    if i + n <= len(tokens) and all(
                            _same_word(phrase[k], forms[i + k]) for k in range(1, n)):
                        found.append((i, n, phrase, means, ()))
                    elif n == 2 and i + 3 <= len(tokens) and _same_word(phrase[1], forms[i + 2]):
                        found.append((i, 3, phrase, means, (tokens[i + 1],)))
                    elif n > 2 and i + n + 1 <= len(tokens):
                        side = self._side_inside(phrase, forms[i:i + n + 1])
                        if side is not None:
                            found.append((i, n + 1, phrase, means, (tokens[i + side],)))
            if i + 1 < len(tokens):
                # a two-word phrase typed the other way round ("thyroid underactive")
                for first in forms[i + 1]:
                    for phrase, means in self.synonyms.get(first, ()):
                        if (len(phrase) == 2 and _same_word(phrase[1], forms[i])
                                and not any(f[2] == phrase and f[0] == i for f in found)):
                            found.append((i, 2, phrase, means, ()))
        # A phrase read around another word never displaces one read as typed, unless it is
        # around a side ("repair right inguinal hernia", "rolled right ankle sprain").
        found = [(i, n, phrase, means, kept) for i, n, phrase, means, kept in found
                 if not (kept and len(phrase) == 2 and kept[0] not in _SIDES
                         and any(not other and j < i + n and i < j + m
                                 for j, m, _, _, other in found))]
        # A longer phrase displaces the ones inside it, unless it only names a side: "both"
        # inside "both ears" stays, to be read beside "ears infected" (bilateral otitis media).
        found = [(i, n, phrase, means, kept) for i, n, phrase, means, kept in found
                 if not any(j <= i and i + n <= j + m and m > n and not _names_only_a_side(other)
                            for j, m, _, other, _ in found)]
        found.sort()
        readings: list[list[tuple[int, int, tuple, tuple, int, tuple[str, ...]]]] = [[]]
        for i, n, phrase, means, kept in found:
            grown = []
            for reading in readings:
                if reading and reading[-1][0] + reading[-1][1] > i:
                    continue  # overlaps the phrase before it
                grown.extend(reading + [(i, n, phrase, tuple(meaning), rank, kept)]
                             for rank, meaning in enumerate(means))
            readings.extend(grown[:_MAX_READINGS - len(readings)])
        readings.sort(key=lambda reading: (-len(reading), self._penalty(reading)))
        variants: list[tuple[list[str], list[tuple[str, str]], float]] = [(tokens, [], 0.0)]
        seen = {tuple(tokens)}
        for reading in readings:
            variant, pairs, last = [], [], 0
            for i, n, phrase, meaning, _rank, kept in reading:
                variant += tokens[last:i] + list(meaning) + list(kept)
                # A brand or abbreviation as it is written, else the words as typed.
                typed = tuple(t for t in tokens[i:i + n] if t not in kept)
                known = " ".join(phrase) in self.display_names
                pairs.append((self._display(phrase if known else typed), " ".join(meaning)))
                last = i + n
            variant += tokens[last:]
            if reading and tuple(variant) not in seen and len(variants) < _MAX_VARIANTS:
                seen.add(tuple(variant))
                variants.append((variant, pairs, self._penalty(reading)))
        return variants + self._joined(tokens, seen)

    @staticmethod
    def _side_inside(phrase: tuple[str, ...], forms: list[tuple[str, ...]]) -> int | None:
        """Where a side word stands inside a longer phrase typed around it ("repair right
        inguinal hernia" for "repair inguinal hernia"): the position in ``forms`` (the typed
        words' forms, one more than the phrase has words), or None."""
        for k in range(1, len(phrase)):
            if (forms[k][0] in _SIDES
                    and all(_same_word(phrase[j], forms[j]) for j in range(1, k))
                    and all(_same_word(phrase[j], forms[j + 1]) for j in range(k, len(phrase)))):
                return k
        return None

    def _joined(self, tokens: list[str], seen: set[tuple[str, ...]]
                ) -> list[tuple[list[str], list[tuple[str, str]], float]]:
        """The query with two words typed apart read as the one title word they make ("heart
        burn": heartburn, "long standing": longstanding), at no cost."""
        found = []
        for i in range(len(tokens) - 1):
            joined = tokens[i] + tokens[i + 1]
            variant = tokens[:i] + [joined] + tokens[i + 2:]
            if (len(joined) >= 6 and tuple(variant) not in seen
                    and self._vocab_position(joined) is not None):
                seen.add(tuple(variant))
                found.append((variant, [(f"{tokens[i]} {tokens[i + 1]}", joined)], 0.0))
        return found

    def _abbreviation_stem(self, token: str) -> tuple[str, ...]:
        """The abbreviation a plural stands for ("aks" -> "ak", "utis" -> "uti"), unless the
        plural is itself a common word of the titles or starts a phrase of its own ("dts")."""
        stem = token[:-1]
        if len(token) < 3 or not token.endswith("s") or stem not in self.abbreviations:
            return ()
        at = self._vocab_position(token)
        if token in self.synonyms or (at is not None and self.postings.size(at) >= _COMMON_WORD):
            return ()
        return (stem,)

    def _penalty(self, reading: list[tuple[int, int, tuple, tuple, int, tuple]]) -> float:
        """What a reading of the query loses against the query as typed: 1.5 for everyday
        words read clinically (nothing for a brand name read as its generic: the same drug),
        5 more for each step down a phrase's list of meanings (the first is the usual one;
        the next ones answer only where it finds nothing better) and 1 for each phrase read
        around another word, other than a side ("swollen right eyelid" says all that
        "swollen eyelid" does)."""
        brands = all(" ".join(phrase) in self.brands for _i, _n, phrase, _m, _r, _k in reading)
        return ((0.0 if brands else 1.5) + 5.0 * sum(rank for *_rest, rank, _k in reading)
                + sum(1.0 for *_rest, kept in reading if kept and kept[0] not in _SIDES))

    def _display(self, phrase: tuple[str, ...]) -> str:
        """How a phrase is shown in "also searched": a brand or abbreviation as it is written."""
        joined = " ".join(phrase)
        return self.display_names.get(joined, joined)

    def _abbreviation(self, query: str, tokens: list[str]) -> list[tuple[str, ...]]:
        """The senses of a query that is a curated abbreviation, the most used first.

        A lower-case query that is itself a title word ("all", "bed") is read as that word;
        typed in capitals ("ALL") it is the abbreviation. One marked ``case: exact`` is an
        abbreviation only as written ("PrEP", not "prep").
        """
        senses = self.abbreviations.get(" ".join(tokens))
        if not senses:
            return []
        written = self.exact_case.get(" ".join(tokens))
        if written is not None:
            return list(senses) if query.strip() == written else []
        typed_capitals = any(ch.isupper() for ch in query)
        at = self._vocab_position(tokens[0]) if len(tokens) == 1 else None
        is_word = at is not None and self.postings.size(at) >= 4 * 20
        return list(senses) if typed_capitals or not is_word else []

    def _written_exactly(self, query: str, tokens: list[str]) -> tuple[int, str] | None:
        """Where in ``tokens`` (of more than one word) an abbreviation marked ``case: exact``
        stands as written in ``query`` ("BED" of "BED moderate", not "bed" of "bed rail"), with
        it as written; or None."""
        if len(tokens) < 2:
            return None
        typed = set(re.findall(r"[\w+-]+", query))
        for at, token in enumerate(tokens):
            written = self.exact_case.get(token)
            if written is not None and written in typed and token in self.abbreviations:
                return at, written
        return None

    def corrections_for(self, word: str) -> list[str]:
        """Indexed words nearest to ``word``: edit distance 1 for words of 4-7 letters, 2 for
        longer ones (either the typed word or the indexed word; swapped letters count as one
        edit; in words of 6-7 letters a doubled letter typed single is free: "barets" is
        Barrett's, but "weeker" is not "weber", and so is "f" for "ph": "fantom" is phantom,
        and one letter typed in another place: "athsma" is asthma)."""
        if len(word) < 4 or not word.isalpha():
            return []
        from rapidfuzz.distance import OSA
        from rapidfuzz.process import extract

        limit = 1 if len(word) <= 5 else 2
        found: list[tuple[int, int, str]] = []
        for length in range(len(word) - limit, len(word) + limit + 1):
            choices = self.by_length.get(length)
            if not choices:
                continue
            for choice, distance, _ in extract(word, choices, scorer=OSA.distance,
                                               score_cutoff=limit, limit=None):
                if (distance == 2 and max(len(word), len(choice)) < 8
                        and OSA.distance(word, _DOUBLED.sub(r"\1", choice)) > 1
                        and OSA.distance(word.replace("ph", "f"), choice.replace("ph", "f")) > 1
                        and not _moved_letter(word, choice)):
                    continue
                if choice != word:
                    # ties go to the word used most (as a whole word: "art" starts "artery"),
                    # then to a word search only reads
                    at = self._vocab_position(choice)
                    found.append((distance, -self.postings.size(at) if at is not None else 0,
                                  choice))
        found.sort()
        if not found:
            return []
        best = found[0][0]
        nearest = [choice for distance, _, choice in found if distance == best]
        # the three most used words, and any brand name as near (rarer than "volar", but
        # "xolar" is Xolair)
        return nearest[:3] + [choice for choice in nearest[3:] if choice in self.brands]

    def _unknown_corrected(self, tokens: list[str]) -> list[tuple[list, list]]:
        """Queries with the words that match nothing replaced, all at once, each with the
        corrections it makes (the nearest words first). A word of an everyday phrase the
        query holds is read with its phrase, not corrected ("sees people who aren't there":
        "arent" is no misspelling of "agent")."""
        unknown = [i for i, token in enumerate(tokens) if not self.knows(token)]
        if not unknown:
            return []  # every word known: no phrase reading need be looked for
        phrased = {word for _variant, pairs, _penalty in self._variants(tokens)
                   for phrase, _reading in pairs for word in phrase.split()}
        options = [(i, self.corrections_for(tokens[i])) for i in unknown if tokens[i] not in phrased]
        options = [(i, found) for i, found in options if found]
        if not options:
            return []
        fixed = list(tokens)
        for i, found in options:
            fixed[i] = found[0]
        tried = [(fixed, [(tokens[i], fixed[i]) for i, _ in options])]
        for i, found in options:
            for other in found[1:]:
                query = fixed[:i] + [other] + fixed[i + 1:]
                tried.append((query, [(tokens[j], query[j]) for j, _ in options]))
        return tried

    def _each_corrected(self, tokens: list[str], unknown: list[tuple[list, list]]
                        ) -> list[tuple[list, list]]:
        """Queries with one word replaced on its own ("hart attack": "hart" is a real prefix),
        except words the titles hold whole ("warts" is not a misspelling of "parts"), beside the
        words that match nothing corrected (``unknown``, from :meth:`_unknown_corrected`:
        "diabetis type 2 uncontroled": "uncontroled" only starts a word through its stem)."""
        base, made = unknown[0] if unknown else (tokens, [])
        return [(base[:i] + [other] + base[i + 1:], made + [(token, other)])
                for i, token in enumerate(base) if not self._is_whole_word(token)
                for other in self.corrections_for(token)]

    def _is_whole_word(self, token: str) -> bool:
        """Whether ``token`` or one of its base forms is a whole indexed word (not only the
        start of one, as "hart" starts "hartmann"), or an everyday word search reads on its own
        ("numb": numbness, not "lumb")."""
        return any(self._vocab_position(form) is not None or self._own_readings(form)
                   for form in (token, *base_forms(token)))

    def _own_readings(self, word: str) -> list[tuple[str, ...]]:
        """The readings of ``word``'s own one-word everyday entry ("numb": hypoesthesia), none
        when it only begins longer phrases."""
        return [sense for phrase, means in self.synonyms.get(word, ()) if phrase == (word,)
                for sense in means]

    def knows(self, token: str) -> bool:
        """Whether a word (or a base form of it) starts an indexed word, or starts an everyday
        phrase search knows."""
        return self.matches(token) or token in self.synonyms

    def matches(self, token: str) -> bool:
        """Whether a word (or a base form of it) starts an indexed word: one some code holds,
        not only the first word of an everyday phrase ("hairline" of "hairline fracture")."""
        return bool(self._terms(token))

    def _word_matches(self, query: str, shown=None) -> "_WordAnswer":
        """Scored documents for the words of ``query``.

        A curated abbreviation is read as its senses, the most used first. Otherwise the
        query is tried as typed (with its synonyms); words that match nothing are then
        corrected; if there is still nothing, each word is tried corrected on its own. When
        fewer than PARTIAL_BELOW codes hold every word, the codes holding most of the words
        (rare words weigh more) follow them. With ``shown`` (the test of a listed code),
        only codes it passes count as an answer: a query only retired ICD-9 titles answer
        is corrected or partly matched as one nothing answers. When nothing at all answers,
        a word glued to its number is read apart ("ckd4": ckd 4). A size typed is no word
        (:meth:`_fit_size`).
        """
        measure = _typed_measure(query)
        if measure is not None:
            # the size is not a word to match: the titles whose size range holds it fit
            size, pattern, covers = measure
            answer = self._word_matches(pattern.sub(" ", query), shown)
            self._fit_size(answer.scores, size, covers)
            if answer.partial is not None:
                self._fit_size(answer.partial.scores, size, covers)
            return answer
        typed_bmi = _BMI_VALUE.search(query)
        band = bmi_band(float(typed_bmi[1])) if typed_bmi else None
        if band is not None:
            # a BMI of 40 or more is coded by band, which no title spells with the value; the
            # words a partial match leaves out are told as typed ("42", not "0")
            answer = self._word_matches(
                query[:typed_bmi.start(1)] + band + query[typed_bmi.end(1):], shown)
            if answer.partial is not None:
                banded = set(_query_tokens(band))
                dropped = [t for t in answer.partial.dropped if t not in banded]
                if len(dropped) < len(answer.partial.dropped):
                    dropped.append(typed_bmi[1])
                answer = answer._replace(partial=answer.partial._replace(dropped=tuple(dropped)))
            return answer
        query = _expand_shorthand(query)
        tokens = _query_tokens(query)
        if not tokens:
            return _WordAnswer({}, set(), [], [])
        answer = self._word_answer(query, tokens, shown)
        unglued = self._unglued(tokens)
        if not answer.scores and not (answer.partial and answer.partial.scores) and unglued != tokens:
            # nothing answers the words as typed: a word glued to its number, read apart
            return self._word_answer(query, unglued, shown)
        return answer

    def _word_answer(self, query: str, tokens: list[str], shown) -> "_WordAnswer":
        """Scored documents for ``tokens``, the words of ``query`` (see :meth:`_word_matches`)."""
        senses = self._abbreviation(query, tokens)
        if not senses:
            written = self._written_exactly(query, tokens)
            if written:
                # an abbreviation read only as written, beside other words ("BED moderate"):
                # its senses in its place, when some code holds all the words so read
                at, abbreviation = written
                variants = [(tokens[:at] + list(sense) + tokens[at + 1:],
                             [(abbreviation, " ".join(sense))], 2.0 * i)
                            for i, sense in enumerate(self.abbreviations[tokens[at]])]
                scores, more, synonyms = self._shown(self._score_variants(variants), shown)
                if scores:
                    return _WordAnswer(scores, more, [], synonyms)
        if senses:
            phrase = self._display(tuple(tokens))
            variants = [(list(sense), [(phrase, " ".join(sense))], 2.0 * i)
                        for i, sense in enumerate(senses)]
            variants += [(v, pairs, 2.0 * len(senses) + 8) for v, pairs, _ in self._variants(tokens)[1:]
                         if tuple(v) not in senses]
            scores, more, synonyms = self._shown(self._score_variants(variants), shown)
            if scores:
                self._favour_named(scores, tokens)
                return _WordAnswer(scores, more, [], synonyms, abbreviation=True)
        answer = _WordAnswer({}, set(), [], [])
        if all(self.knows(t) for t in tokens) or len(self._variants(tokens)) > 1:
            scores, more, synonyms = self._shown(self._score_queries([tokens]), shown)
            answer = _WordAnswer(scores, more, [], synonyms)
        unknown = None
        if not answer.scores:
            unknown = self._unknown_corrected(tokens)
            for only_unknown in (True, False):
                # each corrected query on its own; the one whose best code scores most is
                # shown, under the corrections it made ("hart attack": heart, not part); a
                # brand's description naming it does not count here ("malena": melena, not
                # Makena, whose J1726 names it)
                best, best_top = None, 0.0
                tried = unknown if only_unknown else self._each_corrected(tokens, unknown)
                for corrected, corrections in tried:
                    scores, more, synonyms = self._shown(self._score_queries([corrected]), shown)
                    if scores and not only_unknown and len(corrections) > 1 \
                            and max(scores.values()) < _TWO_GUESSES_SCORE:
                        continue  # "cant breathe" is no "cont breath"
                    top = max(scores.values(), default=0.0) - (_BRAND_NAMED_BONUS if any(
                        fixed in self.brands for _typed, fixed in corrections) else 0.0)
                    if scores and (best is None or top > best_top):
                        best, best_top = _WordAnswer(scores, more, corrections, synonyms), top
                if best is not None:
                    answer = best
                    break
        if len(tokens) > 1 and len(answer.scores) + len(answer.more) < PARTIAL_BELOW:
            # the words as corrected, when a correction answered ("fantom limb pain": the codes
            # after the two phantom limb codes lack "phantom", not "fantom")
            read = [dict(answer.corrections).get(t, t) for t in tokens]
            if not answer.scores and unknown:
                # No code holds every word even corrected: the codes holding most of the
                # corrected words ("eustacian tube dysfunction": Eustachian tube)
                read, corrections = unknown[0]
                answer = answer._replace(corrections=corrections)
            answer = answer._replace(partial=self._partial(read, shown))
        if not answer.scores and answer.partial is None:
            # a word that only starts everyday phrases the query does not hold matches nothing
            suggestions = tuple(w for t in tokens if not self.matches(t) for w in self._suggest(t))
            answer = answer._replace(partial=_Partial({}, tuple(tokens), (), suggestions))
        return answer

    def _fit_size(self, scores: dict[int, float], size: float,
                  covers: Callable[[str], tuple[float, float] | None] = title_size_range) -> None:
        """Codes whose title's range (read by ``covers``: a size in cm, or a weight in grams)
        holds ``size`` gain ``_SIZE_FITS``; those whose
        range does not hold it lose ``_SIZE_MISFIT_COST``, and the code of their family whose
        range holds it takes their score, without the gain: it stands where the code it
        replaces stood, not above codes that hold the words and the size themselves
        ("excision lesion 2 cm": 11602, not the shave 11312 standing in for 11310)."""
        titles = self.table.titles
        siblings: dict[int, float] = {}
        for d, value in list(scores.items()):
            covered = covers(titles[d])
            if covered is None:
                if _UNSAID_MEASURE.search(titles[d]):
                    scores[d] = value - _SIZE_FITS  # "..., unspecified weight" of a weight typed
                continue
            if covered[0] <= size <= covered[1]:
                scores[d] = value + _SIZE_FITS
                continue
            scores[d] = value - _SIZE_MISFIT_COST
            # the code of the same family whose range holds the size answers in its place
            # ("excision benign lesion arm 1 cm": 11401 where 11402 held every word)
            for sibling in self._size_family(d):
                fits = covers(titles[sibling])
                if fits is not None and fits[0] <= size <= fits[1]:
                    siblings[sibling] = max(siblings.get(sibling, -math.inf), value)
        for sibling, value in siblings.items():
            if value > scores.get(sibling, -math.inf):
                scores[sibling] = value

    def _size_family(self, doc: int) -> list[int]:
        """The other codes of ``doc``'s system whose code shares its first four characters
        (11600-11606; 12031-12037)."""
        key = code_key(self.codes[doc])
        if len(key) != 5:
            return []
        table, system = self.table, self.systems[doc]
        return [d for d in (table.key_docs[i] for i in table.prefix_range(key[:4]))
                if d != doc and self.systems[d] == system]

    def _unglued(self, tokens: list[str]) -> list[str]:
        """``tokens`` with a word glued to its number written apart ("ckd4" -> "ckd 4"), when
        the glued form starts no indexed word and is no curated abbreviation, and the word
        alone is a whole indexed word or an abbreviation ("nyha3" stays: "nyha" only starts
        Nyhan)."""
        split: list[str] = []
        for token in tokens:
            glued = _GLUED_NUMBER.fullmatch(token)
            if (glued and not self.knows(token) and token not in self.abbreviations
                    and (self._is_whole_word(glued[1]) or glued[1] in self.abbreviations)):
                split += [glued[1], glued[2]]
            else:
                split.append(token)
        return split

    def _favour_named(self, scores: dict[int, float], tokens: list[str]) -> None:
        """Raise the codes one of whose other names is the abbreviation as typed ("iui" is a
        name of 58322 itself, not only a word in S4035's title) by ``_ABBREVIATION_NAMED``."""
        name = f"| {' '.join(tokens)} |".encode()
        aliases, alias_at = self.alias_texts.blob, self.alias_texts.offsets
        for doc in scores:
            if aliases.find(name, alias_at[doc], alias_at[doc + 1]) >= 0:
                scores[doc] += _ABBREVIATION_NAMED

    @staticmethod
    def _shown(found: tuple[dict[int, float], set[int], list], shown
               ) -> tuple[dict[int, float], set[int], list]:
        """``found`` (scores, more, synonyms) with only the documents ``shown`` passes."""
        scores, more, synonyms = found
        if shown is None:
            return found
        scores = {d: value for d, value in scores.items() if shown(d)}
        if not scores or len(more) < PARTIAL_BELOW:
            more = {d for d in more if shown(d)}
        return scores, more, synonyms

    def _weight_parts(self, token: str, tokens: list[str]
                      ) -> tuple[int, bool, list[tuple[list[int], int]], bool]:
        """What :meth:`_weight_held` reads: the codes holding ``token``, and for each phrase it
        starts whose words ``tokens`` hold (in any form), the positions that hold each of its
        words (bit masks) and the number of codes holding its preferred reading.

        An everyday word, abbreviation or brand says as much as its preferred reading: the
        codes holding all of that reading's words, through the phrases it starts that the
        query holds, as :meth:`_variants` reads them ("abdominal wall hernia repair" does not
        make "abdominal" rare in "right lower quadrant abdominal pain"). So "ESRD" (end stage
        renal disease, 19 codes) outweighs "HD" (hemodialysis, 79), though HD's rarer second
        reading, Huntington disease, once made it the heavier word and dropped ESRD first.
        The second value says whether ``token`` starts any phrase at all, the last whether it
        (in any of its forms) is only the beginning of longer words ("loud" of "loudness")."""
        size = self._posting_size(self._terms(token))
        entries = [entry for first in (token, *base_forms(token))
                   for entry in self.synonyms.get(first, ())]
        forms = [(typed, *base_forms(typed)) for typed in tokens]
        phrases = []
        for phrase, means in entries:
            masks = [sum(1 << j for j, held in enumerate(forms) if _same_word(word, held))
                     for word in phrase]
            if means and all(masks):
                phrases.append((masks, len(self._matching(list(means[0])))))
        only_starts = bool(size) and not any(self._held_whole(form) for form in self._forms(token))
        return size, bool(entries), phrases, only_starts

    def _held_whole(self, word: str) -> bool:
        """Whether an indexed word is ``word`` itself or one of its forms ("bugs" for
        "bug"), not only a longer word it begins ("loudness" for "loud")."""
        terms = self._term_range(word)
        return any((self.vocab[t][len(word):] + " ").encode() in _FORM_ENDINGS
                   or len(self.vocab[t]) == len(word) for t in terms[:200])

    def _weight_held(self, token: str, parts: tuple[int, bool, list[tuple[list[int], int]], bool],
                     held: int) -> float:
        """How much ``token`` says (``parts`` from :meth:`_weight_parts`) when only the query
        words at the positions in the bit mask ``held`` are read: rare words more (log inverse
        document frequency); a phrase counts only when those words hold all of it ("burning
        painful" alone is not "painful urination"). A word that titles hold only as the
        beginning of longer words says less than one they hold whole: "he snores really loud"
        keeps "snores" (snoring), not "loud" (loudness balance tests)."""
        size, starts_phrases, phrases, only_starts = parts
        read = None
        # the phrases all of whose words are held, with the codes holding their reading
        read_whole = [(masks, n) for masks, n in phrases if n and all(mask & held for mask in masks)]
        if starts_phrases:
            sizes = [n for _masks, n in read_whole]
            read = min(sizes) if sizes else None
            size = min(sizes + ([size] if size else []) or [len(self)])
        weight = math.log((len(self) + 1) / (size + 1))
        if only_starts and read is None:
            weight *= _ONLY_STARTS_WEIGHT
        # a dose or a count, how it is dosed, or how bad something feels, says little, unless
        # it is read in an everyday phrase that names a few codes ("keeps falling at home":
        # repeated falls), not one that only says how much ("hives all over")
        vague = token in _VAGUE_WORDS and not any(
            len(masks) > 1 and n <= _PHRASE_NAMES_FEW for masks, n in read_whole)
        return (weight * 0.3 if token.isdigit() or vague or token in _DOSING_WORDS
                or _DOSE.fullmatch(token)
                or self._only_a_place(token) else weight)

    def _only_a_place(self, token: str) -> bool:
        """Whether ``token`` is shorthand that only says where, all of its senses place words
        ("LLL": left lower lobe, or lower left eyelid; "RML": middle lobe)."""
        senses = self._place_senses(token)
        return bool(senses) and all(len(sense) > 1 and all(word in _PLACE_SENSE_WORDS for word in sense)
                                    for sense in senses)  # "both" is a side: bilateral

    def _side_named(self, token: str) -> str | None:
        """The side ``token`` names and nothing else ("both": bilateral), or None."""
        if token in _SIDE_WORDS:
            return token
        senses = set(self._place_senses(token))
        if len(senses) == 1:
            sense = next(iter(senses))
            if len(sense) == 1 and sense[0] in _SIDE_WORDS:
                return sense[0]
        return None

    def _side_phrase_rest(self, tokens: list[str]) -> set[int]:
        """Positions in ``tokens`` of the words after the first of an everyday phrase that
        only names a side ("sides" of "both sides")."""
        positions = set()
        for i, token in enumerate(tokens):
            for phrase, means in self.synonyms.get(token, ()):
                if (len(phrase) > 1 and tuple(tokens[i:i + len(phrase)]) == phrase and means
                        and all(len(sense) == 1 and sense[0] in _SIDE_WORDS for sense in means)):
                    positions.update(range(i + 1, i + len(phrase)))
        return positions

    def _place_senses(self, token: str) -> list[tuple[str, ...]]:
        """What shorthand ``token`` stands for on its own: its abbreviation senses and the
        readings of its one-word synonym entry."""
        return [*self.abbreviations.get(token, ()), *self._own_readings(token)]

    def _partial(self, tokens: list[str], keep=None) -> "_Partial | None":
        """Codes holding most of the query's words: the heaviest set of words (by
        :meth:`_weight_held`) that some code holds first, then lighter sets, until there are
        enough codes or _PARTIAL_TRIES sets were tried. With ``keep``, only the codes it
        keeps count (a set of words only retired ICD-9 titles hold is not an answer)."""
        known = [i for i, t in enumerate(tokens) if self.knows(t)]
        if not known:
            return None
        parts = {i: self._weight_parts(tokens[i], tokens) for i in known}
        # A word no title holds that is part of an everyday phrase the query holds ("hasn't"
        # of "testicle hasn't dropped") is read with the phrase; on its own it says nothing.
        phrase_only = {j for i in known for masks, _n in parts[i][2] for mask in masks
                       for j in range(len(tokens)) if mask >> j & 1}.difference(known)
        for j in phrase_only:
            parts[j] = self._weight_parts(tokens[j], tokens)
        known = sorted({*known, *phrase_only})
        # What follows "after", "from", "while" ... tells how it happened ("rolled ankle
        # stepping off curb", "lac to left hand from glass"): the thing itself matters more.
        # (not one inside an everyday phrase begun before it: "sore on foot from diabetes that
        # won't heal"; "after delivery" of "baby blues after delivery" still begins a clause)
        inside = {j for i in known for masks, _n in parts[i][2] for mask in masks
                  for j in range(i + 1, len(tokens)) if mask >> j & 1}
        marker = next((i for i, t in enumerate(tokens)
                       if i and t in _CONTEXT_MARKERS and i not in inside), None)
        if marker is not None:
            known = [i for i in known if i != marker]
        scale = {i: 0.0 if i in phrase_only else 0.3 if marker is not None and i > marker else 1.0
                 for i in known}
        # a lung's lobe says where its side and height are: without the lobe they would name
        # another organ's part ("right upper lobe nodule" is no right breast's upper quadrant)
        lobes = {t for t in tokens if self._names_a_lobe(t)}
        if any(tokens[i] in lobes for i in known):
            for i in known:
                if tokens[i] in _PLACE_WORDS:
                    scale[i] = 0.0
        # the rest of a phrase that names a side says nothing "both" has not said: "flat feet
        # both sides" keeps flat feet (M21.41, M21.42), not the bilateral codes holding "flat"
        for i in self._side_phrase_rest(tokens):
            if i in scale:
                scale[i] = 0.0
        # how long ("cough for 6 weeks", "gestational diabetes 30 weeks", "HA x2 days", "CP x 2
        # hrs") weighs nothing
        for i in range(len(tokens) - 1):
            if _COUNT.fullmatch(tokens[i]) and tokens[i + 1] in _TIME_UNITS:
                counted = (i - 1, i, i + 1) if i and tokens[i - 1] == "x" else (i, i + 1)
                for at in counted:
                    if at in scale:
                        scale[at] = 0.0
        # a brand name names one drug, as nothing else in a query can: held whole its first
        # word weighs at least as the rarest word, and none of its words weighs anything apart
        # from the rest ("L-A" of "Bicillin L-A": "Bicillin L-A strep" is the penicillin shot,
        # not streptococcal arthritis of the left shoulder)
        brands = self._brands_held(tokens)
        brand_of = {j: mask for mask in brands.values()
                    for j in range(len(tokens)) if mask >> j & 1}
        # a word's weight depends only on which of its phrases' words are held
        relevant = dict.fromkeys(known, 0)
        for i in known:
            for masks, _n in parts[i][2]:
                for mask in masks:
                    relevant[i] |= mask
            relevant[i] |= brand_of.get(i, 0)
        # a word of a phrase the query holds is read whole ("bug" of "stomach bug")
        in_phrases = functools.reduce(operator.or_, relevant.values(), 0)
        parts = {i: (*p[:3], p[3] and not in_phrases >> i & 1) for i, p in parts.items()}
        memo: dict[tuple[int, int], float] = {}

        def weight(subset: tuple[int, ...]) -> float:
            held = sum(1 << i for i in subset)
            total = 0.0
            for i in subset:
                key = (i, held & relevant[i])
                if key not in memo:
                    own = self._weight_held(tokens[i], parts[i], held)
                    if i in brand_of:  # a word of a brand name the query holds
                        if brand_of[i] & held != brand_of[i]:
                            own = 0.0  # without the rest of the name
                        elif i in brands:
                            own = max(own, _BRAND_WEIGHT)
                    memo[key] = scale[i] * own
                total += memo[key]
            return total

        if len(known) <= 10:
            subsets = [c for size in range(1, len(known) + 1)
                       for c in itertools.combinations(known, size)]
        else:
            subsets = [c for size in (len(known) - 1, len(known) - 2)
                       for c in itertools.combinations(known, size)]
        subsets = [c for c in subsets if len(c) < len(tokens)]
        subsets.sort(key=lambda c: -weight(c))
        scores: dict[int, float] = {}
        first = self._partial_scores(tokens, subsets[:_PARTIAL_MORE_TRIES], scores, keep)
        if first is None and len(known) > 2:
            # Many words, and none of the heaviest sets of them is in any code: the pairs,
            # then the single words, heaviest first (every known word is in some code, so a
            # query whose words are known never answers nothing).
            fallback = sorted((c for size in (2, 1) for c in itertools.combinations(known, size)),
                              key=lambda c: (-len(c), -weight(c)))
            first = self._partial_scores(tokens, fallback, scores, keep)
        if first is None:
            return None
        kept = tuple(tokens[i] for i in first)
        dropped = tuple(t for i, t in enumerate(tokens) if i not in first)
        sides = [side for side in map(self._side_named, dropped) if side]
        if len(sides) == 1:
            self._steer_to_side(scores, sides[0])
        if lobes.intersection(dropped) and not lobes.intersection(kept):
            self._steer_to_lung(scores)
        return _Partial(scores, dropped, kept)

    def _brands_held(self, tokens: list[str]) -> dict[int, int]:
        """The brand names ``tokens`` hold as typed, in order: where each begins, with a bit
        mask of the positions its words take ("bicillin l" of "bicillin l strep": {0: 0b11})."""
        held = {}
        for at, token in enumerate(tokens):
            longest = max((len(phrase) for phrase, _means in self.synonyms.get(token, ())
                           if " ".join(phrase) in self.brands
                           and tuple(tokens[at:at + len(phrase)]) == phrase), default=0)
            if longest:
                held[at] = ((1 << longest) - 1) << at
        return held

    def _names_a_lobe(self, token: str) -> bool:
        """Whether ``token`` is "lobe" or shorthand for a lung's lobe ("RUL")."""
        return token in _LOBE_WORDS or self._only_a_place(token) and any(
            "lobe" in sense for sense in self._place_senses(token))

    def _steer_to_lung(self, scores: dict[int, float]) -> None:
        """A lung's lobe that no matching code names still tells which codes fit: for "RUL
        nodule" a lung's nodule, not a rheumatoid one."""
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        for d in scores:
            if any(titles.find(word, title_at[d], title_at[d + 1]) >= 0 for word in _LUNG_WORDS):
                scores[d] += _STEER_AGREES

    def _steer_to_side(self, scores: dict[int, float], side: str) -> None:
        """A side that no matching code names still tells which codes fit: for "right
        inguinal hernia" the unilateral codes, not the bilateral ones (nor a left one), and
        where the codes tell one side from both, not the unspecified one either."""
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        if side == "bilateral":
            self._each_side(scores)
            return
        wrong = _SIDES[side] + (b" bilateral ",)
        unilateral = {d for d in scores
                      if titles.find(b" unilateral ", title_at[d], title_at[d + 1]) >= 0}
        for d in scores:
            start, end = title_at[d], title_at[d + 1]
            if any(titles.find(other, start, end) >= 0 for other in wrong):
                scores[d] -= _OTHER_SIDE_COST
            elif d in unilateral:
                scores[d] += _STEER_AGREES
            elif unilateral and titles.find(b" unspecified ", start, end) >= 0:
                # where the codes tell one side from both, a side said is not unspecified
                # ("right vocal fold paresis": J38.01, not J38.00)
                scores[d] -= _SIDE_SAID_UNSPECIFIED_COST

    def _each_side(self, scores: dict[int, float]) -> None:
        """Both sides, where no matching code names both: each side is coded, as the ICD-10-CM
        guidelines say, so a right or left title comes just before its unspecified side's
        ("bunions both feet": M21.611 and M21.612, not M21.619)."""
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        icd = self._system_number("icd10cm")
        unsided = {titles[title_at[d]:title_at[d + 1]]: d for d in scores
                   if self.systems[d] == icd
                   and titles.find(b" unspecified ", title_at[d], title_at[d + 1]) >= 0}
        for d in list(scores):
            if self.systems[d] != icd:
                continue
            title = titles[title_at[d]:title_at[d + 1]]
            for one in _ONE_SIDE:
                sibling = unsided.get(title.replace(one, b" unspecified ", 1)) if one in title else None
                if sibling is not None and scores[sibling] >= scores[d]:
                    scores[d] = scores[sibling] + _SIDE_BEFORE_UNSIDED

    def _partial_scores(self, tokens: list[str], subsets: list[tuple[int, ...]],
                        scores: dict[int, float], keep=None) -> tuple[int, ...] | None:
        """Score the codes holding each set of words in ``subsets`` (positions in ``tokens``)
        into ``scores``, a lighter set's codes after a heavier set's, until 20 codes are
        found (or PARTIAL_BELOW, once _PARTIAL_TRIES sets were tried), quality-measure reporting
        codes after all others unless the query speaks of reporting; return the first set
        that some code (one ``keep`` keeps, if given) holds, or None."""
        first: tuple[int, ...] | None = None
        negated = bool(_NEGATIONS.intersection(tokens))
        context = frozenset(tokens)
        # a reporting code holding more of the words is still not what they describe
        reporting = self._unasked_reporting(tokens)
        last = -1000.0 * (len(subsets) + 1)
        for tries, subset in enumerate(subsets):
            if len(scores) >= 20 or (tries >= _PARTIAL_TRIES and len(scores) >= PARTIAL_BELOW):
                break
            found, _more, _synonyms = self._shown(
                self._score_queries([[tokens[i] for i in subset]], negated, context), keep)
            if not found:
                continue
            if first is None:
                first = subset
            # Codes from a lighter set of words follow those of a heavier set.
            step = -1000.0 * (tries + 1)
            for d, value in found.items():
                scores.setdefault(d, value + step + (last if d in reporting else 0.0))
        if _INJURY_WORDS.intersection(tokens):
            self._causes_after_injury(scores)
        return first

    def _causes_after_injury(self, scores: dict[int, float]) -> None:
        """An external cause (V00-Y99, never a first-listed code) that a partial match listed
        before the best injury or burn code (S00-T34) it found moves to just after that code,
        in the same order; with no such code found, nothing moves."""
        icd, codes, systems_of = self._system_number("icd10cm"), self.codes, self.systems
        injuries = [v for d, v in scores.items() if systems_of[d] == icd and (
            codes[d][0] == "S" or codes[d][0] == "T" and codes[d][1:3] <= "34")]
        if not injuries:
            return
        best = max(injuries)
        causes = sorted((d for d, v in scores.items()
                         if v > best and systems_of[d] == icd and codes[d][0] in "VWXY"),
                        key=lambda d: -scores[d])
        for order, d in enumerate(causes, 1):
            scores[d] = best - 0.001 * order

    def _suggest(self, token: str) -> list[str]:
        """Indexed words that share the longest beginning with ``token`` (most used first)."""
        for length in range(len(token) - 1, 2, -1):
            terms = self._term_range(token[:length])
            if terms:
                near = sorted(terms[:2000], key=lambda t: -self.postings.size(t))[:3]
                return [self.vocab[t] for t in near]
        return []

    def _score_queries(self, queries: list[list[str]], negated: bool = False,
                       context: frozenset[str] = frozenset()
                       ) -> tuple[dict[int, float], set[int], list]:
        """Score the documents each query (and its synonym variants) matches; ``negated``:
        the whole query says "no" or "without"; ``context``: the whole query's words, when
        only some are scored (see :meth:`_score_all`)."""
        return self._score_variants([variant for tokens in queries
                                     for variant in self._variants(tokens, not context)],
                                    negated, context)

    def _score_variants(self, variants: list[tuple[list[str], list[tuple[str, str]], float]],
                        negated: bool = False, context: frozenset[str] = frozenset()
                        ) -> tuple[dict[int, float], set[int], list]:
        """Score the documents each (query words, readings used, penalty) matches.

        A brand name's reading favours HCPCS codes (+3), whose descriptions name the generic,
        and the codes whose description names the brand typed, word for word, in any reading
        ``_BRAND_NAMED_BONUS`` more;
        a query that describes a state of the body ("torn", "inflamed") and names no service
        favours ICD-10-CM codes (+4); one that names a service and no state of the body
        ("hip replacement") takes 2 from them.
        """
        scores: dict[int, float] = {}
        more: set[int] = set()
        synonyms: list[tuple[str, str]] = []
        hcpcs = self._system_number("hcpcs")
        typed = set(variants[0][0]) if variants else set()
        typed_words = tuple(typed)
        plural = any(self._is_plural(token) for token in typed)
        condition, service = bool(typed & _CONDITION_WORDS), bool(typed & _SERVICE_WORDS)
        icd_lean = None  # (system number, points) for ICD-10-CM when the query leans one way
        if condition != service:
            icd_lean = (self._system_number("icd10cm"),
                        _CONDITION_FAVOUR if condition else -_SERVICE_DISFAVOUR)
        # A brand favours HCPCS in every reading, the brand as typed too ("synvisc one" is
        # named in J7325 itself).
        brand = any(pairs and all(" ".join(words(p)) in self.brands for p, _ in pairs)
                    for _variant, pairs, _penalty in variants)
        wholes: set[int] = set()
        for variant, pairs, penalty in variants:
            docs = self._matching(variant)
            if not docs:
                continue
            if pairs and wholes:
                penalty += _TYPED_WHOLE_COST  # the words as typed are a whole title
            synonyms.extend(pair for pair in pairs if pair not in synonyms)
            if len(docs) > SCORE_LIMIT:
                more |= docs
                docs = self._first(variant, docs, SCORE_LIMIT)
            self._score_all(docs, variant, penalty, scores, (hcpcs, 3.0) if brand else icd_lean,
                            plural, typed_words, None if pairs else wholes, negated, context)
        if brand:
            # the brand as typed in a scored code's own description
            brand_names = {f" {' '.join(words(p))} ".encode() for _variant, pairs, _penalty
                           in variants for p, _ in pairs if " ".join(words(p)) in self.brands}
            for doc in scores:
                if self.systems[doc] == hcpcs and self._names_brand(doc, brand_names):
                    scores[doc] += _BRAND_NAMED_BONUS
        return scores, more, synonyms

    def _names_brand(self, doc: int, brand_names: set[bytes]) -> bool:
        """Whether ``doc``'s description names one of the brands typed as whole words, and not
        as the drug it is no equal of (J0701 is cefepime "not therapeutically equivalent to
        Maxipime")."""
        titles, title_at = self.title_texts.blob, self.title_texts.offsets
        start, end = title_at[doc], title_at[doc + 1]
        return any(0 <= (at := titles.find(name, start, end))
                   and titles[max(start, at - len(_UNEQUAL)):at] != _UNEQUAL
                   for name in brand_names)

    # -- the query ---------------------------------------------------------------------------

    def _family(self, exact: list[int], prefix: range, keep,
                upto: int | None) -> tuple[list[int], int, list[tuple[int, str]]]:
        """The exact codes and the codes that start with the query, one system's family after
        another (the exact code's system first, else the system of the lowest code), each in
        code order.

        Returns the documents (only the first ``upto`` when given: the range is then read
        only as far as needed), how many there are in all, and where each further system's
        family starts: (position, system id). ``keep`` (a test of a document, or None) limits
        them to one system or to codes with certain facts.
        """
        key_docs, doc_systems = self.key_docs, self.systems
        if not prefix:
            return list(exact), len(exact), []
        if keep is not None:
            members = [key_docs[i] for i in prefix if keep(key_docs[i])]
            exact_set = set(exact)
            return exact + [d for d in members if d not in exact_set], len(members), []
        first = doc_systems[exact[0]] if exact else doc_systems[key_docs[prefix.start]]
        order = [first] + sorted((n for n in range(len(self.system_ids)) if n != first),
                                 key=self._system_rank)
        docs = list(exact)
        exact_set = set(exact)
        groups: list[tuple[int, str]] = []
        for number in order:
            if upto is not None and len(docs) >= upto:
                break
            labelled = number == first
            for i in prefix:
                d = key_docs[i]
                if doc_systems[d] != number or d in exact_set:
                    continue
                if not labelled:
                    groups.append((len(docs), self.system_ids[number]))
                    labelled = True
                docs.append(d)
                if upto is not None and len(docs) >= upto:
                    break
        return docs, len(prefix), groups

    def _system_rank(self, number: int) -> int:
        """Where a system (by its position in the index) comes in listings."""
        found = systems.get(self.system_ids[number]) if self.system_ids[number] in systems.ids() else None
        return found.rank if found else len(self.system_ids) + number

    def _described_modifiers(self, query: str, keep) -> list[int]:
        """Modifiers a query describes in words beside "modifier" ("separate encounter
        modifier", "drug wastage mod"), best first."""
        tokens = words(query)
        # a modifier written in its dashed form beside other words ("-53 incomplete colonoscopy")
        dashed = dashed_modifiers(query)
        asked = _MODIFIER_WORDS.intersection(tokens)
        if len(tokens) < 2 or not (dashed or asked):
            return []

        def wanted(d: int) -> bool:
            return self._is_modifier(d) and (keep is None or keep(d))

        # a modifier named beside the word and described too ("mod 76 repeat x-ray")
        named = [d for i, t in enumerate(tokens) if len(t) == 2 and t not in _MODIFIER_WORDS
                 and (t in dashed or _MODIFIER_WORDS.intersection(tokens[max(0, i - 1):i + 2]))
                 for d in self.lookup(t.upper()) if wanted(d)]
        if not (named or asked):
            return []
        rest = " ".join(t for t in tokens if t not in _MODIFIER_WORDS)
        answer = self._word_matches(rest)
        scores = {d: v for d, v in answer.scores.items() if wanted(d)}
        if not scores and answer.partial is not None:
            scores = {d: v for d, v in answer.partial.scores.items() if wanted(d)}
        return named + sorted((d for d in scores if d not in named), key=lambda d: (-scores[d], d))

    def _is_modifier(self, doc: int) -> bool:
        """Whether ``doc`` is a CPT or HCPCS modifier (not a two-character heading such as
        ICD-10-CM's chapter 22)."""
        return len(self.codes[doc]) == 2 and self.systems[doc] in self._modifier_systems

    def _modifier_docs(self, query: str) -> list[int]:
        """The modifiers a query asks for by form ("modifier 59", "mod 25", "-RT")."""
        code = modifier_code(query)
        if code is None:
            return []
        return [d for d in self.lookup(code) if self._is_modifier(d)]

    def _not_in_store(self, query: str, exact: list[int], wanted: int | None) -> str | None:
        """The CPT number a query is written as, when this store does not hold it."""
        number = cpt_number(query)
        if number is None or "cpt" not in self.system_ids:
            return None
        cpt = self.system_ids.index("cpt")
        if wanted not in (None, cpt) or any(self.systems[d] == cpt for d in exact):
            return None
        return number

    def _keeper(self, wanted: int | None, facets: int, exclude: frozenset[int] = frozenset()):
        """The test a document must pass to be listed: of system number ``wanted`` (or not of
        a system in ``exclude``) and with the facts of ``facets`` (flag bits: CC and MCC
        either, and HCC) — or None for all."""
        if wanted is None and not facets and not exclude:
            return None
        systems_of, flags = self.systems, self.flags

        def keep(d: int) -> bool:
            return ((wanted is None or systems_of[d] == wanted)
                    and systems_of[d] not in exclude
                    and (not facets or passes(flags[d], facets)))
        return keep

    def search(self, query: str, system: str | None = None, limit: int = 50,
               offset: int = 0, facets: int = 0) -> SearchResult:
        """Search all codes: exact codes first, then code prefixes in code order, then words
        (then, when few codes hold every word, the codes holding most of them).

        A query written as a modifier ("mod 59") lists that modifier first and only
        modifiers after it; a curated abbreviation lists its most used sense first, with
        an exact code of the same letters second. ``total`` counts every match; only
        ``hits`` (``offset`` to ``offset + limit``) are built. ``facets`` (flag bits
        ``FLAG_CC``, ``FLAG_MCC``, ``FLAG_HCC``) keeps only ICD-10-CM codes with those facts.
        """
        query = query[:_MAX_QUERY]
        wanted = self._system_number(system)
        if facets and wanted is None:
            wanted = self._system_number("icd10cm")
        keep = self._keeper(wanted, facets)
        modifiers = self._modifier_docs(query)
        named = named_code(query)
        if modifiers:
            exact, prefix = modifiers, range(0)
        elif named is not None:
            exact, prefix = self._code_matches(named[1])
            exact = [d for d in exact if self.system_ids[self.systems[d]] == named[0]]
            prefix = range(0)
        else:
            exact, prefix = self._code_matches(query)
            # the same characters as a current code and a retired one: the code written as typed
            # first ("250.00" is ICD-9's diabetes, not CPT 25000), else the current code ("e871"
            # is E87.1, hyponatremia, before ICD-9's category E871)
            typed = query.strip().upper()
            exact = sorted(exact, key=lambda d: ("." in typed and self.codes[d].upper() != typed,
                                                 self.systems[d] in self.legacy))
        if keep is not None:
            exact = [d for d in exact if keep(d)]
        # what a listed word match must pass: the filters, else not of a retired code set
        shown = keep if keep is not None or not self.legacy else self._keeper(
            None, 0, exclude=self.legacy)
        answer = self._word_matches(query, shown)
        scores, more = answer.scores, answer.more
        described = [] if modifiers else self._described_modifiers(query, keep)
        if modifiers:
            scores = {d: v for d, v in scores.items() if self._is_modifier(d)}
            more = {d for d in more if self._is_modifier(d)}
        code_docs, code_total, groups = self._family(
            exact, prefix, keep, None if scores or keep is not None else offset + limit)
        seen = set(code_docs)
        ranked = sorted((d for d in scores if d not in seen), key=lambda d: (-scores[d], d))
        rest = more.difference(scores, seen)
        # A retired code set answers by code, or under its own filter; its titles would
        # crowd word searches of every system.
        keep = shown
        if keep is not None:
            ranked = [d for d in ranked if keep(d)]
            rest = {d for d in rest if keep(d)}
        if described:
            listed = set(described)
            ranked = described + [d for d in ranked if d not in listed]
            rest -= listed
        if answer.abbreviation and ranked and not modifiers:
            order = ranked[:1] + code_docs + ranked[1:]
            groups = [(start + 1, system_id) for start, system_id in groups]
        else:
            order = code_docs + ranked
        if offset + limit > len(order) and rest:
            order += sorted(rest)
        total = code_total + len(ranked) + len(rest)
        matched = None
        partial = answer.partial
        if (partial is None and not modifiers and not code_total
                and len(ranked) + len(rest) < PARTIAL_BELOW):
            # The codes holding every word may all be hidden (a retired code set, another
            # system): the codes holding most of the words answer then ("need tetanus": only
            # ICD-9 titles hold both words).
            # a size typed is no word here either ("1.5 cm" is not the words 1 and 5)
            measure = _typed_measure(query)
            tokens = _query_tokens(_expand_shorthand(
                query if measure is None else measure[1].sub(" ", query)))
            if len(tokens) > 1:
                partial = self._partial(tokens, keep)
                if measure is not None:
                    self._fit_size(partial.scores, measure[0], measure[2])
        not_in_store = self._not_in_store(query, exact, wanted)
        # A code prefix that names codes ("E11.31") is answered by those codes alone: its
        # "words" (e11, 31) are not words, and codes holding only "31" are noise.
        lacking: frozenset[int] = frozenset()
        if partial is not None and not modifiers and not not_in_store and not code_total:
            listed = set(order) | rest
            # an active code before a terminated one that holds as many of the words
            # ("JW discarded drug": the JW modifier, not a retired quality code)
            extra = sorted((d for d in partial.scores if d not in listed
                            and (keep is None or keep(d))),
                           key=lambda d: (self._terminated(d), -partial.scores[d], d))
            lacking = frozenset(extra)
            retired = bool(order) and all(map(self._terminated, set(order) | rest))
            active = [d for d in extra[:_ACTIVE_FIRST]
                      if not self._terminated(d)] if retired else []
            if extra or not total:
                matched = WordsMatched(partial.dropped, partial.kept, 0 if active else total,
                                       partial.suggestions, len(active))
            total += len(extra)
            if active:
                # Only retired codes hold every word ("Solu-Medrol 125": J2930, terminated):
                # the active codes holding most of them come first (J2919), then the rest.
                order = active + order + extra[len(active):]
            else:
                order += extra
        hits = [self.hit(d) for d in order[offset:offset + limit]]
        return SearchResult(query, hits, total, answer.corrections, answer.synonyms, matched,
                            not_in_store, groups, lacking)

    def _terminated(self, doc: int) -> bool:
        """Whether document ``doc`` is a terminated code."""
        return bool(self.flags[doc] & FLAG_TERMINATED)


class _Partial(namedtuple("_Partial", "scores dropped kept suggestions", defaults=((),))):
    """Codes that hold some of a query's words (scores by document), and which words."""

    __slots__ = ()


class _WordAnswer(namedtuple("_WordAnswer", "scores more corrections synonyms abbreviation partial",
                              defaults=(False, None))):
    """What the words of a query found: scores by document, more documents, the corrected
    words and synonyms used, whether it was read as an abbreviation, and the partial match
    (a :class:`_Partial`) when no code holds every word."""

    __slots__ = ()
