"""What the timed-caption readers (`webvtt`, `srt`, `whisper`) share: cue times, speaker
prefixes in cue text, and pieces of speech merged into turns.

A speaker is named by a voice tag (WebVTT), by a `Name:` or `[Name]:` prefix (Zoom, WhisperX
subtitles) or by a `speaker` field (WhisperX JSON). Consecutive pieces of the same speaker with
less than `MERGE_GAP` seconds between them are one turn; a longer pause (a hold) starts a new
one. Labels go through `roles.parse_label`: `Agent` is the agent, a name or `SPEAKER_00` stays
`Role.UNKNOWN` for `--agent` or the heuristic. A file that names no speaker at all gives one
turn a piece, each from an unknown speaker named `speaker`, and a warning.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from svcaudit.formats.roles import parse_label
from svcaudit.model import Role, Turn

MERGE_GAP = 2.0
UNLABELLED = "speaker"
NO_LABELS = "no speaker labels: every turn is from one unknown speaker"

_CLOCK = re.compile(r"(-)?(?:(\d+):)?(\d{1,2}):(\d{1,2}(?:[.,]\d*)?)")
_PREFIX = re.compile(
    r"(?:\[(?P<b>[^\]\n]{1,40})\]|(?P<p>[^\W\d][^:\n]{0,39}?))\s*:\s+(?P<t>\S.*)", re.S
)
_ID_LABEL = re.compile(r"(?:speaker|spk|spkr)[\s_-]?\d+", re.I)
_NOT_NAMES = frozenset({
    "note", "notes", "ps", "re", "subject", "example", "update", "warning", "tip", "step", "answer",
    "question", "reason", "result", "address", "email", "phone", "order", "total", "date", "time",
})  # fmt: skip


@dataclass(frozen=True, slots=True)
class Piece:
    """A cue or a segment: who (None if not said), what, when, and the line it starts on."""

    name: str | None
    text: str
    start: float | None
    end: float | None
    line: int | None = None


def clock(value: str) -> float | None:
    """Seconds of a cue time: `00:01:02.500`, `01:02.5`, `0:0:5.320`, `00:01:02,500`."""
    match = _CLOCK.fullmatch(value.strip())
    if match is None:
        return None
    sign, hours, minutes, seconds = match.groups()
    total = int(hours or 0) * 3600 + int(minutes) * 60 + float(seconds.replace(",", "."))
    return round(-total if sign else total, 3)


def split_prefixes(texts: Sequence[str]) -> list[tuple[str | None, str]]:
    """Each cue text as (speaker, text) when it starts with a speaker prefix.

    `[Name]:` always names a speaker; `Name:` does when the name is a role word or a speaker id,
    or when the same name starts at least two cues (so `Note: ...` in one cue stays text).
    """
    found = [_PREFIX.match(text) for text in texts]
    counts = Counter((m["p"] or "").strip() for m in found if m and m["p"])
    out: list[tuple[str | None, str]] = []
    for text, match in zip(texts, found, strict=True):
        if match and match["b"]:
            out.append((match["b"].strip(), match["t"]))
        elif match and _is_name(match["p"].strip(), counts):
            out.append((match["p"].strip(), match["t"]))
        else:
            out.append((None, text))
    return out


def _is_name(label: str, counts: Counter[str]) -> bool:
    if parse_label(label)[0] is not Role.UNKNOWN or _ID_LABEL.fullmatch(label):
        return True
    words = label.split()
    if len(words) > 3 or label.casefold() in _NOT_NAMES or counts[label] < 2:
        return False
    return all(word[:1].isupper() for word in words)


def to_turns(pieces: Sequence[Piece]) -> tuple[tuple[Turn, ...], tuple[str, ...]]:
    """Turns from pieces in order, and the warning when no piece names its speaker."""
    if not any(piece.name for piece in pieces):
        turns = tuple(
            Turn(i, Role.UNKNOWN, p.text, UNLABELLED, p.start, p.end, p.line)
            for i, p in enumerate(pieces)
        )
        return turns, (NO_LABELS,) if turns else ()
    merged: list[Piece] = []
    for piece in _carried(pieces):
        last = merged[-1] if merged else None
        if last is not None and _joins(last, piece):
            end = piece.end if piece.end is not None else last.end
            text = f"{last.text} {piece.text}"
            merged[-1] = Piece(last.name, text, last.start, end, last.line)
        else:
            merged.append(piece)
    return tuple(_turn(i, piece) for i, piece in enumerate(merged)), ()


def _carried(pieces: Sequence[Piece]) -> list[Piece]:
    """Pieces that name no speaker are the last named speaker's."""
    out: list[Piece] = []
    name: str | None = None
    for piece in pieces:
        name = piece.name or name
        out.append(piece if piece.name or name is None else replace(piece, name=name))
    return out


def _joins(last: Piece, piece: Piece) -> bool:
    """A piece continues the last turn: the same speaker, and no long pause."""
    if piece.name != last.name:
        return False
    if last.end is None or piece.start is None:
        return True
    return piece.start - last.end <= MERGE_GAP


def _turn(index: int, piece: Piece) -> Turn:
    role, name = parse_label(piece.name) if piece.name else (Role.UNKNOWN, None)
    return Turn(index, role, piece.text, name, piece.start, piece.end, piece.line)
