"""The real ``codetui`` in a real terminal, for tests: a pseudo-terminal read by a terminal
emulator (pyte) as xterm would show it, or a private tmux server.

Keys are sent as the bytes terminals send them: :data:`XTERM_BYTES` for xterm (and what
PuTTY, the Linux console and screen send for the same keys is read the same way by Textual,
tests/app/test_tui_keys.py), tmux's own key names for tmux (``send-keys F2``), so tmux
produces the bytes it gives every program in a pane.
"""

from __future__ import annotations

import fcntl
import os
import re
import select
import shlex
import shutil
import signal
import struct
import subprocess
import sys
import termios
import time
import uuid
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]

#: What xterm sends for each key (normal cursor mode, which Textual leaves on).
XTERM_BYTES = {
    "enter": b"\r", "escape": b"\x1b", "tab": b"\t", "shift+tab": b"\x1b[Z",
    "backspace": b"\x7f", "space": b" ", "up": b"\x1b[A", "down": b"\x1b[B",
    "right": b"\x1b[C", "left": b"\x1b[D", "home": b"\x1b[H", "end": b"\x1b[F",
    "pageup": b"\x1b[5~", "pagedown": b"\x1b[6~", "delete": b"\x1b[3~",
    "f1": b"\x1bOP", "f2": b"\x1bOQ", "f3": b"\x1bOR", "f4": b"\x1bOS", "f5": b"\x1b[15~",
    "f6": b"\x1b[17~", "f7": b"\x1b[18~", "f8": b"\x1b[19~", "f9": b"\x1b[20~",
    "alt+left": b"\x1b[1;3D", "alt+right": b"\x1b[1;3C",
    "question_mark": b"?", "colon": b":", "right_square_bracket": b"]",
    "left_square_bracket": b"[",
}
#: tmux's names for keys (``tmux send-keys NAME``).
TMUX_NAMES = {
    "enter": "Enter", "escape": "Escape", "tab": "Tab", "shift+tab": "BTab",
    "backspace": "BSpace", "space": "Space", "up": "Up", "down": "Down", "right": "Right",
    "left": "Left", "home": "Home", "end": "End", "pageup": "PPage", "pagedown": "NPage",
    "delete": "DC", "alt+left": "M-Left", "alt+right": "M-Right",
}
#: Printable keys by Textual name.
CHARACTERS = {"question_mark": "?", "colon": ":", "right_square_bracket": "]",
              "left_square_bracket": "[", "space": " "}


def xterm_bytes(key: str) -> bytes:
    """The bytes xterm sends for a key named as Textual names it."""
    if key in XTERM_BYTES:
        return XTERM_BYTES[key]
    *modifiers, name = key.split("+")
    if modifiers == ["ctrl"] and len(name) == 1:
        return bytes([ord(name.lower()) & 0x1F])
    if modifiers == ["alt"] and len(name) == 1:
        return b"\x1b" + name.encode()
    if not modifiers and len(name) == 1:
        return name.encode()
    raise KeyError(f"no xterm bytes for {key!r}")


def tmux_key(key: str) -> tuple[str, bool]:
    """tmux's name for a key, and whether it is literal text (``send-keys -l``)."""
    if key in TMUX_NAMES:
        return TMUX_NAMES[key], False
    if key in CHARACTERS:
        return CHARACTERS[key], True
    *modifiers, name = key.split("+")
    if not modifiers and re.fullmatch(r"f\d+", name):
        return name.upper(), False
    if modifiers == ["ctrl"] and len(name) == 1:
        return f"C-{name}", False
    if modifiers == ["alt"] and len(name) == 1:
        return f"M-{name}", False
    if not modifiers and len(name) == 1:
        return name, True
    raise KeyError(f"no tmux name for {key!r}")


def app_env(store: Path, user_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("TEXTUAL", "TMUX")) and k not in ("NO_COLOR", "COLUMNS", "LINES")}
    env.update(CODETUI_DB=str(store), CODETUI_USER_DIR=str(user_dir), PYTHONPATH=str(REPO))
    return env


class Terminal:
    """A running ``python -m codetui ARGS`` and the screen it draws."""

    kind = ""

    def __init__(self, size: tuple[int, int]) -> None:
        self.size = size
        self.pressed: list[str] = []

    # -- subclasses ---------------------------------------------------------------------
    def _send_key(self, key: str) -> None:
        raise NotImplementedError

    def _send_text(self, text: str) -> None:
        raise NotImplementedError

    def lines(self) -> list[str]:
        raise NotImplementedError

    def exit_code(self) -> int | None:
        """The app's exit status once it has ended, else None."""
        raise NotImplementedError

    def scrollback(self) -> list[str]:
        """The lines on screen and those scrolled off the top (what was printed after the
        app ended)."""
        return self.lines()

    def close(self) -> None:
        raise NotImplementedError

    # -- common -------------------------------------------------------------------------
    def press(self, *keys: str) -> None:
        """Press keys (Textual names: ``f2``, ``alt+1``, ``question_mark``, ``y``)."""
        for key in keys:
            self.pressed.append(key)
            self._send_key(key)
            # A key after escape within Textual's ESCDELAY (0.1 s) would read as alt+key.
            time.sleep(0.2 if key == "escape" else 0.05)

    def type(self, text: str) -> None:
        self._send_text(text)

    def text(self) -> str:
        return "\n".join(self.lines())

    def wait_for(self, check: str | Callable[[list[str]], object], timeout: float = 10,
                 what: str = "") -> list[str]:
        """Wait until ``check`` (text on screen, or a test of the lines) holds; the lines."""
        test = (lambda lines: check in "\n".join(lines)) if isinstance(check, str) else check
        deadline = time.monotonic() + timeout
        while True:
            lines = self.lines()
            if test(lines):
                return lines
            if time.monotonic() > deadline:
                screen = "\n".join(lines)
                raise AssertionError(f"{self.kind}: waited {timeout} s for "
                                     f"{what or check!r}; the screen:\n{screen}")
            time.sleep(0.05)

    def wait_exit(self, timeout: float = 10) -> int:
        deadline = time.monotonic() + timeout
        while (code := self.exit_code()) is None:
            if time.monotonic() > deadline:
                raise AssertionError(f"{self.kind}: the app did not exit; the screen:\n"
                                     + self.text())
            time.sleep(0.05)
        return code

    def __enter__(self) -> "Terminal":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def _alternate_screen_class():
    """pyte's Screen with xterm's alternate screen (mode 1049), which pyte lacks: what the
    app drew goes away when it ends, and what it printed after shows on the normal screen."""
    import copy

    import pyte

    class AlternateScreen(pyte.Screen):
        saved = None

        def set_mode(self, *modes: int, **kwargs) -> None:
            if kwargs.get("private") and 1049 in modes:
                self.saved = (copy.deepcopy(self.buffer), copy.copy(self.cursor))
                self.erase_in_display(2)
            super().set_mode(*modes, **kwargs)

        def reset_mode(self, *modes: int, **kwargs) -> None:
            if kwargs.get("private") and 1049 in modes and self.saved is not None:
                self.buffer, self.cursor = self.saved
                self.saved = None
                self.dirty.update(range(self.lines))
            super().reset_mode(*modes, **kwargs)

    return AlternateScreen


