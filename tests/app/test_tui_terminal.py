"""Every key on the help screen, sent as a real terminal sends it, to the real app.

``python -m codetui`` runs in a pseudo-terminal read by a terminal emulator (the xterm
bytes) and, where tmux is installed, in a private tmux server (tmux's own key names, so tmux
makes the bytes), at 80x24 and 60x20. Pilot tests skip the terminal's byte parser, which is
where alt+digit typed "¢" into the search box while every Pilot test passed.

The list of keys comes from the live bindings (``CodeApp.key_groups``, which the help screen
shows); :data:`COVERS` says which scenario presses each one and
``test_every_help_screen_key_is_sent_by_a_scenario`` fails for a key no scenario sends.
"""

from __future__ import annotations

import base64
import re
import time
from pathlib import Path

import pytest

pytest.importorskip("textual")

from codetui.readerview import arrange, default_view  # noqa: E402
from codetui.tui.app import CodeApp  # noqa: E402
from codetui.tui.filters import FACT_FILTERS, filter_choices, filter_name  # noqa: E402
from codetui.tui.keys import FILTER_KEYS  # noqa: E402
from codetui.tui.links import link_choices  # noqa: E402
from codetui.userfiles import UserCodes  # noqa: E402
from terminals import Terminal, Tmux, XtermPty, app_env, have_tmux  # noqa: E402

SIZES = [(80, 24), (60, 20)]
WIDE = [(130, 30)]  # the page beside the list (pick from a page)


def _xterm_skip() -> str:
    try:
        import pyte  # noqa: F401
    except ImportError:
        return "pyte (the terminal emulator that reads the pty) is not installed"
    return ""


TERMINALS = [
    pytest.param("xterm", id="xterm", marks=pytest.mark.skipif(bool(_xterm_skip()),
                                                               reason=_xterm_skip() or "-")),
    pytest.param("tmux", id="tmux", marks=pytest.mark.skipif(
        not have_tmux(), reason="tmux is not installed: the tmux runs are skipped, the pty "
                                "(xterm) runs still run")),
]

BADGES = "CPT|HCPCS|ICD-10-CM|ICD-10-PCS"
_PAGE_BAR = re.compile(rf"^\s*(?:★ )?(\S+) ({BADGES}) ·")


def page_code(lines: list[str]) -> str | None:
    """The code whose page fills the screen (narrow: the page bar is the first line)."""
    match = _PAGE_BAR.match(lines[0]) if lines else None
    return match.group(1) if match else None


def key_bar(lines: list[str]) -> str:
    return lines[-1] if lines else ""


def notices(lines: list[str]) -> list[str]:
    """The notices on screen (the toasts at the right, after their "▌" edge), each as one
    line however it wraps."""
    found, current = [], []
    for line in [*lines, ""]:
        part = line.rsplit("▌", 1)[1].strip(" …") if "▌" in line else ""  # … : a bar's edge
        if part:
            current.append(part)
        elif current:
            found.append(" ".join(current))
            current = []
    return found


def box_text(lines: list[str]) -> str:
    """The text in the search box (its middle line, between the borders)."""
    return lines[1].strip("▊▎ ")


# -- scenarios: each starts the app, presses keys and checks the screen after each --------


class Context:
    """What a scenario expects, worked out from the same data the app runs on."""

    def __init__(self, catalog) -> None:
        self.catalog = catalog

    def codes(self, query: str, system: str | None = None) -> list[str]:
        return [hit.code for hit in self.catalog.search(query, system, 50, 0).hits]

    def total(self, query: str, system: str | None = None, facets: int = 0) -> int:
        return self.catalog.search(query, system, 50, 0, facets).total


def open_highlighted(term: Terminal, expected, back: str = "escape") -> str:
    """``enter`` on the list: wait for the page of ``expected`` (a code, or a test of the
    code: the page shown at first may still be the one opened before), read its code, go
    back to the list."""
    test = expected if callable(expected) else (lambda code: code == expected)
    term.press("enter")
    lines = term.wait_for(lambda lines: page_code(lines) and test(page_code(lines)),
                          what=f"the page of {expected}")
    code = page_code(lines)
    term.press(back)
    # The search box drawn again and the page's keys gone (not a screen caught mid-draw).
    term.wait_for(lambda lines: page_code(lines) is None and lines[0].startswith("▊")
                  and "Section" not in key_bar(lines) and "Open" in key_bar(lines),
                  what="the list again")
    return code


