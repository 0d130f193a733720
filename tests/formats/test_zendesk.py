"""The Zendesk reader: Support ticket comments (users, requester, notes, HTML) and Chat history."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from svcaudit.formats import read_text, sniff, zendesk
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

TICKET = "zendesk-ticket-comments.json"
CHAT = "zendesk-chat.json"


def comment(author: int, body: str, at: str, public: bool = True) -> dict[str, Any]:
    return {"type": "Comment", "author_id": author, "body": body, "public": public,
            "created_at": at, "via": {"channel": "web"}}  # fmt: skip


def chat(cid: str, *history: dict[str, Any]) -> dict[str, Any]:
    return {"id": cid, "type": "chat", "agent_names": ["Kim"], "visitor": {"name": "Visitor 12"},
            "history": list(history)}  # fmt: skip


def msg(name: str, text: str, at: str, nick: str | None = None) -> dict[str, Any]:
    line = {"type": "chat.msg", "name": name, "msg": text, "timestamp": at}
    return {**line, "nick": nick} if nick else line


def test_sniffs_by_content() -> None:
    assert sniff(head(TICKET)) == "zendesk"
    assert sniff(head(CHAT)) == "zendesk"
    assert not zendesk.sniff('{"comments": ["nice"], "turns": []}')


@pytest.mark.parametrize("name", [TICKET, CHAT])
def test_fixtures_convert_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    check_golden(golden, name)


def test_ticket_roles_from_sideloaded_users_notes_skipped_html_to_text() -> None:
    (t,) = load(TICKET)
    assert (t.id, t.format, t.agent, t.channel) == ("58213", "zendesk", "Leo Brandt", None)
    assert [(x.role, x.name, x.start) for x in t.turns] == [
        (Role.CUSTOMER, "Maya Okafor", 0.0),
        (Role.AGENT, "Leo Brandt", 2317.0),
        (Role.CUSTOMER, "Maya Okafor", 2956.0),
    ]
    assert t.turns[1].text == (
        "Hi Maya,\n"
        "I\u2019m sorry about the double charge \u2014 that shouldn't have happened.\n"
        "I have refunded the second payment of $84.20 today.\n"
        "It shows on your statement in 3\u20135 business days.\n"
        "You don't need to do anything else.\n"
        "Is there anything else I can help with?\n"
        "Best,\n"
        "Leo & the Acme Support team"
    )
    assert t.meta == {
        "start_time": "2024-05-01T09:14:03Z", "customer_name": "Maya Okafor",
        "internal_notes_skipped": 1,
    }  # fmt: skip
    assert t.warnings == ()


def test_tickets_with_a_requester_and_several_tickets() -> None:
    tickets = {"tickets": [
        {"id": 901, "subject": "Refund", "requester_id": 7, "comments": [
            comment(7, "Where is my refund?", "2024-05-01T09:00:00Z"),
            comment(3, "Sorry for the wait, it was sent today.", "2024-05-01T09:30:00Z"),
            comment(3, "Escalated to billing.", "2024-05-01T09:31:00Z", public=False)]},
        {"id": 902, "requester_id": 8, "comments": [
            comment(8, "Hi", "2024-05-02T09:00:00Z")]},
    ]}  # fmt: skip
    first, second = read_text(json.dumps(tickets), "tickets.json")
    assert (first.id, second.id) == ("901", "902")
    assert [(x.role, x.start) for x in first.turns] == [(Role.CUSTOMER, 0.0), (Role.AGENT, 1800.0)]
    assert first.meta == {
        "start_time": "2024-05-01T09:00:00Z", "subject": "Refund", "requester_id": "7",
        "internal_notes_skipped": 1,
    }  # fmt: skip


def test_without_users_or_requester_the_first_author_is_the_requester() -> None:
    page = {
        "comments": [
            comment(7, "My parcel is lost", "2024-05-01T09:00:00Z"),
            comment(3, "I'm sorry, I'll send a new one", "2024-05-01T09:05:00Z"),
        ],
        "next_page": "https://x.zendesk.com/api/v2/tickets/4471/comments.json?page=2",
    }
    (t,) = zendesk.read(json.dumps(page), "page.json")
    assert t.id == "4471"
    assert [x.role for x in t.turns] == [Role.CUSTOMER, Role.AGENT]
    assert t.warnings == ("roles guessed: the requester is '7', the author of the first comment",)


def test_chat_roles_events_and_times() -> None:
    (t,) = load(CHAT)
    assert (t.id, t.agent, t.channel) == ("2405.10382.Q7mTzLw4pX", "Sam Ortiz", "chat")
    assert [(x.role, x.name) for x in t.turns] == [
        (Role.SYSTEM, None),
        (Role.CUSTOMER, "Jordan Blake"),
        (Role.BOT, "Acme Orders"),  # a trigger
        (Role.SYSTEM, None),
        (Role.AGENT, "Sam Ortiz"),
        (Role.AGENT, "Sam Ortiz"),
        (Role.CUSTOMER, "Jordan Blake"),
        (Role.AGENT, "Sam Ortiz"),
        (Role.SYSTEM, None),
    ]
    assert t.turns[0].text == "Jordan Blake joined the chat"
    assert [x.start for x in t.turns[:2]] == [0.0, 4.368]
    assert t.meta["customer_name"] == "Jordan Blake"


def test_a_chats_page_holds_several_chats_and_names_give_roles() -> None:
    page = {"chats": [
        chat("a", msg("Visitor 12", "hello?", "2024-05-02T10:00:00Z"),
             msg("Kim", "Hi! How can I help?", "2024-05-02T10:00:06Z")),
        chat("b", {"type": "chat.msg", "name": "Kim", "msg": "Hi", "timestamp": 1714644000000},
             {"type": "chat.msg", "name": "Lee", "msg": "Yo", "timestamp": 1714644003500}),
    ]}  # fmt: skip
    first, second = read_text(json.dumps(page), "chats.json")
    assert [(x.role, x.start) for x in first.turns] == [(Role.CUSTOMER, 0.0), (Role.AGENT, 6.0)]
    assert "customer_name" not in first.meta  # "Visitor 12" is no name
    assert [(x.role, x.name, x.start) for x in second.turns] == [
        (Role.AGENT, "Kim", 0.0), (Role.CUSTOMER, "Lee", 3.5),
    ]  # fmt: skip
    assert second.warnings == ("roles guessed: 'Lee' is the customer",)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"comments": [\n  {"body": "Hi", "public": true}\n]}',
            "z.json:2:3: error: comments[0]: missing 'author_id'",
        ),
        (
            '{"comments": [{"author_id": 1, "body": "Hi", "html_body": "<p>Hi</p>",\n'
            '  "created_at": "2024-13-01T00:00:00Z"}]}',
            "z.json:2:17: error: comments[0].created_at: bad time '2024-13-01T00:00:00Z'",
        ),
        (
            '{"id": "c", "type": "chat", "visitor": {}, "history": [\n'
            '  {"type": "chat.msg", "name": "V", "timestamp": "2024-05-02T10:00:00Z"}]}',
            "z.json:2:3: error: history[0]: missing 'msg'",
        ),
        (
            '{"id": "c", "type": "chat", "visitor": {}, "history": [{"name": "V"}]}',
            "z.json:1:56: error: history[0]: missing 'type'",
        ),
    ],
)
def test_schema_errors_are_located(content: str, message: str) -> None:
    assert error(zendesk, content, "z.json") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / TICKET)
    assert [x["speaker"] for x in line["turns"]] == ["customer", "agent", "customer"]
    assert line["turns"][1]["text"].startswith("Hi Maya,\nI\u2019m sorry")
