"""SubRip subtitles (`.srt`): numbered cues, `00:00:01,000 --> 00:00:03,500`, then text.

The speaker of a cue is a `[SPEAKER_00]:` prefix (WhisperX with diarization), a `Name:` prefix
that starts several cues, or a role word (`Agent:`); a cue that names none is the last named
speaker's. Formatting tags (`<i>`, `<font>`, `{\\an8}`) are dropped. Consecutive cues of one
speaker are one turn. A file without speakers gives one unknown speaker, and a warning.
"""

from __future__ import annotations

import re

from svcaudit.errors import InputError
from svcaudit.formats.common import split_lines, stem_id
from svcaudit.formats.markup import strip_tags
from svcaudit.formats.subtitles import Piece, split_prefixes, to_turns
from svcaudit.formats.webvtt import blocks, timing
from svcaudit.model import Loc, Transcript

NAME = "srt"
SUFFIXES = (".srt",)

_SHAPE = re.compile(r"\s*\d+[ \t]*\r?\n[ \t]*\d{1,2}:\d{2}:\d{2}[,.]\d{1,3}[ \t]+-->")
_INDEX = re.compile(r"\d+")
_ASS = re.compile(r"\{\\[^}]*\}")


def sniff(head: str) -> bool:
    return _SHAPE.match(head.lstrip("\ufeff")) is not None


def read(text: str, path: str) -> list[Transcript]:
    cues: list[tuple[int, float, float, str]] = []
    for start, block in blocks(split_lines(text.lstrip("\ufeff"))):
        at = 1 if _INDEX.fullmatch(block[0].strip()) else 0
        if at >= len(block) or "-->" not in block[at]:
            found = block[min(at, len(block) - 1)][:40]
            raise InputError(f"cue without a timing line: {found!r}", Loc(path, start + at, 1))
        line, begin, end = timing(block[at], Loc(path, start + at, 1))
        payload = " ".join(_ASS.sub("", row) for row in block[at + 1 :])
        cues.append((line, begin, end, " ".join(strip_tags(payload).split())))
    named = split_prefixes([cue[3] for cue in cues])
    pieces = [
        Piece(name, text.strip(), cue[1], cue[2], cue[0])
        for cue, (name, text) in zip(cues, named, strict=True)
        if text.strip()
    ]
    turns, warnings = to_turns(pieces)
    transcript = Transcript(
        id=stem_id(path), turns=turns, path=path, format=NAME, channel="call", warnings=warnings
    )
    return [transcript]
