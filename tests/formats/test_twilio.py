"""The Twilio Conversations reader: message pages, authors, media-only messages, pages."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from svcaudit.formats import read_text, sniff, twilio
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

NAME = "twilio-conversations-messages-list.vendor-fixture.json"


def message(index: int, author: str, body: str | None, at: str, sid: str = "CH1") -> dict:
    return {"conversation_sid": sid, "index": index, "author": author, "body": body,
            "date_created": at, "participant_sid": "MB1"}  # fmt: skip


def test_sniffs_by_content() -> None:
    assert sniff(head(NAME)) == "twilio"
    assert not twilio.sniff('{"messages": [{"text": "hi"}]}')


def test_vendor_fixture_converts_to_golden(golden: Callable[[str, str], None]) -> None:
    check_golden(golden, NAME)


def test_vendor_fixture_order_times_and_media() -> None:
    (t,) = load(NAME)
    assert (t.id, t.format, t.channel) == ("CHaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "twilio", "chat")
    assert [(x.name, x.text, x.start) for x in t.turns] == [
        ("pie_preferrer", "I like pie.", 0.0),
        ("cake_lover", "Cake is my favorite!", 24.0),
        ("cake_lover", "[attachment: car.jpg]", 24.0),
    ]
    assert t.meta == {"start_time": "2016-03-24T20:37:57Z"}
    assert t.warnings == ("roles guessed: 'pie_preferrer' is the agent (speaks first)",)


def test_agent_identity_given_with_agent() -> None:
    (t,) = load(NAME, agent="cake_lover")
    assert [x.role for x in t.turns] == [Role.CUSTOMER, Role.AGENT, Role.AGENT]
    assert t.agent == "cake_lover"


def test_phone_and_channel_addresses_are_customers_and_index_orders() -> None:
    page = {"meta": {"key": "messages", "next_page_url": None}, "messages": [
        message(4, "support.dana", "Thanks for contacting Acme, how can I help?",
                "2024-05-01T10:00:05Z"),
        message(2, "+15550100234", "Hi, my order is late", "2024-05-01T10:00:00Z"),
        message(7, "whatsapp:+447700900123", "Order 5521", "2024-05-01T10:00:40Z"),
        message(9, "system", "Conversation closed", "2024-05-01T10:01:00Z"),
    ]}  # fmt: skip
    (t,) = read_text(json.dumps(page), "chats/t.json")
    assert [(x.role, x.name, x.start) for x in t.turns] == [
        (Role.CUSTOMER, "+15550100234", 0.0),
        (Role.AGENT, "support.dana", 5.0),
        (Role.CUSTOMER, "whatsapp:+447700900123", 40.0),
        (Role.SYSTEM, None, 60.0),
    ]
    assert t.agent == "support.dana"
    assert t.warnings == (
        "roles guessed: 'support.dana' is the agent (greets, offers help and speaks first)",
    )


def test_several_conversations_and_a_next_page() -> None:
    pages = [
        {"meta": {"next_page_url": "https://conversations.twilio.com/v1/x?Page=1"},
         "messages": [message(0, "+15550100", "Hi", "2024-05-01T10:00:00Z", "CH1"),
                      message(0, "+15550199", "Hello", "2024-05-01T11:00:00Z", "CH2")]},
        {"messages": [message(1, "agent", "How can I help?", "2024-05-01T10:00:09Z", "CH1")]},
    ]  # fmt: skip
    first, second = twilio.read(json.dumps(pages), "p.json")
    assert (first.id, second.id) == ("CH1", "CH2")
    assert [(x.role, x.start) for x in first.turns] == [(Role.CUSTOMER, 0.0), (Role.AGENT, 9.0)]
    assert first.warnings == (
        "more messages on the next page: https://conversations.twilio.com/v1/x?Page=1",
    )


@pytest.mark.parametrize(
    ("content", "message_"),
    [
        (
            '{"messages": [\n  {"conversation_sid": "CH1", "body": "Hi",'
            ' "date_created": "2024-05-01T10:00:00Z"}\n]}',
            "t.json:2:3: error: messages[0]: missing 'author'",
        ),
        (
            '{"messages": [{"conversation_sid": "CH1", "author": "a", "body": "Hi",\n'
            '  "date_created": "yesterday"}]}',
            "t.json:2:19: error: messages[0].date_created: bad time 'yesterday'",
        ),
        (
            '{"meta": {}, "messages": {"conversation_sid": "CH1"}}',
            "t.json:1:26: error: messages: expected a list, got an object",
        ),
    ],
)
def test_schema_errors_are_located(content: str, message_: str) -> None:
    assert error(twilio, content, "t.json") == message_


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / NAME, "--agent", "pie_preferrer")
    assert [turn["speaker"] for turn in line["turns"]] == ["agent", "customer", "customer"]
