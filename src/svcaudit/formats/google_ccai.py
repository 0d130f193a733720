"""Google Contact Center AI Insights conversations: the API resource and the chat ingestion file.

- The `Conversation` resource (get, list, export): `transcript.transcriptSegments[]`, each a
  turn with `text` and `segmentParticipant.role` (HUMAN_AGENT and ANY_AGENT -> agent, END_USER
  -> customer, AUTOMATED_AGENT -> bot). Without a role, `channelTag` is compared with
  `callMetadata.agentChannel`/`customerChannel`; else the turn keeps `ch_N` as its name. Times
  are the first and last word's offsets (`"3.100s"`), or `messageTime` from the conversation's
  `startTime`. The id is the last part of `name`; `agentId` is the agent. A list of them, or a
  `{"conversations": [...]}` page, gives several transcripts.
- The chat ingestion format: `entries[]` with `text`, `role` (AGENT/CUSTOMER, or the API's
  names), `user_id` and `start_timestamp_usec` (epoch microseconds, made relative to the first
  entry). The id is the file name.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from svcaudit.formats.checked import child, objects, seconds, text
from svcaudit.formats.common import nth_id, stem_id
from svcaudit.formats.jsondoc import Doc, Key, relative, show
from svcaudit.formats.roles import parse_label
from svcaudit.model import Role, Transcript, Turn

NAME = "ccai"
SUFFIXES = (".json",)

ROLES = {
    "HUMAN_AGENT": Role.AGENT,
    "AGENT": Role.AGENT,
    "ANY_AGENT": Role.AGENT,
    "END_USER": Role.CUSTOMER,
    "CUSTOMER": Role.CUSTOMER,
    "AUTOMATED_AGENT": Role.BOT,
}
_MEDIUM = {"PHONE_CALL": "call", "CHAT": "chat"}
_SEGMENTS = re.compile(r'"transcriptSegments"\s*:')
_RESOURCE = re.compile(r'"name"\s*:\s*"projects/[^"]*/conversations/')
_ENTRIES = re.compile(r'"entries"\s*:\s*\[')
_ENTRY_KEYS = re.compile(r'"(?:role|user_id|userId|start_timestamp_usec|startTimestampUsec)"\s*:')
_DURATION = re.compile(r"(-?\d+(?:\.\d+)?)s")


def sniff(head: str) -> bool:
    """`transcriptSegments`, an Insights conversation `name`, or `entries` with a role or user."""
    if _SEGMENTS.search(head) or _RESOURCE.search(head):
        return True
    return _ENTRIES.search(head) is not None and _ENTRY_KEYS.search(head) is not None


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    data = doc.data
    if isinstance(data, dict) and "entries" in data:
        return [_entries(doc, data, path)]
    keys: list[Key] = []
    if isinstance(data, dict) and isinstance(data.get("conversations"), list):
        data, keys = data["conversations"], ["conversations"]
    many = data if isinstance(data, list) else [data]
    at = [[*keys, i] for i in range(len(many))] if isinstance(data, list) else [keys]
    return [
        _conversation(doc, doc.obj(conv, where), where, nth_id(path, n, len(many)))
        for n, (conv, where) in enumerate(zip(many, at, strict=True), start=1)
    ]


def _entries(doc: Doc, root: dict[str, Any], path: str) -> Transcript:
    """The ingestion format: one chat, `entries[]` in order."""
    entries = objects(doc, root, [], "entries")
    usec = [_usec(doc, entry, ["entries", i]) for i, entry in enumerate(entries)]
    starts, _ = relative(usec)
    turns = []
    for i, (entry, start) in enumerate(zip(entries, starts, strict=True)):
        keys: list[Key] = ["entries", i]
        user = entry.get("user_id", entry.get("userId"))
        role, name = _role(entry.get("role"), f"user_{user}" if user is not None else None)
        turns.append(Turn(i, role, text(doc, entry, keys, "text"), name, start))
    info = root.get("conversation_info")
    meta = {"conversation_info": info} if isinstance(info, dict) else {}
    return Transcript(stem_id(path), tuple(turns), path, NAME, "chat", meta=meta)


def _usec(doc: Doc, entry: dict[str, Any], keys: list[Key]) -> float | None:
    key = "start_timestamp_usec" if "start_timestamp_usec" in entry else "startTimestampUsec"
    return seconds(doc, entry, keys, key, unit=1e-6)


def _role(label: object, name: str | None) -> tuple[Role, str | None]:
    """A role enum to a role; anything else is a label for `roles.resolve`, named `name`."""
    if isinstance(label, str) and label in ROLES:
        return ROLES[label], None
    if isinstance(label, str) and label and label != "ROLE_UNSPECIFIED":
        return parse_label(label)
    return Role.UNKNOWN, name


def _conversation(doc: Doc, conv: dict[str, Any], keys: list[Key], default: str) -> Transcript:
    at = [*keys, "transcript"]
    segments = objects(doc, child(doc, conv, keys, "transcript"), at, "transcriptSegments")
    where = [[*at, "transcriptSegments", i] for i in range(len(segments))]
    sent = _message_times(doc, conv, keys, segments, where)
    channels = _channels(conv)
    turns = tuple(
        _segment(doc, segment, place, channels, Turn(i, Role.UNKNOWN, "", start=start))
        for i, (segment, place, start) in enumerate(zip(segments, where, sent, strict=True))
    )
    name = doc.string(conv, keys, "name")
    return Transcript(
        id=name.rpartition("/")[2] if name else default,
        turns=turns,
        path=doc.path,
        format=NAME,
        channel=_MEDIUM.get(str(conv.get("medium"))),
        agent=doc.string(conv, keys, "agentId"),
        meta=_meta(doc, conv, keys),
    )


def _message_times(
    doc: Doc,
    conv: dict[str, Any],
    keys: list[Key],
    segments: list[dict[str, Any]],
    where: list[list[Key]],
) -> list[float | None]:
    """Each segment's `messageTime` in seconds from `startTime` (else from the first one)."""
    stamps = [doc.stamp(s, k, "messageTime") for s, k in zip(segments, where, strict=True)]
    start = doc.stamp(conv, keys, "startTime")
    if start is None:
        return relative(stamps)[0]
    return [None if stamp is None else round(stamp - start, 3) for stamp in stamps]


