"""Validation of YAML mappings against dataclasses: keys, types, cue names, patterns.

Every problem is collected with its position (:class:`Problems`) so that a
file gets all its errors at once, each as ``path:line:col: error: message``;
unknown keys and names get a "did you mean" suggestion.
"""

from __future__ import annotations

import dataclasses
import math
import types
import typing
from typing import Any

from svcaudit import patterns
from svcaudit.cues import CUES
from svcaudit.errors import ChecklistError
from svcaudit.model import Loc
from svcaudit.yamlpos import PosDict, PosList


class Problems:
    """Problems found in one file, each with its location."""

    def __init__(self, path: str) -> None:
        self.path = path
        self.items: list[ChecklistError] = []

    def add(self, message: str, pos: tuple[int, int] | None = None) -> None:
        loc = Loc(self.path, *pos) if pos else Loc(self.path)
        self.items.append(ChecklistError(message, loc))

    def raise_any(self) -> None:
        if self.items:
            raise ChecklistError.many(self.items)


def suggest(word: str, choices: typing.Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` when a choice is close to ``word``, else ``""``."""
    from rapidfuzz import process

    best = process.extractOne(str(word), list(choices), score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""


def strings(entry: PosDict, key: str, problems: Problems, cue: str) -> tuple[str, ...]:
    value = entry.get(key) or []
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problems.add(f"lexicon '{cue}': '{key}' must be a list of text", entry.value_pos.get(key))
        return ()
    return tuple(value)


def unknown(mapping: PosDict, known: typing.Sequence[str], problems: Problems, what: str) -> None:
    for key in mapping:
        if key not in known:
            hint = suggest(key, known)
            problems.add(f"{what}: unknown key '{key}'{hint}", mapping.key_pos[key])


def number(mapping: PosDict, key: str, default: float, problems: Problems) -> float:
    value = mapping.get(key, default)
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        problems.add(f"'{key}' must be a number, not {value!r}", mapping.value_pos.get(key))
        return default
    return float(value)


def typed(item: PosDict, key: str, typ: type, default: Any, problems: Problems, eid: str) -> Any:
    value = item.get(key, default)
    if not isinstance(value, typ):
        problems.add(
            f"element '{eid}': '{key}' must be {typ.__name__}, not {value!r}",
            item.value_pos.get(key),
        )
        return default
    return value


def build(cls: type, raw: Any, pos: tuple[int, int], problems: Problems, eid: str) -> Any:
    """Build dataclass ``cls`` from a YAML mapping, checking keys and types."""
    if not isinstance(raw, PosDict):
        problems.add(f"element '{eid}': expected a mapping, not {raw!r}", pos)
        return None
    fields = {f.name: f for f in dataclasses.fields(cls)}
    unknown(raw, list(fields), problems, f"element '{eid}'")
    hints = typing.get_type_hints(cls)
    values: dict[str, Any] = {}
    for name, fld in fields.items():
        if name not in raw:
            if fld.default is dataclasses.MISSING and fld.default_factory is dataclasses.MISSING:
                problems.add(f"element '{eid}': missing key '{name}'", raw.pos)
            continue
        value = _convert(
            hints[name], raw[name], raw.value_pos[name], problems, f"element '{eid}': '{name}'"
        )
        if fld.metadata.get("cues"):
            _check_cues(value, raw[name], raw.value_pos[name], problems, eid)
        if fld.metadata.get("regex"):
            _check_patterns(value, raw[name], raw.value_pos[name], problems, eid)
        choices = fld.metadata.get("choices")
        if choices and value not in choices:
            hint = suggest(value, choices)
            problems.add(
                f"element '{eid}': '{name}' must be one of {', '.join(choices)}, "
                f"not {value!r}{hint}",
                raw.value_pos[name],
            )
        values[name] = value
    try:
        return cls(**values)
    except TypeError:
        return None  # problems already recorded


def _convert(hint: Any, value: Any, pos: tuple[int, int], problems: Problems, what: str) -> Any:
    origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin in (typing.Union, types.UnionType):
        if value is None and type(None) in args:
            return None
        hint = next(a for a in args if a is not type(None))
        origin, args = typing.get_origin(hint), typing.get_args(hint)
    if origin is tuple:
        items = value if isinstance(value, list) else [value]
        item_pos = value.item_pos if isinstance(value, PosList) else [pos] * len(items)
        return tuple(
            _convert(args[0], v, p, problems, what) for v, p in zip(items, item_pos, strict=False)
        )
    if dataclasses.is_dataclass(hint):
        return build(hint, value, pos, problems, what.split("'")[1])
    if hint is float and isinstance(value, (int, float)) and not isinstance(value, bool):
        if math.isfinite(value):
            return float(value)
    elif (
        hint is int and isinstance(value, int) and not isinstance(value, bool) and value >= 0
    ) or (hint in (str, bool) and isinstance(value, hint)):
        return value
    problems.add(f"{what} must be {_type_name(hint)}, not {value!r}", pos)
    return value


def _type_name(hint: Any) -> str:
    return {
        float: "a number",
        int: "a whole number of 0 or more",
        str: "text",
        bool: "true or false",
    }.get(hint, getattr(hint, "__name__", str(hint)))


def _check_cues(value: Any, raw: Any, pos: tuple[int, int], problems: Problems, eid: str) -> None:
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):  # steps: lists of cues
        for inner, inner_raw, p in zip(value, raw, raw.item_pos, strict=False):
            _check_cues(inner, inner_raw, p, problems, eid)
        return
    names = value if isinstance(value, tuple) else (value,)
    item_pos = raw.item_pos if isinstance(raw, PosList) else [pos] * len(names)
    for name, p in zip(names, item_pos, strict=False):
        if name not in CUES:
            problems.add(f"element '{eid}': unknown cue '{name}'{suggest(name, CUES)}", p)


def _check_patterns(
    value: Any, raw: Any, pos: tuple[int, int], problems: Problems, eid: str
) -> None:
    items = value if isinstance(value, tuple) else (value,)
    item_pos = raw.item_pos if isinstance(raw, PosList) else [pos] * len(items)
    for pattern, p in zip(items, item_pos, strict=False):
        why = patterns.problem(str(pattern))
        if why:
            problems.add(f"element '{eid}': {why}", p)
