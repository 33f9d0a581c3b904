"""The codetui terminal app: search every code, read its page, all from the keyboard.

``run_app(catalog)`` opens the app; with ``code`` it opens on that code's page; with
``pick`` (a query, possibly empty) it is a picker: ``enter`` ends the app and returns the
chosen code, which the command line prints (``code=$(codetui pick knee)``).
"""

from __future__ import annotations

import asyncio
import errno
import os
import signal
import sys
import threading
from collections.abc import Iterable

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette, SimpleProvider
from textual.theme import ThemeProvider
from textual.screen import Screen

from codetui import paths
from codetui.catalog import Catalog
from codetui.safetext import visible
from codetui.tui.compat import (SafeCommandPalette, alt_digits_as_keys, lenient_terminal_input,
                                ui_stream)
from codetui.tui.filters import FACT_FILTERS, filter_choices
from codetui.systems import badge
from codetui.tui.screens.help import HelpScreen
from codetui.tui.screens.main import MainScreen
from codetui.tui.screens.modal import DismissOnce
from codetui.tui.screens.picker import PickerScreen
from codetui.tui.widgets.pageview import PageView
from codetui.tui.widgets.results import ResultList
from codetui.tui.widgets.searchbox import SearchBox, clean_query
from codetui.userfiles import UserCodes
from codetui.userkeys import keymap_path, read_keymap


class Palette(DismissOnce, SafeCommandPalette):
    """The command palette, dismissed once (see :class:`DismissOnce`)."""


