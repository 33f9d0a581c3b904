"""Property tests: any text at all is a query the engine answers normally.

In process, thousands of generated strings (all of Unicode but surrogates, control characters
included; up to 10,000 characters; punctuation only; mixed scripts; emoji; code-like text) go
to ``SearchIndex.search`` over the full bundled data. Through the command line, over a
thousand generated lines go to one ``codetui search --json -`` process, which must answer
each with one JSON array, in order.
"""

from __future__ import annotations

import json
import os
import random
import string
import subprocess
import sys

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from codetui import systems

#: Settings shared by the in-process properties (no example database in the source tree).
PROPERTY = dict(deadline=None, database=None, suppress_health_check=[HealthCheck.too_slow,
                                                                     HealthCheck.data_too_large])

ANY_CHAR = st.characters(exclude_categories=("Cs",))
ANY_TEXT = st.text(ANY_CHAR, max_size=400)
CONTROL_HEAVY = st.text(st.one_of(st.characters(min_codepoint=0, max_codepoint=0x20),
                                  st.characters(min_codepoint=0x7f, max_codepoint=0x9f),
                                  st.sampled_from("[]/=@;\\ aeiou019")), max_size=200)
LONG_TEXT = st.builds(lambda piece, times: (piece * times)[:10_000],
                      st.text(ANY_CHAR, min_size=1, max_size=30), st.integers(1, 10_000))
PUNCTUATION = st.text(st.one_of(st.sampled_from(string.punctuation + " \t"),
                                st.characters(categories=("Pc", "Pd", "Ps", "Pe", "Pi", "Pf", "Po",
                                                          "Sm", "Sc", "Sk", "So", "Zs"))),
                      max_size=300)
SCRIPT_WORDS = ["heart", "attack", "fracture", "femur", "knee", "diabetes", "E11", "I21.9",
                "0DTJ4ZZ", "K0001", "47542", "Ménière's", "Σύγχυση", "сотрясение", "脑震荡",
                "ارتجاج", "מוח", "हृदय", "심장", "心臓", "กระดูก", "ყელი", "Ωμέγα", "naïve", "ﬁbrosis",
                "ＦＵＬＬＷＩＤＴＨ", "𝐛𝐨𝐥𝐝", "İstanbul", "straße", "ǅ", "\u202e", "\u200b", "\ufeff"]
MIXED_SCRIPTS = st.lists(st.one_of(st.sampled_from(SCRIPT_WORDS), st.text(ANY_CHAR, max_size=8)),
                         max_size=12).map(" ".join)
EMOJI = ["🦽", "🤕", "🧠", "❤️", "👩‍⚕️", "👨‍👩‍👧‍👦", "🇺🇸", "👍🏽", "🏳️‍🌈", "🩺", "💊", "🫀",
         "\u200d", "\ufe0f", "🦴", "😷"]
EMOJI_TEXT = st.lists(st.one_of(st.sampled_from(EMOJI), st.sampled_from(SCRIPT_WORDS[:10]),
                                st.characters(min_codepoint=0x1F000, max_codepoint=0x1FAFF)),
                      max_size=20).map("".join)
CODE_LIKE = st.one_of(
    st.from_regex(r"[A-Za-z0-9][A-Za-z0-9.\- ]{0,9}", fullmatch=True),
    st.from_regex(r"[A-Z][0-9]{2}(\.[0-9A-Z]{0,4})?-?", fullmatch=True),
)

SYSTEM = st.one_of(st.none(), st.sampled_from(systems.ids()))
LIMIT = st.integers(1, 100)
OFFSET = st.one_of(st.just(0), st.integers(0, 200))


def check(catalog, query: str, system: str | None, limit: int, offset: int) -> None:
    """The properties every search holds, whatever the query."""
    result = catalog.index.search(query, system=system, limit=limit, offset=offset)
    assert type(result).__name__ == "SearchResult"
    assert isinstance(result.total, int) and result.total >= 0
    assert len(result.hits) <= limit
    assert result.total >= len(result.hits)
    assert result.total >= offset + len(result.hits) or not result.hits
    keys = [(hit.system, hit.code) for hit in result.hits]
    assert len(set(keys)) == len(keys), "no code is listed twice"
    for hit in result.hits:
        assert hit.system in systems.ids()
        assert system is None or hit.system == system
        assert isinstance(hit.code, str) and hit.code
        assert isinstance(hit.title, str)
        assert json.loads(json.dumps(hit.as_json())) == hit.as_json()
    corrected = result.corrected_query
    assert corrected is None or isinstance(corrected, str)
    again = catalog.index.search(query, system=system, limit=limit, offset=offset)
    assert [(h.system, h.code) for h in again.hits] == keys and again.total == result.total


