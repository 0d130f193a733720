"""Amazon Transcribe Call Analytics output (post-call): turns by AGENT and CUSTOMER.

Each item of `Transcript` is a turn: `ParticipantRole`, `Content`, `BeginOffsetMillis` and
`EndOffsetMillis`. Turns overlap (both sides talk at once), so they are ordered by start time,
not assumed to alternate. The id is `JobName`. The analytics go to `meta` as summaries:
`language`, `duration` (s), `categories` (matched), `sentiment` (overall, by role),
`issues`/`outcomes`/`action_items` (the text spans detected) and `redaction` (e.g. `["PII"]`;
redacted words read `[PII]`). Contact Lens files share this shape; `contact_lens` reuses
`analytics_meta`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from svcaudit.formats.checked import must, objects, seconds, text
from svcaudit.formats.common import stem_id
from svcaudit.formats.jsondoc import Doc, Key
from svcaudit.formats.roles import parse_label
from svcaudit.model import Role, Transcript, Turn

NAME = "callanalytics"
SUFFIXES = (".json",)

ROLES = {"AGENT": Role.AGENT, "CUSTOMER": Role.CUSTOMER}
_TRANSCRIPT = re.compile(r'"Transcript"\s*:\s*\[')
_MARKS = re.compile(r'"(?:ParticipantRole|JobStatus|JobName|ConversationCharacteristics)"\s*:')
_CONNECT = re.compile(r'"ParticipantId"\s*:')  # Contact Lens, read by `contact_lens`
# per-turn detections: key in the turn -> key in meta
_DETECTED = {
    "IssuesDetected": "issues",
    "OutcomesDetected": "outcomes",
    "ActionItemsDetected": "action_items",
}


def sniff(head: str) -> bool:
    """A `Transcript` list and a Call Analytics key, and no Contact Lens `ParticipantId`."""
    found = _TRANSCRIPT.search(head) is not None and _MARKS.search(head) is not None
    return found and _CONNECT.search(head) is None


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    root = doc.obj(doc.data, [])
    raw = objects(doc, root, [], "Transcript")
    turns = [_turn(doc, item, ["Transcript", i]) for i, item in enumerate(raw)]
    return [
        Transcript(
            id=doc.string(root, [], "JobName") or stem_id(path),
            turns=in_time_order(turns),
            path=path,
            format=NAME,
            channel="chat" if root.get("Channel") == "CHAT" else "call",
            meta=analytics_meta(root, raw),
        )
    ]


def _turn(doc: Doc, item: dict[str, Any], keys: list[Key]) -> Turn:
    label = text(doc, item, keys, "ParticipantRole")
    role, name = (ROLES[label], None) if label in ROLES else parse_label(label)
    begin = seconds(doc, item, keys, "BeginOffsetMillis", unit=0.001)
    return Turn(
        index=0,
        role=role,
        text=text(doc, item, keys, "Content"),
        name=name,
        start=must(doc, begin, keys, "BeginOffsetMillis"),
        end=seconds(doc, item, keys, "EndOffsetMillis", unit=0.001),
    )


def in_time_order(turns: Sequence[Turn]) -> tuple[Turn, ...]:
    """Turns sorted by start (overlapping speech keeps file order on ties), indexed again."""
    ordered = sorted(turns, key=lambda turn: turn.start if turn.start is not None else 0.0)
    return tuple(
        Turn(index, t.role, t.text, t.name, t.start, t.end, t.line)
        for index, t in enumerate(ordered)
    )


def analytics_meta(root: dict[str, Any], turns: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The analytics of a Call Analytics or Contact Lens file, summed up (absent parts left out)."""
    found: dict[str, Any] = {"language": root.get("LanguageCode")}
    traits = _dict(root.get("ConversationCharacteristics"))
    millis = traits.get("TotalConversationDurationMillis")
    if isinstance(millis, (int, float)) and not isinstance(millis, bool):
        found["duration"] = round(millis / 1000, 3)
    found["categories"] = _dict(root.get("Categories")).get("MatchedCategories") or None
    found["sentiment"] = _dict(_dict(traits.get("Sentiment")).get("OverallSentiment")) or None
    summary = _dict(_dict(traits.get("ContactSummary")).get("PostContactSummary"))
    found["summary"] = summary.get("Content")
    for key, name in _DETECTED.items():
        found[name] = [span for turn in turns for span in _spans(turn, key)] or None
    content = _dict(root.get("ContentMetadata"))
    if content.get("Output") == "Redacted":
        found["redaction"] = content.get("RedactionTypes") or True
    return {key: value for key, value in found.items() if value is not None}


def _spans(turn: dict[str, Any], key: str) -> list[str]:
    """The text of each detection in a turn: `Text`, or `Content` cut at its offsets."""
    content = turn.get("Content")
    spans: list[str] = []
    hits = turn.get(key)
    for hit in map(_dict, hits if isinstance(hits, list) else []):
        offsets = _dict(hit.get("CharacterOffsets"))
        begin = offsets.get("Begin", offsets.get("BeginOffsetChar"))
        end = offsets.get("End", offsets.get("EndOffsetChar"))
        if isinstance(hit.get("Text"), str):
            spans.append(hit["Text"])
        elif isinstance(content, str) and isinstance(begin, int) and isinstance(end, int):
            spans.append(content[begin:end])
    return spans


def _dict(value: object) -> dict[str, Any]:
    """Optional analytics: anything but an object reads as empty, never as an error."""
    return value if isinstance(value, dict) else {}