class CodeApp(App[str | None]):
    """Search box, result list, code page."""

    CSS_PATH = "app.tcss"
    TITLE = "codetui"
    # ctrl+p moves up in the results, so the palette lives on ctrl+k (and ":" outside the box).
    COMMAND_PALETTE_BINDING = "ctrl+k"
    BINDINGS = [
        Binding("ctrl+c", "quit", "Quit", show=False, priority=True, id="quit-ctrl-c"),
    ]

    def __init__(self, catalog: Catalog, *, code: str | None = None, pick: str | None = None,
                 query: str = "", user_codes: UserCodes | None = None,
                 cursor_blink: bool = True) -> None:
        super().__init__()
        self.catalog = catalog
        self.start_code = code
        self.pick = pick is not None
        self.start_query = clean_query((pick or "") + query)  # typed on after pick's words
        self.user_codes = user_codes if user_codes is not None else _load_user_codes()
        self.cursor_blink = cursor_blink
        user_keys, self.keymap_problem = read_keymap(keymap_path(), binding_ids())
        if user_keys:
            self.set_keymap(user_keys)

    def get_default_screen(self) -> Screen:
        return MainScreen(self.catalog, self.user_codes, query=self.start_query, pick=self.pick,
                          code=self.start_code, cursor_blink=self.cursor_blink)

    @property
    def main(self) -> MainScreen:
        """The main screen (under any modal)."""
        return self.get_default_screen_instance()

    def get_default_screen_instance(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("main screen not mounted")

    def on_mount(self) -> None:
        for notice in self.catalog.notices:
            self.notify(visible(notice), severity="warning", markup=False, timeout=8)
        if self.keymap_problem:
            self.notify(visible(self.keymap_problem), severity="warning", markup=False, timeout=10)

    # -- help and palette ------------------------------------------------------------------

    def key_groups(self) -> list[tuple[str, list[Binding]]]:
        """Every binding, grouped by where it works (for the help screen)."""
        def bindings(cls) -> list[Binding]:
            return [b for b in cls.BINDINGS if isinstance(b, Binding)]

        palette = Binding(self.COMMAND_PALETTE_BINDING, "command_palette", "Command palette (actions, themes)")
        quit_keys = Binding("ctrl+q", "quit", "Quit")
        focus = [Binding("tab", "focus_next", "Next area (search ↔ results ↔ page)"),
                 Binding("shift+tab", "focus_previous", "Previous area")]
        return [
            ("Search box (typing goes here)",
             [*bindings(SearchBox), Binding("escape", "escape", "Clear the search (second press)")]),
            ("Result list", bindings(ResultList)),
            ("Page", bindings(PageView)),
            ("Anywhere (letters: when not typing in the search box)",
             [*bindings(MainScreen), *focus, palette, *bindings(CodeApp), quit_keys]),
            ("Lists of links, starred and recent codes", [
                Binding("up,down", "move", "Move"), Binding("enter", "open", "Open the code"),
                *bindings(PickerScreen)]),
        ]

    # The command palette, and the palettes Textual opens from it (themes), are Palettes.
    # Without Textual's fixed id: ctrl+k, escape, ctrl+k in quick succession opened a new
    # palette while the closed one was still being removed (DuplicateIds ended the app).

    def action_command_palette(self) -> None:
        if self.use_command_palette and not CommandPalette.is_open(self):
            self.push_screen(Palette())

    def search_commands(self, commands, placeholder: str = "Search for commands…"):
        return self.push_screen(Palette(providers=[SimpleProvider(self.screen, commands)],
                                        placeholder=placeholder))

    def search_themes(self) -> None:
        self.push_screen(Palette(providers=[ThemeProvider], placeholder="Search for themes…"))

    def action_show_keys(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.key_groups()))

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        main = self.main
        commands = [
            ("Copy code", "Copy the current code to the clipboard", main.action_copy_code),
            ("Copy code and title", "Copy 'code — title'", main.action_copy_code_title),
            ("Copy page as text", "Copy the whole page as plain text", main.action_copy_page),
            ("Star or unstar", "Add the current code to the starred codes, or remove it",
             main.action_star),
            ("Starred codes", "List the starred codes", main.action_favourites),
            ("Recent codes", "List the recently viewed codes", main.action_recent),
            ("Follow a link", "Parent, children, similar codes, codes named in notes",
             main.action_links),
            ("Go to parent", "Open the code one level up", main.action_parent),
            ("Switch reader view", "Coder view (official notes first) or plain language first",
             main.action_reader_view),
            ("Back", "Previous page in the history", main.action_back),
            ("Forward", "Next page in the history", main.action_forward),
            ("Next section", "Scroll the page to the next section",
             main.page_view.action_next_section),
            ("Previous section", "Scroll the page to the previous section",
             main.page_view.action_previous_section),
            ("Help: keys", "Every key and where it works", self.action_show_keys),
        ]
        for title, help_text, callback in commands:
            yield SystemCommand(title, help_text, callback)
        for index, system in enumerate(filter_choices()):
            name = "all systems" if system is None else f"{badge(system)} only"
            yield SystemCommand(f"Filter: {name}", f"Search {name}",
                                lambda i=index: main.action_set_filter(i))
        for bits, name in FACT_FILTERS:
            title = f"Filter: {name} codes only" if bits else "Filter: CC/MCC/HCC off"
            help_text = (f"Only ICD-10-CM codes that are {name} (MS-DRG v43.1, CMS-HCC 2026)"
                         if bits else "List codes whatever their CC/MCC and HCC status")
            yield SystemCommand(title, help_text, lambda b=bits: main.action_set_fact_filter(b))


def all_bindings() -> list[Binding]:
    """Every binding with an id, which a user keymap may remap (the help screen's keys)."""
    owners = (SearchBox, ResultList, PageView, MainScreen, CodeApp, PickerScreen, HelpScreen)
    return [binding for owner in owners for binding in owner.BINDINGS
            if isinstance(binding, Binding) and binding.id]


def binding_ids() -> set[str]:
    """The ids :func:`all_bindings` has."""
    return {binding.id for binding in all_bindings()}


def _load_user_codes() -> UserCodes:
    try:
        return UserCodes.load(paths.user_dir())
    except OSError:
        return UserCodes(None, error="the user data folder cannot be read")


