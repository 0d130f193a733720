"""What the vendor JSON readers share: a decoded file that can locate a JSON path, and times.

A reader checks the schema as it walks the data and reports a problem with `Doc.error(keys,
message)`: the message names the JSON path (`conversation_parts.conversation_parts[3]: missing
'author'`) and the location is the line and column where the value at that path starts (or the
nearest enclosing value that exists).
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from typing import Any

from svcaudit.errors import InputError
from svcaudit.formats.canonical import decode_error
from svcaudit.formats.common import line_col
from svcaudit.model import Loc

Key = str | int
_DECODER = json.JSONDecoder()
_SPACE = re.compile(r"\s*")
_STARTS_JSON = re.compile(r"\s*[\[{]")


def starts_json(head: str) -> bool:
    """The head of a file opens a JSON object or array."""
    return _STARTS_JSON.match(head) is not None


def entries(data: Any, key: str | None = None) -> list[tuple[list[Key], Any]]:
    """The records of a file, each with its JSON path: the list `data[key]` when there is one,
    the items of a top-level list, or the file's one object."""
    if key is not None and isinstance(data, dict) and isinstance(data.get(key), list):
        return [([key, n], value) for n, value in enumerate(data[key])]
    if isinstance(data, list):
        return [([n], value) for n, value in enumerate(data)]
    return [([], data)]


def dotted(keys: Sequence[Key]) -> str:
    """`("parts", 3, "author")` as `parts[3].author`."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else key)
    return out


def show(value: object) -> str:
    """A value as an error message quotes it."""
    if isinstance(value, (list, dict)):
        return "a list" if isinstance(value, list) else "an object"
    return repr(value) if isinstance(value, str) else json.dumps(value)


class Doc:
    """A decoded JSON file, its text kept to locate values."""

    def __init__(self, text: str, path: str) -> None:
        self.text = text
        self.path = path
        try:
            self.data: Any = json.loads(text)
        except json.JSONDecodeError as err:
            raise decode_error(err, path) from None

    def loc(self, keys: Sequence[Key]) -> Loc:
        """Where the value at `keys` starts (or the deepest value on the way that exists)."""
        pos = _skip(self.text, 0)
        for key in keys:
            found = _child(self.text, pos, key)
            if found is None:
                break
            pos = found
        return Loc(self.path, *line_col(self.text, pos))

    def error(self, keys: Sequence[Key], message: str) -> InputError:
        where = dotted(keys)
        return InputError(f"{where}: {message}" if where else message, self.loc(keys))

    def obj(self, value: object, keys: Sequence[Key]) -> dict[str, Any]:
        if not isinstance(value, dict):
            raise self.error(keys, f"expected an object, got {show(value)}")
        return value

    def items(self, obj: dict[str, Any], keys: Sequence[Key], key: str) -> list[Any]:
        """The list `obj[key]` (at `keys`); missing or not a list is an error."""
        if key not in obj:
            raise self.error(keys, f"missing {key!r}")
        value = obj[key]
        if not isinstance(value, list):
            raise self.error([*keys, key], f"expected a list, got {show(value)}")
        return value

    def string(
        self, obj: dict[str, Any], keys: Sequence[Key], key: str, *, required: bool = False
    ) -> str | None:
        """The string `obj[key]`; null or absent is None (an error if `required`)."""
        value = obj.get(key)
        if value is None:
            if required:
                raise self.error(keys, f"missing {key!r}")
            return None
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return str(value)  # ids are numbers in some exports
        if not isinstance(value, str):
            raise self.error([*keys, key], f"expected a string, got {show(value)}")
        return value

    def number(self, obj: dict[str, Any], keys: Sequence[Key], key: str) -> float | None:
        value = obj.get(key)
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise self.error([*keys, key], f"expected a number, got {show(value)}")
        return float(value)

    def stamp(self, obj: dict[str, Any], keys: Sequence[Key], key: str) -> float | None:
        """An ISO-8601 date-time or epoch seconds as epoch seconds; absent is None."""
        value = obj.get(key)
        if value is None or (isinstance(value, (int, float)) and not isinstance(value, bool)):
            return None if value is None else float(value)
        try:
            return iso_seconds(value) if isinstance(value, str) else _bad(value)
        except ValueError:
            raise self.error([*keys, key], f"bad time {show(value)}") from None


def _bad(value: object) -> float:
    raise ValueError(value)


def iso_seconds(value: str) -> float:
    """Epoch seconds of an ISO-8601 date-time (UTC when it names no zone)."""
    text = value.strip().replace("Z", "+00:00").replace("z", "+00:00")
    text = re.sub(r"(\.\d{6})\d+", r"\1", text)  # Python 3.10 takes 6 digits at most
    stamp = datetime.fromisoformat(text)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return stamp.timestamp()


def iso_utc(seconds: float) -> str:
    """Epoch seconds as an ISO-8601 UTC date-time (`2024-05-01T10:02:13Z`)."""
    stamp = datetime.fromtimestamp(seconds, timezone.utc)
    return stamp.isoformat(timespec="milliseconds" if seconds % 1 else "seconds").replace(
        "+00:00", "Z"
    )


def relative(stamps: Sequence[float | None]) -> tuple[list[float | None], float | None]:
    """Times as seconds from the earliest of them, and that earliest time."""
    known = [s for s in stamps if s is not None]
    if not known:
        return [None] * len(stamps), None
    base = min(known)
    return [None if s is None else round(s - base, 3) for s in stamps], base


def _skip(text: str, pos: int) -> int:
    match = _SPACE.match(text, pos)
    return match.end() if match else pos


def _child(text: str, pos: int, key: Key) -> int | None:
    """Where the member `key` (or the item number `key`) of the value at `pos` starts."""
    opener, closer = ("[", "]") if isinstance(key, int) else ("{", "}")
    if not text.startswith(opener, pos):
        return None
    pos, n = _skip(text, pos + 1), 0
    while not text.startswith(closer, pos):
        if opener == "{":
            name, end = _DECODER.raw_decode(text, pos)
            pos = _skip(text, _skip(text, end) + 1)  # past the colon
            if name == key:
                return pos
        elif n == key:
            return pos
        _, end = _DECODER.raw_decode(text, pos)
        pos, n = _skip(text, end), n + 1
        pos = _skip(text, pos + 1) if text.startswith(",", pos) else pos
    return None
