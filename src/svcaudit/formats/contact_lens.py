"""Amazon Connect Contact Lens output: post-call voice and chat analysis, and chat transcripts.

`Transcript[]` items name their speaker by `ParticipantId`; the role is the item's
`ParticipantRole` or, when absent (voice files), that of the participant in `Participants[]`.
AGENT and SUPERVISOR map to agent, CUSTOMER to customer, SYSTEM (flow messages) to system,
CUSTOM_BOT to bot.

- Voice: `BeginOffsetMillis`/`EndOffsetMillis`; turns overlap and are ordered by start.
- Chat (`Channel: CHAT`, or the plain Connect chat transcript): `AbsoluteTime` (ISO), made
  relative to the first item; `DisplayName` is the speaker's name. Markdown and HTML become text.
  `EVENT` items (joined, left, transfer, chat ended) become system turns; typing indicators and
  read receipts are dropped. Attachments read `[attachment: name]`.
- A real-time record (`EventType: SEGMENTS`): its final `Transcript` segments; partial
  `Utterance` segments are left out.

The id is `CustomerMetadata.ContactId` (or `ContactId`). Analytics go to `meta` as for Call
Analytics. Published documentation examples carry a stray `}` after the object: it is ignored.
"""

from __future__ import annotations

import json
import re
from typing import Any

from svcaudit.formats.aws_call_analytics import analytics_meta, in_time_order
from svcaudit.formats.checked import must, objects, plain, seconds
from svcaudit.formats.common import stem_id
from svcaudit.formats.jsondoc import Doc, Key, relative
from svcaudit.formats.roles import parse_label
from svcaudit.model import Role, Transcript, Turn

NAME = "contactlens"
SUFFIXES = (".json",)

ROLES = {
    "AGENT": Role.AGENT,
    "SUPERVISOR": Role.AGENT,
    "CUSTOMER": Role.CUSTOMER,
    "SYSTEM": Role.SYSTEM,
    "CUSTOM_BOT": Role.BOT,
}
_PARTICIPANT = re.compile(r'"ParticipantId"\s*:')
_LISTS = re.compile(r'"(?:Transcript|Segments|Participants)"\s*:\s*\[')
_STRAY = re.compile(r"[\s}\]]*")
_EVENT = "application/vnd.amazonaws.connect.event."
_EVENTS = {
    "participant.joined": "{name} joined the chat",
    "participant.left": "{name} left the chat",
    "participant.idle": "{name} is idle",
    "participant.returned": "{name} returned",
    "transfer.succeeded": "transfer succeeded",
    "transfer.failed": "transfer failed",
    "chat.ended": "chat ended",
}
_QUIET = ("typing", "message.delivered", "message.read", "connection.acknowledged")


def sniff(head: str) -> bool:
    """`ParticipantId` and a `Transcript`, `Segments` or `Participants` list."""
    return _PARTICIPANT.search(head) is not None and _LISTS.search(head) is not None


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(_without_stray_end(text), path)
    root = doc.obj(doc.data, [])
    items = _items(doc, root)
    people = {p.get("ParticipantId"): p for p in _participants(doc, root)}
    chat = root.get("Channel") == "CHAT" or any("AbsoluteTime" in item for item, _ in items)
    turns = _chat(doc, items, people) if chat else _voice(doc, items, people)
    metadata = root.get("CustomerMetadata")
    contact = metadata.get("ContactId") if isinstance(metadata, dict) else None
    return [
        Transcript(
            id=str(contact or root.get("ContactId") or stem_id(path)),
            turns=turns,
            path=path,
            format=NAME,
            channel="chat" if chat else "call",
            meta=analytics_meta(root, [item for item, _ in items]),
        )
    ]


def _without_stray_end(text: str) -> str:
    """The text up to the end of its root value, if only closing braces follow it."""
    try:
        _, end = json.JSONDecoder().raw_decode(text, len(text) - len(text.lstrip()))
    except json.JSONDecodeError:
        return text  # Doc reports it
    return text[:end] if _STRAY.fullmatch(text, end) else text


