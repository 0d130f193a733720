"""Twilio Conversations messages (JSON): a Messages list page, a list of pages or of messages.

A page is `{"messages": [...], "meta": {...}}`; a message has `conversation_sid`, `author`,
`body` (null when only `media` was sent), `index` and `date_created` (ISO-8601). Messages are
grouped by conversation and ordered by `index`. Twilio does not say who is the agent: an
author that is a phone number or a channel address (`+15551234567`, `whatsapp:+44...`) is the
customer; a role word (`agent`, `system`) is that role; any other identity is left to `--agent`
or the heuristic. Times are seconds from the first message (`meta["start_time"]`).
"""

from __future__ import annotations

import re
from typing import Any

from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, iso_utc, relative, starts_json
from svcaudit.formats.roles import parse_label
from svcaudit.model import Role, Transcript, Turn

NAME = "twilio"
SUFFIXES = (".json",)

_ADDRESS = re.compile(r"(?:whatsapp|messenger|sms|rcs|mms|fb|tel):.*|\+?\d[\d\s().-]{5,}", re.I)

Message = tuple[list[Key], dict[str, Any]]


def sniff(head: str) -> bool:
    if not starts_json(head) or '"conversation_sid"' not in head:
        return False
    return '"messages"' in head or '"participant_sid"' in head


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    groups: dict[str | None, list[Message]] = {}
    more = []
    for keys, page in _pages(doc):
        for n, raw in enumerate(doc.items(page, keys, "messages")):
            at = [*keys, "messages", n]
            message = doc.obj(raw, at)
            groups.setdefault(doc.string(message, at, "conversation_sid"), []).append((at, message))
        meta = page.get("meta")
        if isinstance(meta, dict) and meta.get("next_page_url"):
            more.append(str(meta["next_page_url"]))
    note = tuple(f"more messages on the next page: {url}" for url in more)
    return [
        _conversation(doc, sid or nth_id(path, n, len(groups)), messages, note)
        for n, (sid, messages) in enumerate(groups.items(), start=1)
    ]


def _pages(doc: Doc) -> list[tuple[list[Key], dict[str, Any]]]:
    """The pages of the file: a page, a list of pages, or a bare list of messages."""
    data = doc.data
    if isinstance(data, list) and not any(isinstance(x, dict) and "messages" in x for x in data):
        return [([], {"messages": data})]
    if isinstance(data, list):
        return [([n], doc.obj(page, [n])) for n, page in enumerate(data)]
    return [([], doc.obj(data, []))]


def _conversation(
    doc: Doc, cid: str, messages: list[Message], warnings: tuple[str, ...]
) -> Transcript:
    messages = sorted(messages, key=lambda m: _index(doc, *m))
    stamps = [doc.stamp(message, at, "date_created") for at, message in messages]
    starts, base = relative(stamps)
    turns = [
        _turn(doc, at, message, start)
        for (at, message), start in zip(messages, starts, strict=True)
    ]
    kept = tuple(
        Turn(index=i, role=t.role, text=t.text, name=t.name, start=t.start)
        for i, t in enumerate(t for t in turns if t is not None)
    )
    return Transcript(
        id=cid,
        turns=kept,
        path=doc.path,
        format=NAME,
        channel="chat",
        meta={"start_time": iso_utc(base)} if base is not None else {},
        warnings=warnings,
    )


def _index(doc: Doc, at: list[Key], message: dict[str, Any]) -> float:
    index = doc.number(message, at, "index")
    return float("inf") if index is None else index


def _turn(doc: Doc, at: list[Key], message: dict[str, Any], start: float | None) -> Turn | None:
    author = doc.string(message, at, "author", required=True) or ""
    text = " ".join((doc.string(message, at, "body") or "").split()) or _media(message)
    if not text:
        return None
    role, name = parse_label(author)
    if _ADDRESS.fullmatch(author.strip()):
        role, name = Role.CUSTOMER, author.strip()
    return Turn(index=0, role=role, text=text, name=name, start=start)


def _media(message: dict[str, Any]) -> str:
    """`[attachment: car.jpg]` for a message that sent only media."""
    media = message.get("media")
    if not isinstance(media, list) or not media:
        return ""
    names = [
        str(m.get("filename") or m.get("content_type") or "file")
        for m in media
        if isinstance(m, dict)
    ]
    return f"[attachment: {', '.join(names)}]" if names else ""
