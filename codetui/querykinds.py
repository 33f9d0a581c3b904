"""Queries that name a thing by its form: a modifier ("mod 59", "-RT"), a CPT number, a
cancer named with its spread or its stage ("metastatic breast cancer", "stage 4 lung cancer"),
a pregnancy's weeks ("preterm labor 32 weeks": the third trimester), hypertension with chronic
kidney disease or heart failure (one combination code), a condition after an operation
("hypothyroid after thyroidectomy": postprocedural), a past amputation ("history of right
great toe amputation": the toe's acquired absence), a relative's illness ("mom had colon
cancer": a family history)."""

from __future__ import annotations

import re

_MODIFIER = re.compile(
    r"^\s*(?:(?:modifier|mod)\.?\s*[-#:]?\s*(?P<a>[a-z0-9]{2})|-\s*(?P<b>[a-z0-9]{2})"
    r"|(?P<c>[a-z0-9]{2})\s*-?\s*(?:modifier|mod))\s*$", re.IGNORECASE)
#: A modifier in its dashed form as a word of a longer query ("-53 incomplete colonoscopy").
_DASHED_MODIFIER = re.compile(r"(?:^|\s)-([a-z0-9]{2})(?=\s|$)", re.IGNORECASE)
#: A CPT code's form: five digits (47542), or four digits and F, T or U (0001F, 0042T, 0001U).
_CPT_NUMBER = re.compile(r"^\s*([0-9]{4}[0-9FTU])\s*$", re.IGNORECASE)


_NAMED_CODE = re.compile(
    r"^\s*(?P<system>cpt|hcpcs|icd-?10-?pcs|pcs|icd-?10-?cm|icd-?10|icd)(?:\s+code)?\s*[:#]?\s*"
    r"(?P<code>[a-z0-9][a-z0-9.]{1,7})\s*$", re.IGNORECASE)
_SYSTEM_WORDS = {"cpt": "cpt", "hcpcs": "hcpcs", "pcs": "icd10pcs", "icd10pcs": "icd10pcs",
                 "icd10cm": "icd10cm", "icd10": "icd10cm", "icd": "icd10cm"}


def named_code(query: str) -> tuple[str, str] | None:
    """(system id, code) of a query that names its system before a code ("CPT 97110",
    "icd-10 E11.9", "hcpcs: E0601"), or None."""
    match = _NAMED_CODE.match(query)
    if match is None or not any(ch.isdigit() for ch in match.group("code")):
        return None
    system = _SYSTEM_WORDS[match.group("system").lower().replace("-", "")]
    return system, match.group("code")


def modifier_code(query: str) -> str | None:
    """The modifier a query asks for ("modifier 59", "mod 25", "-RT", "XS modifier"), or None."""
    match = _MODIFIER.match(query)
    if match is None:
        return None
    return next(group for group in match.groups() if group).upper()


def dashed_modifiers(query: str) -> frozenset[str]:
    """The modifiers written in their dashed form among a query's words ("-53 incomplete
    colonoscopy" -> {"53"}), lower case as search words are."""
    return frozenset(code.lower() for code in _DASHED_MODIFIER.findall(query))


def cpt_number(query: str) -> str | None:
    """The CPT code a query is written as (``25600``, ``0042t`` -> ``0042T``, ``CPT 25600``),
    or None."""
    named = named_code(query)
    if named is not None:
        if named[0] != "cpt":
            return None
        query = named[1]
    match = _CPT_NUMBER.match(query)
    return match.group(1).upper() if match else None


def not_in_store_message(code: str) -> str:
    """What codetui says about a CPT number it does not hold."""
    return (f"CPT {code}: not in codetui's curated CPT set; import your licensed CPT file "
            "(codetui import cpt) to see its official descriptor")


#: Words that say a cancer has spread, and the nouns that name a cancer; of them, the ones
#: that name where it started too ("metastatic melanoma" is a melanoma that has spread).
SPREAD_WORDS = frozenset({"metastatic", "metastasis", "metastases", "metastasized", "metastasised",
                     "mets", "met", "spread"})
_CANCER = frozenset({"cancer", "cancers", "ca", "carcinoma", "adenocarcinoma", "malignancy",
                     "tumor", "tumour", "neoplasm", "melanoma", "sarcoma", "nsclc", "sclc",
                     "hcc", "rcc", "crc"})
