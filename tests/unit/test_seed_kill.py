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


def test_a_script_that_opens_the_store_unguarded_still_finishes_its_seed(tmp_path):
    """Spawned seed workers re-run the script that started the seed. One that opens the store
    at its top level (no ``if __name__ == "__main__":``) used to wait for the lock its own
    seed held, and the seed waited for it, forever. The worker now fails with a clear
    message and the seed reads its files in one process."""
    data = tmp_path / "data"
    shutil.copytree(FIXTURE, data)
    rows = "\n".join(f'  - {{words: ["lay phrase number {i} alpha"], means: ["concussion"]}}'
                     for i in range(150_000))
    (data / "zz-big.yaml").write_text("synonyms:\n" + rows + "\n")
    script = tmp_path / "unguarded.py"
    script.write_text(
        "import sys\n"
        "from pathlib import Path\n"
        "from codetui.catalog import Catalog\n"
        "folder = Path(sys.argv[1])\n"
        "catalog = Catalog.open(db=folder / 'store', data_dir=folder / 'data',\n"
        "                       user_dir=folder / 'u')\n"
        "print('codes:', sum(catalog.counts.values()))\n")
    done = subprocess.run([sys.executable, str(script), str(tmp_path)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.startswith("codes: ") and int(done.stdout.split()[1]) > 0
    assert "if __name__ == \"__main__\":" in done.stderr  # the workers said why they stopped
