"""Canonical transcript JSON (CONTRACT.md): one object, or a list of them.

`from_obj` turns one decoded object into a `Transcript`; the `jsonl` reader shares it.
Errors carry the line and column of the object or turn at fault: the text is walked once
more with `raw_decode` to find where each object and turn starts.
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from typing import Any

from svcaudit.errors import InputError
from svcaudit.formats.common import line_col, nth_id, stem_id
from svcaudit.formats.roles import parse_label
from svcaudit.model import Loc, Role, Transcript, Turn

NAME = "json"
SUFFIXES = (".json",)

_START = re.compile(r"\s*(?:\{|\[\s*(?:[{\]]|$))")  # `[00:01] Agent:` is text, not JSON
_SPACE = re.compile(r"\s*")
_DECODER = json.JSONDecoder()
_ROLES = {role.value: role for role in Role}


@dataclass(frozen=True, slots=True)
class Places:
    """Where an object and each of its turns start in the file."""

    obj: Loc
    turns: tuple[Loc, ...] = ()

    def turn(self, index: int) -> Loc:
        return self.turns[index] if index < len(self.turns) else self.obj


def sniff(head: str) -> bool:
    return _START.match(head) is not None


def read(text: str, path: str) -> list[Transcript]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as err:
        hint = " (one object a line? that is JSONL)" if err.msg == "Extra data" else ""
        raise decode_error(err, path, hint=hint) from None
    objects = data if isinstance(data, list) else [data]
    places = _places(text, path)
    return [
        from_obj(obj, path, NAME, default_id=nth_id(path, n, len(objects)), places=place)
        for n, (obj, place) in enumerate(zip(objects, places, strict=True), start=1)
    ]


def decode_error(
    err: json.JSONDecodeError, path: str, line: int | None = None, hint: str = ""
) -> InputError:
    """`path:line:col: error: invalid JSON: ...`; `line` replaces the decoder's (JSONL)."""
    message = err.msg[:1].lower() + err.msg[1:]
    loc = Loc(path, line or err.lineno, err.colno)
    return InputError(f"invalid JSON: {message}{hint}", loc)


def from_obj(
    obj: object,
    path: str,
    fmt: str,
    line: int | None = None,
    *,
    default_id: str | None = None,
    places: Places | None = None,
) -> Transcript:
    """One canonical transcript object as a `Transcript`, validated.

    `line` locates the object (and every turn) when `places` does not.
    """
    where = places or Places(Loc(path, line))
    if not isinstance(obj, dict):
        raise InputError(f"expected a transcript object, got {_show(obj)}", where.obj)
    turns = obj.get("turns")
    if not isinstance(turns, list):
        problem = "'turns' must be a list" if "turns" in obj else "missing 'turns'"
        raise InputError(problem, where.obj)
    meta = obj.get("meta")
    if meta is not None and not isinstance(meta, dict):
        raise InputError(f"'meta' must be an object or null, got {_show(meta)}", where.obj)
    return Transcript(
        id=_id(obj.get("id"), default_id or stem_id(path), where.obj),
        turns=tuple(_turn(raw, i, where.turn(i)) for i, raw in enumerate(turns)),
        path=path,
        format=fmt,
        channel=_opt_str(obj, "channel", where.obj),
        agent=_opt_str(obj, "agent", where.obj),
        meta=meta or {},
    )


def _id(value: object, default: str, loc: Loc) -> str:
    if value is None or value == "":
        return default
    if isinstance(value, str) or (isinstance(value, int) and not isinstance(value, bool)):
        return str(value)
    raise InputError(f"'id' must be a string, got {_show(value)}", loc)


def _turn(raw: object, index: int, loc: Loc) -> Turn:
    where = f"turn {index}: "
    if not isinstance(raw, dict):
        raise InputError(f"{where}expected an object, got {_show(raw)}", loc)
    text = raw.get("text")
    if not isinstance(text, str):
        problem = "'text' must be a string" if "text" in raw else "missing 'text'"
        raise InputError(where + problem + (f", got {_show(text)}" if "text" in raw else ""), loc)
    role, label_name = _role(raw.get("speaker"), where, loc)
    return Turn(
        index=index,
        role=role,
        text=text,
        name=_opt_str(raw, "name", loc, where) or label_name,
        start=_opt_num(raw, "start", loc, where),
        end=_opt_num(raw, "end", loc, where),
        line=loc.line,
    )


def _role(speaker: object, where: str, loc: Loc) -> tuple[Role, str | None]:
    if not isinstance(speaker, str) or not speaker.strip():
        expected = ", ".join(_ROLES)
        raise InputError(f"{where}'speaker' must be one of {expected}, got {_show(speaker)}", loc)
    if speaker in _ROLES:
        return _ROLES[speaker], None
    return parse_label(speaker)


def _opt_str(obj: dict[str, Any], key: str, loc: Loc, where: str = "") -> str | None:
    value = obj.get(key)
    if value is None or isinstance(value, str):
        return value or None
    raise InputError(f"{where}{key!r} must be a string or null, got {_show(value)}", loc)


def _opt_num(obj: dict[str, Any], key: str, loc: Loc, where: str) -> float | None:
    value = obj.get(key)
    if value is None:
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value):
        return float(value)
    raise InputError(f"{where}{key!r} must be a number or null, got {_show(value)}", loc)


def _show(value: object) -> str:
    """A value as an error message quotes it: 'text', 12, null, a list."""
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return json.dumps(value)


def _places(text: str, path: str) -> list[Places]:
    """Where each top-level object, and each of its turns, starts (text is valid JSON)."""
    pos = _skip(text, 0)
    if text.startswith("[", pos):
        return [_place(text, path, item) for item in _item_offsets(text, pos)]
    return [_place(text, path, pos)]


def _place(text: str, path: str, pos: int) -> Places:
    loc = Loc(path, *line_col(text, pos))
    turns = _member_offsets(text, pos).get("turns") if text.startswith("{", pos) else None
    if turns is None or not text.startswith("[", turns):
        return Places(loc)
    return Places(loc, tuple(Loc(path, *line_col(text, p)) for p in _item_offsets(text, turns)))


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _item_offsets(text: str, pos: int) -> list[int]:
    """Offsets of the items of the array that starts at `pos`."""
    offsets: list[int] = []
    pos = _skip(text, pos + 1)
    while not text.startswith("]", pos):
        offsets.append(pos)
        _, end = _DECODER.raw_decode(text, pos)
        pos = _skip(text, end)
        pos = _skip(text, pos + 1) if text.startswith(",", pos) else pos
    return offsets


def _member_offsets(text: str, pos: int) -> dict[str, int]:
    """Offsets of the values of the object that starts at `pos`, by key."""
    offsets: dict[str, int] = {}
    pos = _skip(text, pos + 1)
    while text.startswith('"', pos):
        key, end = _DECODER.raw_decode(text, pos)
        pos = _skip(text, _skip(text, end) + 1)  # past the colon
        offsets[key] = pos
        _, end = _DECODER.raw_decode(text, pos)
        pos = _skip(text, end)
        pos = _skip(text, pos + 1) if text.startswith(",", pos) else pos
    return offsets


def to_obj(transcript: Transcript) -> dict[str, Any]:
    """The canonical form of CONTRACT.md (what ``svcaudit convert`` writes)."""
    return {
        "id": transcript.id,
        "channel": transcript.channel,
        "agent": transcript.agent,
        "meta": dict(transcript.meta),
        "turns": [
            {
                "speaker": t.role.value,
                "name": t.name,
                "text": t.text,
                "start": t.start,
                "end": t.end,
            }
            for t in transcript.turns
        ],
    }