_CANCER_OF_ITS_OWN = frozenset({"melanoma", "sarcoma", "nsclc", "sclc", "hcc", "rcc", "crc"})
_SIDES = frozenset({"right", "left", "bilateral", "rt", "lt"})
#: Where cancers spread to, rarely start: "metastatic bone (brain) cancer" names the
#: secondary site (the liver is left out: its own C22.9 is "not specified as primary or secondary").
_SPREAD_SITES = frozenset({"bone", "bones", "brain", "adrenal"})
#: Words of a cancer's stage, course or cell type, which ICD-10-CM's site codes do not say
#: ("stage 4 lung cancer", "recurrent ovarian cancer", "invasive ductal carcinoma of the
#: breast" are C34.90, C56.9 and C50.91-); a stage's number follows "stage".
_COURSE = frozenset({"recurrent", "recurrence", "relapsed", "relapse", "refractory", "advanced",
                     "locally", "invasive", "aggressive", "terminal", "newly", "diagnosed",
                     "early", "late", "stage", "staged", "grade", "ductal", "lobular"})
_STAGE = re.compile(r"^(?:[0-4]|zero|one|two|three|four|i{1,3}|iv|0)[abc]?$")
#: What the secondary site is read as: the titles of secondary cancers.
SECONDARY = ["secondary", "malignant", "neoplasm"]
#: The secondary when no site is named: C79.9.
UNNAMED_SITE = SECONDARY + ["unspecified", "site"]


def cancer_spread(tokens: list[str]) -> tuple[list[str], list[str]] | None:
    """(primary cancer, secondary site) read from the search words of a query that names
    where a cancer started as well as its spread, or None.

    "metastatic breast cancer" is a breast cancer that has spread: its primary is the
    breast, its secondary site unnamed (``UNNAMED_SITE``). "breast cancer mets to bone",
    "lung ca with brain mets", "metastatic colon cancer to liver" and "bone mets from
    breast cancer" name both. A query naming only the spread ("bone mets", "metastatic
    cancer") is not this shape: there the secondary site is the whole answer.
    """
    spread = next((i for i, t in enumerate(tokens) if t in SPREAD_WORDS), None)
    cancer = next((i for i, t in enumerate(tokens) if t in _CANCER), None)
    if spread is None or cancer is None:
        return None
    if cancer < spread:
        # "breast cancer (with) mets (to) bone", "lung ca with brain mets"; "cancer spread to
        # my liver" names no primary
        if cancer == 0 and tokens[0] not in _CANCER_OF_ITS_OWN:
            return None
        site = [t for t in tokens[cancer + 1:spread] + tokens[spread + 1:]
                if t not in ("with", "w")]
        return tokens[:cancer + 1], (SECONDARY + site if site else list(UNNAMED_SITE))
    if "from" in tokens[spread + 1:cancer]:
        # "bone mets from breast cancer", "mets to brain from lung ca"
        start = tokens.index("from", spread + 1)
        site = [t for i, t in enumerate(tokens[:start]) if i != spread]
        return tokens[start + 1:], SECONDARY + site
    if tokens[spread] != "metastatic" or (cancer == spread + 1
                                          and tokens[cancer] not in _CANCER_OF_ITS_OWN):
        return None  # "metastatic cancer", "mets breast cancer": no primary site named
    if set(tokens[spread + 1:cancer]) & _SPREAD_SITES:
        return None  # "metastatic bone cancer" is a spread to the bone (C79.51)
    # "metastatic breast cancer", "metastatic colon cancer (to) liver"
    site = tokens[cancer + 1:]
    if site and not set(site) <= _SIDES:
        return tokens[:spread] + tokens[spread + 1:cancer + 1], SECONDARY + site
    return tokens[:spread] + tokens[spread + 1:], list(UNNAMED_SITE)


def cancer_without_course(tokens: list[str]) -> list[str] | None:
    """The search words of a query naming a cancer without the words of its stage or course
    ("stage 4 lung cancer" -> "lung cancer"), or None when it names no cancer or no such
    word. The diagnosis codes do not say them; the quality codes that do are not the
    diagnosis."""
    if not _CANCER.intersection(tokens) or "situ" in tokens:
        return None  # a cancer in situ has its own codes, by cell type ("lobular", D05.0-)
    for i in range(len(tokens) - 1):
        if tokens[i] == "stage" and tokens[i + 1] in ("0", "zero"):
            # stage 0 is a carcinoma in situ ("stage 0 breast cancer": D05.9-)
            return [t for j, t in enumerate(tokens) if j not in (i, i + 1)
                    and t not in _CANCER] + ["carcinoma", "situ"]
    kept = [t for i, t in enumerate(tokens) if t not in _COURSE and not (
        i and tokens[i - 1] in ("stage", "grade") and _STAGE.match(t))]
    return kept if len(kept) < len(tokens) else None


