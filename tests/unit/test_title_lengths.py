"""How specific a title counts as (seed.title_lengths): the parts that do not make a code
more specific are left out, and the rules combine."""

from __future__ import annotations

from codetui.seed import denials_spelled, title_lengths, title_words


def _doc(code: str, title: str, parent: str | None = None) -> dict:
    return {"system": "icd10cm", "code": code, "title": title, "parent": parent}


def _lengths(docs: list[dict]) -> list[int]:
    found = title_lengths(docs, title_words(docs))
    return [found[id(doc)] for doc in docs]


def test_without_parts_are_not_specificity():
    plain = _doc("K40.20", "Bilateral inguinal hernia, without obstruction or gangrene, "
                           "not specified as recurrent")
    complicated = _doc("K40.11", "Bilateral inguinal hernia, with gangrene, recurrent")
    assert _lengths([plain, complicated]) == [3, 6]  # "with" counts; "without ..." does not


def test_seventh_characters_tie_when_the_parent_title_has_a_without_part():
    """O69.81's title ends "without compression"; its 7th characters add the fetus. All of
    them count as long as the parent (the without part left out), so code order decides."""
    parent = _doc("O69.81", "Labor and delivery complicated by cord around neck, without compression")
    unspecified = _doc("O69.81X0", parent["title"] + ", not applicable or unspecified", "O69.81")
    fetus = _doc("O69.81X1", parent["title"] + ", fetus 1", "O69.81")
    lengths = _lengths([parent, unspecified, fetus])
    assert lengths[1] == lengths[2] == lengths[0]


def test_accidental_intent_is_the_default_of_a_poisoning():
    """A poisoning whose intent is not stated is coded as accidental (guideline I.C.19.e.5.b):
    "accidental (unintentional)" does not make a title more specific than "assault"."""
    accidental = _doc("T39.011", "Poisoning by aspirin, accidental (unintentional)")
    assault = _doc("T39.013", "Poisoning by aspirin, assault")
    assert _lengths([accidental, assault]) == [2, 3]


def test_not_intractable_and_nec_parts_are_defaults():
    """A headache not said to be intractable is coded as not intractable; "not elsewhere
    classified" adds nothing; "not including thumb" does restrict the code, so it counts."""
    plain = _doc("G44.009", "Cluster headache syndrome, unspecified, not intractable")
    intractable = _doc("G44.001", "Cluster headache syndrome, unspecified, intractable")
    stiff = _doc("M25.669", "Stiffness of unspecified knee, not elsewhere classified")
    fingers = _doc("S62.609A", "Fracture of unspecified phalanx of finger, not including thumb")
    assert _lengths([plain, intractable, stiff]) == [3, 4, 2]
    assert _lengths([fingers])[0] > 3


def test_current_injury_is_the_default_of_a_tear():
    """An injury code's tear is current unless said to be old (M23.2-), so "current injury"
    does not make S83.222A longer than the old tear's derangement code."""
    current = _doc("S83.222", "Peripheral tear of medial meniscus, current injury, left knee")
    assert _lengths([current]) == [6]


def test_an_hcpcs_includes_part_lists_contents_not_a_variant():
    crutches = {"system": "hcpcs", "code": "E0110", "parent": None,
                "title": "Crutches, forearm, includes crutches of various materials, "
                         "adjustable or fixed, pair, complete with tips and handgrips"}
    without = dict(crutches, code="X", title="Crutches, forearm, adjustable or fixed, pair, "
                                             "complete with tips and handgrips")
    assert _lengths([crutches, without]) == _lengths([without, without])


def test_an_excludes_part_is_not_specificity():
    reference = {"system": "hcpcs", "code": "J9355", "parent": None,
                 "title": "Injection, trastuzumab, excludes biosimilar, 10 mg"}
    assert _lengths([reference]) == [4]  # injection, trastuzumab, 10, mg


def test_unspecified_as_and_unspecified_whether_parts_are_defaults():
    sbo = _doc("K56.609", "Unspecified intestinal obstruction, unspecified as to partial "
                          "versus complete obstruction")
    pedal = _doc("V19.9XXA", "Pedal cyclist (driver) (passenger) injured in unspecified "
                             "traffic accident, unspecified whether traffic or nontraffic")
    assert _lengths([sbo])[0] == 2
    assert _lengths([pedal])[0] < _lengths([dict(pedal, title=pedal["title"].replace(
        ", unspecified whether", ", whether"))])[0]