def opened(term: Terminal, code: str) -> None:
    """Wait for ``code``'s page with its keys in the key bar (the page has the focus), and for
    the screen to stop changing: a key pressed while the page is still being drawn or focused
    can go elsewhere, and a first screen caught mid-draw is no baseline for the next."""
    term.wait_for(lambda lines: page_code(lines) == code and "Section" in key_bar(lines),
                  what=f"the page of {code}, focused")
    steady(term)


def steady(term: Terminal, timeout: float = 10) -> list[str]:
    """The screen once two reads 0.2 s apart agree."""
    deadline = time.monotonic() + timeout
    previous = term.lines()
    while True:
        time.sleep(0.2)
        lines = term.lines()
        if lines == previous:
            return lines
        if time.monotonic() > deadline:
            raise AssertionError(f"the screen kept changing for {timeout} s:\n" + "\n".join(lines))
        previous = lines


def scenario_search_box(term: Terminal, ctx: Context) -> None:
    codes = ctx.codes("S52.509")
    term.type("S52.509")
    term.wait_for(codes[2])
    open_highlighted(term, codes[0])
    term.press("down")
    open_highlighted(term, codes[1])
    term.press("ctrl+n")
    open_highlighted(term, codes[2])
    term.press("up")
    open_highlighted(term, codes[1])
    term.press("ctrl+p")
    open_highlighted(term, codes[0])
    term.press("pagedown")
    far = codes.index(open_highlighted(term, lambda code: codes.index(code) > 2))
    term.press("pageup")
    open_highlighted(term, lambda code: codes.index(code) < far)
    lines = term.wait_for(lambda lines: box_text(lines) == "S52.509")
    assert "Clear" in key_bar(lines)
    # editing keys that arrive in one burst with the letters apply in the order typed
    term.type("\x15asthmx\x7fa")
    term.wait_for(lambda lines: box_text(lines) == "asthma", what="the burst typed in order")
    term.type("\x15knee")
    term.wait_for(lambda lines: box_text(lines) == "knee", what="ctrl+u then a word")
    term.press("escape")  # in the box: clears it
    term.wait_for(lambda lines: box_text(lines) == "Search all medical codes", what="an empty box")


def scenario_result_list(term: Terminal, ctx: Context) -> None:
    codes = ctx.codes("S52.509")
    term.type("S52.509")
    term.wait_for(codes[2])

    def in_list(keys: list[str], expected) -> str:
        term.press("tab")  # from the search box to the list: letter keys act there
        term.wait_for(lambda lines: "y Copy" in key_bar(lines), what="the list focused")
        term.press(*keys)
        return open_highlighted(term, expected)

    in_list(["down"], codes[1])
    in_list(["ctrl+n"], codes[2])
    in_list(["up"], codes[1])
    in_list(["ctrl+p"], codes[0])
    far = codes.index(in_list(["pagedown"], lambda code: codes.index(code) > 2))
    in_list(["pageup"], lambda code: codes.index(code) < far)
    in_list(["end"], codes[-1])
    in_list(["home"], codes[0])


def scenario_page(term: Terminal, ctx: Context) -> None:
    page = ctx.catalog.page_for("S06.0X0A")
    opened(term, "S06.0X0A")

    def body(lines: list[str]) -> list[str]:  # the page's lines, without the scroll bar
        width = term.size[0]
        return [line.ljust(width)[:width - 2].rstrip() for line in lines[1:-2]]

    def after(key: str, test, what: str) -> list[str]:
        before = body(term.lines())
        term.press(key)
        return body(term.wait_for(lambda lines: test(before, body(lines)), what=f"{key}: {what}"))

    for key in ("down", "j"):
        after(key, lambda old, new: new[:-1] == old[1:] and new != old, "one line down")
    for key in ("up", "k"):
        after(key, lambda old, new: new[1:] == old[:-1] and new != old, "one line up")
    for key in ("pagedown", "space"):
        after(key, lambda old, new: new[0] == old[-1] and new != old, "a screen down")
        after("pageup", lambda old, new: new[-1] == old[0] and new != old, "a screen up")
    page = arrange(page, default_view(page.system))  # the order on screen
    count = len(page.sections)
    term.press("right_square_bracket")
    term.wait_for(lambda lines: f"· 1/{count} {page.sections[0].heading}" in lines[0])
    term.press("right_square_bracket")
    term.wait_for(lambda lines: f"· 2/{count} {page.sections[1].heading}" in lines[0])
    term.press("left_square_bracket")
    term.wait_for(lambda lines: f"· 1/{count} " in lines[0])
    term.press("end")
    term.wait_for(lambda lines: f"· {count}/{count} " in lines[0], what="the last section")
    term.press("home")
    term.wait_for(lambda lines: "/" not in lines[0].split("·", 1)[1][:6], what="the top")
    assert body(term.lines())[0].split()[0] == "S06.0X0A"  # the page from its first line