#: A pregnancy's length as typed: "32 weeks", "32 wks", "32wks", "39w"; and the trimesters
#: ICD-10-CM counts (first: under 14 weeks; second: 14 to under 28; third: 28 on).
_WEEKS = re.compile(r"^(\d{1,2})(?:w|wk|wks|week|weeks)?$")
_WEEK_WORDS = frozenset({"w", "wk", "wks", "week", "weeks"})
_TRIMESTERS = ((14, "first"), (28, "second"), (43, "third"))


#: Words that say a query is about a pregnancy, so that its weeks are a gestation's.
_PREGNANCY = frozenset({
    "pregnant", "pregnancy", "gestation", "gestational", "preterm", "labor", "labour", "ptl",
    "pprom", "prom", "iup", "prenatal", "antepartum", "ob", "obstetric", "contractions", "ga",
    "previa", "preeclampsia", "eclampsia", "hyperemesis", "placenta", "placental", "fetal",
    "fetus", "amniotic", "membranes", "gravida", "trimester", "pih", "ivf", "twin", "twins",
    "hellp", "rh", "isoimmunization", "alloimmunization", "sensitized", "sensitization",
    "oligohydramnios", "polyhydramnios", "iugr", "fgr", "gdm", "cerclage", "abruption",
    "breech", "antenatal", "maternal", "gravid", "primigravida", "multigravida"})
_GRAVIDA = re.compile(r"^g\d+(?:p\d+)?$")
#: Words that say only that someone is pregnant: with the weeks, the query is Z3A's.
_ONLY_PREGNANT = frozenset({"pregnant", "pregnancy", "gestation", "iup", "ga", "currently"})


def weeks_as_trimester(tokens: list[str]) -> list[str] | None:
    """The search words of a query about a pregnancy that gives its weeks beside other words,
    with the weeks read as their trimester ("preterm labor 32 weeks" -> "preterm labor third
    trimester", O60.03), or None. The weeks alone ("32 weeks") are Z3A's, as typed."""
    if not any(t in _PREGNANCY or _GRAVIDA.match(t) for t in tokens):
        return None
    for i, token in enumerate(tokens):
        match = _WEEKS.match(token)
        if match is None:
            continue
        joined = match.group(0) != match.group(1)
        if not joined and (i + 1 == len(tokens) or tokens[i + 1] not in _WEEK_WORDS):
            continue
        weeks = int(match.group(1))
        end = i + 1 if joined else i + 2
        rest = [t for t in tokens[:i] + tokens[end:] if t not in _ONLY_PREGNANT]
        if not 4 <= weeks <= 42 or not rest:
            return None  # "pregnant 12 weeks" is Z3A.12
        trimester = next(name for limit, name in _TRIMESTERS if weeks < limit)
        # "G2P1" (gravida and para) is in no title
        return [t for t in tokens[:i] + [trimester, "trimester"] + tokens[end:]
                if not _GRAVIDA.match(t)]
    return None


_HYPERTENSION = frozenset({"htn", "hypertension", "hypertensive"})
_HEART_FAILURE = frozenset({"chf", "hf", "hfref", "hfpef", "hfmref", "chfref"})
_STAGE_5 = frozenset({"esrd", "eskd", "dialysis", "5", "five", "v"})
#: The combination codes' titles, as search words: hypertensive CKD (I12.-), heart disease
#: with heart failure (I11.0), both (I13.-); stage 5 or ESRD chooses I12.0 and I13.2.
_HYPERTENSIVE_CKD = ["hypertensive", "chronic", "kidney", "disease"]
_STAGES_1_TO_4 = ["stage", "1", "through", "stage", "4"]
_STAGE_5_TITLE = ["stage", "5", "end", "stage", "renal", "disease"]


def hypertension_with(tokens: list[str]) -> list[str] | None:
    """The combination code's title words for a query naming hypertension with chronic
    kidney disease or heart failure ("HTN with CKD stage 3" -> hypertensive chronic kidney
    disease, I12.9), or None. The guidelines presume the link: the combination code comes
    first, the stage of the kidney disease (N18.-) or the type of heart failure (I50.-)
    beside it."""
    said = set(tokens)
    if not _HYPERTENSION & said or {"without", "no"} & said:
        return None  # "HTN without heart failure" is I11.9's, not the combination
    kidney = bool({"ckd", "esrd", "eskd"} & said) or (
        bool({"kidney", "renal"} & said) and bool({"chronic", "disease", "failure"} & said))
    heart = bool(_HEART_FAILURE & said) or {"heart", "failure"} <= said
    stage = _STAGE_5_TITLE if _STAGE_5 & said else _STAGES_1_TO_4
    if kidney and heart:
        return ["hypertensive", "heart", "chronic", "kidney", "disease", "heart", "failure",
                *stage]
    if kidney:
        return [*_HYPERTENSIVE_CKD, *stage]
    if heart:
        return ["hypertensive", "heart", "disease", "heart", "failure"]
    return None


