"""Zendesk (JSON): Support ticket comments, and Zendesk Chat (Zopim) chats with their `history`.

Support: a comments page (`{"comments": [...], "users": [...]}`), a ticket with its `comments`,
`{"tickets": [...]}` or a list of these. The role of a comment's author comes from the sideloaded
`users` (`end-user` is the customer, `agent`/`admin` the agent), else from the ticket's
`requester_id` (the requester is the customer, anyone else an agent), else the author of the
first comment is taken for the requester, with a warning. Private comments (internal notes) are
skipped. The text is `plain_body`, `body`, or `html_body` turned to text.

Chat: a chat object, `{"chats": [...]}` or a list of chats (see `zendesk_chat`).
Times are seconds from the first message; `meta["start_time"]` keeps when that was.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from svcaudit.formats import zendesk_chat
from svcaudit.formats.common import nth_id
from svcaudit.formats.jsondoc import Doc, Key, entries, iso_utc, relative, starts_json
from svcaudit.formats.markup import html_to_text, tidy
from svcaudit.model import Role, Transcript, Turn

NAME = "zendesk"
SUFFIXES = (".json",)

_USER_ROLES = {"end-user": Role.CUSTOMER, "agent": Role.AGENT, "admin": Role.AGENT}
_TICKET_URL = re.compile(r"/tickets/(\d+)/")
_VIA = {"voice": "call", "chat": "chat", "native_messaging": "chat", "chat_transcript": "chat"}
_COMMENT_KEYS = ('"html_body"', '"plain_body"', '"author_id"')


@dataclass(frozen=True, slots=True)
class _Comment:
    author: str
    text: str
    stamp: float | None
    via: str | None


@dataclass(frozen=True, slots=True)
class _People:
    """Who is who: sideloaded users (id -> name, role) and the ticket's requester."""

    users: dict[str, tuple[str | None, Role]]
    requester: str | None


def sniff(head: str) -> bool:
    if not starts_json(head):
        return False
    if '"comments"' in head and any(key in head for key in _COMMENT_KEYS):
        return True
    return zendesk_chat.sniff(head)


def read(text: str, path: str) -> list[Transcript]:
    doc = Doc(text, path)
    if zendesk_chat.is_chat(doc.data):
        return zendesk_chat.read(doc)
    items = entries(doc.data, "tickets")
    users = _users(doc, doc.data, [])
    return [
        _ticket(doc, keys, value, users, nth_id(path, n, len(items)))
        for n, (keys, value) in enumerate(items, start=1)
    ]


def _users(doc: Doc, data: object, keys: list[Key]) -> dict[str, tuple[str | None, Role]]:
    """Sideloaded users by id: their name and role."""
    if not isinstance(data, dict) or not isinstance(data.get("users"), list):
        return {}
    users: dict[str, tuple[str | None, Role]] = {}
    for n, raw in enumerate(data["users"]):
        at = [*keys, "users", n]
        user = doc.obj(raw, at)
        uid = doc.string(user, at, "id", required=True) or ""
        role = _USER_ROLES.get(doc.string(user, at, "role") or "", Role.UNKNOWN)
        users[uid] = (doc.string(user, at, "name"), role)
    return users


def _ticket(
    doc: Doc, keys: list[Key], value: object, users: dict[str, tuple[str | None, Role]], cid: str
) -> Transcript:
    obj = doc.obj(value, keys)
    people = _People({**users, **_users(doc, obj, keys)}, doc.string(obj, keys, "requester_id"))
    raw = doc.items(obj, keys, "comments")
    comments = [_comment(doc, [*keys, "comments", n], c) for n, c in enumerate(raw)]
    public = [c for c in comments if c is not None]
    people, warnings = _requester(people, public)
    starts, base = relative([c.stamp for c in public])
    turns = tuple(
        _turn(i, c, start, people) for i, (c, start) in enumerate(zip(public, starts, strict=True))
    )
    return Transcript(
        id=_ticket_id(doc, obj, keys) or cid,
        turns=turns,
        path=doc.path,
        format=NAME,
        channel=_VIA.get(public[0].via or "") if public else None,
        agent=_assignee(doc, obj, keys, people),
        meta=_meta(base, people, turns, len(comments) - len(public), obj.get("subject")),
        warnings=warnings,
    )


def _requester(people: _People, public: list[_Comment]) -> tuple[_People, tuple[str, ...]]:
    """Without a requester, and with authors no sideloaded user names, the first one that is
    not an agent is taken for the requester (a ticket usually opens with the customer's)."""
    if people.requester is not None or all(c.author in people.users for c in public):
        return people, ()
    agents = {uid for uid, (_, role) in people.users.items() if role is Role.AGENT}
    first = next((c.author for c in public if c.author not in agents), None)
    if first is None:
        return people, ()
    note = f"roles guessed: the requester is {first!r}, the author of the first comment"
    return _People(people.users, first), (note,)


def _ticket_id(doc: Doc, obj: dict[str, Any], keys: list[Key]) -> str | None:
    """The ticket's id: its own, or the one in the URL of a comments page."""
    if "comments" in obj and ("requester_id" in obj or "subject" in obj):
        return doc.string(obj, keys, "id")
    for key in ("url", "next_page", "previous_page"):
        found = _TICKET_URL.search(str(obj.get(key) or ""))
        if found:
            return found[1]
    return None


def _comment(doc: Doc, at: list[Key], value: object) -> _Comment | None:
    """A public comment, or None for an internal note."""
    obj = doc.obj(value, at)
    if obj.get("public") is False:
        return None
    author = doc.string(obj, at, "author_id", required=True) or ""
    text = tidy(doc.string(obj, at, "plain_body") or doc.string(obj, at, "body") or "")
    if not text:
        text = html_to_text(doc.string(obj, at, "html_body") or "")
    via = obj.get("via")
    return _Comment(
        author=author,
        text=text,
        stamp=doc.stamp(obj, at, "created_at"),
        via=str(via.get("channel")) if isinstance(via, dict) else None,
    )


def _turn(index: int, comment: _Comment, start: float | None, people: _People) -> Turn:
    name, role = people.users.get(comment.author, (None, Role.UNKNOWN))
    if role is Role.UNKNOWN and people.requester is not None:
        role = Role.CUSTOMER if comment.author == people.requester else Role.AGENT
    return Turn(index=index, role=role, text=comment.text, name=name, start=start)


def _assignee(doc: Doc, obj: dict[str, Any], keys: list[Key], people: _People) -> str | None:
    assignee = doc.string(obj, keys, "assignee_id")
    return people.users.get(assignee, (None, Role.UNKNOWN))[0] if assignee else None


def _meta(
    base: float | None, people: _People, turns: tuple[Turn, ...], notes: int, subject: object
) -> dict[str, Any]:
    meta: dict[str, Any] = {"start_time": iso_utc(base)} if base is not None else {}
    if isinstance(subject, str) and subject:
        meta["subject"] = subject
    if people.requester is not None:
        meta["requester_id"] = people.requester
    name = next((t.name for t in turns if t.role is Role.CUSTOMER and t.name), None)
    if name:
        meta["customer_name"] = name
    if notes:
        meta["internal_notes_skipped"] = notes
    return meta