def scenario_copy(term: Terminal, ctx: Context) -> None:
    opened(term, "K0001")
    in_tmux = isinstance(term, Tmux)
    for key, notice, text in (("y", "Copied K0001", "K0001"),
                              ("Y", "Copied K0001 and its title", "K0001 — Standard wheelchair"),
                              ("c", "Copied the page of K0001 as text", None)):
        # Inside tmux the text is in tmux's buffer and the notice says so; outside, the
        # notice says only that OSC 52 was sent.
        notice += " to the tmux buffer" if in_tmux else ": sent to the terminal clipboard (OSC 52)"
        term.press(key)
        term.wait_for(lambda lines: any(n.startswith(notice) for n in notices(lines)), what=notice)
        if in_tmux:
            shown = term.buffer()
            assert shown == text if text else shown.startswith("K0001"), shown[:200]
    if isinstance(term, XtermPty):  # the OSC 52 sequence reached the terminal
        assert b"\x1b]52;c;" + base64.b64encode(b"K0001") in term.output
    for view in ("Plain language first", "Coder view"):  # v: the reader view
        term.press("v")
        term.wait_for(lambda lines: any(n.startswith(view) for n in notices(lines)), what=view)


def scenario_links(term: Terminal, ctx: Context) -> None:
    page = ctx.catalog.page_for("S06.0X0A")
    choices = link_choices(page, ctx.catalog.title_of)
    title = "Codes linked from S06.0X0A"
    opened(term, "S06.0X0A")
    for close in ("escape", "q"):
        term.press("l")
        term.wait_for(title)
        term.press(close)
        term.wait_for(lambda lines: title not in "\n".join(lines), what=f"{close} closes")
    term.press("l")
    term.wait_for(title)
    term.press("down", "enter")
    opened(term, choices[1].code)
    term.press("backspace")
    opened(term, "S06.0X0A")
    term.press("l")
    term.wait_for(title)
    term.press("down", "up", "enter")
    opened(term, choices[0].code)


def scenario_history(term: Terminal, ctx: Context) -> None:
    parent = [link for link in ctx.catalog.page_for("S06.0X0A").breadcrumb if link.code][-1].code
    opened(term, "S06.0X0A")
    term.press("u")
    opened(term, parent)
    term.press("backspace")
    opened(term, "S06.0X0A")
    term.press("alt+right")
    opened(term, parent)
    term.press("alt+left")
    opened(term, "S06.0X0A")


def scenario_star_and_lists(term: Terminal, ctx: Context) -> None:
    opened(term, "K0001")
    term.press("s")
    term.wait_for(lambda lines: lines[0].lstrip().startswith("★ K0001"), what="the star")
    term.press("f")
    term.wait_for(lambda lines: "Starred codes" in "\n".join(lines) and
                  sum("K0001" in line for line in lines) >= 2, what="K0001 in the starred list")
    term.press("escape")
    term.press("r")
    term.wait_for("Recently viewed codes")
    term.press("enter")
    opened(term, "K0001")


def scenario_mark_and_check(term: Terminal, ctx: Context) -> None:
    opened(term, "E11.9")
    term.press("m")
    term.press("escape")
    term.type("E10.9")
    term.wait_for(lambda lines: box_text(lines) == "E10.9" and
                  any(line.startswith("E10.9 ") for line in lines[3:]), what="E10.9 listed")
    term.press("enter")
    opened(term, "E10.9")
    term.press("m")
    term.press("M")
    term.wait_for(lambda lines: "Check of the marked codes: E11.9 E10.9" in "\n".join(lines)
                  and "Excludes1" in "\n".join(lines), what="the check of the marked codes")
    term.press("escape")
    opened(term, "E10.9")


