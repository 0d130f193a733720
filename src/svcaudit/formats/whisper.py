"""OpenAI Whisper and WhisperX JSON: `segments[]` with `start`, `end`, `text`, maybe `speaker`.

Whisper (`openai-whisper`, the API's `verbose_json`, whisper-timestamped) names no speaker:
each segment is a turn of one unknown speaker named `speaker`, with a warning. WhisperX with
diarization puts `speaker` (`SPEAKER_00`) on segments and words: consecutive segments of a
speaker are one turn (unless a pause of over 2 s, a hold, parts them), a segment whose words
change speaker is split where they do, and a segment without a speaker takes its words' or the
previous one's. `--agent SPEAKER_01` says which is the agent; else the heuristic guesses.
"""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, entries, starts_json
from svcaudit.formats.subtitles import Piece, to_turns
from svcaudit.model import Transcript

NAME = "whisper"
SUFFIXES = (".json",)

_SEGMENTS = re.compile(
    r'"segments"\s*:\s*\[\s*(?:\]|\{[^{}\[\]]*?"(?:id|seek|start|end|text|speaker)"\s*:)'
)
# Whisper's result puts the whole text first, the API's verbose_json the task: either can push
# `segments` out of the head
_TEXT_FIRST = re.compile(r'\s*\{\s*(?:"text"\s*:\s*"|"task"\s*:\s*"(?:transcribe|translate)")')


def sniff(head: str) -> bool:
    return starts_json(head) and bool(_SEGMENTS.search(head) or _TEXT_FIRST.match(head))


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    items = entries(doc.data)
    return [
        _result(doc, keys, value, nth_id(path, n, len(items)))
        for n, (keys, value) in enumerate(items, start=1)
    ]


def _result(doc: Doc, keys: list[Key], value: object, cid: str) -> Transcript:
    obj = doc.obj(value, keys)
    segments = [
        doc.obj(raw, [*keys, "segments", n])
        for n, raw in enumerate(doc.items(obj, keys, "segments"))
    ]
    pieces: list[Piece] = []
    for n, segment in enumerate(segments):
        pieces += _pieces(doc, [*keys, "segments", n], segment)
    turns, warnings = to_turns(pieces)
    language = obj.get("language")
    return Transcript(
        id=cid,
        turns=turns,
        path=doc.path,
        format=NAME,
        channel="call",
        meta={"language": language} if isinstance(language, str) else {},
        warnings=warnings,
    )


def _pieces(doc: Doc, at: list[Key], segment: dict[str, Any]) -> list[Piece]:
    """A segment as one piece, or several where its words change speaker."""
    text = doc.string(segment, at, "text", required=True) or ""
    start, end = doc.number(segment, at, "start"), doc.number(segment, at, "end")
    words = [w for w in segment.get("words") or [] if isinstance(w, dict)]
    speakers = [str(w["speaker"]) for w in words if w.get("speaker")]
    if len(set(speakers)) > 1:
        return _runs(words)
    speaker = doc.string(segment, at, "speaker")
    if speaker is None and speakers:
        speaker = Counter(speakers).most_common(1)[0][0]
    text = " ".join(text.split())
    return [Piece(speaker, text, _round(start), _round(end))] if text else []


def _runs(words: list[dict[str, Any]]) -> list[Piece]:
    """Runs of words of one speaker; a word without a speaker stays with the run it is in."""
    runs: list[list[dict[str, Any]]] = []
    names: list[str | None] = []
    for word in words:
        speaker = str(word["speaker"]) if word.get("speaker") else None
        if not runs or (speaker is not None and speaker != names[-1] and names[-1] is not None):
            runs.append([])
            names.append(speaker)
        runs[-1].append(word)
        names[-1] = names[-1] or speaker
    return [_run_piece(name, run) for name, run in zip(names, runs, strict=True)]


def _run_piece(name: str | None, run: list[dict[str, Any]]) -> Piece:
    text = " ".join(str(w.get("word", w.get("text", ""))).strip() for w in run)
    starts = [w["start"] for w in run if isinstance(w.get("start"), (int, float))]
    ends = [w["end"] for w in run if isinstance(w.get("end"), (int, float))]
    return Piece(
        name,
        " ".join(text.split()),
        _round(starts[0] if starts else None),
        _round(ends[-1] if ends else None),
    )


def _round(value: float | None) -> float | None:
    return None if value is None else round(float(value), 3)