def _items(doc: Doc, root: dict[str, Any]) -> list[tuple[dict[str, Any], list[Key]]]:
    """The transcript items and their JSON paths (real-time: the final segments)."""
    found: list[tuple[dict[str, Any], list[Key]]] = []
    if "Segments" in root and "Transcript" not in root:
        for i, segment in enumerate(objects(doc, root, [], "Segments")):
            if "Transcript" in segment:
                keys: list[Key] = ["Segments", i, "Transcript"]
                found.append((doc.obj(segment["Transcript"], keys), keys))
        return found
    for i, item in enumerate(objects(doc, root, [], "Transcript")):
        found.append((item, ["Transcript", i]))
    return found


def _participants(doc: Doc, root: dict[str, Any]) -> list[dict[str, Any]]:
    return objects(doc, root, [], "Participants") if "Participants" in root else []


def _speaker(
    doc: Doc, item: dict[str, Any], keys: list[Key], people: dict[Any, dict[str, Any]]
) -> tuple[Role, str | None]:
    """The role and name of an item's speaker."""
    person = people.get(item.get("ParticipantId"), {})
    label = item.get("ParticipantRole") or person.get("ParticipantRole")
    name = doc.string(item, keys, "DisplayName") or doc.string(person, keys, "DisplayName")
    if isinstance(label, str) and label in ROLES:
        return ROLES[label], name
    fallback = label or doc.string(item, keys, "ParticipantId", required=True) or "?"
    role, label_name = parse_label(str(fallback))
    return role, name or label_name


def _voice(
    doc: Doc, items: list[tuple[dict[str, Any], list[Key]]], people: dict[Any, dict[str, Any]]
) -> tuple[Turn, ...]:
    turns = []
    for item, keys in items:
        role, name = _speaker(doc, item, keys, people)
        begin = seconds(doc, item, keys, "BeginOffsetMillis", unit=0.001)
        content = doc.string(item, keys, "Content", required=True) or ""
        end = seconds(doc, item, keys, "EndOffsetMillis", unit=0.001)
        start = must(doc, begin, keys, "BeginOffsetMillis")
        turns.append(Turn(0, role, plain(content), name, start, end))
    return in_time_order(turns)


def _chat(
    doc: Doc, items: list[tuple[dict[str, Any], list[Key]]], people: dict[Any, dict[str, Any]]
) -> tuple[Turn, ...]:
    """Messages and events in file order, times from the first item's."""
    stamps, _ = relative([doc.stamp(item, keys, "AbsoluteTime") for item, keys in items])
    turns: list[Turn] = []
    for (item, keys), start in zip(items, stamps, strict=True):
        role, name = _speaker(doc, item, keys, people)
        said = _said(doc, item, keys, name)
        if said is None:
            continue
        if item.get("Type") == "EVENT":
            role, name = Role.SYSTEM, None
        turns.append(Turn(len(turns), role, said, name, start))
    return tuple(turns)


def _said(doc: Doc, item: dict[str, Any], keys: list[Key], name: str | None) -> str | None:
    """The text of a chat item, or None for an item that says nothing (typing, receipts)."""
    kind = doc.string(item, keys, "ContentType") or "text/plain"
    if item.get("Type") == "EVENT" or kind.startswith(_EVENT):
        event = kind.removeprefix(_EVENT)
        if event.startswith(_QUIET):
            return None
        return _EVENTS.get(event, event.replace(".", " ")).format(name=name or "a participant")
    if item.get("Type") == "ATTACHMENT":
        files = item.get("Attachments")
        first = files[0] if isinstance(files, list) and files and isinstance(files[0], dict) else {}
        return f"[attachment: {first.get('AttachmentName') or 'file'}]"
    content = doc.string(item, keys, "Content")
    if not content:
        return None
    return _interactive(content) if "interactive" in kind else plain(content, kind) or None


def _interactive(content: str) -> str:
    """An interactive message (list picker, time picker): its title."""
    try:
        data = json.loads(content)
    except json.JSONDecodeError:
        return plain(content)
    for key in ("data", "content", "title"):
        data = data.get(key) if isinstance(data, dict) else None
    title = data
    return title if isinstance(title, str) and title else "[interactive message]"
