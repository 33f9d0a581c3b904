"""Tests of the PCS procedure-words importer on a small index and two small tables."""

from __future__ import annotations

from pathlib import Path

import yaml

from codetui.importers import pcswords
from codetui.validate import check_synonym

INDEX = """<?xml version="1.0" encoding="utf-8"?>
<ICD10PCS.index>
  <letter><title>O</title>
    <mainTerm><title>Oophorectomy</title>
      <term level="1"><see>Excision, Female Reproductive System<tab>0UB</tab></see></term>
      <term level="1"><see>Resection, Female Reproductive System<tab>0UT</tab></see></term>
    </mainTerm>
    <mainTerm><title>Ovariotomy, oophorotomy</title>
      <see>Drainage, Female Reproductive System<tab>0U9</tab></see>
    </mainTerm>
    <mainTerm><title>Salpingectomy</title>
      <see>Resection, Female Reproductive System<tab>0UT</tab></see>
    </mainTerm>
    <mainTerm><title>Tarsectomy</title>
      <see>Resection, Lower Bones<tab>0QT</tab></see>
    </mainTerm>
    <mainTerm><title>Hysterectomy</title>
      <see>Resection, Female Reproductive System<tab>0UT</tab></see>
    </mainTerm>
    <mainTerm><title>Ovariocentesis</title>
      <see>Drainage, Female Reproductive System<tab>0U9</tab></see>
    </mainTerm>
  </letter>
  <letter><title>R</title>
    <mainTerm><title>Resection</title>
      <term level="1"><title>Ovary</title><codes>0UT0</codes></term>
    </mainTerm>
  </letter>
</ICD10PCS.index>
"""


def _table(table: str, operation: str, parts: list[str]) -> dict:
    return {"table": table,
            "axes": [{"pos": 1, "title": "Section", "char": "0", "label": "Medical and Surgical"},
                     {"pos": 2, "title": "Body System", "char": "U", "label": "Female Reproductive System"},
                     {"pos": 3, "title": "Operation", "char": table[2], "label": operation}],
            "rows": [[{"pos": 4, "title": "Body Part",
                       "values": [{"char": str(i), "label": label} for i, label in enumerate(parts)]},
                      {"pos": 5, "title": "Approach", "values": [{"char": "0", "label": "Open"}]},
                      {"pos": 6, "title": "Device", "values": [{"char": "Z", "label": "No Device"}]},
                      {"pos": 7, "title": "Qualifier", "values": [{"char": "Z", "label": "No Qualifier"}]}]],
            "titles": {f"{table}0ZZ": f"{operation} of {parts[0]}, Open Approach"}}


def _data(tmp_path: Path, titles: list[str] = ()) -> tuple[Path, Path]:
    shared, data = tmp_path / "shared", tmp_path / "data"
    (shared / "icd10pcs").mkdir(parents=True)
    (shared / pcswords.INDEX_XML).write_text(INDEX, encoding="utf-8")
    (data / "icd10pcs").mkdir(parents=True)
    tables = [_table("0UT", "Resection", ["Ovary, Right", "Ovaries, Bilateral", "Fallopian Tube, Left"]),
              _table("0UB", "Excision", ["Ovary, Left"]),
              _table("0U9", "Drainage", ["Ovary, Left"]),
              _table("0QT", "Resection", ["Tarsal, Right"])]
    (data / "icd10pcs" / "0U.yaml").write_text(yaml.safe_dump(
        {"system": "icd10pcs", "release": "test", "tables": tables}), encoding="utf-8")
    if titles:
        (data / "icd10cm").mkdir()
        entries = [{"code": f"Z{i:02d}", "title": t} for i, t in enumerate(titles)]
        (data / "icd10cm" / "z.yaml").write_text(yaml.safe_dump(
            {"system": "icd10cm", "release": "test", "entries": entries}), encoding="utf-8")
    return shared, data


def _entries(tmp_path: Path, titles: list[str] = ()) -> dict[str, list[str]]:
    shared, data = _data(tmp_path, titles)
    [path] = pcswords.run(shared, data)
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert document["release"] and document["source"]
    for item in document["synonyms"]:
        assert check_synonym(item) is None, item
    return {item["words"][0]: item["means"] for item in document["synonyms"]}


def test_word_parts_take_the_longest_and_skip_ambiguous_ones():
    assert pcswords.word_part("oophorectomy") == "ovary"
    assert pcswords.word_part("mastoidectomy") == "mastoid sinus"  # not "mast" (breast)
    assert pcswords.word_part("hemicolectomy") == "colon"
    assert pcswords.word_part("tarsectomy") is None  # an ankle bone or an eyelid plate
    assert pcswords.word_part("xyzectomy") is None


def test_labels_hold_body_parts_in_any_number():
    assert pcswords.label_holds("Ovaries, Bilateral", "ovary")
    assert pcswords.label_holds("Fallopian Tube, Left", "fallopian tube")
    assert not pcswords.label_holds("Fallopian Tube, Left", "ovary")


def test_a_table_level_word_reads_as_operation_and_body_part(tmp_path):
    means = _entries(tmp_path)
    # Resection (all of it) before Excision for an -ectomy, though the index lists Excision first.
    assert means["oophorectomy"] == ["resection ovary", "excision ovary"]
    assert means["salpingectomy"] == ["resection fallopian tube"]
    # Each spelling of a main term that lists several.
    assert means["ovariotomy"] == means["oophorotomy"] == ["drainage ovary"]
    assert means["ovariocentesis"] == ["drainage ovary percutaneous"]
    assert "tarsectomy" not in means  # ambiguous word part
    assert "hysterectomy" not in means  # the table has no uterus value: no meaning reaches a code
    assert "resection" not in means and "resection, ovary" not in means


def test_words_that_official_titles_use_are_left_to_search(tmp_path):
    titled = ["Oophorectomy status", "Complication of oophorectomy", "Pain after oophorectomy"]
    means = _entries(tmp_path, titled)
    assert "oophorectomy" not in means
    assert "salpingectomy" in means
    # Two titles naming a word in passing do not count.
    means = _entries(tmp_path / "two", titled[:2])
    assert "oophorectomy" in means
