"""codetui finds the user's folders as platformdirs would, without importing it on Linux."""

from __future__ import annotations

import sys

import platformdirs
import pytest

from codetui import paths


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
@pytest.mark.parametrize("kind", ["cache", "data", "config"])
@pytest.mark.parametrize("value", [None, "", "/srv/xdg here", "relative/xdg", "~/tilde"])
def test_user_folders_are_where_platformdirs_puts_them(kind, value, monkeypatch, tmp_path):
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    variable = {"cache": "XDG_CACHE_HOME", "data": "XDG_DATA_HOME",
                "config": "XDG_CONFIG_HOME"}[kind]
    if value is None:
        monkeypatch.delenv(variable, raising=False)
    else:
        monkeypatch.setenv(variable, value)
    expected = getattr(platformdirs, f"user_{kind}_path")("codetui", appauthor=False)
    assert paths.user_folder(kind) == expected


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the XDG rule is Linux's")
def test_default_folders_follow_the_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(paths.ENV_DB, raising=False)
    monkeypatch.delenv(paths.ENV_USER_DIR, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    assert paths.default_store_dir() == tmp_path / "cache" / "codetui" / "store"
    assert paths.user_dir() == tmp_path / "data" / "codetui"