@settings(max_examples=1200, **PROPERTY)
@given(query=ANY_TEXT, system=SYSTEM, limit=LIMIT, offset=OFFSET)
def test_any_text(catalog, query, system, limit, offset):
    check(catalog, query, system, limit, offset)


@settings(max_examples=250, **PROPERTY)
@given(query=CONTROL_HEAVY, system=SYSTEM, limit=LIMIT)
def test_control_characters_and_markup_bits(catalog, query, system, limit):
    check(catalog, query, system, limit, 0)


@settings(max_examples=150, **PROPERTY)
@given(query=LONG_TEXT, system=SYSTEM, limit=LIMIT)
def test_long_text_up_to_10000_characters(catalog, query, system, limit):
    assert len(query) <= 10_000
    check(catalog, query, system, limit, 0)


@settings(max_examples=300, **PROPERTY)
@given(query=PUNCTUATION, system=SYSTEM, limit=LIMIT)
def test_punctuation_only(catalog, query, system, limit):
    check(catalog, query, system, limit, 0)


@settings(max_examples=500, **PROPERTY)
@given(query=MIXED_SCRIPTS, system=SYSTEM, limit=LIMIT, offset=OFFSET)
def test_mixed_scripts(catalog, query, system, limit, offset):
    check(catalog, query, system, limit, offset)


@settings(max_examples=200, **PROPERTY)
@given(query=EMOJI_TEXT, system=SYSTEM, limit=LIMIT)
def test_emoji(catalog, query, system, limit):
    check(catalog, query, system, limit, 0)


@settings(max_examples=300, **PROPERTY)
@given(query=CODE_LIKE, system=SYSTEM, limit=LIMIT, offset=OFFSET)
def test_code_like_text(catalog, query, system, limit, offset):
    check(catalog, query, system, limit, offset)


def _generated_lines(count: int, seed: int = 20260401) -> list[str]:
    """``count`` varied query lines without a newline inside (fixed seed: reproducible)."""
    rng = random.Random(seed)
    pools = [
        lambda: "".join(chr(rng.choice([rng.randrange(0x0, 0x250), rng.randrange(0x250, 0xD800),
                                        rng.randrange(0xE000, 0x110000)]))
                        for _ in range(rng.randrange(0, 60))),
        lambda: "".join(rng.choice(string.punctuation + " \t\r\x1b\x07\x9b\x00")
                        for _ in range(rng.randrange(0, 40))),
        lambda: " ".join(rng.choice(SCRIPT_WORDS + EMOJI) for _ in range(rng.randrange(0, 6))),
        lambda: rng.choice(SCRIPT_WORDS) * rng.randrange(1, 2000),
        lambda: rng.choice(["[bold red]x[/]", "\x1b[2J", "\x1b]52;c;ZXZpbA==\x07", "\x9b31m",
                            "[@click=app.quit]quit[/]", ""]) + rng.choice(SCRIPT_WORDS),
    ]
    lines = [rng.choice(pools)().replace("\n", " ") for _ in range(count)]
    return lines


def test_one_batch_process_answers_every_generated_line_in_order(catalog, session_store_dir,
                                                                   tmp_path):
    lines = _generated_lines(1200)
    env = dict(os.environ, CODETUI_DB=str(session_store_dir),
               CODETUI_USER_DIR=str(tmp_path / "user"), PYTHONIOENCODING="utf-8:strict")
    env.pop("CODETUI_DATA", None)
    stdin = "".join(f"{line}\n" for line in lines).encode("utf-8")
    done = subprocess.run([sys.executable, "-m", "codetui", "search", "--json", "-"], input=stdin,
                          env=env, capture_output=True, timeout=300)
    assert done.returncode == 0, done.stderr.decode()
    assert b"Traceback" not in done.stderr
    out = done.stdout.decode("utf-8").split("\n")
    assert out[-1] == "" and len(out) - 1 == len(lines)
    for line, answer in zip(lines, out):
        array = json.loads(answer)
        assert isinstance(array, list) and len(array) <= 20
        expected = catalog.search(line.rstrip("\r"), limit=20)
        assert [(item["system"], item["code"]) for item in array] == \
            [(hit.system, hit.code) for hit in expected.hits], repr(line)
