"""Fixtures of the full-data tests."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest


@pytest.fixture(scope="module")
def run(catalog, session_store_dir, tmp_path_factory):
    """Run ``codetui ARGS`` against the session's seeded full store."""
    env = dict(os.environ, CODETUI_DB=str(session_store_dir),
               CODETUI_USER_DIR=str(tmp_path_factory.mktemp("cli-user")))
    env.pop("CODETUI_DATA", None)

    def _run(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "codetui", *args], input=stdin, env=env,
                              capture_output=True, text=True, timeout=300)
    return _run
