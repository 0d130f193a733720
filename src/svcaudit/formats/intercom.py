"""Intercom conversations (JSON, REST API): one conversation, a list, or a `conversation.list`.

The first message is `source`; replies are `conversation_parts.conversation_parts[]`. The author
type gives the role: `admin` (a teammate) is the agent, `user`, `lead` and `contact` the customer,
`bot` (Fin, workflows) a bot. Internal notes (`note`, `note_and_reopen`) and parts without a body
(assignments, state changes, attribute updates) are skipped; a part of another type that carries a
body (a reply sent on closing, a user reopening) is a turn. HTML bodies become text, one line a
paragraph. `created_at` is epoch seconds: times are seconds from the first message, which
`meta["start_time"]` keeps.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, entries, iso_utc, relative, starts_json
from svcaudit.formats.markup import html_to_text
from svcaudit.model import Role, Transcript, Turn

NAME = "intercom"
SUFFIXES = (".json",)

_ROLES = {
    "admin": Role.AGENT,
    "team": Role.AGENT,
    "user": Role.CUSTOMER,
    "lead": Role.CUSTOMER,
    "contact": Role.CUSTOMER,
    "bot": Role.BOT,
}
_NOTES = frozenset({"note", "note_and_reopen"})
_TYPE = re.compile(r'"type"\s*:\s*"conversation(?:\.list)?"')


@dataclass(frozen=True, slots=True)
class _Part:
    role: Role
    name: str | None
    author_id: str | None
    text: str
    stamp: float | None


def sniff(head: str) -> bool:
    return starts_json(head) and ('"conversation_parts"' in head or bool(_TYPE.search(head)))


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    if isinstance(doc.data, dict) and doc.data.get("type") == "conversation.list":
        doc.items(doc.data, [], "conversations")  # a list page must hold a list
    items = entries(doc.data, "conversations")
    return [
        _conversation(doc, keys, value, nth_id(path, n, len(items)))
        for n, (keys, value) in enumerate(items, start=1)
    ]


def _conversation(doc: Doc, keys: list[Key], value: object, default_id: str) -> Transcript:
    obj = doc.obj(value, keys)
    created = doc.number(obj, keys, "created_at")
    raw = _raw_parts(doc, obj, keys)
    notes = sum(1 for _, part in raw if str(part.get("part_type")) in _NOTES)
    parts = [p for at, part in raw if (p := _part(doc, at, part, created)) is not None]
    starts, base = relative([p.stamp for p in parts])
    assignee = doc.string(obj, keys, "admin_assignee_id")
    meta: dict[str, Any] = {"start_time": iso_utc(base)} if base is not None else {}
    if assignee:
        meta["admin_assignee_id"] = assignee
    customer = next((p.name for p in parts if p.role is Role.CUSTOMER and p.name), None)
    if customer:
        meta["customer_name"] = customer
    if notes:
        meta["internal_notes_skipped"] = notes
    return Transcript(
        id=doc.string(obj, keys, "id") or default_id,
        turns=tuple(
            Turn(index=i, role=p.role, text=p.text, name=p.name, start=start)
            for i, (p, start) in enumerate(zip(parts, starts, strict=True))
        ),
        path=doc.path,
        format=NAME,
        channel="chat",
        agent=next((p.name for p in parts if assignee and p.author_id == assignee), None),
        meta=meta,
    )


def _raw_parts(doc: Doc, obj: dict[str, Any], keys: list[Key]) -> list[tuple[list[Key], Any]]:
    """The source, then each conversation part, with its JSON path."""
    out: list[tuple[list[Key], Any]] = []
    if obj.get("source") is not None:
        out.append(([*keys, "source"], doc.obj(obj["source"], [*keys, "source"])))
    holder = obj.get("conversation_parts")
    if holder is None:
        return out
    at: list[Key] = [*keys, "conversation_parts"]
    if isinstance(holder, dict):
        items = doc.items(holder, at, "conversation_parts")
        at = [*at, "conversation_parts"]
    elif isinstance(holder, list):
        items = holder
    else:
        raise doc.error(at, "expected an object or a list")
    return [*out, *(([*at, n], doc.obj(part, [*at, n])) for n, part in enumerate(items))]


def _part(doc: Doc, at: list[Key], part: dict[str, Any], created: float | None) -> _Part | None:
    """A turn, or None for a note or a part without a body."""
    if str(part.get("part_type")) in _NOTES:
        return None
    if "author" not in part:
        raise doc.error(at, "missing 'author'")
    author = doc.obj(part["author"], [*at, "author"])
    kind = doc.string(author, [*at, "author"], "type", required=True) or ""
    text = html_to_text(doc.string(part, at, "body") or "") or _attachments(part)
    if not text:
        return None
    stamp = doc.number(part, at, "created_at")
    return _Part(
        role=_ROLES.get(kind, Role.UNKNOWN),
        name=doc.string(author, [*at, "author"], "name") or None,
        author_id=doc.string(author, [*at, "author"], "id"),
        text=text,
        stamp=created if stamp is None and at[-1] == "source" else stamp,
    )


def _attachments(part: dict[str, Any]) -> str:
    files = part.get("attachments")
    if not isinstance(files, list):
        return ""
    names = [str(f.get("name") or "file") for f in files if isinstance(f, dict)]
    return f"[attachment: {', '.join(names)}]" if names else ""
