"""The Genesys Cloud reader: phrases of all transcripts, purposes and participant windows."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from svcaudit.formats import genesys, read_text, sniff
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

NAME = "genesys-transcript.json"


def phrase(purpose: str, text: str, start: int) -> dict[str, object]:
    return {"text": text, "startTimeMs": start, "participantPurpose": purpose}


def test_sniffs_by_content() -> None:
    assert sniff(head(NAME)) == "genesys"
    assert not genesys.sniff('{"id": "c1", "turns": [{"speaker": "agent", "text": "Hi"}]}')


def test_fixture_converts_to_golden(golden: Callable[[str, str], None]) -> None:
    check_golden(golden, NAME)


def test_roles_come_from_the_participant_holding_the_phrase() -> None:
    (t,) = load(NAME)
    assert (t.id, t.format, t.channel) == (
        "7d2f9a40-5b1c-4e8a-a3f2-6c9d8e7b1a20",
        "genesys",
        "call",
    )
    assert [turn.role for turn in t.turns] == [
        Role.BOT, Role.SYSTEM, Role.AGENT, Role.CUSTOMER, Role.AGENT, Role.CUSTOMER,
    ]  # fmt: skip
    assert t.turns[0].text == "Welcome to Northwind Energy. For billing, press 1."  # decorated
    assert [(turn.start, turn.end) for turn in t.turns[2:4]] == [(30.0, 34.2), (35.0, 37.6)]
    assert t.meta["start_time"] == "2024-06-01T09:00:00Z"
    assert t.meta["agent_ids"] == ["2c4e6a8b-0d1f-4b3c-9e5a-7f6d8c0b2a41"]
    assert t.warnings == ()


def test_phrases_of_all_transcripts_in_time_order_and_offsets() -> None:
    data = {
        "communicationId": "comm-7",
        "transcripts": [
            {"phrases": [{"text": "Bye", "offset": {"milliseconds": 9000},
                          "participantPurpose": "internal"}]},
            {"phrases": [{"text": "Hi, Acme", "offset": {"milliseconds": 500},
                          "duration": {"milliseconds": 1500}, "participantPurpose": "agent"},
                         {"text": "Hello", "offset": {"milliseconds": 2500},
                          "participantPurpose": "external"}]},
        ],
    }  # fmt: skip
    (t,) = genesys.read(json.dumps(data), "calls/g.json")
    assert t.id == "comm-7"
    assert [(x.role, x.text, x.start, x.end) for x in t.turns] == [
        (Role.AGENT, "Hi, Acme", 0.5, 2.0),
        (Role.CUSTOMER, "Hello", 2.5, None),
        (Role.AGENT, "Bye", 9.0, None),
    ]
    assert "start_time" not in t.meta


def test_a_list_holds_several_conversations() -> None:
    base = 1717232400000
    items = [
        {"conversationId": f"conv-{n}", "conversationStartTime": base,
         "transcripts": [{"phrases": [phrase("internal", "Thanks for calling", base + 1000),
                                      phrase("external", "Hi", base + 3000)]}]}
        for n in (1, 2)
    ]  # fmt: skip
    transcripts = read_text(json.dumps(items), "calls/export.json")
    assert [t.id for t in transcripts] == ["conv-1", "conv-2"]
    assert [(x.role, x.start) for x in transcripts[1].turns] == [
        (Role.AGENT, 1.0), (Role.CUSTOMER, 3.0),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{"conversationId": "c",\n "transcripts": [{"phrases": [\n'
            '   {"text": "Hi", "participantPurpose": "internal"},\n   {"text": "Yo"}]}]}',
            "g.json:4:4: error: transcripts[0].phrases[1]: missing 'participantPurpose'",
        ),
        (
            '{"conversationId": "c",\n "transcripts": [{"phrases": {"text": "Hi"}}]}',
            "g.json:2:30: error: transcripts[0].phrases: expected a list, got an object",
        ),
        (
            '{"conversationId": "c", "transcripts": [{"phrases": [\n'
            '  {"participantPurpose": "external", "startTimeMs": "soon", "text": "x"}]}]}',
            "g.json:2:53: error: transcripts[0].phrases[0].startTimeMs: expected a number, "
            "got 'soon'",
        ),
        (
            '{"conversationId": "c", "communicationId": "m", "transcripts": [{"phrases": [\n'
            '  {"participantPurpose": "external"}]}]}',
            "g.json:2:3: error: transcripts[0].phrases[0]: missing 'text'",
        ),
        (
            '{"communicationId": "m", "transcripts": [',
            "g.json:1:42: error: invalid JSON: expecting value",
        ),
    ],
)
def test_schema_errors_are_located(content: str, message: str) -> None:
    assert error(genesys, content, "g.json") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / NAME)
    assert line["id"] == "7d2f9a40-5b1c-4e8a-a3f2-6c9d8e7b1a20"
    assert [turn["speaker"] for turn in line["turns"]][:3] == ["bot", "system", "agent"]
