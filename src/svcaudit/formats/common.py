"""Helpers the readers share: ids from file names, positions, lines and times."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import PurePath
from typing import NamedTuple

HEAD_SIZE = 4096  # how much of a file `sniff` sees
DAY = 86400.0

_CLOCK = re.compile(
    r"(?:(?P<h>\d+):)?(?P<m>\d{1,2}):(?P<s>\d{1,2}(?:[.,]\d+)?)\s*(?P<ampm>[ap]\.?m\.?)?", re.I
)


def stem_id(path: str) -> str:
    """The transcript id a file gives when its content names none."""
    return "stdin" if path == "-" else PurePath(path).stem


def nth_id(path: str, n: int, total: int) -> str:
    """The id of the n-th (1-based) of `total` transcripts in a file that names none."""
    stem = stem_id(path)
    return stem if total == 1 else f"{stem}#{n}"


def split_lines(text: str) -> list[str]:
    """Lines as editors count them (str.splitlines also splits on U+2028 and form feeds)."""
    return [line.removesuffix("\r") for line in text.split("\n")]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - text.rfind("\n", 0, offset)


class Time(NamedTuple):
    """A parsed time; `wall` if it is a time of day or a date, not an offset into the call."""

    seconds: float
    wall: bool = False


def parse_time(value: str) -> Time | None:
    """Seconds (`62.5`), a clock (`1:02`, `00:01:02.5`, `10:01 AM`) or an ISO date-time.

    Raises ValueError for anything else; returns None for an empty value.
    """
    text = value.strip()
    if not text:
        return None
    try:
        seconds = float(text)
    except ValueError:
        pass
    else:
        if not math.isfinite(seconds):
            raise ValueError(f"bad time {value!r}")
        return Time(seconds)
    match = _CLOCK.fullmatch(text)
    if match:
        return _clock(match)
    return _iso(text, value)


def _clock(match: re.Match[str]) -> Time:
    hours, minutes, seconds = match["h"], match["m"], match["s"].replace(",", ".")
    ampm = (match["ampm"] or "").lower().replace(".", "")
    if ampm and hours is None:  # `10:01 AM` is hours and minutes, not minutes and seconds
        hours, minutes, seconds = minutes, seconds, "0"
    hour = int(hours or 0)
    if ampm:
        hour = hour % 12 + (12 if ampm == "pm" else 0)
    return Time(hour * 3600 + int(minutes) * 60 + float(seconds), wall=bool(ampm))


def _iso(text: str, value: str) -> Time:
    try:  # Python 3.10's fromisoformat knows no `Z`
        stamp = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"bad time {value!r}") from None
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=timezone.utc)
    return Time(stamp.timestamp(), wall=True)


def to_seconds(times: Sequence[Time | None]) -> list[float | None]:
    """Seconds from the start of the call.

    Offsets are kept as they are. Wall-clock times and dates are made relative to the
    first one, and a clock that runs back by more than half a day has passed midnight.
    """
    if not any(time is not None and time.wall for time in times):
        return [None if time is None else round(time.seconds, 3) for time in times]
    out: list[float | None] = []
    base: float | None = None
    prev: float | None = None
    shift = 0.0
    for time in times:
        if time is None:
            out.append(None)
            continue
        if prev is not None and time.seconds + shift < prev - DAY / 2:
            shift += DAY
        prev = time.seconds + shift
        base = prev if base is None else base
        out.append(round(prev - base, 3))
    return out
