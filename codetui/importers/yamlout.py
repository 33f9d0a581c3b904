"""Deterministic YAML writing shared by the importers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def dump_yaml(document: dict[str, Any], path: Path, header: str) -> Path:
    """Write ``document`` to ``path`` as block-style YAML, with a comment ``header``.

    Keys keep their insertion order, text is UTF-8, and the output depends only on the
    document, so running an importer twice gives byte-identical files.
    """
    body = yaml.dump(
        document,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        width=100,
        default_flow_style=False,
    )
    lines = "".join(f"# {line}\n" for line in header.splitlines())
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_suffix(path.suffix + ".tmp")
    tmp.write_text(lines + body, encoding="utf-8")
    tmp.replace(path)
    return path