def scenario_filters(term: Terminal, ctx: Context) -> None:
    term.type("E11")
    term.wait_for(f"{ctx.total('E11'):,} codes")

    def shows(system: str | None) -> None:
        tag = f"[{filter_name(system)} only] " if system else ""
        count = f"{tag}{ctx.total('E11', system):,} code"
        term.wait_for(lambda lines: count in lines[3] and box_text(lines) == "E11",
                      what=f"{count!r} with E11 in the box")

    for index, system in enumerate(filter_choices()):
        term.press(FILTER_KEYS[index])
        shows(system)
        term.press(f"alt+{index + 1}")
        shows(system)
    term.press("f2")
    shows(None)
    term.press("ctrl+s")
    shows(filter_choices()[1])
    term.press("f2")
    shows(None)
    for bits, name in FACT_FILTERS[1:]:  # ctrl+g: CC or MCC, MCC, HCC V28, then off
        term.press("ctrl+g")
        count = f"[{name} only] {ctx.total('E11', None, bits):,} code"
        term.wait_for(lambda lines: count in lines[3], what=repr(count))
    term.press("ctrl+g")
    shows(None)


def scenario_help_and_palette(term: Terminal, ctx: Context) -> None:
    help_text = "codetui searches"

    def help_opens(*keys: str) -> None:
        term.press(*keys)
        term.wait_for(help_text)
        term.press("escape")
        term.wait_for(lambda lines: help_text not in "\n".join(lines), what="help closed")

    help_opens("question_mark")  # the search box is empty
    help_opens("f1")
    term.type("knee")
    term.wait_for(lambda lines: box_text(lines) == "knee")
    term.press("question_mark")  # typed: the box has text
    term.wait_for(lambda lines: box_text(lines) == "knee?")
    term.press("ctrl+k")
    term.wait_for("Search for commands")
    term.press("escape")
    term.wait_for(lambda lines: "Search for commands" not in "\n".join(lines))
    term.press("tab")
    term.wait_for(lambda lines: "y Copy" in key_bar(lines), what="the list focused")
    help_opens("question_mark")
    term.press("colon")
    term.wait_for("Search for commands")
    term.press("escape")
    term.wait_for(lambda lines: "y Copy" in key_bar(lines), what="the palette closed")
    term.press("shift+tab")
    term.wait_for(lambda lines: "y Copy" not in key_bar(lines) and "Clear" in key_bar(lines),
                  what="the search box focused")


def quits_with(key: str, args: list[str]):
    def scenario(term: Terminal, ctx: Context) -> None:
        term.wait_for(page_code if args else "Search all medical codes")
        term.press(key)
        assert term.wait_exit() == 0
    scenario.args = args
    return scenario


def scenario_pick_from_list(term: Terminal, ctx: Context) -> None:
    term.wait_for(lambda lines: "Pick a code" in "\n".join(lines) and "K0001" in "\n".join(lines))
    term.press("enter")
    assert term.wait_exit() == 0
    assert "K0001" in [line.strip() for line in term.scrollback()], "K0001 was not printed"


def scenario_pick_from_page(term: Terminal, ctx: Context) -> None:
    term.wait_for(lambda lines: "Pick a code" in "\n".join(lines) and "K0001" in "\n".join(lines))
    term.press("tab", "tab")  # search box -> list -> page (side by side at this width)
    term.wait_for(lambda lines: "⏎ Pick" in key_bar(lines), what="the page focused")
    term.press("enter")
    assert term.wait_exit() == 0
    assert "K0001" in [line.strip() for line in term.scrollback()], "K0001 was not printed"


scenario_page.args = ["S06.0X0A"]
scenario_copy.args = ["K0001"]
scenario_links.args = ["S06.0X0A"]
scenario_history.args = ["S06.0X0A"]
scenario_star_and_lists.args = ["K0001"]
scenario_mark_and_check.args = ["E11.9"]
scenario_pick_from_list.args = ["pick", "K0001"]
scenario_pick_from_page.args = ["pick", "K0001"]
scenario_pick_from_page.sizes = WIDE

SCENARIOS = {
    "search box": scenario_search_box,
    "result list": scenario_result_list,
    "page": scenario_page,
    "copy": scenario_copy,
    "links": scenario_links,
    "history": scenario_history,
    "star and lists": scenario_star_and_lists,
    "mark and check": scenario_mark_and_check,
    "filters": scenario_filters,
    "help and palette": scenario_help_and_palette,
    "quit q": quits_with("q", ["K0001"]),
    "quit ctrl+c": quits_with("ctrl+c", []),
    "quit ctrl+q": quits_with("ctrl+q", []),
    "pick from list": scenario_pick_from_list,
    "pick from page": scenario_pick_from_page,
}

