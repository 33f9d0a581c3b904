"""The command line stays quick: `search` and `show` import no UI or YAML libraries.

Importing Textual and Rich costs about 0.4 s; PyYAML and TinyDB are needed only to seed.
Each check runs the real command in a fresh interpreter (over a store seeded beforehand)
and lists the modules it loaded.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"
PROBE = """
import json, sys
from codetui.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
finally:
    loaded = sorted({name.split('.')[0] for name in sys.modules})
    with open({out!r}, 'w') as handle:
        json.dump(loaded, handle)
"""


@pytest.fixture(scope="module")
def env(tmp_path_factory):
    """Environment over a store of the fixture data, seeded once."""
    root = tmp_path_factory.mktemp("hygiene")
    environment = dict(os.environ, CODETUI_DB=str(root / "store"), CODETUI_DATA=str(FIXTURE),
                       CODETUI_USER_DIR=str(root / "user"))
    subprocess.run([sys.executable, "-m", "codetui", "seed"], env=environment, check=True,
                   capture_output=True)
    return environment


def loaded_by(env, tmp_path, *args: str) -> set[str]:
    out = tmp_path / "modules.json"
    result = subprocess.run([sys.executable, "-c", PROBE.replace("{out!r}", repr(str(out))), *args],
                            env=env, capture_output=True, text=True, timeout=60)
    assert out.exists(), result.stderr
    return set(json.loads(out.read_text()))


@pytest.mark.parametrize("args", [("search", "--json", "concussion"), ("search", "K0001"),
                                  ("show", "S06.0X0A"), ("show", "--json", "K0001"),
                                  ("check", "S06.0X0A", "K0001")])
def test_search_and_show_import_no_ui_or_yaml(env, tmp_path, args):
    loaded = loaded_by(env, tmp_path, *args)
    assert "codetui" in loaded
    assert not loaded & {"textual", "rich", "yaml"}, sorted(loaded & {"textual", "rich", "yaml"})


@pytest.mark.parametrize("args", [("search", "--json", "concussion"), ("search", "S06"),
                                  ("show", "S06.0X0A"), ("show", "--json", "K0001")])
def test_search_and_show_do_not_import_tinydb(env, tmp_path, args):
    """The store's files are TinyDB databases, read as the JSON they are: only the seed
    (which writes them) needs TinyDB itself."""
    assert "tinydb" not in loaded_by(env, tmp_path, *args)


@pytest.mark.parametrize("args", [("show", "S06.0X0A"), ("show", "--json", "K0001"),
                                  ("check", "--json", "S06.0X0", "K0001")])
def test_show_does_not_import_the_search_engine(env, tmp_path, args):
    """`show` finds a code in the code table; the search engine (and its index) stay shut."""
    loaded = loaded_by(env, tmp_path, *args)
    assert "codetui" in loaded
    modules = subprocess.run(
        [sys.executable, "-c", PROBE.replace("{out!r}", repr(str(tmp_path / "all.json")))
         .replace("name.split('.')[0] for name in sys.modules", "name for name in sys.modules"),
         *args], env=env, capture_output=True, text=True, timeout=60)
    names = set(json.loads((tmp_path / "all.json").read_text()))
    assert "codetui.search" not in names, modules.stderr


@pytest.mark.parametrize("args", [("search", "--json", "concussion"), ("search", "K0001")])
@pytest.mark.parametrize("folders", ["named", "default"])
def test_a_search_on_a_current_store_leaves_slow_modules_alone(env, tmp_path, args, folders):
    """A cold search's start-up: typing (~3 ms), shutil (~2 ms, which argparse's help layout
    would import), hashlib (~2 ms: the fingerprint of unchanged files is remembered) and
    platformdirs (8-10 ms; on Linux the XDG rule finds the default folders)."""
    if folders == "default":
        if not sys.platform.startswith("linux"):
            pytest.skip("elsewhere platformdirs finds the default folders")
        env = {k: v for k, v in env.items() if k not in ("CODETUI_DB", "CODETUI_USER_DIR")}
        env.update(XDG_CACHE_HOME=str(tmp_path / "cache"), XDG_DATA_HOME=str(tmp_path / "data"))
    loaded_by(env, tmp_path, *args)  # the first search seeds or hashes the data
    slow = {"typing", "shutil", "hashlib", "platformdirs", "tempfile"}
    assert not loaded_by(env, tmp_path, *args) & slow
