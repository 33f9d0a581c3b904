"""The fast YAML path builds exactly what PyYAML's safe loader builds, or hands the text over."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from codetui.sources import LINE, _LINE_KEYS, _LineLoader, load_yaml
from codetui.yamlfast import NotPlain, load_plain

REPO = Path(__file__).resolve().parents[2]

SCALARS = """\
bools: [true, True, false, yes, no, on, off, y, n]
nulls: [null, ~, Null, '']
empty:
numbers: [0, -7, 0o17, 017, 0x1F, 1_000, 3.5, 1e3, .inf, -.Inf, .nan, 190:20:30]
dates: [2026-12-01, 2026-12-01 10:20:30, 2026-12-01T10:20:30Z]
quoted: ["true", 'null', "12", '2026-12-01', "a: b", 'it''s']
plain: [K80.20, 0DTJ4ZZ, E0156, "47542", 47542, I21.9, "-RT", word with spaces]
block: |
  first line
    kept indent
folded: >
  one
  two
flow: {a: 1, b: [x, {c: d}]}
nested:
  - code: A00
    title: Cholera
    sections: [{heading: Notes, items: [one, two]}]
  - - inner
    - list
"""


def test_scalars_and_collections_match_the_safe_loader():
    assert load_plain(SCALARS) == yaml.safe_load(SCALARS)
    assert repr(load_plain(SCALARS)) == repr(yaml.safe_load(SCALARS))  # 1 and True differ here


def test_an_empty_text_is_none_as_with_the_safe_loader():
    assert load_plain("") is None
    assert load_plain("# only a comment\n") is None
    assert load_plain("just text") == "just text"


def test_a_mapping_with_a_line_key_gets_its_first_line():
    text = "entries:\n  - code: A00\n    title: x\n\n  - table: 0DT\n  - other: 1\n"
    fast = load_plain(text, _LINE_KEYS, LINE)
    assert fast == yaml.load(text, Loader=_LineLoader)
    assert [entry.get(LINE) for entry in fast["entries"]] == [2, 5, None]
    assert list(fast["entries"][0]) == ["code", "title", LINE]


@pytest.mark.parametrize("text", [
    "a: &x [1]\nb: *x\n",            # anchor and alias
    "a: !!str 12\n",                 # explicit tag on a scalar
    "a: !!map {b: 1}\nc: !custom x\n",
    "base: {a: 1}\nmore:\n  <<: {b: 2}\n",  # merge key
    "a: 1\na: 2\n",                  # a key given twice
    "? [a, b]\n: value\n",           # a key that is a list
    "? {a: b}\n: value\n",           # a key that is a mapping
    "a: 1\n---\nb: 2\n",             # two documents
    "a: [1, 2\n",                    # malformed
    "a: 'unterminated\n",
    "a:\tb: c\n\x07",                # a control character
])
def test_anything_beyond_plain_yaml_is_handed_to_the_full_loader(text):
    with pytest.raises(NotPlain):
        load_plain(text)


def test_load_yaml_still_refuses_what_the_full_loader_refuses(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("entries:\n  - code: A00\n    code: A01\n", encoding="utf-8")
    with pytest.raises(Exception, match="appears twice") as raised:
        load_yaml(bad)
    assert raised.value.line == 3
    anchored = tmp_path / "anchored.yaml"
    anchored.write_text("shared: &items [a, b]\nentries:\n  - code: A00\n    items: *items\n",
                        encoding="utf-8")
    assert load_yaml(anchored)["entries"][0] == {"code": "A00", "items": ["a", "b"], LINE: 3}


@pytest.mark.parametrize("relative", [
    "data/cpt/surgery-eye.yaml", "data/pages/icd10pcs-0S.yaml", "data/synonyms.yaml",
    "data/icd10cm/chapter-08-H60-H95.yaml", "data/hcpcs/K.yaml",
])
def test_real_data_files_load_to_the_same_data(relative):
    text = (REPO / relative).read_text(encoding="utf-8")
    fast = load_plain(text, _LINE_KEYS, LINE)
    full = yaml.load(text, Loader=_LineLoader)
    assert fast == full
    assert repr(fast) == repr(full)


_leaf = st.one_of(
    st.none(), st.booleans(), st.integers(-10**6, 10**6),
    st.floats(allow_nan=False, width=32), st.dates(min_value=date(1900, 1, 1)),
    st.datetimes(min_value=datetime(1900, 1, 1)),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=12),
    st.sampled_from(["yes", "No", "on", "~", "null", "0x1F", "1e3", "12:30", "- a", "a: b",
                     "#x", "'q'", '"d"', "2026-12-01", ".inf", "<<"]),
)
_data = st.recursive(_leaf, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=6), st.integers(0, 99), st.booleans()),
                    inner, max_size=4)), max_leaves=20)


@settings(max_examples=300, deadline=None)
@given(data=_data, flow=st.sampled_from([None, True, False]))
def test_any_dumped_data_reads_back_the_same(data, flow):
    text = yaml.safe_dump(data, default_flow_style=flow, allow_unicode=True)
    expected = yaml.safe_load(text)
    try:
        got = load_plain(text)
    except NotPlain:
        return  # e.g. a float key dumped as a complex key: the full loader reads it
    assert got == expected or (got != got and expected != expected)
    assert repr(got) == repr(expected)
