"""WebVTT captions and meeting transcripts (Teams, Zoom, Whisper): `WEBVTT`, then timed cues.

The speaker of a cue is its voice tag (`<v Dana Smith>`, as Teams writes it), a `Name:` prefix
(Zoom), or the `speakerName` of a JSON payload (Teams `metadataContent`); a cue that names none
is the last named speaker's. Cue ids, settings, `NOTE`/`STYLE`/`REGION` blocks and tags are
dropped; times may lack padding or hours (`0:0:5.320`, `00:12.721`). Consecutive cues of one
speaker are one turn. A file without speakers (Whisper) gives one unknown speaker, and a warning.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

from svcaudit.errors import InputError
from svcaudit.formats.common import split_lines, stem_id
from svcaudit.formats.jsondoc import iso_seconds, iso_utc
from svcaudit.formats.markup import strip_tags
from svcaudit.formats.subtitles import Piece, clock, split_prefixes, to_turns
from svcaudit.model import Loc, Transcript

NAME = "webvtt"
SUFFIXES = (".vtt", ".webvtt")

_HEADER = re.compile(r"WEBVTT(?:[ \t](?P<title>.*))?")
_TIMING = re.compile(r"\s*(?P<start>\S+)[ \t]+-->[ \t]+(?P<end>[^\s]+)(?:[ \t].*)?")
_VOICE = re.compile(r"<v(?:\.[^\s>]*)?[ \t]+(?P<name>[^>]*)>")
_SKIPPED = ("NOTE", "STYLE", "REGION")

Cue = tuple[int, float, float, str]  # timing line, start, end, payload


def sniff(head: str) -> bool:
    return _HEADER.fullmatch(split_lines(head.lstrip("\ufeff"))[0].rstrip()) is not None


def read(text: str, path: str) -> list[Transcript]:
    lines = split_lines(text.lstrip("\ufeff"))
    header = _HEADER.fullmatch(lines[0].rstrip())
    if header is None:
        raise InputError(f"missing 'WEBVTT' header, found {lines[0][:40]!r}", Loc(path, 1, 1))
    cues = list(_cues(lines, path))
    pieces, started = _pieces(cues, path)
    turns, warnings = to_turns(pieces)
    meta: dict[str, str] = {}
    title = (header["title"] or "").strip(" \t-")
    if title:
        meta["title"] = title
    if started is not None:
        meta["start_time"] = iso_utc(started)
    return [
        Transcript(
            id=stem_id(path),
            turns=turns,
            path=path,
            format=NAME,
            channel="call",
            meta=meta,
            warnings=warnings,
        )
    ]


def blocks(lines: list[str], first: int = 0) -> Iterator[tuple[int, list[str]]]:
    """Groups of non-blank lines, each with the 1-based number of its first line."""
    block: list[str] = []
    start = 0
    for number, line in enumerate(lines[first:], start=first + 1):
        if line.strip():
            start = start if block else number
            block.append(line)
        elif block:
            yield start, block
            block = []
    if block:
        yield start, block


def _cues(lines: list[str], path: str) -> Iterator[Cue]:
    body = next((i for i, line in enumerate(lines) if not line.strip()), len(lines))
    for start, block in blocks(lines, body):
        if block[0].startswith(_SKIPPED):
            continue
        at = next((i for i, line in enumerate(block[:2]) if "-->" in line), None)
        if at is None:
            raise InputError(f"cue without a timing line: {block[0][:40]!r}", Loc(path, start, 1))
        line, begin, end = timing(block[at], Loc(path, start + at, 1))
        yield line, begin, end, "\n".join(block[at + 1 :])


def timing(line: str, where: Loc) -> tuple[int, float, float]:
    """The line number, start and end of a cue timing line; a bad one is an error."""
    match = _TIMING.fullmatch(line)
    start = clock(match["start"]) if match else None
    end = clock(match["end"]) if match else None
    if start is None or end is None:
        raise InputError(f"bad cue timing {line.strip()!r}", where)
    return where.line or 0, start, end


def _pieces(cues: list[Cue], path: str) -> tuple[list[Piece], float | None]:
    """The pieces of speech of the cues, and the absolute start of a metadata transcript."""
    raw: list[tuple[str | None, str, Cue]] = []
    started: float | None = None
    for cue in cues:
        payload = cue[3].strip()
        if payload.startswith("{"):
            name, text, stamp = _metadata(payload, Loc(path, cue[0] + 1, 1))
            started = stamp if started is None else started
            raw.append((name, text, cue))
        else:
            raw += [(name, text, cue) for name, text in _voices(payload)]
    unvoiced = [i for i, (name, _, _) in enumerate(raw) if name is None]
    split = split_prefixes([raw[i][1] for i in unvoiced])
    for i, (name, text) in zip(unvoiced, split, strict=True):
        raw[i] = (name, text, raw[i][2])
    pieces = [Piece(name, _clean(text), c[1], c[2], c[0]) for name, text, c in raw]
    return [piece for piece in pieces if piece.text], started


def _voices(payload: str) -> list[tuple[str | None, str]]:
    """The spans of a cue by voice: text before the first `<v>` has none."""
    spans: list[tuple[str | None, str]] = []
    last, name = 0, None
    for match in _VOICE.finditer(payload):
        spans.append((name, payload[last : match.start()]))
        last, name = match.end(), " ".join(match["name"].split()) or None
    spans.append((name, payload[last:]))
    return [(name, text) for name, text in spans if strip_tags(text)]


def _metadata(payload: str, where: Loc) -> tuple[str | None, str, float | None]:
    """A Teams metadata cue: `{"speakerName": ..., "spokenText": ..., "startDateTime": ...}`."""
    try:
        data = json.loads(payload)
    except json.JSONDecodeError as err:
        raise InputError(f"bad JSON cue payload: {err.msg.lower()}", where) from None
    if not isinstance(data, dict) or not isinstance(data.get("spokenText"), str):
        raise InputError("JSON cue payload without a 'spokenText' string", where)
    name = data.get("speakerName")
    try:
        stamp = iso_seconds(data["startDateTime"]) if data.get("startDateTime") else None
    except (TypeError, ValueError):
        raise InputError(f"bad time {data['startDateTime']!r} in a JSON cue", where) from None
    return (name if isinstance(name, str) and name.strip() else None), data["spokenText"], stamp


def _clean(text: str) -> str:
    return " ".join(strip_tags(text).split())
