"""Shared fixtures: a store seeded once per test session from the bundled data."""

from __future__ import annotations

import asyncio
import inspect
import os
import shutil
import signal
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "data"


@pytest.fixture(autouse=True, scope="session")
def _no_personal_settings(tmp_path_factory):
    """The tests never read the developer's keymap file, never use the host's shared store and
    never hand copies to their tmux: the whole session (and every program it starts) sees no
    keymap file, no shared store and no ``$TMUX``. Programs started run with Python's usual
    buffered output, as from a user's shell, even when the suite itself runs with
    ``PYTHONUNBUFFERED`` (a buffered flush at exit to a closed pipe or a gone terminal is a
    fault unbuffered output hides)."""
    names = ("CODETUI_KEYS", "CODETUI_SHARED_STORE", "TMUX", "PYTHONUNBUFFERED")
    saved = {name: os.environ.get(name) for name in names}
    absent = tmp_path_factory.mktemp("absent")
    os.environ["CODETUI_KEYS"] = str(absent / "keys.yaml")
    os.environ["CODETUI_SHARED_STORE"] = str(absent / "shared-store")
    os.environ.pop("TMUX", None)
    os.environ.pop("PYTHONUNBUFFERED", None)
    yield
    for name, value in saved.items():
        if value is None:
            os.environ.pop(name, None)
        else:
            os.environ[name] = value


@pytest.fixture(autouse=True, scope="session")
def _interrupt_reaches_started_programs():
    """Programs the tests start and interrupt get SIGINT's usual action, even when the suite
    itself runs with SIGINT ignored (a shell script's background job is started that way, and
    a child inherits an ignored signal through exec)."""
    if signal.getsignal(signal.SIGINT) is signal.SIG_IGN:
        signal.signal(signal.SIGINT, signal.default_int_handler)


@pytest.fixture(scope="session")
def session_store_dir(tmp_path_factory) -> Path:
    """A store folder for the bundled data, seeded on first use (``CODETUI_TEST_DB`` reuses one).

    Under pytest-xdist each worker has its own temporary folder inside a shared one; the
    workers use one store there, and the store's own lock makes them seed it once.
    """
    reuse = os.environ.get("CODETUI_TEST_DB")
    if reuse:
        return Path(reuse)
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "store"


@pytest.fixture(scope="session")
def catalog(session_store_dir, tmp_path_factory):
    """The catalog over the full bundled data (seeded once per session)."""
    from codetui.catalog import Catalog

    return Catalog.open(db=session_store_dir, data_dir=DATA,
                        user_dir=tmp_path_factory.mktemp("user"))


@pytest.fixture
def user_dir(tmp_path, monkeypatch) -> Path:
    """An empty user data directory, also exported as ``CODETUI_USER_DIR``."""
    folder = tmp_path / "user"
    monkeypatch.setenv("CODETUI_USER_DIR", str(folder))
    return folder


@pytest.fixture
def fixture_data(tmp_path) -> Path:
    """A private, editable copy of the small fixture data set (tests/fixtures/data)."""
    copy = tmp_path / "data"
    shutil.copytree(Path(__file__).parent / "fixtures" / "data", copy)
    return copy


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem):
    """Run ``async def`` tests (Textual's Pilot) in a fresh event loop, without a plugin."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    arguments = {name: pyfuncitem.funcargs[name] for name in pyfuncitem._fixtureinfo.argnames}
    asyncio.run(pyfuncitem.obj(**arguments))
    return True
