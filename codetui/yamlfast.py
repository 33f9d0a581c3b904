"""A faster way to the same data as PyYAML's safe loader, for the plain YAML the data uses.

PyYAML's C parser turns a file into events quickly; most of a load is then spent in its
pure-Python composer and constructor, which build a node tree and then the objects. Here the
objects are built straight from the events (about four times faster on the data files),
with the safe loader's own rules for plain scalars (``true``, ``null``, numbers, dates).

Anything outside the plain subset — anchors and aliases, explicit tags, merge keys, keys that
are mappings or lists, a key given twice, more than one document, a syntax error — raises
:class:`NotPlain`, and the caller loads the text with the full loader instead, which builds
the same data or reports the error with its line.
"""

from __future__ import annotations

from typing import Any

import yaml
from yaml import events
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

_Parser = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_STR = "tag:yaml.org,2002:str"
_CONTAINER_TAGS = (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
#: Marks "no key read yet" in a mapping (None is a valid key).
_NO_KEY = object()


class NotPlain(Exception):
    """The text uses YAML beyond the plain subset (or is malformed): load it fully."""


class _Scalars:
    """Plain scalars to values by the safe loader's implicit resolvers, remembered per text
    (the data repeats ``true``, ``null`` and the same words many times)."""

    def __init__(self) -> None:
        self._resolver = Resolver()
        self._constructor = SafeConstructor()
        self._known: dict[str, Any] = {}

    def value(self, text: str) -> Any:
        try:
            return self._known[text]
        except KeyError:
            pass
        tag = self._resolver.resolve(yaml.ScalarNode, text, (True, False))
        if tag == _STR:
            value: Any = text
        elif tag == "tag:yaml.org,2002:merge":
            raise NotPlain("merge key")
        else:
            value = self._constructor.yaml_constructors[tag](
                self._constructor, yaml.ScalarNode(tag, text))
        if len(self._known) < 200_000:
            self._known[text] = value
        return value


def load_plain(text: str, line_keys: tuple[str, ...] = (), line_field: str = "") -> Any:
    """The data of the YAML document ``text``, as ``yaml.load(text, SafeLoader)`` gives it;
    raise :class:`NotPlain` when the text needs the full loader.

    A mapping holding any of ``line_keys`` gets ``line_field`` set to its first line
    (1-based), added after its own keys.
    """
    scalars = _Scalars()
    scalar_event, alias_event = events.ScalarEvent, events.AliasEvent
    map_start, seq_start = events.MappingStartEvent, events.SequenceStartEvent
    map_end, seq_end = events.MappingEndEvent, events.SequenceEndEvent
    no_key = _NO_KEY
    stack: list[tuple[Any, Any, bool, int]] = []
    current: Any = None
    key: Any = no_key
    in_map = False
    line = 0
    root: Any = None
    documents = 0
    try:
        for event in yaml.parse(text, Loader=_Parser):
            kind = event.__class__
            if kind is scalar_event:
                if event.anchor is not None or event.tag not in (None, "!"):
                    raise NotPlain("anchor or tag")
                value = scalars.value(event.value) if event.implicit[0] else event.value
                if in_map:
                    if key is no_key:
                        if value in current:
                            raise NotPlain("a key given twice")
                        key = value
                    else:
                        current[key] = value
                        key = no_key
                elif current is not None:
                    current.append(value)
                else:
                    root = value
            elif kind is map_start or kind is seq_start:
                if event.anchor is not None or event.tag not in _CONTAINER_TAGS:
                    raise NotPlain("anchor or tag")
                new: Any = {} if kind is map_start else []
                if in_map:
                    if key is no_key:
                        raise NotPlain("a key that is a mapping or a list")
                    current[key] = new
                elif current is not None:
                    current.append(new)
                else:
                    root = new
                stack.append((current, no_key, in_map, line))
                current, key, in_map = new, no_key, kind is map_start
                line = event.start_mark.line + 1
            elif kind is map_end or kind is seq_end:
                if in_map and line_keys and any(name in current for name in line_keys):
                    current[line_field] = line
                current, key, in_map, line = stack.pop()
            elif kind is alias_event:
                raise NotPlain("alias")
            elif kind is events.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise NotPlain("more than one document")
    except yaml.YAMLError as error:
        raise NotPlain("malformed") from error
    return root