def _tty_for_ui():
    """A terminal stream for the UI when standard error is not one (``2>log``), else None."""
    if sys.__stderr__ is not None and sys.__stderr__.isatty():
        return None
    try:
        return open("/dev/tty", "w", encoding="utf-8")  # noqa: SIM115 - closed by run_app
    except OSError:
        return None


def _terminal_hung_up() -> bool:
    """Whether the terminal the app reads (standard input) has hung up: its settings can no
    longer be read (EIO), as after the SSH connection or the terminal window went away."""
    try:
        import termios
        termios.tcgetattr(sys.stdin.fileno())
    except ImportError:  # no termios (Windows)
        return False
    except termios.error as error:
        return bool(error.args) and error.args[0] == errno.EIO
    except (OSError, ValueError, AttributeError):  # closed, detached or no standard input
        return False
    return False


#: Signals that end the app as ``q`` does (terminal restored, files saved): ``kill``'s
#: default, and the hangup sent when the terminal or the SSH connection goes away.
EXIT_SIGNALS = ("SIGTERM", "SIGHUP")


class Terminated(Exception):
    """The app was ended by a signal (after shutting down cleanly)."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


#: After SIGTERM or SIGHUP the app has this long to shut down before the process ends anyway.
EXIT_GRACE = 5.0


def _end(app: CodeApp, signum: int) -> None:
    """Ask the app to exit (terminal restored, files saved); end the process regardless when
    it has not exited within EXIT_GRACE (a signal at start-up, a terminal that is gone)."""
    watchdog = threading.Timer(EXIT_GRACE, os._exit, (128 + signum,))
    watchdog.daemon = True
    watchdog.start()  # first, so that nothing app.exit does can keep the process alive
    app.exit(None, 128 + signum)


def _hang_up() -> None:
    """The terminal's input ended (the terminal or the SSH connection is gone): act as on a
    hangup, from the input thread."""
    os.kill(os.getpid(), signal.SIGHUP)


def _run_with_signals(app: CodeApp) -> str | None:
    """Run ``app``; SIGTERM and SIGHUP make it exit cleanly instead of dying mid-draw.

    Without handlers the process dies at once and leaves the terminal in the alternate
    screen, with the cursor hidden and mouse reporting on.
    """
    lenient_terminal_input(on_end=_hang_up)
    alt_digits_as_keys()
    with asyncio.Runner() as runner:
        loop = runner.get_loop()
        installed = []
        for name in EXIT_SIGNALS:
            signum = getattr(signal, name, None)
            if signum is None:
                continue
            try:
                # Runs as a loop callback in the app's thread, so app.exit is safe to call.
                loop.add_signal_handler(signum, _end, app, signum)
            except (ValueError, RuntimeError, NotImplementedError):  # not the main thread
                continue
            installed.append(signum)
        try:
            return runner.run(app.run_async())
        finally:
            for signum in installed:
                loop.remove_signal_handler(signum)


def run_app(catalog: Catalog, code: str | None = None, pick: str | None = None,
            query: str = "") -> str | None:
    """Run the app; return the picked code in pick mode (None when nothing was picked).
    ``query`` (keys typed while the store opened) starts in the search box, after ``pick``'s
    words, as if typed there.

    Textual draws on standard error, so standard output stays free for the picked code;
    when standard error is redirected too, the UI goes to ``/dev/tty``. Raises
    :class:`Terminated` when SIGTERM or SIGHUP ended the app (after it shut down cleanly), or
    when the app failed because its terminal had hung up.
    """
    app = CodeApp(catalog, code=code, pick=pick, query=query)
    tty = _tty_for_ui()
    try:
        with ui_stream(tty):
            result = _run_with_signals(app)
    except Exception:
        # A hangup while the app starts can make its own drawing or its closing error report
        # fail on the gone terminal (EIO) before the SIGHUP handler runs: that is the hangup.
        if _terminal_hung_up():
            raise Terminated(signal.SIGHUP) from None
        raise
    finally:
        if tty is not None:
            tty.close()
    if app.return_code is not None and app.return_code > 128:
        raise Terminated(app.return_code - 128)
    return result if pick is not None else None