#: Words that say what follows happened before ("after", "post" of "post op"), and the words
#: and endings that name an operation.
_AFTER = frozenset({"after", "post", "following"})
_ARTICLES = frozenset({"a", "an", "the", "my", "his", "her", "their", "recent"})
_OPERATION = frozenset({"surgery", "surgeries", "operation", "op", "procedure", "surg",
                        "line", "placement", "insertion", "biopsy", "catheterization"})
_OPERATION_ENDINGS = ("ectomy", "ectomies", "otomy", "ostomy", "plasty", "pexy", "scopy",
                      "rrhaphy")
#: One word for "after an operation".
_AFTER_OPERATION = frozenset({"postop", "postoperative", "postsurgical", "postsurg"})
#: How ICD-10-CM's titles say it ("Postprocedural hypothyroidism", E89.0).
POSTPROCEDURAL = "postprocedural"


def after_procedure(tokens: list[str]) -> list[str] | None:
    """The search words of a query naming a condition after an operation, with the operation
    read as ICD-10-CM's "postprocedural" ("hypothyroid after thyroidectomy" -> "hypothyroid
    postprocedural", E89.0; "fever post op" -> R50.82), or None. The titles name the
    operation rarely; the condition and "postprocedural" are what they hold."""
    for i, token in enumerate(tokens):
        if token in _AFTER_OPERATION:
            rest = tokens[:i] + tokens[i + 1:]
            return rest[:i] + [POSTPROCEDURAL] + rest[i:] if rest else None
        if token not in _AFTER:
            continue
        j = i + 1
        while j < len(tokens) and tokens[j] in _ARTICLES:
            j += 1
        # the operation's word, or one word naming what it was done on ("central line",
        # "liver biopsy")
        for k in (j, j + 1):
            if k < len(tokens) and (tokens[k] in _OPERATION
                                    or tokens[k].endswith(_OPERATION_ENDINGS)):
                rest = tokens[:i] + tokens[k + 1:]
                return rest[:i] + [POSTPROCEDURAL] + rest[i:] if rest else None
    return None


#: Words that say an amputation is in the past, and the amputations as the titles of acquired
#: absence (Z89.-) name what is missing ("below knee amputation": "leg below knee").
_PAST = frozenset({"history", "hx", "h/o", "s/p", "status", "post", "prior", "previous", "old",
                   "past"})
_AMPUTATION = {"amputation": [], "amputations": [], "amputated": [], "amputee": [],
               "bka": ["leg", "below", "knee"], "aka": ["leg", "above", "knee"]}
_PAST_FILLER = frozenset({"of", "a", "an", "the", "with"})
ACQUIRED_ABSENCE = ["acquired", "absence"]


def amputation_history(tokens: list[str]) -> list[str] | None:
    """The search words of a query naming a past amputation, read as the acquired absence of
    the part (Z89.-): "history of right great toe amputation" -> "acquired absence right great
    toe" (Z89.411), "s/p left bka" -> "acquired absence left leg below knee", or None. The
    amputation itself (S-codes, procedures) is the answer only when it is not in the past."""
    said = [i for i, t in enumerate(tokens) if t in _PAST]
    # "s/p" is searched as "s p"
    for i in range(len(tokens) - 1):
        if tokens[i:i + 2] == ["s", "p"]:
            said += [i, i + 1]
    at = next((i for i, t in enumerate(tokens) if t in _AMPUTATION), None)
    if not said or at is None:
        return None
    part = [t for i, t in enumerate(tokens)
            if i != at and i not in said and t not in _PAST_FILLER]
    return ACQUIRED_ABSENCE + part + _AMPUTATION[tokens[at]]


#: A relative, and the words that say the relative had the condition ("mom had colon cancer").
_RELATIVES = frozenset({"mom", "mother", "dad", "father", "parent", "parents", "sister",
                        "brother", "sibling", "siblings", "son", "daughter", "grandmother",
                        "grandma", "grandfather", "grandpa", "aunt", "uncle"})
_RELATIVE_HAD = frozenset({"had", "has", "with", "hx"})
FAMILY_HISTORY = ["family", "history"]


def relative_history(tokens: list[str]) -> list[str] | None:
    """The search words of a query naming a relative's illness, read as a family history:
    "mom had colon cancer" -> "family history colon cancer" (Z80.0), or None. The titles
    (Z80-Z84) name the family, never the relative."""
    for i in range(len(tokens) - 2):
        if tokens[i] in _RELATIVES and tokens[i + 1] in _RELATIVE_HAD:
            return FAMILY_HISTORY + tokens[:i] + tokens[i + 2:]
    return None