def _channels(conv: dict[str, Any]) -> dict[int, Role]:
    """The role of each audio channel, as `callMetadata` says."""
    call = conv.get("callMetadata")
    call = call if isinstance(call, dict) else {}
    pairs = (("agentChannel", Role.AGENT), ("customerChannel", Role.CUSTOMER))
    return {call[key]: role for key, role in pairs if isinstance(call.get(key), int)}


def _segment(
    doc: Doc, segment: dict[str, Any], keys: list[Key], channels: dict[int, Role], draft: Turn
) -> Turn:
    """A segment as a turn; `draft` holds its index and its message time."""
    participant = segment.get("segmentParticipant")
    label = participant.get("role") if isinstance(participant, dict) else None
    tag = segment.get("channelTag")
    role, name = _role(label, f"ch_{tag}" if isinstance(tag, int) else None)
    if role is Role.UNKNOWN and isinstance(tag, int) and tag in channels:
        role, name = channels[tag], None
    start, end = _word_times(doc, segment, keys)
    return replace(
        draft,
        role=role,
        text=text(doc, segment, keys, "text"),
        name=name,
        start=draft.start if start is None else start,
        end=end,
    )


def _word_times(
    doc: Doc, segment: dict[str, Any], keys: list[Key]
) -> tuple[float | None, float | None]:
    """The first word's start and the last word's end, if the segment has words."""
    words = segment.get("words")
    if not isinstance(words, list) or not words:
        return None, None
    first, last = [*keys, "words", 0], [*keys, "words", len(words) - 1]
    return (
        _offset(doc, doc.obj(words[0], first), first, "startOffset"),
        _offset(doc, doc.obj(words[-1], last), last, "endOffset"),
    )


def _offset(doc: Doc, obj: dict[str, Any], keys: list[Key], key: str) -> float | None:
    """A protobuf Duration (`"3.100s"`) in seconds."""
    value = obj.get(key)
    if value is None:
        return None
    match = _DURATION.fullmatch(value) if isinstance(value, str) else None
    if match is None:
        raise doc.error([*keys, key], f"expected a duration such as '3.100s', got {show(value)}")
    return round(float(match[1]), 3)


def _meta(doc: Doc, conv: dict[str, Any], keys: list[Key]) -> dict[str, Any]:
    """Medium, language, labels, duration and the issues the topic model found."""
    found: dict[str, Any] = {
        "medium": conv.get("medium"),
        "language": conv.get("languageCode"),
        "labels": conv.get("labels") or None,
        "duration": _offset(doc, conv, keys, "duration") if "duration" in conv else None,
    }
    analysis = conv.get("latestAnalysis")
    for key in ("analysisResult", "callAnalysisMetadata", "issueModelResult", "issues"):
        analysis = analysis.get(key) if isinstance(analysis, dict) else None
    if isinstance(analysis, list):
        names = [i.get("displayName") for i in analysis if isinstance(i, dict)]
        found["issues"] = [name for name in names if isinstance(name, str)] or None
    return {key: value for key, value in found.items() if value is not None}
