"""Checking the data in a second process while the seed builds the store.

Checking every entry, page and reference is about a quarter of a seed's time and needs
nothing the build makes, so on a machine with more than one core a child process
(``python -m codetui.datacheck DATA_DIR [SEED_PID]``) reads and checks the same data while the seed
builds documents and the index. The child answers with its problems as JSON on stdout; a
child that fails, or answers with anything else, is replaced by checking in the seed's own
process, so the answer is the same either way.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from codetui.errors import DataError
from codetui.paths import data_file_names
from codetui.sources import PARALLEL_BYTES, exit_with_parent, usable_cores


def worth_apart(data_dir: Path) -> bool:
    """Whether checking ``data_dir`` in a second process would make the seed faster."""
    if usable_cores() < 2:
        return False
    size = 0
    for name in data_file_names(data_dir):
        try:
            size += os.stat(name).st_size
        except OSError:  # gone since it was listed: the seed reports it
            continue
    return size >= PARALLEL_BYTES


class Check:
    """A check of a data folder running in a child process."""

    def __init__(self, data_dir: Path) -> None:
        package_root = str(Path(__file__).resolve().parent.parent)
        env = dict(os.environ)
        env["PYTHONPATH"] = os.pathsep.join(filter(None, [package_root, env.get("PYTHONPATH")]))
        self._process = subprocess.Popen(
            [sys.executable, "-m", "codetui.datacheck", str(data_dir), str(os.getpid())],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
            env=env)

    def problems(self) -> list[DataError] | None:
        """Wait for the child; return its problems, or None when it gave no answer."""
        out, _ = self._process.communicate()
        if self._process.returncode != 0:
            return None
        try:
            return [DataError(item["path"], item["line"], item["message"])
                    for item in json.loads(out)]
        except (ValueError, TypeError, KeyError):
            return None

    def stop(self) -> None:
        """End the child if it is still running (the seed failed or was interrupted)."""
        if self._process.poll() is None:
            self._process.kill()
        self._process.wait()


def main(argv: list[str]) -> int:
    """Check the data folder ``argv[0]``; print its problems as a JSON list. With a
    process id ``argv[1]`` (the seed's), end as soon as that process is gone.

    The check reads the YAML in this one process (the seed's own workers already use the
    other cores) at the usual priority: a check that yielded to every other program would
    keep the seed waiting on a busy host."""
    if len(argv) > 1:
        exit_with_parent(int(argv[1]))
    from codetui.seed import validate_data

    problems = validate_data(Path(argv[0]), parallel=False)
    json.dump([{"path": p.path, "line": p.line, "message": p.message} for p in problems],
              sys.stdout)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
