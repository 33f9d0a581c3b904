"""Groups of codes by code ranges: parsing ranges and finding a code's groups."""

from codetui.codegroups import CodeGroups, parse_range


def test_ranges_parse_and_bad_ranges_are_refused():
    assert parse_range("E0130-E0159") == ("E0130", "E0159")
    assert parse_range("e0100") == ("E0100", "E0100")
    assert parse_range("E0159-E0130") is None
    assert parse_range("E0130-E015") is None
    assert parse_range("A-B-C") is None


def test_a_code_is_found_in_every_group_that_holds_it_and_only_same_length_codes_match():
    groups = CodeGroups([
        {"id": "walkers", "ranges": ["E0130-E0159"]},
        {"id": "seats", "ranges": ["E0156", "E0160-E0179"]},
        {"id": "mods", "ranges": ["AA-AZ"]},
    ])
    assert groups.of("E0130") == ["walkers"]
    assert sorted(groups.of("e0156")) == ["seats", "walkers"]
    assert groups.of("E0180") == []
    assert groups.of("AB") == ["mods"]
    assert groups.of("A") == []
    assert groups.of("E01") == []

