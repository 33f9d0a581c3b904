"""Whole-process figures: cold `show` and `search` (paired with icd10-coder when installed),
peak memory, private and proportional memory of 1 and 10 app sessions, the app's first
screen in a real pseudo-terminal, the store's size and, with --seed, a fresh seed.

    python bench/processes.py [--db DIR] [--runs N] [--peer PATH] [--seed]

Run by bench/run.py, or alone. Each figure is printed with its target and the spread over the
runs (median, then min-max). Commands run as installed users run them: the `codetui` script
next to this interpreter (python -m codetui when there is none), compiled bytecode allowed.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
#: A child's peak RSS, measured from a small wrapper (a child forked from a large process
#: would count pages it shares with its parent before it execs).
PEAK = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL,"
        " stderr=subprocess.DEVNULL); print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def _row(label: str, value: str, target: str = "") -> None:
    print(f"  {label:<46} {value:>22}   {target}")


def _spread(values: list[float], unit: str = "ms", scale: float = 1000) -> str:
    values = [v * scale for v in values]
    return f"{statistics.median(values):.0f} {unit} ({min(values):.0f}-{max(values):.0f})"


def codetui_command() -> list[str]:
    """How to start codetui as a user would (the installed script when there is one)."""
    script = Path(sys.executable).with_name("codetui")
    return [str(script)] if script.exists() else [sys.executable, "-m", "codetui"]


def _environment(db: Path) -> dict[str, str]:
    env = dict(os.environ, CODETUI_DB=str(db),
               CODETUI_USER_DIR=tempfile.mkdtemp(prefix="codetui-bench-user-"))
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # users' installs run from compiled bytecode
    return env


def _wall(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    elapsed = time.perf_counter() - start
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(command)} failed: {done.stderr.decode()[-300:]}")
    return elapsed


def _peak_mb(command: list[str], env: dict[str, str]) -> float:
    done = subprocess.run([sys.executable, "-c", PEAK, *command], env=env, capture_output=True,
                          text=True, check=True)
    return int(done.stdout.strip()) / 1024


def bench_cold(db: Path, runs: int, peer: str | None) -> None:
    """Cold `show` and `search` wall time and peak RSS; the peer in the same alternation."""
    env = _environment(db)
    codetui = codetui_command()
    show = [*codetui, "show", "I21.9"]
    search = [*codetui, "search", "--json", "heart", "attack"]
    _wall(show, env), _wall(search, env)  # compile bytecode, warm the file cache
    shows, searches, peers = [], [], []
    peer_command = [peer, "auto", "heart", "attack"] if peer else None
    if peer_command:
        _wall(peer_command, env)
    for _ in range(runs):
        shows.append(_wall(show, env))
        searches.append(_wall(search, env))
        if peer_command:
            peers.append(_wall(peer_command, env))
    print(f"Cold commands ({runs} runs each, alternating; {' '.join(codetui)})")
    _row("`codetui show I21.9` wall", _spread(shows), "target ≤ 100 ms")
    _row("`codetui show I21.9` peak RSS", f"{_peak_mb(show, env):.0f} MB", "target ≤ 40 MB")
    _row("`codetui search --json heart attack` wall", _spread(searches), "target ≤ 150 ms")
    _row("`codetui search` peak RSS", f"{_peak_mb(search, env):.0f} MB", "target ≤ 50 MB")
    if peer_command:
        ratios = [ours / theirs for ours, theirs in zip(searches, peers)]
        _row("`icd10-coder auto heart attack` wall", _spread(peers), "(the SQLite FTS5 peer)")
        _row("search / peer, per pair", f"{statistics.median(ratios):.2f} ({min(ratios):.2f}-"
             f"{max(ratios):.2f})", "target ≤ 0.8")
        _row("peer peak RSS", f"{_peak_mb(peer_command, env):.0f} MB", "")
    else:
        print("  (icd10-coder not found: pass --peer PATH or install it in another "
              "environment to pair the cold search; it is not a dependency)")


class Session:
    """One app process in its own 80x24 pseudo-terminal."""

    def __init__(self, env: dict[str, str]) -> None:
        self.master, slave = pty.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
        self.started = time.perf_counter()
        self.process = subprocess.Popen(codetui_command(), stdin=slave, stdout=slave,
                                        stderr=slave, env=dict(env, TERM="xterm-256color"),
                                        start_new_session=True)
        os.close(slave)
        self.output = b""

    def wait_for(self, marker: bytes, timeout: float = 60) -> float:
        """Read the screen until ``marker`` has been drawn; the seconds since start."""
        deadline = time.perf_counter() + timeout
        while marker not in self.output:
            if time.perf_counter() > deadline:
                raise SystemExit(f"the app did not draw {marker!r} in {timeout:.0f} s")
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    raise SystemExit("the app ended early") from None
        return time.perf_counter() - self.started

    def drain(self, seconds: float) -> None:
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            ready, _, _ = select.select([self.master], [], [], 0.05)
            if ready:
                try:
                    self.output += os.read(self.master, 65536)
                except OSError:
                    return

    def type(self, text: str) -> None:
        os.write(self.master, text.encode())

    def memory_kb(self) -> dict[str, int]:
        """Rss, Pss and private memory from /proc/PID/smaps_rollup."""
        found: dict[str, int] = {}
        for line in Path(f"/proc/{self.process.pid}/smaps_rollup").read_text().splitlines():
            name, _, value = line.partition(":")
            if value.strip().endswith("kB"):
                found[name] = int(value.split()[0])
        found["Private"] = found.get("Private_Clean", 0) + found.get("Private_Dirty", 0)
        return found

    def close(self) -> None:
        self.type("\x11")  # ctrl+q
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        os.close(self.master)


def _sessions(env: dict[str, str], count: int) -> tuple[list[float], list[dict[str, int]]]:
    """Start ``count`` app sessions at once, search in each, and read their memory."""
    sessions = [Session(env) for _ in range(count)]
    try:
        firsts = [s.wait_for(b"ICD-10-PCS") for s in sessions]  # the status bar
        for session in sessions:
            session.type("heart attack")
        for session in sessions:
            session.wait_for(b"I21", timeout=60)
            session.drain(1.0)
        return firsts, [s.memory_kb() for s in sessions]
    finally:
        for session in sessions:
            session.close()


def bench_app_memory(db: Path, runs: int) -> None:
    """First screen in a real pseudo-terminal; memory of 1 and of 10 concurrent sessions."""
    if not Path("/proc/self/smaps_rollup").exists():
        print("App sessions: /proc/PID/smaps_rollup not available here; skipped")
        return
    env = _environment(db)
    firsts: list[float] = []
    single: list[dict[str, int]] = []
    for _ in range(runs):
        first, memory = _sessions(env, 1)
        firsts += first
        single += memory
    first10, memory10 = _sessions(env, 10)
    print("The app in an 80x24 pseudo-terminal (each session searches \"heart attack\")")
    _row("first screen drawn after start", _spread(firsts), "target ≤ 500 ms")
    _row("1 session: RSS / PSS / private", " / ".join(
        f"{statistics.median(m[k] for m in single) / 1024:.0f}" for k in ("Rss", "Pss", "Private"))
        + " MB", "")
    _row("10 at once: first screen", _spread(first10), "")
    _row("10 at once: PSS per session", _spread([m["Pss"] for m in memory10], "MB", 1 / 1024),
         "target ≤ 60 MB")
    _row("10 at once: private per session", _spread([m["Private"] for m in memory10], "MB",
                                                      1 / 1024), "")


def _size_mb(folder: Path) -> float:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file()) / 1e6


def bench_store(db: Path, seed: bool) -> None:
    """The store's size and, with ``seed``, a fresh seed into an empty folder."""
    stores = [p for p in db.iterdir() if p.name.startswith("v")] if db.is_dir() else []
    print("The store")
    if stores:
        store = max(stores, key=lambda p: p.stat().st_mtime)
        parts = {name: (store / name).stat().st_size / 1e6 for name in ("codes.idx", "search.idx")}
        _row("store size (all files)", f"{_size_mb(store):.0f} MB",
             "target ≤ 60 MB per user, or one shared store per host")
        _row("of which docs / code table / search index",
             f"{_size_mb(store / 'docs'):.0f} / {parts['codes.idx']:.0f} / "
             f"{parts['search.idx']:.0f} MB", "")
    if seed:
        folder = Path(tempfile.mkdtemp(prefix="codetui-bench-seed-"))
        try:
            elapsed = _wall([*codetui_command(), "seed", "--store", str(folder)],
                            _environment(folder))
        finally:
            shutil.rmtree(folder, ignore_errors=True)
        _row("fresh seed (`codetui seed` into an empty store)", f"{elapsed:.1f} s",
             "target ≤ 20 s")


def main() -> int:
    """Print the whole-process figures."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path,
                        default=Path(tempfile.gettempdir()) / "codetui-bench-store")
    parser.add_argument("--runs", type=int, default=9, help="runs per figure (default 9)")
    parser.add_argument("--peer", default=shutil.which("icd10-coder"),
                        help="the icd10-coder command to pair the cold search with")
    parser.add_argument("--seed", action="store_true", help="also time a fresh seed (~1 min)")
    args = parser.parse_args()
    subprocess.run([*codetui_command(), "seed"] if not args.db.is_dir() else ["true"],
                   env=_environment(args.db), check=True, stdout=subprocess.DEVNULL)
    bench_cold(args.db, args.runs, args.peer)
    bench_app_memory(args.db, max(3, args.runs // 3))
    bench_store(args.db, args.seed)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
