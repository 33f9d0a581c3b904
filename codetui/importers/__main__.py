"""Regenerate the generated YAML under ``data/`` from the official release files.

    python -m codetui.importers [--shared DIR] [--out DIR] [icd10cm icd10pcs hcpcs medlineplus pcswords msdrg hcc history indextables]
"""

from __future__ import annotations

import argparse
import importlib
import sys
from pathlib import Path

from codetui import systems

#: The registry's importers (one per code system with official files), then the lay words
#: and the code facts (MS-DRG, risk adjustment) that need the codes in place.
IMPORTERS = (*(system.importer for system in systems.all_systems() if system.importer),
             "medlineplus", "pcswords", "msdrg", "hcc", "history", "indextables")
REPO = Path(__file__).resolve().parents[2]


def main(argv: list[str] | None = None) -> int:
    """Run the named importers (all by default) and list the files they wrote."""
    parser = argparse.ArgumentParser(prog="python -m codetui.importers", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME",
                        help=f"importers to run: {', '.join(IMPORTERS)} (default: all)")
    parser.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "data",
                        help="folder of official release files (default: ../shared/data)")
    parser.add_argument("--out", type=Path, default=REPO / "data",
                        help="data folder to write (default: the project's data/)")
    args = parser.parse_args(argv)
    unknown = sorted(set(args.names) - set(IMPORTERS))
    if unknown:
        parser.error(f"unknown importer: {', '.join(unknown)}")
    for name in args.names or IMPORTERS:
        module = importlib.import_module(f"codetui.importers.{name}")
        try:
            written = module.run(args.shared, args.out)
        except (OSError, ValueError) as exc:
            print(f"codetui.importers {name}: {exc}", file=sys.stderr)
            return 1
        print(f"{name}: wrote {len(written)} files")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
