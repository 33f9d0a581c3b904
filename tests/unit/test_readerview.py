"""Reader views move whole sections, keep their order within each part, and lose none."""

from __future__ import annotations

from codetui.page import Page, Section
from codetui.readerview import CODER, PLAIN, arrange, default_view, other_view
from codetui.userfiles import VIEWS_FILE, UserCodes


def _page(system: str = "icd10cm") -> Page:
    sections = [Section("Includes", items=["x"]), Section("About category E11", text="t", plain=True),
                Section("Symptoms", items=["s"], plain=True), Section("Excludes1", items=["y"]),
                Section("Codes below this one")]
    return Page(system=system, code="E11.9", title="T", kind="code", billable=True,
                status="active", release="r", breadcrumb=[], sections=sections)


def test_coder_view_puts_official_sections_first_in_their_order():
    shown = [s.heading for s in arrange(_page(), CODER).sections]
    assert shown == ["Includes", "Excludes1", "Codes below this one", "About category E11", "Symptoms"]


def test_plain_view_puts_plain_language_first_and_nothing_is_lost():
    page = _page()
    shown = arrange(page, PLAIN).sections
    assert [s.heading for s in shown] == ["About category E11", "Symptoms", "Includes", "Excludes1",
                                          "Codes below this one"]
    assert sorted(map(id, shown)) == sorted(map(id, page.sections))
    assert [s.heading for s in page.sections][0] == "Includes"  # the built page is untouched


def test_defaults_follow_the_system_and_v_switches():
    assert default_view("cpt") == PLAIN
    assert {default_view(s) for s in ("icd10cm", "icd10pcs", "hcpcs")} == {CODER}
    assert other_view(CODER) == PLAIN and other_view(PLAIN) == CODER


def test_the_chosen_view_is_saved_and_read_back(tmp_path):
    user = UserCodes.load(tmp_path)
    user.set_view("icd10cm", PLAIN)
    assert UserCodes.load(tmp_path).views == {"icd10cm": PLAIN}
    (tmp_path / VIEWS_FILE).write_text('["damaged"]')
    assert UserCodes.load(tmp_path).views == {}
    user = UserCodes.load(tmp_path)
    user.set_view("cpt", CODER)
    assert UserCodes.load(tmp_path).views == {"cpt": CODER}
