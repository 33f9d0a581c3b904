"""The registry's code comparison."""

from codetui import systems
from codetui.systems import code_key


def test_invisible_format_characters_do_not_change_a_code():
    assert code_key("I21.9\u200b") == code_key("\ufeffi21.9") == code_key("I2\u00ad1\u200e9") == "I219"


def test_the_four_systems_are_registered_in_display_order():
    assert systems.ids() == ("cpt", "hcpcs", "icd10cm", "icd10pcs")
    assert systems.badge("icd10pcs") == "ICD-10-PCS"
    assert systems.get("icd10cm").code_pattern.match("S06.0X0A")
