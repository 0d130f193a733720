"""Azure AI Speech batch transcription results (and the fast transcription API's `phrases`).

Each of `recognizedPhrases[]` is an utterance: its text is `nBest[0].display`, its time
`offsetInTicks`/`durationInTicks` (100 ns ticks), or ISO-8601 `offset`/`duration` (`PT1.32S`);
phrases that were not recognised (`recognitionStatus` other than `Success`) are left out.
Phrases are listed channel by channel, so they are sorted by time. Who speaks: `speaker` (with
diarization) gives `Speaker N`, else `channel` gives `ch_N` when there are two or more
channels; both are anonymous (`--agent`, `--agent-channel`, or the heuristic). Consecutive
phrases of one speaker make one turn, unless a silence of more than ten seconds (a hold) parts
them; without speakers or channels, each phrase is a turn.

The fast API writes `phrases[]` with `text`, `offsetMilliseconds` and `durationMilliseconds`.
The id is the name of the audio file in `source`, else the file's own name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any
from urllib.parse import urlsplit

from svcaudit.formats.aws_transcribe import HOLD
from svcaudit.formats.checked import must, objects, seconds, text
from svcaudit.formats.common import stem_id
from svcaudit.formats.jsondoc import Doc, Key, show
from svcaudit.model import Role, Transcript, Turn

NAME = "azurespeech"
SUFFIXES = (".json",)

_BATCH = re.compile(r'"(?:recognizedPhrases|combinedRecognizedPhrases)"\s*:')
_FAST = re.compile(r'"combinedPhrases"\s*:')
_ISO = re.compile(r"P(?:(?P<d>\d+)D)?(?:T(?:(?P<h>\d+)H)?(?:(?P<m>\d+)M)?(?:(?P<s>[\d.]+)S)?)?")
# (key, unit in seconds) for a phrase's start and its length, best first
_STARTS = (("offsetInTicks", 1e-7), ("offsetMilliseconds", 0.001), ("offset", 0.0))
_LENGTHS = (("durationInTicks", 1e-7), ("durationMilliseconds", 0.001), ("duration", 0.0))


@dataclass(frozen=True, slots=True)
class _Phrase:
    start: float
    end: float | None
    speaker: int | None
    channel: int | None
    text: str


def sniff(head: str) -> bool:
    """`recognizedPhrases` or `combinedRecognizedPhrases`; or the fast API's `combinedPhrases`."""
    return _BATCH.search(head) is not None or _FAST.search(head) is not None


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    root = doc.obj(doc.data, [])
    fast = "phrases" in root and "recognizedPhrases" not in root
    key = "phrases" if fast else "recognizedPhrases"
    raw = objects(doc, root, [], key)
    phrases = [
        _phrase(doc, phrase, [key, i])
        for i, phrase in enumerate(raw)
        if phrase.get("recognitionStatus", "Success") == "Success"
    ]
    phrases.sort(key=lambda phrase: phrase.start)
    meta: dict[str, Any] = {}
    length = _time(doc, root, [], _LENGTHS)
    if length is not None:
        meta["duration"] = length
    if len(phrases) < len(raw):
        meta["unrecognised"] = len(raw) - len(phrases)
    return [
        Transcript(
            id=_source_id(root.get("source")) or stem_id(path),
            turns=_turns(phrases),
            path=path,
            format=NAME,
            channel="call",
            meta=meta,
        )
    ]


def _phrase(doc: Doc, phrase: dict[str, Any], keys: list[Key]) -> _Phrase:
    if "nBest" in phrase or "text" not in phrase:
        best = objects(doc, phrase, keys, "nBest")
        if not best:
            raise doc.error([*keys, "nBest"], "empty list: no recognition")
        said = text(doc, best[0], [*keys, "nBest", 0], "display")
    else:
        said = text(doc, phrase, keys, "text")
    start = must(doc, _time(doc, phrase, keys, _STARTS), keys, "offsetInTicks")
    length = _time(doc, phrase, keys, _LENGTHS)
    return _Phrase(
        start=start,
        end=None if length is None else round(start + length, 3),
        speaker=_number(doc, phrase, keys, "speaker"),
        channel=_number(doc, phrase, keys, "channel"),
        text=said,
    )


def _time(
    doc: Doc, obj: dict[str, Any], keys: list[Key], choices: tuple[tuple[str, float], ...]
) -> float | None:
    """The first of `choices` present: ticks, milliseconds, or an ISO-8601 duration (unit 0)."""
    for key, unit in choices:
        if key not in obj:
            continue
        if unit:
            return seconds(doc, obj, keys, key, unit=unit)
        value = obj[key]
        match = _ISO.fullmatch(value) if isinstance(value, str) else None
        if match is None or not value.strip("PT"):
            problem = f"expected a duration such as 'PT1.32S', got {show(value)}"
            raise doc.error([*keys, key], problem)
        parts = {k: float(v) for k, v in match.groupdict(default="0").items()}
        return round(parts["d"] * 86400 + parts["h"] * 3600 + parts["m"] * 60 + parts["s"], 3)
    return None


def _number(doc: Doc, obj: dict[str, Any], keys: list[Key], key: str) -> int | None:
    value = obj.get(key)
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    raise doc.error([*keys, key], f"expected an integer, got {show(value)}")


def _turns(phrases: list[_Phrase]) -> tuple[Turn, ...]:
    """Consecutive phrases of one speaker (or channel) joined; unlabelled phrases one a turn."""
    if any(p.speaker is not None for p in phrases):
        names = [None if p.speaker is None else f"Speaker {p.speaker}" for p in phrases]
    elif len({p.channel for p in phrases}) > 1:
        names = [None if p.channel is None else f"ch_{p.channel}" for p in phrases]
    else:
        names = [None] * len(phrases)
    groups: list[list[tuple[_Phrase, str | None]]] = []
    for phrase, name in zip(phrases, names, strict=True):
        last = groups[-1][-1] if groups else None
        if last is None or name is None or last[1] != name or _pause(last[0], phrase) > HOLD:
            groups.append([])
        groups[-1].append((phrase, name))
    return tuple(_turn(i, group) for i, group in enumerate(groups))


def _pause(before: _Phrase, after: _Phrase) -> float:
    return after.start - (before.end if before.end is not None else before.start)


def _turn(index: int, group: list[tuple[_Phrase, str | None]]) -> Turn:
    ends = [phrase.end for phrase, _ in group if phrase.end is not None]
    return Turn(
        index=index,
        role=Role.UNKNOWN,
        text=" ".join(phrase.text for phrase, _ in group),
        name=group[0][1],
        start=group[0][0].start,
        end=max(ends) if ends else None,
    )


def _source_id(source: object) -> str | None:
    """`call-0042` from `https://.../audio/call-0042.wav?sv=...`; None if it names no file."""
    if not isinstance(source, str):
        return None
    stem = PurePosixPath(urlsplit(source).path).stem
    return stem if re.search(r"\w", stem) else None
