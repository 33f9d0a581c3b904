"""Adding a code system is one registry entry plus its data: a fake fifth system, registered
here, is seeded, searched, shown by the command line, and badged and filtered in the app."""

from __future__ import annotations

import re

import pytest

from codetui import cli, systems
from codetui.catalog import Catalog
from codetui.systems import CodeSystem
from codetui.tui.filters import filter_choices
from tui_helpers import make_app, settle  # noqa: E402

FAKE = CodeSystem(id="fake9", badge="FAKE-9", name="A fake legacy system for tests",
                  code_pattern=re.compile(r"^[0-9]{3}(\.[0-9]{1,2})?$"), rank=4, colour="red")
FAKE_YAML = """\
system: fake9
release: "Fake release 2015"
entries:
  - {code: "999", title: Zebrapox of the elbow, kind: category, billable: false, parent: null}
  - {code: "999.1", title: Zebrapox of the left elbow, kind: code, billable: true, parent: "999"}
"""


@pytest.fixture
def fake_catalog(fixture_data, tmp_path):
    systems.register(FAKE)
    try:
        (fixture_data / "fake9").mkdir()
        (fixture_data / "fake9" / "codes.yaml").write_text(FAKE_YAML)
        yield Catalog.open(db=tmp_path / "store", data_dir=fixture_data, user_dir=tmp_path / "u")
    finally:
        systems.unregister("fake9")


def test_the_registry_lists_the_new_system_for_filters(fake_catalog):
    assert filter_choices()[-1] == "fake9"
    assert fake_catalog.counts["fake9"] == 2


def test_search_and_resolve_find_the_new_system(fake_catalog):
    result = fake_catalog.search("zebrapox left")
    assert [(h.system, h.code) for h in result.hits][:1] == [("fake9", "999.1")]
    assert fake_catalog.search("zebrapox", system="fake9").total == 2
    assert fake_catalog.search("concussion", system="fake9").total == 0
    assert fake_catalog.page_for("999.1").breadcrumb[-1].code == "999"


def test_show_prints_the_new_system(fake_catalog, fixture_data, tmp_path, capsys):
    code = cli.main(["--db", str(tmp_path / "store"), "--data", str(fixture_data),
                     "show", "--system", "fake9", "999.1"])
    out = capsys.readouterr().out
    assert code == 0
    assert "999.1  FAKE-9" in out and "Zebrapox of the left elbow" in out


async def test_the_app_badges_and_filters_the_new_system(fake_catalog, user_dir):
    app = make_app(fake_catalog, user_dir)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press(*"zebrapox")
        await settle(pilot)
        screen = app.main
        assert "FAKE-9" in str(screen.results.get_option_at_index(0).prompt)
        for _ in filter_choices():
            if screen.search_filter == "fake9":
                break
            await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.search_filter == "fake9"
        assert {hit.system for hit in screen.results.hits} == {"fake9"}
        assert "FAKE-9 only" in str(screen.query_one("#info").render())
