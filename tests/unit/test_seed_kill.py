"""A seed killed while its workers parse the YAML leaves nothing that blocks later commands:
the workers and the data check end with it and the store's lock is free."""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

FIXTURE = Path(__file__).parents[1] / "fixtures" / "data"


def _children(pid: int) -> set[int]:
    found = set()
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.add(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_seed_leaves_no_worker_and_no_held_lock(tmp_path):
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    # Enough YAML (10 MB) that the seed parses it in worker processes.
    rows = "\n".join(f'  - {{words: ["lay phrase number {i} alpha"], means: ["concussion"]}}'
                     for i in range(150_000))
    (data / "zz-big.yaml").write_text("synonyms:\n" + rows + "\n")
    store = tmp_path / "store"
    env = dict(os.environ, CODETUI_DB=str(store), CODETUI_DATA=str(data),
               CODETUI_USER_DIR=str(tmp_path / "u"))
    seed = subprocess.Popen([sys.executable, "-m", "codetui", "seed"], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    workers: set[int] = set()
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and len(workers) < 2:
        workers = {pid for pid in _children(seed.pid)
                   if b"spawn_main" in Path(f"/proc/{pid}/cmdline").read_bytes()}
        time.sleep(0.05)
    assert workers, "the seed did not start parsing workers"
    checks = {pid for pid in _children(seed.pid)
              if b"codetui.datacheck" in Path(f"/proc/{pid}/cmdline").read_bytes()}
    assert checks, "the seed did not check the data in a second process"
    workers |= checks
    seed.send_signal(signal.SIGKILL)
    seed.wait()
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and any(_alive(pid) for pid in workers):
        time.sleep(0.1)
    assert not any(_alive(pid) for pid in workers), "workers outlived the killed seed"
    with open(store / ".lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)  # raises if anything still holds it
