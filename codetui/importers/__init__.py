"""Importers that turn official release files into codetui's YAML under ``data/``.

Each importer module exposes ``run(shared: Path, out: Path) -> list[Path]`` and is
deterministic: the same input always gives byte-identical YAML. The runtime never imports
this package.
"""
