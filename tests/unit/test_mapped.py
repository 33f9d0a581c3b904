"""Sectioned files read in place (codetui.mapped): what is written is read back, and a file
that is not one, or is damaged, is refused with MappedUnreadable (never read past its end)."""

from __future__ import annotations

import json
import struct
from array import array
from bisect import bisect_left

import pytest

from codetui.mapped import MAGIC, MappedFile, MappedUnreadable, SectionWriter


def write(path, schema=3):
    out = SectionWriter(schema, note="hello")
    out.add("flags", bytes([1, 2, 255]))
    out.add("numbers", array("I", [7, 70000, 2 ** 32 - 1]).tobytes())
    out.add_strings("words", ["", "alpha", "bēta", "gamma"])
    out.add_column("postings", [array("I", [1, 2]).tobytes(), b""])
    out.write(path)
    return path


def test_sections_read_back_in_place(tmp_path):
    mapped = MappedFile(write(tmp_path / "f.idx"), 3)
    assert mapped.header["note"] == "hello"
    assert list(mapped.raw("flags")) == [1, 2, 255]
    assert list(mapped.uints("numbers")) == [7, 70000, 2 ** 32 - 1]
    words = mapped.strings("words")
    assert [words[i] for i in range(len(words))] == ["", "alpha", "bēta", "gamma"]
    assert words[-1] == "gamma" and words.size(2) == len("bēta".encode())
    assert bisect_left(words, "b") == 2 and bisect_left(words, "gamma") == 3
    # Offsets count from the start of the file, so text is found in the mapping itself.
    assert words.blob.find(b"gamma", words.offsets[3], words.offsets[4]) == words.offsets[3]
    postings = mapped.strings("postings")
    assert array("I", postings.raw(0)).tolist() == [1, 2] and postings.size(1) == 0


def test_sections_are_aligned(tmp_path):
    mapped = MappedFile(write(tmp_path / "f.idx"), 3)
    assert all(start % 8 == 0 for start, _ in mapped.header["sections"].values())


@pytest.mark.parametrize("damage", ["empty", "not ours", "cut in the header", "bad header",
                                    "other schema", "other byte order", "section past the end",
                                    "offsets outside the column"])
def test_damaged_files_are_refused(tmp_path, damage):
    path = write(tmp_path / "f.idx")
    data = bytearray(path.read_bytes())
    (length,) = struct.unpack_from("<I", data, len(MAGIC))
    header = json.loads(data[len(MAGIC) + 4:len(MAGIC) + 4 + length])

    def put(changed: dict) -> bytes:
        text = json.dumps(changed).encode()
        assert len(text) <= length + 200
        return MAGIC + struct.pack("<I", len(text)) + text

    if damage == "empty":
        data = b""
    elif damage == "not ours":
        data = b"\x00" * len(data)
    elif damage == "cut in the header":
        data = data[:len(MAGIC) + 2]
    elif damage == "bad header":
        data[len(MAGIC) + 4] = ord("[")
    elif damage in ("other schema", "other byte order", "section past the end",
                    "offsets outside the column"):
        changed = json.loads(json.dumps(header))
        if damage == "other schema":
            changed["schema"] = 4
        elif damage == "other byte order":
            changed["byteorder"] = "big" if header["byteorder"] == "little" else "little"
        elif damage == "section past the end":
            changed["sections"]["flags"] = [len(data) - 1, 8]
        else:
            start, size = changed["sections"]["words"]
            changed["sections"]["words"] = [start + 1, size]
        head = put(changed)
        first = min(start for start, _ in header["sections"].values())
        assert len(head) <= first
        data = head + b"\x00" * (first - len(head)) + data[first:]
    path.write_bytes(bytes(data))
    with pytest.raises(MappedUnreadable):
        mapped = MappedFile(path, 3)
        mapped.raw("flags")
        mapped.strings("words")


def test_a_missing_file_is_refused(tmp_path):
    with pytest.raises(MappedUnreadable):
        MappedFile(tmp_path / "none.idx", 1)


def test_a_table_reads_back_as_the_dict_it_was(tmp_path):
    table = {"heart attack": [(("heart", "attack"), [("myocardial", "infarction")])],
             "xolair": "Xolair", "ēlan": None, "": 0, "b": {"nested": (1, 2)}}
    out = SectionWriter(3)
    out.add_table("t", table)
    out.write(tmp_path / "t.idx")
    read = MappedFile(tmp_path / "t.idx", 3).table("t")
    assert len(read) == len(table)
    for key, value in table.items():
        assert key in read and read[key] == value and read.get(key, "none") == value
        assert read[key] == value  # a second look-up (remembered) gives the same
    for missing in ("heart", "heart attacks", "zz", 5, None):
        assert missing not in read and read.get(missing, "none") == "none"
        with pytest.raises(KeyError):
            read[missing]


def test_a_table_with_unpaired_columns_is_refused(tmp_path):
    out = SectionWriter(3)
    out.add_strings("t.keys", ["a", "b"])
    out.add_column("t.values", [b"N"])
    out.write(tmp_path / "t.idx")
    with pytest.raises(MappedUnreadable):
        MappedFile(tmp_path / "t.idx", 3).table("t")


def test_a_table_remembers_a_bounded_number_of_keys(tmp_path, monkeypatch):
    from codetui.mapped import MappedTable

    out = SectionWriter(3)
    out.add_table("t", {"a": 1})
    out.write(tmp_path / "t.idx")
    read = MappedFile(tmp_path / "t.idx", 3).table("t")
    monkeypatch.setattr(MappedTable, "_REMEMBERED", 10)
    for n in range(100):
        assert f"word{n}" not in read
        assert len(read._seen) <= 10
    assert read["a"] == 1 and read.get("word5") is None
