"""Read a user's licensed AMA CPT descriptor file (runtime; standard library only).

codetui ships no AMA descriptor text. A user who holds a CPT licence points codetui at the
descriptor file from their AMA data files: one ``code<TAB>descriptor`` per line. This module
only parses and checks that file; storing the rows is the caller's job.

Tolerated: a header line (the first non-blank line, when its first field has no digit, e.g.
``Code<TAB>Descriptor``), blank lines, CRLF or CR line ends, a UTF-8 byte-order mark, text in
UTF-8 or in a Windows/latin-1 single-byte encoding (decided line by line), spaces around
fields, trailing empty fields, and a descriptor wrapped in double quotes.

Reported, one problem per line, while the good lines are still returned:
bad code format, missing descriptor, too many fields, and duplicate codes (the first
occurrence is kept).
"""

from __future__ import annotations

import re
from pathlib import Path

CODE_RE = re.compile(r"^[0-9]{4}[0-9FTUM]$")
CODE_HELP = "expected 4 digits then a digit or F, T, U or M, e.g. 99213, 1234F, 0042T, 0001U"
BOM = "\ufeff"


def decode_line(raw: bytes) -> str:
    """UTF-8 when the bytes are valid UTF-8, else Windows-1252, else latin-1."""
    for encoding in ("utf-8", "cp1252"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return raw.decode("latin-1")


def is_cpt_code(code: str) -> bool:
    """True for a well-formed CPT code (``99213``, ``1234F``, ``0042T``, ``0001U``)."""
    return bool(CODE_RE.match(code))


def _unquote(text: str) -> str:
    if len(text) >= 2 and text[0] == text[-1] == '"':
        return text[1:-1].replace('""', '"').strip()
    return text


#: Longest descriptor kept (AMA's long descriptors run to a few hundred characters); a longer
#: one is cut and reported, so a damaged file cannot make every page of that code slow.
MAX_DESCRIPTOR = 2000


def parse_cpt_lines(lines: list[str]) -> tuple[list[tuple[str, str]], list[str]]:
    """Parse decoded lines (without line ends); see :func:`parse_cpt_file`."""
    rows: list[tuple[str, str]] = []
    problems: list[str] = []
    first_seen: dict[str, int] = {}
    seen_content = False
    for number, line in enumerate(lines, start=1):
        if number == 1 and line.startswith(BOM):
            line = line[len(BOM):]
        if not line.strip():
            continue
        fields = [f.strip() for f in line.split("\t")]
        while len(fields) > 1 and not fields[-1]:
            fields.pop()                               # trailing tabs
        code = fields[0].upper()
        if not seen_content:
            seen_content = True
            if not any(ch.isdigit() for ch in code):   # a header such as "Code<TAB>Descriptor"
                continue
        if not is_cpt_code(code):
            shown = fields[0] if len(fields[0]) <= 20 else fields[0][:20] + "…"
            problems.append(f"line {number}: bad code format {shown!r} ({CODE_HELP})")
            continue
        if len(fields) > 2:
            problems.append(f"line {number}: code {code} has {len(fields)} tab-separated "
                            "fields; expected code<TAB>descriptor")
            continue
        descriptor = _unquote(fields[1]) if len(fields) == 2 else ""
        if not descriptor:
            problems.append(f"line {number}: code {code} has no descriptor "
                            "(expected code<TAB>descriptor)")
            continue
        if len(descriptor) > MAX_DESCRIPTOR:
            problems.append(f"line {number}: the descriptor of {code} has {len(descriptor):,} "
                            f"characters; the first {MAX_DESCRIPTOR:,} were kept")
            descriptor = descriptor[:MAX_DESCRIPTOR].rstrip() + "…"
        if code in first_seen:
            problems.append(f"line {number}: duplicate code {code} "
                            f"(first on line {first_seen[code]}; that one is kept)")
            continue
        first_seen[code] = number
        rows.append((code, descriptor))
    return rows, problems


def parse_cpt_file(path: str | Path) -> tuple[list[tuple[str, str]], list[str]]:
    """Read ``path`` and return ``(rows, problems)``.

    ``rows`` are ``(code, descriptor)`` pairs in file order, one per good line.
    ``problems`` are one-line messages such as ``"line 7: duplicate code 99213 (first on
    line 3; that one is kept)"``. Raises OSError when the file cannot be read.
    """
    data = Path(path).read_bytes()
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    lines = [decode_line(raw) for raw in data.splitlines()]
    return parse_cpt_lines(lines)
