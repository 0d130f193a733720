"""The Intercom reader: source and parts, author types, notes and events, HTML bodies."""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

import pytest

from svcaudit.formats import intercom, read_text, sniff
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

GET = "intercom-conversation-get.doc-example.json"
REPLY = "intercom-conversation-user-reply.doc-example.json"


def part(kind: str, author: str, body: str | None, at: int, name: str = "") -> dict[str, Any]:
    return {"type": "conversation_part", "part_type": kind, "body": body, "created_at": at,
            "author": {"type": author, "id": f"{author}-1", "name": name or None}}  # fmt: skip


def conversation(cid: str, *parts: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "conversation",
        "id": cid,
        "created_at": 1714557600,
        "admin_assignee_id": 814,
        "source": {"type": "conversation", "body": "<p>Hi, I can&#39;t log in</p>",
                   "author": {"type": "user", "id": "u-5", "name": "Ana Silva"}},
        "conversation_parts": {"type": "conversation_part.list", "conversation_parts": list(parts),
                               "total_count": len(parts)},
    }  # fmt: skip


CHAT = conversation(
    "c-1",
    part("comment", "bot", "<p>I'm Fin, Acme's AI agent. Have you tried resetting it?</p>",
         1714557605, "Fin"),
    part("assignment", "bot", None, 1714557640, "Fin"),
    part("note", "admin", "<p>Known SSO issue, see JIRA-12</p>", 1714557650, "Ravi"),
    part("comment", "admin", "<p>Hi Ana, thanks for waiting!<br>I&rsquo;ve reset your session."
         "</p><p>Can you try again?</p>", 1714557700, "Ravi Patel"),
    part("close", "admin", "<p>Glad it works &amp; have a great day!</p>", 1714557760, "Ravi"),
)  # fmt: skip


def test_sniffs_by_content() -> None:
    assert sniff(head(GET)) == "intercom"
    assert sniff(head(REPLY)) == "intercom"
    assert not intercom.sniff('{"id": "c1", "turns": []}')


@pytest.mark.parametrize("name", [GET, REPLY])
def test_doc_examples_convert_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    check_golden(golden, name)


def test_doc_example_with_a_user_reply() -> None:
    (t,) = load(REPLY)
    assert (t.id, t.format, t.channel) == ("524", "intercom", "chat")
    assert [(x.role, x.name, x.text, x.start) for x in t.turns] == [
        (Role.AGENT, "Ciaran212 Lee", "this is the message body", 0.0),
        (Role.CUSTOMER, "Joe Bloggs", "Thanks again :)", 2.0),  # an `open` part with a body
    ]
    assert t.meta["customer_name"] == "Joe Bloggs"


def test_doc_example_skips_parts_without_a_body() -> None:
    (t,) = load(GET)
    assert [(x.role, x.name, x.text) for x in t.turns] == [
        (Role.AGENT, "Ciaran176 Lee", "this is the message body"),
        (Role.AGENT, "Operator", "Okay!"),
    ]


def test_bots_notes_events_and_html() -> None:
    (t,) = intercom.read(json.dumps(CHAT), "c.json")
    assert [(x.role, x.name, x.start) for x in t.turns] == [
        (Role.CUSTOMER, "Ana Silva", 0.0),
        (Role.BOT, "Fin", 5.0),
        (Role.AGENT, "Ravi Patel", 100.0),
        (Role.AGENT, "Ravi", 160.0),
    ]
    assert t.turns[0].text == "Hi, I can't log in"
    assert (
        t.turns[2].text
        == "Hi Ana, thanks for waiting!\nI\u2019ve reset your session.\nCan you try again?"
    )
    assert t.turns[3].text == "Glad it works & have a great day!"
    assert t.meta == {
        "start_time": "2024-05-01T10:00:00Z", "admin_assignee_id": "814",
        "customer_name": "Ana Silva", "internal_notes_skipped": 1,
    }  # fmt: skip


def test_a_conversation_list_holds_several() -> None:
    page = {"type": "conversation.list", "conversations": [CHAT, conversation("c-2")]}
    first, second = read_text(json.dumps(page), "export.json")
    assert (first.id, len(first.turns), second.id, len(second.turns)) == ("c-1", 4, "c-2", 1)
    assert [t.format for t in read_text(json.dumps([CHAT, CHAT]), "two.json")] == ["intercom"] * 2


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"type": "conversation", "id": "7", "conversation_parts": {\n'
            '  "conversation_parts": [\n    {"part_type": "comment", "body": "<p>a</p>"},\n'
            '    {"part_type": "comment", "body": "<p>b</p>"}]}}',
            "c.json:3:5: error: conversation_parts.conversation_parts[0]: missing 'author'",
        ),
        (
            '{"type": "conversation", "id": "7",\n "source": {"body": "<p>a</p>",'
            ' "author": {"name": "Ana"}}}',
            "c.json:2:43: error: source.author: missing 'type'",
        ),
        (
            '{"type": "conversation", "id": "7", "conversation_parts": "none"}',
            "c.json:1:59: error: conversation_parts: expected an object or a list",
        ),
        (
            '{"type": "conversation", "id": "7", "conversation_parts": {"conversation_parts": [\n'
            '  {"part_type": "comment", "body": "x", "created_at": "noon",'
            ' "author": {"type": "admin"}}]}}',
            "c.json:2:55: error: conversation_parts.conversation_parts[0].created_at: "
            "expected a number, got 'noon'",
        ),
    ],
)
def test_schema_errors_are_located(content: str, message: str) -> None:
    assert error(intercom, content, "c.json") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / REPLY)
    assert [(x["speaker"], x["text"]) for x in line["turns"]] == [
        ("agent", "this is the message body"), ("customer", "Thanks again :)"),
    ]  # fmt: skip
