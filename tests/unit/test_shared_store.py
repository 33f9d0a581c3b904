"""A store for every user of a host: an administrator seeds it with ``codetui seed --store
DIR``; a user without write access to it uses it as it is (found in the host's shared folder,
or named with ``CODETUI_DB``), never copies or rebuilds it, and is told when it is stale.

The user runs the real command without the right to write the shared folder: as root the
process gives up its permission overrides first (``setpriv``), so file modes hold for it as
they do for any other user.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"
#: Run a command as a user whom file modes bind (root without its overrides).
AS_USER = (["setpriv", "--inh-caps=-dac_override,-dac_read_search,-fowner",
            "--bounding-set=-dac_override,-dac_read_search,-fowner"]
           if os.geteuid() == 0 else [])


def tree(folder: Path) -> dict[str, tuple[int, int]]:
    """Every path under ``folder`` with its size and modification time."""
    return {p.relative_to(folder).as_posix(): (p.stat().st_size, p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*"))} | {".": (0, folder.stat().st_mtime_ns)}


def read_only(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        path.chmod(0o555 if path.is_dir() else 0o444)


@pytest.fixture
def host(tmp_path):
    """A shared store seeded by the administrator, made read-only, and a user's own folders."""
    shared = tmp_path / "shared"
    admin = dict(os.environ, CODETUI_DATA=str(FIXTURE), CODETUI_USER_DIR=str(tmp_path / "admin"))
    admin.pop("CODETUI_DB", None)
    done = subprocess.run([sys.executable, "-m", "codetui", "seed", "--store", str(shared)],
                          env=admin, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    read_only(shared)
    user = dict(admin, CODETUI_USER_DIR=str(tmp_path / "user"), CODETUI_SHARED_STORE=str(shared),
                XDG_CACHE_HOME=str(tmp_path / "cache"), TMPDIR=str(tmp_path / "tmp"))
    (tmp_path / "tmp").mkdir()
    yield shared, user, tmp_path
    for path in [shared, *shared.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)


def run_as_user(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*AS_USER, sys.executable, "-m", "codetui", *args], env=env,
                          capture_output=True, text=True, timeout=300)


def test_the_user_really_cannot_write_the_shared_store(host):
    shared, user, _ = host
    probe = run_as_user(user, "--version")
    assert probe.returncode == 0, probe.stderr
    done = subprocess.run([*AS_USER, sys.executable, "-c",
                           f"open({str(shared / 'x')!r}, 'w')"], capture_output=True, text=True)
    assert done.returncode != 0 and "Permission denied" in done.stderr


def test_a_current_shared_store_is_used_as_it_is(host):
    shared, user, tmp_path = host
    before = tree(shared)
    show = run_as_user(user, "show", "--json", "K0001")
    assert show.returncode == 0, show.stderr
    assert json.loads(show.stdout)["title"] == "Standard wheelchair"
    search = run_as_user(user, "search", "--json", "wheelchair")
    assert search.returncode == 0, search.stderr
    assert any(hit["code"] == "K0001" for hit in json.loads(search.stdout))
    assert show.stderr == search.stderr == "", "no seeding, no notice"
    assert tree(shared) == before, "the shared store is never written"
    own = tmp_path / "cache" / "codetui" / "store"
    assert not any(p.name.startswith(("v", "tmp-")) for p in own.glob("*")), "never copied"
    assert not any((tmp_path / "tmp").iterdir()), "no fallback store either"


def test_a_shared_store_named_with_codetui_db_is_used_read_only(host):
    shared, user, _ = host
    before = tree(shared)
    done = run_as_user({**user, "CODETUI_DB": str(shared)}, "show", "--json", "S06.0X0A")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["code"] == "S06.0X0A" and done.stderr == ""
    assert tree(shared) == before


def test_a_stale_shared_store_is_named_and_left_alone(host):
    shared, user, tmp_path = host
    data = tmp_path / "newer-data"
    shutil.copytree(FIXTURE, data)
    first = sorted(data.rglob("*.yaml"))[0]
    first.write_text(first.read_text() + "\n# a newer release\n")
    before = tree(shared)
    done = run_as_user({**user, "CODETUI_DATA": str(data)}, "search", "--json", "wheelchair")
    assert done.returncode == 0, done.stderr
    assert any(hit["code"] == "K0001" for hit in json.loads(done.stdout))
    assert f"The shared store in {shared} was built from other data" in done.stderr
    assert f"codetui seed --store {shared}" in done.stderr
    assert "Traceback" not in done.stderr
    assert tree(shared) == before, "a user without write access never rebuilds it"


def test_the_administrators_store_is_readable_by_everyone(tmp_path):
    """``seed --store`` leaves folders that others may read (a new folder would be private)."""
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o755)
    shared.chmod(0o755)
    env = dict(os.environ, CODETUI_DATA=str(FIXTURE), CODETUI_USER_DIR=str(tmp_path / "u"))
    done = subprocess.run([sys.executable, "-m", "codetui", "seed", "--store", str(shared)],
                          env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    store = next(p for p in shared.iterdir() if p.name.startswith("v"))
    assert store.stat().st_mode & 0o055 == 0o055
    assert all(p.stat().st_mode & 0o044 == 0o044 for p in store.rglob("*"))
