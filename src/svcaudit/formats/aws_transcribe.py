"""Amazon Transcribe batch output: word items joined into turns.

`results.items` holds one item a word (`pronunciation`, with times as strings in seconds) or a
punctuation mark (no times), each with its best guess in `alternatives[0].content`. A turn is a
run of words of one speaker, punctuation attached without a space. Who speaks a word:

- speaker identification: `speaker_label` on the item (current schema), or the old schema's
  `results.speaker_labels.segments[].items[]` matched by start time (`spk_0`, `spk_1`, ...);
- channel identification: `channel_label` on the item, or the old schema's
  `results.channel_labels.channels[]`, each with its own items (`ch_0`, `ch_1`), merged by time;
- neither: one anonymous speaker, whose turns are split at pauses longer than two seconds.

A labelled speaker's turn also ends at a silence longer than ten seconds (a hold), so that the
agent's "please hold" and "thanks for holding" are two turns, as a hold needs them to be.

Labels are anonymous: turns keep `Role.UNKNOWN` and the label as their name, for `--agent spk_1`,
`--agent-channel ch_0` or the heuristic of `roles.resolve`. The id is `jobName`.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from svcaudit.formats.checked import child, must, objects, seconds, text
from svcaudit.formats.common import stem_id
from svcaudit.formats.jsondoc import Doc, Key
from svcaudit.model import Role, Transcript, Turn

NAME = "transcribe"
SUFFIXES = (".json",)

PAUSE = 2.0  # seconds of silence that end a turn when no labels say who speaks
HOLD = 10.0  # seconds of silence that end a labelled speaker's turn (a hold, a long wait)
_JOB = re.compile(r'"jobName"\s*:')
_RESULTS = re.compile(r'"results"\s*:\s*\{')
_TRANSCRIPTS = re.compile(r'"transcripts"\s*:\s*\[\s*\{\s*"transcript"\s*:')

Keys = tuple[Key, ...]
Speaker = Callable[[dict[str, Any], float], "str | None"]


@dataclass(slots=True)
class _Word:
    start: float
    end: float
    speaker: str | None
    text: str


def sniff(head: str) -> bool:
    """`jobName` and `results`, or the `results.transcripts[0].transcript` of Transcribe."""
    both = _JOB.search(head) is not None and _RESULTS.search(head) is not None
    return both or _TRANSCRIPTS.search(head) is not None


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    root = doc.obj(doc.data, ())
    results = child(doc, root, (), "results")
    words, meta = _words(doc, results)
    turns = _turns(words, PAUSE if meta["labels"] == "none" else HOLD)
    return [
        Transcript(
            id=doc.string(root, (), "jobName") or stem_id(path),
            turns=tuple(turns),
            path=path,
            format=NAME,
            channel="call",
            meta=meta,
        )
    ]


def _words(doc: Doc, results: dict[str, Any]) -> tuple[list[_Word], dict[str, Any]]:
    """The words in time order, each with its speaker or channel, and what labelled them."""
    at: Keys = ("results",)
    items = objects(doc, results, at, "items")
    labelled = any("channel_label" in item for item in items)
    if "channel_labels" in results and not labelled:
        return _channel_words(doc, results), {"labels": "channel", **_count(results)}
    by_time = _speaker_times(doc, results) if "speaker_labels" in results else {}

    def speaker(item: dict[str, Any], start: float) -> str | None:
        label = item.get("speaker_label", item.get("channel_label"))
        return label if isinstance(label, str) else by_time.get(start)

    words = _stream(doc, items, (*at, "items"), speaker)
    if labelled:
        return words, {"labels": "channel", **_count(results)}
    if by_time or any("speaker_label" in item for item in items):
        return words, {"labels": "speaker", **_count(results)}
    return words, {"labels": "none"}


def _count(results: dict[str, Any]) -> dict[str, int]:
    """How many speakers or channels the job found, as the file says."""
    speakers = results.get("speaker_labels", {})
    channels = results.get("channel_labels", {})
    found = {
        "speakers": speakers.get("speakers") if isinstance(speakers, dict) else None,
        "channels": channels.get("number_of_channels") if isinstance(channels, dict) else None,
    }
    return {key: value for key, value in found.items() if isinstance(value, int)}


def _speaker_times(doc: Doc, results: dict[str, Any]) -> dict[float, str]:
    """Old schema: the speaker of each start time, from `speaker_labels.segments[].items`."""
    at: Keys = ("results", "speaker_labels")
    labels = child(doc, results, at[:1], "speaker_labels")
    by_time: dict[float, str] = {}
    for i, segment in enumerate(objects(doc, labels, at, "segments")):
        where = (*at, "segments", i)
        for j, item in enumerate(objects(doc, segment, where, "items")):
            keys = (*where, "items", j)
            start = must(doc, seconds(doc, item, keys, "start_time"), keys, "start_time")
            by_time[start] = text(doc, item, keys, "speaker_label")
    return by_time


def _channel_words(doc: Doc, results: dict[str, Any]) -> list[_Word]:
    """Old schema: each channel's own items, merged by start time."""
    at: Keys = ("results", "channel_labels")
    labels = child(doc, results, at[:1], "channel_labels")
    words: list[_Word] = []
    for i, channel in enumerate(objects(doc, labels, at, "channels")):
        where = (*at, "channels", i)
        label = text(doc, channel, where, "channel_label")
        items = objects(doc, channel, where, "items")
        words += _stream(doc, items, (*where, "items"), _always(label))
    return sorted(words, key=lambda word: word.start)


def _always(label: str) -> Speaker:
    """Every word of a channel's items is the channel's."""

    def speaker(item: dict[str, Any], start: float) -> str | None:
        return label

    return speaker


def _stream(doc: Doc, items: list[dict[str, Any]], at: Keys, speaker: Speaker) -> list[_Word]:
    """Words of one stream of items; a punctuation mark joins the word before it."""
    words: list[_Word] = []
    for i, item in enumerate(items):
        where = (*at, i)
        content = _content(doc, item, where)
        if item.get("type") == "punctuation":
            if words:
                words[-1].text += content
            continue
        start = must(doc, seconds(doc, item, where, "start_time"), where, "start_time")
        end = must(doc, seconds(doc, item, where, "end_time"), where, "end_time")
        who = speaker(item, start) or (words[-1].speaker if words else None)
        words.append(_Word(start, end, who, content))
    return words


def _content(doc: Doc, item: dict[str, Any], at: Keys) -> str:
    """The best alternative's text."""
    alternatives = objects(doc, item, at, "alternatives")
    if not alternatives:
        raise doc.error((*at, "alternatives"), "empty list: no word")
    return text(doc, alternatives[0], (*at, "alternatives", 0), "content")


def _turns(words: list[_Word], pause: float) -> list[Turn]:
    """Runs of words of one speaker without a silence longer than `pause` seconds."""
    groups: list[list[_Word]] = []
    for word in words:
        last = groups[-1][-1] if groups else None
        if last is None or word.speaker != last.speaker or word.start - last.end > pause:
            groups.append([])
        groups[-1].append(word)
    return [
        Turn(
            index=index,
            role=Role.UNKNOWN,
            text=" ".join(word.text for word in group),
            name=group[0].speaker,
            start=round(group[0].start, 3),
            end=round(max(word.end for word in group), 3),
        )
        for index, group in enumerate(groups)
    ]
