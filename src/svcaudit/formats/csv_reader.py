"""Delimited exports: one row per utterance, any number of conversations per file.

Columns are found by name, case-insensitive, with common synonyms (`_COLUMNS`). Rows are
grouped by conversation in order of first appearance and sorted by the turn column when there
is one. Times are seconds, `hh:mm:ss(.ms)`, `mm:ss`, clock times or ISO date-times; integer
times whose turns would last minutes are milliseconds (Whisper's TSV writer). Without an end
column, a turn ends where the next one starts. Named `csv_reader` so as not to shadow `csv`.
"""

from __future__ import annotations

import csv
import io
import itertools
import re
import statistics
from collections.abc import Iterator
from dataclasses import dataclass

from svcaudit.errors import InputError
from svcaudit.formats.common import HEAD_SIZE, Time, parse_time, split_lines, stem_id, to_seconds
from svcaudit.formats.roles import parse_label
from svcaudit.model import Loc, Role, Transcript, Turn

NAME = "csv"
SUFFIXES = (".csv", ".tsv")

# field -> header names, best first
_COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("conversation_id", "call_id", "chat_id", "contact_id", "transcript_id", "session_id",
           "ticket_id", "id"),
    # a role column says more than a speaker column, which then gives the name
    "speaker": ("speaker_role", "role", "speaker", "speaker_label", "participant",
                "participant_role", "author", "from", "party", "sender", "message_participant",
                "channel"),
    "text": ("text", "utterance", "message", "transcript", "content", "body", "sentence",
             "message_text"),
    "start": ("start", "start_time", "start_s", "start_seconds", "timestamp", "time", "begin",
              "offset", "created_at", "sent_at"),
    "end": ("end", "end_time", "end_s", "end_seconds", "stop"),
    "turn": ("turn", "turn_index", "seq", "sequence", "line", "index"),
    "name": ("name", "speaker_name"),
    "agent": ("agent_name",),  # the agent's name on every row, whoever speaks
}  # fmt: skip
_DELIMITERS = (",", ";", "\t", "|")
_SEP_HINT = re.compile(r"sep=(.)")  # Excel's first line, `sep=;`
_MILLIS_SPAN = 60.0  # integer times whose turns would last longer (in seconds) are ms


@dataclass(frozen=True, slots=True)
class _Row:
    conversation: str
    line: int
    speaker: str
    name: str
    agent: str
    text: str
    start: Time | None
    end: Time | None
    turn: float | None


def sniff(head: str) -> bool:
    first = _first_line(head)
    return any(_is_header(_cells(first, d)) for d in _DELIMITERS)


def read(text: str, path: str) -> list[Transcript]:
    delimiter = _delimiter(text[:HEAD_SIZE], path)
    rows = list(_rows(text, path, delimiter))
    millis = _in_millis(rows)
    groups: dict[str, list[_Row]] = {}
    for row in rows:
        groups.setdefault(row.conversation, []).append(row)
    return [_transcript(cid, group, path, millis) for cid, group in groups.items()]


def _first_line(head: str) -> str:
    lines = [line for line in split_lines(head) if line.strip()]
    if lines and _SEP_HINT.fullmatch(lines[0].strip()):
        lines = lines[1:]
    return lines[0] if lines else ""


def _cells(line: str, delimiter: str) -> list[str]:
    try:
        return next(csv.reader([line], delimiter=delimiter), [])
    except csv.Error:  # e.g. a bare carriage return: not a header, whatever else it is
        return []


def _normal(header: str) -> str:
    return re.sub(r"[\s\-]+", "_", header.strip().strip('"').lstrip("\ufeff").strip().lower())


def _is_header(cells: list[str]) -> bool:
    fields = _fields(cells)
    return "text" in fields and len(fields) >= 2


def _fields(cells: list[str]) -> dict[str, int]:
    """The column of each field found in a header row."""
    index: dict[str, int] = {}
    for i, cell in enumerate(cells):
        index.setdefault(_normal(cell), i)
    fields: dict[str, int] = {}
    for field, names in _COLUMNS.items():
        found = next((index[name] for name in names if name in index), None)
        if found is not None and found not in fields.values():
            fields[field] = found
    if "name" not in fields and "speaker" in fields:  # a role column came first: speaker names
        other = index.get("speaker")
        if other is not None and other != fields["speaker"]:
            fields["name"] = other
    return fields


