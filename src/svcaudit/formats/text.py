"""Plain-text transcripts: `Speaker: text` a line, the fallback of sniffing.

A line may start with a time: `[00:01:02]`, `00:01:02`, `[01:02]`, `(00:01:02)`, `10:01 AM` or
an ISO date-time; or the time may follow the speaker: `Agent (00:01:02): text`.
`Speaker - text` also counts when the line is timed or the speaker is a role.
Lines without a speaker continue the previous turn; blank lines and rules (`----`) are skipped.
Before the first turn, other lines are a header: `Key: value` pairs go to `meta["header"]`,
and a `Call ID`/`Channel` there gives the transcript's id and channel.

Start times are seconds (relative to the first turn for clock times and dates); a turn ends
where the next one starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from svcaudit.errors import InputError
from svcaudit.formats.common import Time, parse_time, split_lines, stem_id, to_seconds
from svcaudit.formats.roles import parse_label
from svcaudit.model import Loc, Role, Transcript, Turn

NAME = "text"
SUFFIXES = (".txt", ".text", ".log")

_TIME = (
    r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?"
    r"|\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d+)?(?:\s?[AaPp]\.?[Mm]\.?(?!\w))?"
)
_LINE = re.compile(
    rf"(?:(?:\[(?P<t1>{_TIME})\]|\((?P<t2>{_TIME})\)|(?P<t3>{_TIME}))\s*(?:[-|]\s*)?)?"
    r"(?P<label>[^\W\d][\w .'\u2019()#&/-]{0,39}?)"
    rf"(?:\s*[\[(](?P<t4>{_TIME})[\])])?"  # `Agent (00:01:02): ...`
    r"\s*(?P<sep>:|[-\u2013](?=\s))\s*(?P<text>.*)"
)
_WORDY = re.compile(r"\w")
# labels that a line of speech or a header starts with, never a speaker
_NOT_SPEAKERS = frozenset({
    "account", "address", "call", "call id", "channel", "chat id", "contact id", "conversation",
    "conversation id", "date", "duration", "email", "example", "from", "id", "language", "note",
    "notes", "order", "phone", "ps", "queue", "re", "reason", "ref", "reference", "started",
    "step", "subject", "tel", "ticket", "ticket id", "time", "title", "to", "topic", "total",
    "transcript", "transcript id",
})  # fmt: skip
_ID_KEYS = ("call id", "chat id", "conversation id", "contact id", "ticket id", "transcript id")
_GENERIC = frozenset({"speaker", "spk", "channel", "ch", "participant", "person", "party"})
_TIME_OF_DAY = 4 * 3600.0  # a first time this late is a clock time (no call lasts 4 hours)


@dataclass(slots=True)
class _Draft:
    """A turn being read: its continuation lines are appended to `parts`."""

    role: Role
    name: str | None
    time: Time | None
    line: int
    parts: list[str] = field(default_factory=list)


def sniff(head: str) -> bool:
    return True


def read(text: str, path: str) -> list[Transcript]:
    drafts, header = _scan(split_lines(text), path)
    channel = header.get("channel", "").casefold()
    ids = [header[key] for key in _ID_KEYS if header.get(key)]
    transcript = Transcript(
        id=ids[0] if ids else stem_id(path),
        turns=_build([draft for draft in drafts if draft.parts]),
        path=path,
        format=NAME,
        channel=channel if channel in ("call", "chat") else None,
        meta={"header": header} if header else {},
    )
    return [transcript]


def _scan(lines: list[str], path: str) -> tuple[list[_Draft], dict[str, str]]:
    drafts: list[_Draft] = []
    header: dict[str, str] = {}
    seen: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not _WORDY.search(line):
            continue
        match = _LINE.match(line)
        if match and _is_turn(match, seen):
            indent = len(raw) - len(raw.lstrip())
            drafts.append(_draft(match, Loc(path, number, indent)))
            seen.add(match["label"].strip())
        elif drafts:
            drafts[-1].parts.append(line)
        elif match and match["sep"] == ":" and match["text"]:
            header[match["label"].strip().casefold()] = match["text"].strip()
    return drafts, header


def _is_turn(match: re.Match[str], seen: set[str]) -> bool:
    label = match["label"].strip()
    known = parse_label(label)[0] is not Role.UNKNOWN
    timed = any(match[group] for group in ("t1", "t2", "t3", "t4"))
    if match["sep"] != ":" and not (timed or known):
        return False
    return known or label in seen or _looks_like_speaker(label)


def _looks_like_speaker(label: str) -> bool:
    """A name (`Dana`, `Mr. Lee`) or an id (`spk_0`, `Speaker 2`), not the start of a sentence."""
    words = label.split()
    if len(words) > 3 or label.casefold() in _NOT_SPEAKERS:
        return False
    return all(
        word[:1].isupper() or "_" in word or any(c.isdigit() for c in word)
        or word.casefold() in _GENERIC
        for word in words
    )  # fmt: skip


def _draft(match: re.Match[str], where: Loc) -> _Draft:
    """A new turn; `where.col` is the line's indent, to locate a bad time."""
    role, name = parse_label(match["label"].strip())
    group = next((g for g in ("t1", "t2", "t3", "t4") if match[g]), "")
    try:
        time = parse_time(match[group]) if group else None
    except ValueError:
        col = (where.col or 0) + match.start(group) + 1
        raise InputError(f"bad time {match[group]!r}", Loc(where.path, where.line, col)) from None
    text = (match["text"] or "").strip()
    return _Draft(role, name, time, where.line or 0, [text] if text else [])


def _build(drafts: list[_Draft]) -> tuple[Turn, ...]:
    starts = to_seconds(_times_of_day([draft.time for draft in drafts]))
    ends = [*starts[1:], None][: len(starts)]
    return tuple(
        Turn(
            index=index,
            role=draft.role,
            text=" ".join(draft.parts),
            name=draft.name,
            start=start,
            end=end,
            line=draft.line,
        )
        for index, (draft, start, end) in enumerate(zip(drafts, starts, ends, strict=True))
    )


def _times_of_day(times: list[Time | None]) -> list[Time | None]:
    """A chat log's `[10:02:13]` is a time of day, not ten hours into a call: when the first
    time is that late, all are read as clock times, counted from the first."""
    first = next((time for time in times if time is not None), None)
    if first is None or first.wall or first.seconds < _TIME_OF_DAY:
        return times
    return [None if time is None else Time(time.seconds, wall=True) for time in times]
