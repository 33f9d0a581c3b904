"""The registry's code comparison."""

from codetui import systems
from codetui.systems import code_key


def test_invisible_format_characters_do_not_change_a_code():
    assert code_key("I21.9\u200b") == code_key("\ufeffi21.9") == code_key("I2\u00ad1\u200e9") == "I219"


def test_the_systems_are_registered_in_display_order():
    assert systems.ids() == ("cpt", "hcpcs", "icd10cm", "icd10pcs", "icd9cm", "icd9proc")
    assert systems.badge("icd10pcs") == "ICD-10-PCS"
    assert [s.id for s in systems.all_systems() if s.legacy] == ["icd9cm", "icd9proc"]
    assert systems.get("icd10cm").code_pattern.match("S06.0X0A")
