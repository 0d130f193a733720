"""Zendesk Chat (Zopim) chats, for the `zendesk` reader: a chat, `{"chats": [...]}` or a list.

A chat has `id`, `agent_names`, `visitor` and `history[]`. A `chat.msg` is a turn: its `nick`
says who wrote it (`visitor:...` the customer, `agent:trigger` a bot, `agent:...` an agent);
without a nick, a name in `agent_names` is an agent's and the visitor's name the customer's.
`chat.memberjoin` and `chat.memberleave` are system turns, `chat.file` an attachment; other
events (tags, ratings, comments) are skipped. Timestamps are ISO-8601 or epoch milliseconds.
"""

from __future__ import annotations

import re
from typing import Any

from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, entries, iso_utc, relative
from svcaudit.model import Role, Transcript, Turn

_CHAT_TYPE = re.compile(r'"type"\s*:\s*"chat(?:\.[\w.]+)?"')
_CHAT_KEYS = ('"history"', '"visitor"', '"agent_names"')
_EVENTS = {"chat.memberjoin": "joined the chat", "chat.memberleave": "left the chat"}
_GENERIC_VISITOR = re.compile(r"visitor\s*\d*", re.I)
_EPOCH_MS = 1e11


def sniff(head: str) -> bool:
    return bool(_CHAT_TYPE.search(head)) and any(key in head for key in _CHAT_KEYS)


def is_chat(data: object) -> bool:
    """A chat, a list of chats or a `chats` page (not Support comments)."""
    if isinstance(data, dict) and isinstance(data.get("chats"), list):
        return True
    first = data[0] if isinstance(data, list) and data else data
    return isinstance(first, dict) and "history" in first and "comments" not in first


def read(doc: Doc) -> list[Transcript]:
    items = entries(doc.data, "chats")
    return [
        _chat(doc, keys, value, nth_id(doc.path, n, len(items)))
        for n, (keys, value) in enumerate(items, start=1)
    ]


def _chat(doc: Doc, keys: list[Key], value: object, default_id: str) -> Transcript:
    obj = doc.obj(value, keys)
    agents = [str(name) for name in obj.get("agent_names") or [] if name]
    visitor = obj.get("visitor")
    visitor_name = str(visitor.get("name") or "") or None if isinstance(visitor, dict) else None
    history = doc.items(obj, keys, "history")
    rows = [
        _row(doc, [*keys, "history", n], raw, agents, visitor_name) for n, raw in enumerate(history)
    ]
    kept = [row for row in rows if row is not None]
    starts, base = relative([stamp for _, stamp in kept])
    meta: dict[str, Any] = {"start_time": iso_utc(base)} if base is not None else {}
    if visitor_name and not _GENERIC_VISITOR.fullmatch(visitor_name):
        meta["customer_name"] = visitor_name
    for key in ("zendesk_ticket_id", "agent_ids"):
        if obj.get(key):
            meta[key] = obj[key]
    return Transcript(
        id=doc.string(obj, keys, "id") or default_id,
        turns=tuple(
            Turn(index=i, role=turn.role, text=turn.text, name=turn.name, start=start)
            for i, ((turn, _), start) in enumerate(zip(kept, starts, strict=True))
        ),
        path=doc.path,
        format="zendesk",
        channel="chat",
        agent=agents[0] if agents else None,
        meta=meta,
    )


def _row(
    doc: Doc, at: list[Key], value: object, agents: list[str], visitor: str | None
) -> tuple[Turn, float | None] | None:
    """A turn and its epoch time, or None for an event that is not one."""
    obj = doc.obj(value, at)
    kind = doc.string(obj, at, "type", required=True) or ""
    name = doc.string(obj, at, "display_name") or doc.string(obj, at, "name")
    if kind == "chat.msg":
        text = doc.string(obj, at, "msg", required=True) or ""
    elif kind == "chat.file":
        text = f"[attachment: {doc.string(obj, at, 'filename') or 'file'}]"
    elif kind in _EVENTS:
        text = f"{name or 'someone'} {_EVENTS[kind]}"
    else:
        return None
    text = " ".join(text.split())
    if not text:
        return None
    if kind in _EVENTS:
        role = Role.SYSTEM
    else:
        role = _role(doc.string(obj, at, "nick") or "", name, agents, visitor)
    turn = Turn(index=0, role=role, text=text, name=None if role is Role.SYSTEM else name)
    return turn, _stamp(doc, at, obj)


def _role(nick: str, name: str | None, agents: list[str], visitor: str | None) -> Role:
    if nick.startswith("visitor"):
        return Role.CUSTOMER
    if nick == "agent:trigger":
        return Role.BOT
    if nick.startswith("agent"):
        return Role.AGENT
    if name and name in agents:
        return Role.AGENT
    return Role.CUSTOMER if name and name == visitor else Role.UNKNOWN


def _stamp(doc: Doc, at: list[Key], obj: dict[str, Any]) -> float | None:
    stamp = doc.stamp(obj, at, "timestamp")
    return stamp / 1000 if stamp is not None and stamp > _EPOCH_MS else stamp
