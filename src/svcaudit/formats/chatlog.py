"""Chat logs whose every message starts with a stamp the `text` reader does not read.

- dated lines, as WhatsApp and Teams write them: `5/1/24, 10:02 AM - Dana: ...`,
  `[01/05/2024, 10:02:13] Dana: ...`, `[5/1/2024 10:02 AM] Dana: ...`, `01.05.24, 10:02 - ...`;
- IRC style: `[10:02] <Dana> ...` or `10:02:13 <Dana> ...`;
- elapsed time, as in a Salesforce chat transcript: `( 1m 12s ) Dana: ...`, after header
  lines (`Chat Started: ...`, `Agent Dana Lee`) that name the agent.

(`[10:02:13] Dana: ...`, `10:02 AM - Dana: ...`, `(10:02:13) Dana: ...` and ISO dates are the
`text` reader's.) A stamped line without a speaker (`Messages are end-to-end encrypted`) is a
system turn; a line without a stamp continues the message before it. Whether `5/1/24` is May 1
or January 5 is decided from the whole file (dots or a day over 12 say day first; else month
first). Times are seconds from the first message.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from svcaudit.errors import InputError
from svcaudit.formats.common import Time, split_lines, stem_id, to_seconds
from svcaudit.formats.roles import parse_label
from svcaudit.model import Loc, Role, Transcript, Turn

NAME = "chatlog"
SUFFIXES = (".txt", ".log")

_DATE = r"(?P<date>\d{1,4}[/.]\d{1,2}[/.]\d{1,4})"
_TOD = r"(?P<tod>\d{1,2}:\d{2}(?::\d{2})?(?:\s?[AaPp]\.?[Mm]\.?)?)"
_STAMPS = (
    re.compile(rf"\[{_DATE},?\s+{_TOD}\]\s*"),  # [01/05/2024, 10:02:13]
    re.compile(rf"{_DATE},?\s+{_TOD}\s+[-\u2013]\s+"),  # 5/1/24, 10:02 AM -
    re.compile(r"\(\s*(?:(?P<h>\d+)h\s*)?(?:(?P<m>\d+)m\s*)?(?P<el>\d+)s\s*\)\s*"),  # ( 1m 2s )
)
_NICK = r"\s+<(?P<nick>[^<>]{1,40})>\s?(?P<text>.*)"
_EVENT = r"\s+(?:\*+|-!-)\s+(?P<text>.*)"  # `* Lee waves`, `-!- Lee has joined`: system
_IRCS = tuple(re.compile(rf"{t}{rest}") for rest in (_NICK, _EVENT) for t in (rf"\[{_TOD}\]", _TOD))
_SPEAKER = re.compile(r"(?P<name>[^:]{1,40}?):\s(?P<text>.*)|(?P<bare>[^:]{1,40}?):$")
_AGENT_HEADER = re.compile(r"Agent\s+(?P<name>\S.{0,40})")
_SNIFF_LINES = 12


@dataclass(slots=True)
class _Message:
    role: Role
    name: str | None
    stamp: str | None  # `date|time-of-day`, or elapsed seconds as a number
    line: int
    parts: list[str] = field(default_factory=list)


def sniff(head: str) -> bool:
    lines = [line.strip() for line in split_lines(head) if line.strip()][:_SNIFF_LINES]
    hits = [i for i, line in enumerate(lines) if _stamped(line)]
    return bool(hits) and hits[0] < 5 and (len(hits) >= 2 or len(lines) == 1)


def _stamped(line: str) -> bool:
    return _first(_STAMPS, line) is not None or _first(_IRCS, line, whole=True) is not None


def _first(
    patterns: tuple[re.Pattern[str], ...], line: str, whole: bool = False
) -> re.Match[str] | None:
    matches = (p.fullmatch(line) if whole else p.match(line) for p in patterns)
    return next((m for m in matches if m), None)


def read(text: str, path: str) -> list[Transcript]:
    messages, header = _scan(split_lines(text.lstrip("\ufeff")), path)
    day_first = _day_first([m.stamp for m in messages])
    times = [_time(m.stamp, day_first, Loc(path, m.line)) for m in messages]
    starts = to_seconds(times)
    turns = tuple(
        Turn(index=i, role=m.role, text=" ".join(m.parts), name=m.name, start=start, line=m.line)
        for i, (m, start) in enumerate(zip(messages, starts, strict=True))
    )
    agent = next((a["name"].strip() for h in header if (a := _AGENT_HEADER.fullmatch(h))), None)
    pairs = (line.partition(":") for line in header)
    fields = {key.strip().casefold(): value.strip() for key, sep, value in pairs if sep}
    meta = {"header": fields} if fields else {}
    return [
        Transcript(
            id=stem_id(path),
            turns=tuple(t for t in turns if t.text),
            path=path,
            format=NAME,
            channel="chat",
            agent=agent,
            meta=meta,
        )
    ]


def _scan(lines: list[str], path: str) -> tuple[list[_Message], list[str]]:
    messages: list[_Message] = []
    header: list[str] = []
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        message = _message(line, number)
        if message is not None:
            messages.append(message)
        elif messages:
            messages[-1].parts.append(line)
        else:
            header.append(line)
    return messages, header


def _message(line: str, number: int) -> _Message | None:
    irc = _first(_IRCS, line, whole=True)
    if irc:
        nick = irc.groupdict().get("nick")
        role, name = parse_label(nick.strip()) if nick else (Role.SYSTEM, None)
        return _Message(role, name, f"|{irc['tod']}", number, _parts(irc["text"]))
    stamp = _first(_STAMPS, line)
    if stamp is None:
        return None
    groups = stamp.groupdict()
    when = _elapsed(groups) if groups.get("el") else f"{groups.get('date')}|{groups.get('tod')}"
    rest = line[stamp.end() :]
    said = _SPEAKER.match(rest)
    if said is None:
        return _Message(Role.SYSTEM, None, when, number, _parts(rest))
    role, name = parse_label((said["name"] or said["bare"]).strip())
    return _Message(role, name, when, number, _parts(said["text"] or ""))


def _elapsed(groups: dict[str, str | None]) -> str:
    """Seconds since the chat started of `( 1h 2m 3s )`."""
    hours, minutes = int(groups.get("h") or 0), int(groups.get("m") or 0)
    return str(hours * 3600 + minutes * 60 + int(groups["el"] or 0))


def _parts(text: str) -> list[str]:
    return [text.strip()] if text.strip() else []


def _day_first(stamps: list[str | None]) -> bool:
    """Dates are day first when written with dots (`01.05.24`) or when a first field is a day
    over 12; else month first."""
    dates = [s.partition("|")[0] for s in stamps if s and "|" in s and s[0] != "|"]
    return any("." in d for d in dates) or any(12 < _fields(d)[0] < 32 for d in dates)


def _fields(date: str) -> tuple[int, int, int]:
    a, b, c = (int(x) for x in re.split(r"[/.]", date))
    return a, b, c


def _time(stamp: str | None, day_first: bool, where: Loc) -> Time | None:
    if stamp is None:
        return None
    if "|" not in stamp:
        return Time(float(stamp))  # elapsed seconds
    date, _, tod = stamp.partition("|")
    seconds = _time_of_day(tod)
    if not date:
        return Time(seconds, wall=True)
    a, b, c = _fields(date)
    year, month, day = (a, b, c) if a > 31 else (c, b, a) if day_first else (c, a, b)
    try:
        midnight = datetime(year + 2000 if year < 100 else year, month, day, tzinfo=timezone.utc)
    except ValueError:
        raise InputError(f"bad date {date!r}", where) from None
    return Time(midnight.timestamp() + seconds, wall=True)


def _time_of_day(tod: str) -> float:
    """Seconds since midnight of `10:02`, `10:02:13` or `10:02 PM`."""
    clock = tod.rstrip(" .AaPpMm")
    hours, minutes, *rest = (int(x) for x in clock.split(":"))
    ampm = tod[len(clock) :].replace(".", "").strip().lower()
    if ampm:
        hours = hours % 12 + (12 if ampm == "pm" else 0)
    return hours * 3600.0 + minutes * 60 + (rest[0] if rest else 0)
