"""The user's keymap file: binding ids mapped to the keys the user wants for them.

``~/.config/codetui/keys.yaml`` (XDG config; ``$CODETUI_KEYS`` overrides the path)::

    copy-code: ctrl+y          # copy with ctrl+y instead of y
    links: "l,ctrl+l"          # two keys for one action

The ids are the ones the help screen shows. A file that cannot be used is ignored as a whole
(the default keys stay) and its problem is one line naming the file and line.
No Textual here: the app applies the result with ``App.set_keymap``.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Iterable
from pathlib import Path

#: Environment variable that names another keymap file.
ENV_KEYS = "CODETUI_KEYS"
#: One key as Textual names it ("y", "ctrl+y", "f5", "question_mark", "?").
_KEY = re.compile(r"^[^\s,]{1,40}$")


def keymap_path() -> Path:
    """Where the keymap file is looked for: ``$CODETUI_KEYS`` or the user's config folder."""
    if os.environ.get(ENV_KEYS):
        return Path(os.environ[ENV_KEYS])
    from codetui.paths import user_folder

    return user_folder("config") / "keys.yaml"


def read_keymap(path: Path, known_ids: Iterable[str]) -> tuple[dict[str, str], str | None]:
    """The keymap in ``path`` ({} when there is no file) and, when the file cannot be used,
    ({}, one line saying why)."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        return {}, None
    except OSError as exc:
        return {}, f"{path}: cannot be read ({exc.strerror or exc}); using the default keys"
    import yaml

    known = sorted(set(known_ids))
    try:
        text = raw.decode("utf-8")
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except UnicodeDecodeError:
        return {}, f"{path}: not UTF-8 text; using the default keys"
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or "not valid YAML"
        return {}, f"{path}{where}: {problem}; using the default keys"
    if node is None:
        return {}, None
    if not isinstance(node, yaml.MappingNode):
        return {}, (f"{path}:{node.start_mark.line + 1}: expected lines of the form "
                    "'binding-id: key'; using the default keys")
    keymap: dict[str, str] = {}
    for key_node, value_node in node.value:
        line = f"{path}:{key_node.start_mark.line + 1}"
        binding_id = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        if binding_id not in known:
            close = difflib.get_close_matches(str(binding_id), known, n=1)
            hint = f" (did you mean '{close[0]}'?)" if close else " (the help screen, F1, lists them)"
            return {}, f"{line}: no binding has the id '{binding_id}'{hint}; using the default keys"
        keys = value_node.value if isinstance(value_node, yaml.ScalarNode) else None
        parts = [part.strip() for part in str(keys or "").split(",")]
        if not keys or not all(_KEY.match(part) for part in parts):
            return {}, (f"{line}: '{binding_id}' needs keys such as 'ctrl+y' or 'y,f5'; "
                        "using the default keys")
        if binding_id in keymap:
            return {}, f"{line}: '{binding_id}' is given twice; using the default keys"
        keymap[binding_id] = ",".join(parts)
    return keymap, None
