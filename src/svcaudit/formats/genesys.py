"""Genesys Cloud speech and text analytics transcripts (JSON): one conversation or a list.

Built from the documented schema (no public sample exists): `conversationId`,
`communicationId`, `mediaType`, `conversationStartTime` (epoch ms), `participants[]`
(`participantPurpose`, `userId`, `startTimeMs`, `endTimeMs`) and `transcripts[].phrases[]`
(`text` or `decoratedText`, `startTimeMs` or `offset.milliseconds`, `duration.milliseconds`,
`participantPurpose`). An `external` phrase is the customer's; an `internal` one belongs to the
agent, an IVR, a flow or a queue: the participant whose time window holds the phrase says which
(the agent when none does). Phrases of all transcripts are merged in time order; times are
seconds from the conversation's start, which `meta["start_time"]` keeps.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, entries, iso_utc, starts_json
from svcaudit.model import Role, Transcript, Turn

NAME = "genesys"
SUFFIXES = (".json",)

_PURPOSES = {
    "agent": Role.AGENT,
    "user": Role.AGENT,
    "internal": Role.AGENT,
    "customer": Role.CUSTOMER,
    "external": Role.CUSTOMER,
    "ivr": Role.BOT,
    "workflow": Role.BOT,
    "bot": Role.BOT,
    "acd": Role.SYSTEM,
    "voicemail": Role.SYSTEM,
    "dialer": Role.SYSTEM,
    "station": Role.SYSTEM,
}
_CUSTOMER_SIDE = frozenset({"customer", "external"})
_EPOCH_MS = 1e11  # larger millisecond values are dates, smaller ones offsets into the call
_MEDIA = {"call": "call", "callback": "call", "voice": "call", "chat": "chat", "message": "chat"}


@dataclass(frozen=True, slots=True)
class _Party:
    """A participant other than the customer: who speaks the internal phrases in its window."""

    role: Role
    start: float
    end: float
    user_id: str | None


@dataclass(frozen=True, slots=True)
class _Phrase:
    role: Role
    text: str
    start: float | None  # ms: epoch or offset
    length: float | None  # ms


def sniff(head: str) -> bool:
    if not starts_json(head):
        return False
    if '"communicationId"' in head and ('"transcripts"' in head or '"phrases"' in head):
        return True
    return '"phrases"' in head and '"participantPurpose"' in head


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    items = entries(doc.data)
    return [
        _conversation(doc, keys, item, nth_id(path, n, len(items)))
        for n, (keys, item) in enumerate(items, start=1)
    ]


def _conversation(doc: Doc, keys: list[Key], value: object, default_id: str) -> Transcript:
    obj = doc.obj(value, keys)
    parties = [_party(doc, [*keys, "participants", n], p) for n, p in enumerate(_list(obj))]
    phrases = [
        _phrase(doc, [*keys, "transcripts", t, "phrases", n], raw, parties)
        for t, transcript in enumerate(doc.items(obj, keys, "transcripts"))
        for n, raw in enumerate(doc.items(doc.obj(transcript, [*keys, "transcripts", t]),
                                          [*keys, "transcripts", t], "phrases"))
    ]  # fmt: skip
    phrases.sort(key=lambda p: float("inf") if p.start is None else p.start)
    base = doc.number(obj, keys, "conversationStartTime")
    starts = [p.start for p in phrases if p.start is not None]
    if base is None and starts and min(starts) > _EPOCH_MS:
        base = min(starts)
    media = (doc.string(obj, keys, "mediaType") or "").casefold()
    return Transcript(
        id=doc.string(obj, keys, "conversationId")
        or doc.string(obj, keys, "communicationId")
        or default_id,
        turns=tuple(_turn(i, p, base or 0.0) for i, p in enumerate(phrases)),
        path=doc.path,
        format=NAME,
        channel=_MEDIA.get(media),
        meta=_meta(doc, obj, keys, parties, base),
    )


def _list(obj: dict[str, Any]) -> list[Any]:
    value = obj.get("participants")
    return value if isinstance(value, list) else []


def _party(doc: Doc, keys: list[Key], value: object) -> _Party | None:
    obj = doc.obj(value, keys)
    purpose = (doc.string(obj, keys, "participantPurpose") or "").casefold()
    if purpose in _CUSTOMER_SIDE:
        return None
    start = doc.number(obj, keys, "startTimeMs")
    end = doc.number(obj, keys, "endTimeMs")
    return _Party(
        role=_PURPOSES.get(purpose, Role.AGENT),
        start=start if start is not None else float("-inf"),
        end=end if end is not None else float("inf"),
        user_id=doc.string(obj, keys, "userId"),
    )


def _phrase(doc: Doc, keys: list[Key], value: object, parties: list[_Party | None]) -> _Phrase:
    obj = doc.obj(value, keys)
    text = doc.string(obj, keys, "decoratedText") or doc.string(obj, keys, "text")
    if text is None:
        raise doc.error(keys, "missing 'text'")
    purpose = doc.string(obj, keys, "participantPurpose", required=True) or ""
    start = doc.number(obj, keys, "startTimeMs")
    if start is None and isinstance(obj.get("offset"), dict):
        start = doc.number(obj["offset"], [*keys, "offset"], "milliseconds")
    length = None
    if obj.get("duration") is not None:
        duration = doc.obj(obj["duration"], [*keys, "duration"])
        length = doc.number(duration, [*keys, "duration"], "milliseconds")
    role = _PURPOSES.get(purpose.casefold(), Role.UNKNOWN)
    if purpose.casefold() == "internal":
        role = _speaker(start, [p for p in parties if p is not None])
    return _Phrase(role, " ".join(text.split()), start, length)


def _speaker(start: float | None, parties: list[_Party]) -> Role:
    """The role of the party that joined last before an internal phrase (the agent if none)."""
    if start is None:
        return Role.AGENT
    holding = [p for p in parties if p.start <= start <= p.end]
    return max(holding, key=lambda p: p.start).role if holding else Role.AGENT


def _turn(index: int, phrase: _Phrase, base: float) -> Turn:
    start = None if phrase.start is None else round((phrase.start - base) / 1000, 3)
    end = None
    if start is not None and phrase.length is not None:
        end = round(start + phrase.length / 1000, 3)
    return Turn(index=index, role=phrase.role, text=phrase.text, start=start, end=end)


def _meta(
    doc: Doc, obj: dict[str, Any], keys: list[Key], parties: list[_Party | None], base: float | None
) -> dict[str, Any]:
    meta: dict[str, Any] = {}
    if base is not None and base > _EPOCH_MS:
        meta["start_time"] = iso_utc(base / 1000)
    for key, name in (("communicationId", "communication_id"), ("mediaType", "media_type")):
        value = doc.string(obj, keys, key)
        if value:
            meta[name] = value
    agents = [p.user_id for p in parties if p and p.role is Role.AGENT and p.user_id]
    if agents:
        meta["agent_ids"] = list(dict.fromkeys(agents))
    return meta
