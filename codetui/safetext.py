"""Showing text from data files or users literally: control characters made visible."""

from __future__ import annotations

import re

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_JSON_C1 = re.compile(r"[\x7f-\x9f]")


def visible(text: str) -> str:
    """Replace control characters (ESC, BEL, CSI, ...) by ``\\x1b``-style escapes.

    Newlines and tabs stay; nothing else that a terminal would act on survives.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def json_text(text: str) -> str:
    """Escape the C1 control characters that ``json.dumps(ensure_ascii=False)`` leaves raw."""
    return _JSON_C1.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