def test_nonessential_modifiers_in_parentheses_are_not_specificity():
    """"(congestive)" is a nonessential modifier: I50.23 is no longer than I50.813; a block's
    code range in parentheses is not a modifier, and it still counts."""
    systolic = _doc("I50.23", "Acute on chronic systolic (congestive) heart failure")
    right = _doc("I50.813", "Acute on chronic right heart failure")
    block = _doc("E08-E13", "Diabetes mellitus (E08-E13)")
    assert _lengths([systolic, right]) == [5, 5]
    assert _lengths([block])[0] > 2


def test_common_inline_without_parts_are_defaults_but_not_every_without():
    """ "Acute pancreatitis without necrosis or infection" is what acute pancreatitis means
    (two words, as "Cytomegaloviral pancreatitis"), and a laceration "without foreign body"
    is the plain laceration; "Hyperuricemia without signs of inflammatory arthritis ..."
    keeps its words, which a query for arthritis must not take for the whole title."""
    acute = _doc("K85.90", "Acute pancreatitis without necrosis or infection, unspecified")
    viral = _doc("B25.2", "Cytomegaloviral pancreatitis")
    cut = _doc("S61.412", "Laceration without foreign body of left hand")
    uric = _doc("E79.0", "Hyperuricemia without signs of inflammatory arthritis and tophaceous disease")
    assert _lengths([acute, viral, cut, uric]) == [2, 2, 3, 6]


def test_a_donors_blood_is_the_default_transfusion():
    """A PCS transfusion of "Nonautologous" platelets (from a donor) is the usual one; the
    word does not make it more specific than the autologous code."""
    def pcs(code: str, title: str) -> dict:
        return {"system": "icd10pcs", "code": code, "title": title, "parent": None}
    donor = pcs("30233R1", "Transfusion of Nonautologous Platelets into Peripheral Vein, Percutaneous Approach")
    own = pcs("30233R0", "Transfusion of Autologous Platelets into Peripheral Vein, Percutaneous Approach")
    assert _lengths([donor, own]) == [5, 6]


def test_other_of_the_headings_own_condition_is_its_default_code():
    """"Other muscle spasm" (M62.838) under the heading "Muscle spasm" is the code for a
    muscle spasm with nothing more said (the Index's code); "other" does not make it more
    specific than the heading. An "Other ..." title that adds words keeps them."""
    heading = _doc("M62.83", "Muscle spasm")
    other = _doc("M62.838", "Other muscle spasm", "M62.83")
    back = _doc("M62.830", "Muscle spasm of back", "M62.83")
    ascites = _doc("R18", "Ascites")
    other_kind = _doc("R18.8", "Other ascites", "R18")
    wider = _doc("R18.9", "Other ascites of newborn", "R18")  # not a real code: the rule's edge
    assert _lengths([heading, other, back, ascites, other_kind, wider]) == [2, 2, 3, 1, 1, 3]


def test_a_without_list_closed_by_and_is_default_to_its_end():
    """The dementia titles deny four things in one list ("without behavioral disturbance,
    psychotic disturbance, mood disturbance, and anxiety"): all four are the default, as
    the first is, and a "without ..., or with ..." part is no such list."""
    moderate = _doc("F03.B0", "Unspecified dementia, moderate, without behavioral disturbance, "
                              "psychotic disturbance, mood disturbance, and anxiety")
    anxious = _doc("F03.B4", "Unspecified dementia, moderate, with anxiety")
    coma = _doc("R40.2440", "Other coma, without documented Glasgow coma scale score, or with "
                            "partial score reported, unspecified time")
    assert _lengths([moderate, anxious]) == [2, 4]  # "unspecified" is a filler
    assert _lengths([coma])[0] > 3


def test_each_item_of_a_without_list_is_spelled_as_denied():
    """The search index reads a word as denied right after "without" (or second after it), so
    the list's later items are written with their own "without"."""
    assert denials_spelled("Vascular dementia, mild, without behavioral disturbance, psychotic "
                           "disturbance, mood disturbance, and anxiety") == (
        "Vascular dementia, mild, without behavioral disturbance, without psychotic "
        "disturbance, without mood disturbance, without anxiety")
    untouched = "Other coma, without documented Glasgow coma scale score, or with partial score reported"
    assert denials_spelled(untouched) == untouched
