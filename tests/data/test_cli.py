"""The command-line contract: `codetui search/show` on the full bundled data, and errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from codetui import __version__

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"


def test_search_json_exact_code(run):
    done = run("search", "--json", "I21.9")
    assert done.returncode == 0, done.stderr
    results = json.loads(done.stdout)
    assert results[0] == {"system": "icd10cm", "code": "I21.9", "billable": True,
                          "title": "Acute myocardial infarction, unspecified",
                          "terminated": False, "heading": False}


def test_search_json_fields_and_limit(run):
    results = json.loads(run("search", "--json", "--limit", "7", "heart", "attack").stdout)
    assert 1 <= len(results) <= 7
    for item in results:
        assert {"system", "code", "title", "billable"} <= set(item)
        assert item["system"] in ("cpt", "hcpcs", "icd10cm", "icd10pcs")


def test_search_system_filter(run):
    results = json.loads(run("search", "--json", "--system", "hcpcs", "wheelchair").stdout)
    assert results and all(item["system"] == "hcpcs" for item in results)


def test_batch_mode_one_json_array_per_line(run):
    queries = "I21.9\n\nzzzzqqqxxyy\nK0001\n0DTJ4ZZ\n"
    done = run("search", "--json", "-", stdin=queries)
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 5
    arrays = [json.loads(line) for line in lines]
    assert arrays[0][0]["code"] == "I21.9"
    assert arrays[1] == [] and arrays[2] == []
    assert arrays[3][0]["code"] == "K0001"
    assert arrays[4][0]["code"] == "0DTJ4ZZ"


@pytest.mark.parametrize("code,expected", [
    ("0DTJ4ZZ", "Resection of Appendix, Percutaneous Endoscopic Approach"),
    ("K0001", "Standard wheelchair"),
    ("S06.0X0A", "Concussion without loss of consciousness, initial encounter"),
    ("s060x0a", "Concussion without loss of consciousness, initial encounter"),
    ("47542", "Plain-language summary — not medical advice"),
])
def test_show_text(run, code, expected):
    done = run("show", code)
    assert done.returncode == 0, done.stderr
    assert expected in done.stdout


def test_show_icd_page_has_inherited_notes_and_hierarchy(run):
    page = json.loads(run("show", "--json", "S06.0X0A").stdout)
    assert page["system"] == "icd10cm" and page["billable"] is True
    assert [link["code"] for link in page["breadcrumb"]][:3] == ["19", "S00-S09", "S06"]
    origins = {s.get("origin", "") for s in page["sections"]}
    assert any(o.startswith("From category S06") for o in origins)
    headings = [s["heading"] for s in page["sections"]]
    assert "7th characters" in headings


def test_show_pcs_explains_seven_characters(run):
    page = json.loads(run("show", "--json", "0dtj4zz").stdout)
    chars = next(s for s in page["sections"] if s["heading"] == "Seven characters")
    assert len(chars["items"]) == 7
    assert any("Percutaneous Endoscopic" in item for item in chars["items"])


def test_show_ambiguous_code_exact_form_wins(run):
    hcpcs = json.loads(run("show", "--json", "H2021").stdout)
    icd = json.loads(run("show", "--json", "H20.21").stdout)
    assert hcpcs["system"] == "hcpcs" and icd["system"] == "icd10cm"
    chosen = json.loads(run("show", "--json", "--system", "icd10cm", "H2021").stdout)
    assert chosen["system"] == "icd10cm"


def test_unknown_code_one_line_exit_1(run):
    done = run("show", "ZZZ99")
    assert done.returncode == 1
    assert done.stdout == ""
    assert done.stderr.strip().count("\n") == 0 and "unknown code" in done.stderr


@pytest.mark.parametrize("args", [
    ["search"], ["search", "--limit", "zero", "x"], ["search", "--system", "snomed", "x"],
    ["show"], ["--bogus"], ["import", "icd", "file"],
])
def test_usage_errors_exit_2(args):
    done = subprocess.run([sys.executable, "-m", "codetui", *args], capture_output=True,
                          text=True, timeout=60)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "usage:" in done.stderr


def test_version_and_help():
    version = subprocess.run([sys.executable, "-m", "codetui", "--version"], capture_output=True,
                             text=True, timeout=60)
    assert version.returncode == 0 and version.stdout.strip() == f"codetui {__version__}"
    helped = subprocess.run([sys.executable, "-m", "codetui", "--help"], capture_output=True,
                            text=True, timeout=60)
    assert helped.returncode == 0
    for command in ("search", "show", "pick", "seed", "validate", "import"):
        assert command in helped.stdout


def test_import_cpt_file(tmp_path):
    """Licensed descriptors go to the user's directory, not data/, and show on pages."""
    licensed = tmp_path / "cpt.txt"
    licensed.write_text("Code\tDescriptor\n47542\tLICENSED DESCRIPTOR TEXT FOR TEST\n"
                        "99999X\tbad code\n12345\t\n0042T\tAnother licensed test descriptor\n")
    env = dict(os.environ, CODETUI_DB=str(tmp_path / "store"), CODETUI_DATA=str(FIXTURE),
               CODETUI_USER_DIR=str(tmp_path / "user"))
    done = subprocess.run([sys.executable, "-m", "codetui", "import", "cpt", str(licensed)],
                          env=env, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert "Imported 2 CPT descriptors" in done.stdout
    assert ":3:" in done.stderr or "line 3" in done.stderr
    assert (tmp_path / "user" / "cpt-descriptors.json").exists()
    page = json.loads(subprocess.run([sys.executable, "-m", "codetui", "show", "--json", "47542"],
                                     env=env, capture_output=True, text=True, timeout=120).stdout)
    texts = [s.get("text", "") for s in page["sections"]]
    assert "LICENSED DESCRIPTOR TEXT FOR TEST" in texts
    new = subprocess.run([sys.executable, "-m", "codetui", "show", "0042T"], env=env,
                         capture_output=True, text=True, timeout=120)
    assert new.returncode == 0 and "Another licensed test descriptor" in new.stdout
    assert "LICENSED" not in "".join(p.read_text() for p in FIXTURE.rglob("*.yaml"))
