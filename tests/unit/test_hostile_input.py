"""Hostile input: data and queries full of markup, terminal escapes and odd scripts are shown
literally and safely; bad YAML is refused, never executed; errors are one line with the
documented exit codes; favourites and history survive kills and unwritable folders.

The data is ``tests/fixtures/hostile/``: the small fixture set with Rich/Textual markup,
ESC/CSI/OSC/OSC 52 sequences, BEL, C1 controls, backspaces, carriage returns, mixed scripts
and emoji in titles, aliases, notes, section text and HCPCS billing fields.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import unicodedata
from pathlib import Path

import pytest
import yaml

from codetui.userfiles import FAVOURITES_FILE, HISTORY_FILE, UserCodes

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"

MARKUP = ("[bold red]x[/]", "[link=https://evil.example]click[/link]", "[@click=app.quit]quit[/]")
ESCAPES = ("\x1b[2J", "\x1b[31m", "\x1b]0;pwned\x07", "\x1b]52;c;ZXZpbA==\x07", "\x07", "\x9b31m",
           "\b", "\r")


def raw_controls(text: str) -> list[str]:
    """The control characters (Unicode category Cc) in ``text`` other than newline and tab."""
    return sorted({f"U+{ord(ch):04X}" for ch in text
                   if unicodedata.category(ch) == "Cc" and ch not in "\n\t"})


def strings_in(value) -> list[str]:
    """Every string inside a parsed YAML or JSON value (keys included)."""
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in (*strings_in(k), *strings_in(v))]
    if isinstance(value, list):
        return [s for item in value for s in strings_in(item)]
    return []


def _yaml(relative: str):
    return yaml.safe_load((HOSTILE / relative).read_text(encoding="utf-8"))


def _entry(relative: str, code: str) -> dict:
    body = _yaml(relative)
    return next(item for item in body.get("entries") or body["pages"] if item["code"] == code)


def _section_strings(sections: list[dict]) -> list[str]:
    found = []
    for section in sections:
        found.append(section["heading"])
        found.extend([section["text"]] if "text" in section else section.get("items", section.get("steps", [])))
    return found


# -- the fixture itself ------------------------------------------------------------------------


def test_the_fixture_really_is_hostile():
    """Every kind of hostile text the tests rely on is in the data (and real characters)."""
    everything = "\n".join(s for path in HOSTILE.rglob("*.yaml")
                           for s in strings_in(yaml.safe_load(path.read_text(encoding="utf-8"))))
    for needle in (*MARKUP, *ESCAPES, "\x7f", "\x00", "\x85", "кресло", "脑震荡", "ارتجاج", "🦽"):
        assert needle in everything, needle
    raw = "".join(path.read_text(encoding="utf-8") for path in HOSTILE.rglob("*.yaml"))
    assert not raw_controls(raw), "the YAML files hold escapes, not raw control characters"


def test_the_fixture_passes_validate():
    done = subprocess.run([sys.executable, "-m", "codetui", "validate", "--data", str(HOSTILE)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout == ""


# -- the command line over hostile data ---------------------------------------------------------


@pytest.fixture(scope="module")
def cli(tmp_path_factory):
    """Run ``codetui`` on the hostile data with its own store (seeded once, by ``seed``).

    Standard streams are strict UTF-8, as in a user's ``en_US.UTF-8`` terminal.
    """
    env = dict(os.environ, CODETUI_DATA=str(HOSTILE),
               CODETUI_DB=str(tmp_path_factory.mktemp("hostile-store")),
               CODETUI_USER_DIR=str(tmp_path_factory.mktemp("hostile-user")),
               PYTHONIOENCODING="utf-8:strict")
    env.pop("COLUMNS", None)

    def run(*args: str, stdin: bytes | str | None = None, timeout: float = 120):
        done = subprocess.run([sys.executable, "-m", "codetui", *args], env=env,
                              input=stdin.encode("utf-8") if isinstance(stdin, str) else stdin,
                              capture_output=True, timeout=timeout)
        out, err = done.stdout.decode("utf-8"), done.stderr.decode("utf-8")
        assert "Traceback" not in err, err
        return done.returncode, out, err

    seeded = run("seed")
    assert seeded[0] == 0, seeded
    assert not raw_controls(seeded[1] + seeded[2])
    run.env = env
    return run


SHOWN = ["K0001", "H2021", "E0100", "A9999", "S06.0X0A", "S06", "19", "H20.21", "47541", "47542",
         "0DTJ4ZZ", "0DT"]


@pytest.mark.parametrize("code", SHOWN)
def test_show_text_has_no_raw_control_characters(cli, code):
    status, out, err = cli("show", code)
    assert status == 0, err
    assert not raw_controls(out), out
    assert not raw_controls(err), err


def test_show_text_prints_markup_and_escapes_literally(cli):
    pages = {code: cli("show", "--width", "300", code)[1] for code in ("K0001", "S06.0X0A", "47542", "0DTJ4ZZ")}
    k0001 = pages["K0001"]
    assert "Standard wheelchair [bold red]x[/] \\x1b[31mred\\x1b[0m 🦽 кресло-коляска 轮椅" in k0001
    assert "[link=https://evil.example]click[/link]" in k0001
    assert "Label \\x1b[2J" in k0001 and "\\x9b31m C1 \\x7f DEL \\x00 NUL" in k0001
    assert "[bold red]hostile[/] \\x1b[31mfixture\\x1b[0m" in k0001, "the release line"
    concussion = pages["S06.0X0A"]
    for needle in ("\\x1b]52;c;ZXZpbA==\\x07", "[link=https://evil.example]click[/link]",
                   "\\x9b31mC1\\x9b0m", "[bold red]x[/] Confusion", "[@click=app.quit]quit[/]",
                   "\\x1b]0;pwned\\x07", "\\x85 NEL", "\\x07\\x07", "Gehirnerschütterung",
                   "脑震荡", "🤕", "\\x1b]8;;https://evil.example\\x1b\\MedlinePlus"):
        assert needle in concussion, needle
    assert "[link=https://evil.example]click[/link] \\x1b]0;pwned\\x07 🎈 胆管" in pages["47542"]
    assert "Percutaneous Endoscopic \\x1b[31m[bold]x[/]" in pages["0DTJ4ZZ"]
    assert "Vermiform appendix \\x07\\x1b[31m [bold]x[/] 阑尾" in pages["0DTJ4ZZ"]


def _expected_strings() -> dict[str, list[str]]:
    """For some codes, data strings (from the YAML, with their real control characters) that
    their ``show --json`` page must hold exactly."""
    k0001 = _entry("hcpcs/H.yaml", "K0001")
    h2021 = _entry("hcpcs/H.yaml", "H2021")
    concussion = _entry("icd10cm/chapter-19.yaml", "S06.0X0A")
    s06 = _entry("icd10cm/chapter-19.yaml", "S06")
    chapter = _entry("icd10cm/chapter-19.yaml", "19")
    page = _entry("pages/icd10cm-injury.yaml", "S06.0X0A")
    cpt = _entry("cpt/biliary.yaml", "47541")
    table = _yaml("icd10pcs/0D.yaml")["tables"][0]
    return {
        "K0001": [k0001["title"], _yaml("hcpcs/H.yaml")["release"],
                  *strings_in(k0001["fields"])],
        "H2021": [h2021["title"], *strings_in(h2021["fields"])],
        "S06.0X0A": [concussion["title"], *_section_strings(page["sections"]), page["credit"],
                     page["similar"][0]["note"], s06["title"], *_section_strings(s06["sections"]),
                     *_section_strings(chapter["sections"])],
        "47541": [cpt["title"], *cpt["breadcrumb"], *_section_strings(cpt["sections"])],
        "0DTJ4ZZ": [table["titles"]["0DTJ4ZZ"]],
    }


@pytest.mark.parametrize("code", ["K0001", "H2021", "S06.0X0A", "47541", "0DTJ4ZZ"])
def test_show_json_round_trips_the_data_exactly(cli, code):
    status, out, err = cli("show", "--json", code)
    assert status == 0, err
    assert not raw_controls(out), "JSON escapes every control character"
    page = json.loads(out)
    found = set(strings_in(page))
    missing = [s for s in _expected_strings()[code] if s not in found]
    assert not missing, missing
    hostile = [s for s in found if raw_controls(s) or "[/" in s]
    assert hostile, "the page really carries hostile text"


def test_show_json_pcs_explanations_keep_hostile_labels(cli):
    page = json.loads(cli("show", "--json", "0DTJ4ZZ")[1])
    text = "\n".join(strings_in(page))
    assert "Percutaneous Endoscopic \x1b[31m[bold]x[/]" in text
    assert "Vermiform appendix \x07\x1b[31m [bold]x[/] 阑尾" in text
    assert "Appendectomy \x1b[2J [bold red]x[/]" in text


@pytest.mark.parametrize("query", ["wheelchair", "pwned", "bold red", "concussion", "appendix",
                                   "cane", "services", "click", "31m", "кресло", "轮椅"])
def test_search_text_and_json(cli, query):
    status, out, err = cli("search", query)
    assert status == 0, err
    assert not raw_controls(out + err)
    status, out_json, err = cli("search", "--json", query)
    assert status == 0, err
    assert not raw_controls(out_json + err)
    hits = json.loads(out_json)
    assert len(hits) == len(out.splitlines())
    titles = {(_yaml_title(hit["system"], hit["code"])) for hit in hits}
    assert {hit["title"] for hit in hits} == titles, "JSON titles are the data's, exactly"


def _yaml_title(system: str, code: str) -> str:
    for path in HOSTILE.rglob("*.yaml"):
        body = yaml.safe_load(path.read_text(encoding="utf-8"))
        if body.get("system") != system:
            continue
        for entry in body.get("entries", ()):
            if entry["code"] == code:
                return entry["title"]
        for table in body.get("tables", ()):
            if code in table["titles"]:
                return table["titles"][code]
    return "(a heading built by the seed)"


def test_search_text_shows_markup_literally(cli):
    status, out, _ = cli("search", "wheelchair")
    assert status == 0
    assert "K0001      HCPCS      Standard wheelchair [bold red]x[/] \\x1b[31mred\\x1b[0m 🦽" in out
    status, out, _ = cli("search", "--limit", "50", "click")
    assert "[link=https://evil.example]click[/link] \\x1b]0;pwned\\x07 🎈 胆管" in out
    assert "\\x1b]52;c;ZXZpbA==\\x07 [link=https://evil.example]click[/link] \\x9b2J 🩺" in out


def test_search_finds_hostile_aliases_and_synonyms(cli):
    """Markup and escapes in aliases and synonyms are ordinary words to search."""
    for query in ("pwned", "[@click=app.quit]quit[/]", "\x1b[31mred"):
        hits = json.loads(cli("search", "--json", query)[1])
        assert "K0001" in [hit["code"] for hit in hits], query


HOSTILE_QUERIES = ["wheelchair", *ESCAPES, *MARKUP, "\x1b]52;c;ZXZpbA==\x07 concussion",
                   "\x00", "\x7f\x85\x9b", "", "   ", "кресло", "🦽", "\u202e gnp.exe", "a\rb",
                   "K0001\r", "s06.0x0a", "[bold]", "\\x1b[31m"]


def test_batch_mode_with_hostile_queries(cli):
    stdin = "".join(f"{query}\n" for query in HOSTILE_QUERIES)
    status, out, err = cli("search", "--json", "-", stdin=stdin)
    assert status == 0, err
    assert not raw_controls(out + err)
    lines = out.split("\n")
    assert lines[-1] == "" and len(lines) - 1 == len(HOSTILE_QUERIES)
    arrays = [json.loads(line) for line in lines[:-1]]
    assert all(isinstance(array, list) for array in arrays)
    assert arrays[0][0]["code"] == "K0001"
    assert arrays[0][0]["title"] == _entry("hcpcs/H.yaml", "K0001")["title"]
    assert arrays[HOSTILE_QUERIES.index("K0001\r")][0]["code"] == "K0001"


def test_batch_mode_survives_bytes_that_are_not_utf8(cli):
    """A line that is not UTF-8 gets its own (empty or not) answer; the others still count."""
    stdin = b"wheelchair\n\xff\xfe\xc3(\n\x1b[31m\x9b\n\xe2\x82\nK0001\n"
    status, out, err = cli("search", "--json", "-", stdin=stdin)
    assert status == 0, err
    assert not raw_controls(out + err)
    arrays = [json.loads(line) for line in out.splitlines()]
    assert len(arrays) == 5
    assert arrays[0][0]["code"] == "K0001" and arrays[4][0]["code"] == "K0001"


def test_unknown_code_is_echoed_literally_in_one_line(cli):
    query = "\x1b[31m[bold red]x[/]\x07\x9b2J"
    status, out, err = cli("show", query)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("codetui: unknown code")
    assert not raw_controls(err)
    assert "[bold red]x[/]" in err
    assert "x1b[31m" in err and "x07" in err and "x9b2J" in err


def test_showing_results_for_is_safe(cli):
    """The corrected query is echoed as search words; nothing a terminal would act on."""
    status, out, err = cli("search", "\x9b[bold red]x[/]\x1b concusion\x07")
    assert status == 0
    assert "Showing results for: bold red x concussion\n" in err
    assert out.startswith("S06.0X0A ")
    assert not raw_controls(out + err)


def test_seed_and_validate_output_have_no_raw_control_characters(cli, tmp_path):
    """Problems that quote hostile data are printed with their control characters visible."""
    data = tmp_path / "data"
    shutil.copytree(HOSTILE, data)
    path = data / "hcpcs" / "H.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'billable: false\n    status: terminated',
        'billable: false\n    status: "\\e]0;pwned\\x07[bold]gone[/]"'), encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "codetui", "validate", "--data", str(data)],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1
    assert "A9999: 'status' must be active or terminated" in done.stdout
    assert not raw_controls(done.stdout + done.stderr)


# -- YAML safety --------------------------------------------------------------------------------

TAGS = ["!!python/object/apply:os.system", "!!python/object/new:os.system",
        "!!python/object/apply:subprocess.call"]


@pytest.mark.parametrize("tag", TAGS)
@pytest.mark.parametrize("command", ["validate", "seed", "show"])
def test_python_tags_are_refused_never_executed(tmp_path, tag, command):
    data = tmp_path / "data"
    shutil.copytree(HOSTILE, data)
    marker = tmp_path / "executed"
    path = data / "hcpcs" / "H.yaml"
    lines = path.read_text(encoding="utf-8").splitlines()
    at = lines.index("  - code: E0100")
    argument = f"[['touch', '{marker}']]" if "subprocess" in tag else f"['touch {marker}']"
    lines.insert(at, f"  - {tag} {argument}")
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    args = [command] + (["K0001"] if command == "show" else []) + \
        ["--data", str(data), "--db", str(tmp_path / "store")]
    done = subprocess.run([sys.executable, "-m", "codetui", *args], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 1
    assert not marker.exists(), "the tag was executed"
    report = [line for line in (done.stdout + done.stderr).splitlines()
              if line and not line.startswith("codetui: seeding") and "problems" != line.split()[-1]]
    assert len(report) == 1, done.stdout + done.stderr
    assert f"{path}:{at + 1}:" in report[0]
    assert "python/object" in report[0]
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "store").exists() or not [
        p for p in (tmp_path / "store").iterdir() if p.name.startswith("v")], "nothing was seeded"


# -- exit codes and one-line errors -------------------------------------------------------------


@pytest.mark.parametrize("args", [
    ["--bogus"], ["search", "--bogus", "x"], ["search"], ["show"], ["show", "--json"],
    ["search", "--limit", "-3", "x"], ["search", "--limit", "1e3", "x"],
    ["show", "K0001", "--width", "0"], ["show", "--system", "snomed", "K0001"],
    ["search", "--system", "\x1b[31m", "x"], ["import", "icd", "file"], ["frobnicate", "--nope"],
])
def test_usage_errors_exit_2_with_one_error_line(cli, args):
    status, out, err = cli(*args)
    assert status == 2
    assert out == ""
    errors = [line for line in err.splitlines() if re.match(r"codetui( \w+)?: error: ", line)]
    assert len(errors) == 1, err
    assert err.splitlines()[-1] == errors[0]
    assert not raw_controls(err)


@pytest.mark.parametrize("args,message", [
    (["show", "ZZZ99"], "unknown code: 'ZZZ99'"),
    (["show", "--system", "cpt", "K0001"], "unknown code in cpt: 'K0001'"),
    (["show", "0DTJ"], "unknown code"),
    (["show", "--data", "/nonexistent/codetui-data", "K0001"], "data folder not found"),
    (["validate", "--data", "/nonexistent/codetui-data"], "data folder not found"),
    (["import", "cpt", "/nonexistent/codetui.txt"], "no such file"),
])
def test_not_found_exit_1_with_one_line(cli, args, message):
    status, out, err = cli(*args)
    assert status == 1
    assert out == ""
    assert err.count("\n") == 1 and err.startswith("codetui: ") and message in err, err


def test_file_and_folder_names_are_shown_literally(cli, tmp_path):
    """Names holding escape sequences are echoed visibly in every message that names them."""
    evil = "\x1b]0;pwned\x07\x1b[31m[bold red]x"
    data = tmp_path / f"data{evil}"
    shutil.copytree(HOSTILE, data)
    cases = [
        (["show", "--data", str(tmp_path / f"missing{evil}"), "K0001"], 1),
        (["import", "cpt", str(tmp_path / f"missing{evil}.txt")], 1),
        (["validate", "--data", str(data)], 0),
        (["seed", "--data", str(data), "--db", str(tmp_path / f"store{evil}")], 0),
    ]
    for args, expected in cases:
        status, out, err = cli(*args)
        assert status == expected, err
        assert not raw_controls(out + err), (args, out, err)
        assert "\\x1b]0;pwned\\x07\\x1b[31m[bold red]x" in out + err, (args, out, err)
    licensed = tmp_path / f"cpt{evil}.txt"
    licensed.write_text("47542\tDescriptor \x1b]52;c;ZXZpbA==\x07 [bold]x[/]\nbad\x07line\n",
                        encoding="utf-8")
    env = dict(cli.env, CODETUI_USER_DIR=str(tmp_path / "user"),
               CODETUI_DB=str(tmp_path / "import-store"))
    done = subprocess.run([sys.executable, "-m", "codetui", "import", "cpt", str(licensed)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert not raw_controls(done.stdout + done.stderr)
    assert "Imported 1 CPT descriptors" in done.stdout and "line 2" in done.stderr
    page = subprocess.run([sys.executable, "-m", "codetui", "show", "--width", "200", "47542"],
                          env=env, capture_output=True, text=True, timeout=120).stdout
    assert "Descriptor \\x1b]52;c;ZXZpbA==\\x07 [bold]x[/]" in page
    assert not raw_controls(page)


def test_options_before_the_command_are_used(cli, tmp_path):
    """``codetui --db PATH --data DIR show CODE``: the option values are neither taken for a
    code nor dropped by the command's own (unset) --db/--data."""
    env = {k: v for k, v in cli.env.items() if k not in ("CODETUI_DB", "CODETUI_DATA")}
    store = tmp_path / "store"
    done = subprocess.run([sys.executable, "-m", "codetui", "--db", str(store),
                           "--data", str(HOSTILE), "show", "K0001"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("K0001  HCPCS\nStandard wheelchair [bold red]x[/]")
    assert [p.name for p in store.iterdir() if p.name.startswith("v")], "the store is in --db"
    done = subprocess.run([sys.executable, "-m", "codetui", "--data", str(HOSTILE), "validate"],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stderr == f"{HOSTILE}: no problems\n"


def test_interrupt_exits_130_without_traceback(cli):
    proc = subprocess.Popen([sys.executable, "-m", "codetui", "search", "--json", "-"],
                            env=cli.env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"wheelchair\n")
        proc.stdin.flush()
        assert json.loads(proc.stdout.readline())[0]["code"] == "K0001"
        proc.send_signal(signal.SIGINT)
        assert proc.wait(timeout=30) == 130
        assert b"Traceback" not in proc.stderr.read()
    finally:
        proc.kill()
        proc.wait()


def test_closed_output_pipe_is_not_an_error(cli):
    """``codetui search --json - | head -1``: the reader going away ends the run quietly."""
    proc = subprocess.Popen([sys.executable, "-m", "codetui", "search", "--json", "--limit",
                             "100", "-"], env=cli.env, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        proc.stdin.write(b"wheelchair\n")
        proc.stdin.flush()
        proc.stdout.readline()
        proc.stdout.close()
        proc.stdin.write(b"concussion\n" * 20000)
        proc.stdin.close()
    except BrokenPipeError:
        pass
    assert proc.wait(timeout=60) in (0, -signal.SIGPIPE)
    assert b"Traceback" not in proc.stderr.read()


# -- favourites and history ---------------------------------------------------------------------

_SAVER = """
import sys
from pathlib import Path
from codetui.userfiles import UserCodes
codes = UserCodes.load(Path(sys.argv[1]))
for k in range(100000):
    codes.toggle_favourite("icd10cm", f"K{k}")
    codes.viewed("hcpcs", f"V{k % 150}")
    print(k, flush=True)
"""

BASE = [["icd10cm", f"B{i:04d}.{'x' * 40}"] for i in range(4000)]


def _saved_state(favourites: list) -> int:
    """How many of the child's toggles ``favourites`` holds (it must be a state it saved)."""
    assert favourites[len(favourites) - len(BASE):] == BASE, "the old entries are intact"
    added = favourites[:len(favourites) - len(BASE)]
    assert added == [["icd10cm", f"K{k}"] for k in reversed(range(len(added)))]
    return len(added)


@pytest.mark.parametrize("delay", [0.0, 0.05, 0.2, 0.5])
def test_favourites_survive_sigkill_mid_save(tmp_path, delay):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / FAVOURITES_FILE).write_text(json.dumps(BASE), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-c", _SAVER, str(folder)], stdout=subprocess.PIPE,
                            text=True)
    try:
        reported = int(proc.stdout.readline())
        time.sleep(delay)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
    favourites = json.loads((folder / FAVOURITES_FILE).read_text(encoding="utf-8"))
    assert _saved_state(favourites) >= reported + 1
    recent = json.loads((folder / HISTORY_FILE).read_text(encoding="utf-8"))
    assert 1 <= len(recent) <= 100 and all(item[0] == "hcpcs" for item in recent)
    loaded = UserCodes.load(folder)
    assert [list(item) for item in loaded.favourites] == favourites


def test_unwritable_user_folder_keeps_working_in_memory(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    codes = UserCodes.load(blocker / "user")
    assert codes.favourites == [] and codes.recent == []
    assert codes.toggle_favourite("icd10cm", "I21.9") is True
    assert codes.is_favourite("icd10cm", "I21.9")
    assert codes.error.startswith(f"cannot save {FAVOURITES_FILE} in {blocker / 'user'}")
    assert "\n" not in codes.error
    codes.viewed("cpt", "47542")
    assert codes.recent == [("cpt", "47542")]
    assert codes.toggle_favourite("icd10cm", "I21.9") is False
    assert codes.favourites == []


def test_damaged_user_files_count_as_empty_and_are_replaced(tmp_path):
    folder = tmp_path / "user"
    folder.mkdir()
    (folder / FAVOURITES_FILE).write_text('[["icd10cm", "I21.9"], ["cpt"', encoding="utf-8")
    (folder / HISTORY_FILE).write_text('{"not": "a list"}', encoding="utf-8")
    codes = UserCodes.load(folder)
    assert codes.favourites == [] and codes.recent == []
    codes.toggle_favourite("cpt", "47542")
    assert json.loads((folder / FAVOURITES_FILE).read_text(encoding="utf-8")) == [["cpt", "47542"]]
    assert codes.error == ""


@pytest.mark.parametrize("env_extra", [{"PYTHONIOENCODING": "ascii"},
                                       {"LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONCOERCECLOCALE": "0",
                                        "PYTHONIOENCODING": ""}],
                         ids=["PYTHONIOENCODING=ascii", "C locale"])
def test_output_to_a_stream_that_cannot_hold_unicode_is_escaped_not_a_traceback(tmp_path, env_extra):
    fixture = Path(__file__).parents[1] / "fixtures" / "data"
    env = dict(os.environ, CODETUI_DATA=str(fixture), CODETUI_DB=str(tmp_path / "store"),
               CODETUI_USER_DIR=str(tmp_path / "user"), **env_extra)
    done = subprocess.run([sys.executable, "-m", "codetui", "show", "S06.0X0A"], env=env,
                          capture_output=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert b"Traceback" not in done.stderr
    assert b"S06.0X0A" in done.stdout
    assert b"\\xb7" in done.stdout  # the status line's "\u00b7" written as an escape