def _delimiter(head: str, path: str) -> str:
    """The header names the delimiter best; csv.Sniffer, which a comma in speech can fool, next."""
    lines = [line for line in split_lines(head) if line.strip()]
    hint = _SEP_HINT.fullmatch(lines[0].strip()) if lines else None
    if hint:
        return hint[1]
    first = lines[0] if lines else ""
    scores = {d: len(_fields(_cells(first, d))) for d in _DELIMITERS}
    best = max(_DELIMITERS, key=lambda d: (scores[d], first.count(d)))
    if scores[best] > 1:
        return best
    try:
        return csv.Sniffer().sniff(head, delimiters="".join(_DELIMITERS)).delimiter
    except csv.Error:
        return "\t" if path.lower().endswith(".tsv") else ","


def _rows(text: str, path: str, delimiter: str) -> Iterator[_Row]:
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    fields: dict[str, int] | None = None
    header: list[str] = []
    line = 1
    try:
        for cells in reader:
            where, line = Loc(path, line), reader.line_num + 1
            hint = fields is None and _SEP_HINT.fullmatch(delimiter.join(cells).strip())
            if hint or not any(cell.strip() for cell in cells):
                continue
            if fields is None:
                header, fields = cells, _fields(cells)
                _require_text(header, fields, where)
                continue
            row = _row(cells, header, fields, where)
            if row is not None:
                yield row
    except csv.Error as err:
        raise InputError(f"bad CSV: {err}", Loc(path, reader.line_num)) from None


def _require_text(header: list[str], fields: dict[str, int], where: Loc) -> None:
    if "text" not in fields:
        found = ", ".join(repr(cell.strip()) for cell in header)
        expected = ", ".join(_COLUMNS["text"])
        raise InputError(f"no text column (one of {expected}); found {found}", where)


def _row(cells: list[str], header: list[str], fields: dict[str, int], where: Loc) -> _Row | None:
    def cell(field: str) -> str:
        i = fields.get(field)
        return cells[i].strip() if i is not None and i < len(cells) else ""

    text = cell("text")
    if not text:
        return None
    return _Row(
        conversation=cell("id") or stem_id(where.path),
        line=where.line or 0,
        speaker=cell("speaker"),
        name=cell("name"),
        agent=cell("agent"),
        text=text,
        start=_time(cell("start"), header, fields.get("start"), where),
        end=_time(cell("end"), header, fields.get("end"), where),
        turn=_number(cell("turn"), header, fields.get("turn"), where),
    )


def _time(value: str, header: list[str], column: int | None, where: Loc) -> Time | None:
    try:
        return parse_time(value)
    except ValueError:
        name = header[column].strip() if column is not None else "?"
        raise InputError(f"bad time {value!r} in column {name!r}", where) from None


def _number(value: str, header: list[str], column: int | None, where: Loc) -> float | None:
    if not value:
        return None
    try:
        return float(value)
    except ValueError:
        name = header[column].strip() if column is not None else "?"
        raise InputError(f"bad turn number {value!r} in column {name!r}", where) from None


def _in_millis(rows: list[_Row]) -> bool:
    """Integer times in milliseconds: read as seconds, the typical turn would last minutes."""
    times = [t for row in rows for t in (row.start, row.end) if t is not None]
    if not times or any(t.wall or not t.seconds.is_integer() for t in times):
        return False
    spans = [r.end.seconds - r.start.seconds for r in rows if r.start and r.end]
    if not spans:
        starts = [r.start.seconds for r in rows if r.start]
        spans = [b - a for a, b in itertools.pairwise(starts)]
    return bool(spans) and statistics.median(spans) > _MILLIS_SPAN


def _transcript(cid: str, rows: list[_Row], path: str, millis: bool) -> Transcript:
    if any(row.turn is not None for row in rows):
        rows = sorted(rows, key=lambda row: row.turn if row.turn is not None else float("inf"))
    scale = 0.001 if millis else 1.0
    times = to_seconds([_scaled(t, scale) for row in rows for t in (row.start, row.end)])
    starts, ends = times[0::2], times[1::2]
    nexts = [*starts[1:], None]
    ends = [end if end is not None else nxt for end, nxt in zip(ends, nexts, strict=True)]
    spans = zip(rows, starts, ends, strict=True)
    turns = tuple(_turn(i, row, start, end) for i, (row, start, end) in enumerate(spans))
    agent = next((row.agent for row in rows if row.agent), None)
    return Transcript(id=cid, turns=turns, path=path, format=NAME, agent=agent)


def _scaled(time: Time | None, scale: float) -> Time | None:
    return time if time is None or scale == 1.0 else Time(time.seconds * scale, time.wall)


def _turn(index: int, row: _Row, start: float | None, end: float | None) -> Turn:
    role, label_name = parse_label(row.speaker) if row.speaker else (Role.UNKNOWN, None)
    agent_name = row.agent if role is Role.AGENT else ""
    return Turn(
        index=index,
        role=role,
        text=row.text,
        name=row.name or agent_name or label_name,
        start=start,
        end=end,
        line=row.line,
    )