def xterm_lines(output: bytes, size: tuple[int, int]) -> list[str]:
    """The lines an xterm of ``size`` shows after ``output`` (drawn by pyte, as in
    :class:`XtermPty`)."""
    import pyte

    screen = _alternate_screen_class()(*size)
    pyte.ByteStream(screen).feed(output)
    return [line.rstrip() for line in screen.display]


class XtermPty(Terminal):
    """The app on a pseudo-terminal with TERM=xterm-256color; its output is drawn by pyte, a
    VT100/xterm emulator, into the lines an xterm would show."""

    kind = "xterm"

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        import pyte

        super().__init__(size)
        width, height = size
        self.screen = _alternate_screen_class()(width, height)
        self.stream = pyte.ByteStream(self.screen)
        self.output = bytearray()
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", height, width, 0, 0))
        self.process = subprocess.Popen(
            [sys.executable, "-m", "codetui", *args], cwd=REPO,
            env={**env, "TERM": "xterm-256color"}, stdin=slave, stdout=slave, stderr=slave,
            start_new_session=True)
        os.close(slave)
        self.closed = False

    def _read(self) -> None:
        while not self.closed and select.select([self.master], [], [], 0)[0]:
            try:
                data = os.read(self.master, 65536)
            except OSError:
                return
            if not data:
                return
            self.output.extend(data)
            self.stream.feed(data)

    def _send_key(self, key: str) -> None:
        os.write(self.master, xterm_bytes(key))

    def _send_text(self, text: str) -> None:
        os.write(self.master, text.encode())

    def lines(self) -> list[str]:
        self._read()
        return [line.rstrip() for line in self.screen.display]

    def exit_code(self) -> int | None:
        self._read()
        return self.process.poll()

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if not self.closed:
            self.closed = True
            os.close(self.master)


def have_tmux() -> bool:
    return shutil.which("tmux") is not None


class Tmux(Terminal):
    """The app in a pane of a private tmux server (``tmux -L <unique> -f /dev/null``: no user
    configuration, no status line), killed on close."""

    kind = "tmux"

    def __init__(self, args: list[str], env: dict[str, str], size: tuple[int, int]) -> None:
        super().__init__(size)
        self.server = f"codetui-test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        width, height = size
        self.env = env  # the server's environment (tmux gives it to the pane)
        command = shlex.join([sys.executable, "-m", "codetui", *args])
        self._tmux("set", "-g", "status", "off", ";", "set", "-g", "remain-on-exit", "on", ";",
                   "set", "-g", "default-terminal", "tmux-256color", ";",
                   "new-session", "-d", "-s", "t", "-x", str(width), "-y", str(height),
                   "-c", str(REPO), command)

    def _tmux(self, *args: str) -> str:
        result = subprocess.run(["tmux", "-L", self.server, "-f", "/dev/null", *args],
                                capture_output=True, text=True, timeout=20, env=self.env)
        if result.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {result.stderr.strip()}")
        return result.stdout

    def _send_key(self, key: str) -> None:
        name, literal = tmux_key(key)
        self._tmux("send-keys", "-t", "t", *(["-l"] if literal else []), name)

    def _send_text(self, text: str) -> None:
        self._tmux("send-keys", "-t", "t", "-l", text)

    def lines(self) -> list[str]:
        captured = self._tmux("capture-pane", "-p", "-t", "t")
        return [line.rstrip() for line in captured.rstrip("\n").split("\n")]

    def scrollback(self) -> list[str]:
        captured = self._tmux("capture-pane", "-p", "-S", "-200", "-t", "t")
        return [line.rstrip() for line in captured.rstrip("\n").split("\n")]

    def exit_code(self) -> int | None:
        fields = self._tmux("display", "-p", "-t", "t", "#{pane_dead} #{pane_dead_status}").split()
        if fields and fields[0] == "1":
            return int(fields[1]) if len(fields) > 1 else 0
        return None

    def buffer(self) -> str:
        """tmux's top paste buffer ('' when there is none)."""
        try:
            return self._tmux("show-buffer")
        except RuntimeError:
            return ""

    def close(self) -> None:
        subprocess.run(["tmux", "-L", self.server, "kill-server"], capture_output=True,
                       timeout=20, env=self.env)