#: Which scenario sends each key of each help-screen group (group title's first word).
COVERS = {
    ("Search", "enter"): "search box", ("Search", "down"): "search box",
    ("Search", "ctrl+n"): "search box", ("Search", "up"): "search box",
    ("Search", "ctrl+p"): "search box", ("Search", "pagedown"): "search box",
    ("Search", "pageup"): "search box", ("Search", "escape"): "search box",
    **{("Result", key): "result list" for key in
       ("down", "ctrl+n", "up", "ctrl+p", "pagedown", "pageup", "home", "end", "enter")},
    **{("Page", key): "page" for key in
       ("down", "j", "up", "k", "pagedown", "space", "pageup", "home", "end",
        "right_square_bracket", "left_square_bracket")},
    ("Anywhere", "enter"): "pick from page", ("Anywhere", "escape"): "search box",
    ("Anywhere", "y"): "copy", ("Anywhere", "Y"): "copy", ("Anywhere", "c"): "copy",
    ("Anywhere", "v"): "copy",
    ("Anywhere", "l"): "links", ("Anywhere", "u"): "history", ("Anywhere", "s"): "star and lists",
    ("Anywhere", "f"): "star and lists", ("Anywhere", "r"): "star and lists",
    ("Anywhere", "m"): "mark and check", ("Anywhere", "M"): "mark and check",
    ("Anywhere", "ctrl+s"): "filters", ("Anywhere", "ctrl+g"): "filters",
    **{("Anywhere", key): "filters" for key in (*FILTER_KEYS, *(f"alt+{n}" for n in range(1, 10)))},
    ("Anywhere", "alt+left"): "history", ("Anywhere", "alt+right"): "history",
    ("Anywhere", "backspace"): "history", ("Anywhere", "question_mark"): "help and palette",
    ("Anywhere", "f1"): "help and palette", ("Anywhere", "colon"): "help and palette",
    ("Anywhere", "q"): "quit q", ("Anywhere", "tab"): "result list",
    ("Anywhere", "shift+tab"): "help and palette", ("Anywhere", "ctrl+k"): "help and palette",
    ("Anywhere", "ctrl+c"): "quit ctrl+c", ("Anywhere", "ctrl+q"): "quit ctrl+q",
    ("Lists", "up"): "links", ("Lists", "down"): "links", ("Lists", "enter"): "star and lists",
    ("Lists", "escape"): "links", ("Lists", "q"): "links",
}


def help_keys(catalog) -> list[tuple[str, str]]:
    """(group, key) for every key the help screen lists, from the live bindings."""
    app = CodeApp(catalog, user_codes=UserCodes(None))
    return [(title.split()[0], key.strip())
            for title, bindings in app.key_groups() for binding in bindings
            for key in binding.key.split(",")]


def test_every_help_screen_key_is_sent_by_a_scenario(catalog):
    keys = help_keys(catalog)
    assert len(keys) > 50
    missing = [key for key in keys if key not in COVERS]
    assert not missing, f"help-screen keys no terminal scenario sends: {missing}"
    assert {COVERS[key] for key in keys} <= set(SCENARIOS)


def _cases():
    for name, scenario in SCENARIOS.items():
        for size in getattr(scenario, "sizes", SIZES):
            yield pytest.param(name, size, id=f"{name.replace(' ', '-')}-{size[0]}x{size[1]}")


@pytest.fixture
def app_store(catalog, session_store_dir) -> Path:
    """The session's seeded store (the catalog fixture seeds it)."""
    return session_store_dir


@pytest.mark.parametrize("kind", TERMINALS)
@pytest.mark.parametrize("name,size", list(_cases()))
def test_keys_in_a_real_terminal(catalog, app_store, tmp_path, kind, name, size):
    scenario = SCENARIOS[name]
    env = app_env(app_store, tmp_path / "user")
    start = XtermPty if kind == "xterm" else Tmux
    with start(getattr(scenario, "args", []), env, size) as term:
        term.wait_for(lambda lines: any(line.strip() for line in lines), timeout=30,
                      what="the first screen")
        scenario(term, Context(catalog))
        sent = set(term.pressed)
        wanted = {key for (group, key), owner in COVERS.items() if owner == name}
        assert wanted <= sent | {k for k in wanted if k.startswith("alt+") and
                                 k[4:].isdigit() and int(k[4:]) > len(filter_choices())} \
            | {k for k in wanted if k in FILTER_KEYS[len(filter_choices()):]}, \
            f"{name} did not press {sorted(wanted - sent)}"
