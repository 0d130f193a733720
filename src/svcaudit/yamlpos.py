"""Safe YAML loading that remembers where each key and value came from.

Mappings load as :class:`PosDict` and sequences as :class:`PosList`; both
carry the 1-based ``(line, col)`` of their items, so a checklist error can say
``path:line:col``. Only YAML's safe types are built (no python tags), and
aliases are limited so that an alias bomb cannot expand without bound.
"""

from __future__ import annotations

from typing import Any

import yaml

from svcaudit.errors import ChecklistError
from svcaudit.model import Loc

MAX_ALIASES = 200

Pos = tuple[int, int]


class PosDict(dict):  # type: ignore[type-arg]
    """A dict with ``key_pos[key]`` and ``value_pos[key]`` and its own ``pos``."""

    pos: Pos = (1, 1)
    key_pos: dict[Any, Pos]
    value_pos: dict[Any, Pos]


class PosList(list):  # type: ignore[type-arg]
    pos: Pos = (1, 1)
    item_pos: list[Pos]


def _pos(node: yaml.Node) -> Pos:
    return (node.start_mark.line + 1, node.start_mark.column + 1)


class _Loader(yaml.SafeLoader):
    def __init__(self, stream: str) -> None:
        super().__init__(stream)
        self.aliases = 0

    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            self.aliases += 1
            if self.aliases > MAX_ALIASES:
                raise yaml.YAMLError(f"more than {MAX_ALIASES} aliases")
        return super().compose_node(parent, index)


def _mapping(loader: _Loader, node: yaml.MappingNode) -> PosDict:
    out = PosDict()
    out.pos, out.key_pos, out.value_pos = _pos(node), {}, {}
    loader.flatten_mapping(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, (str, int, float, bool)) or key is None:
            raise yaml.constructor.ConstructorError(
                None, None, "unhashable key", key_node.start_mark
            )
        out[key] = loader.construct_object(value_node, deep=True)
        out.key_pos[key], out.value_pos[key] = _pos(key_node), _pos(value_node)
    return out


def _sequence(loader: _Loader, node: yaml.SequenceNode) -> PosList:
    out = PosList(loader.construct_object(child, deep=True) for child in node.value)
    out.pos, out.item_pos = _pos(node), [_pos(child) for child in node.value]
    return out


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _sequence)


def load(text: str, path: str) -> Any:
    """Parse ``text``; a syntax error becomes a located :class:`ChecklistError`."""
    loader = _Loader(text)
    try:
        return loader.get_single_data()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        loc = Loc(path, mark.line + 1, mark.column + 1) if mark else Loc(path)
        problem = (err.problem or err.context or "invalid YAML").strip()
        raise ChecklistError(f"invalid YAML: {problem}", loc) from None
    except yaml.YAMLError as err:
        raise ChecklistError(f"invalid YAML: {err}", Loc(path)) from None
    except RecursionError:
        raise ChecklistError("invalid YAML: nested too deeply", Loc(path)) from None
    finally:
        loader.dispose()
