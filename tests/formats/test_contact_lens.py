"""The Contact Lens reader: voice and chat analysis, chat transcripts, real-time records."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.errors import InputError
from svcaudit.formats import contact_lens, read_file, read_path, read_text, sniff
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import LoadError, Role

from .readers_kit import spoilt

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
VOICE = FIXTURES / "contactlens-postcall-voice.json"
CHAT = FIXTURES / "contactlens-chat-transcript.json"
REALTIME = FIXTURES / "contactlens-realtime-segment-event.json"
SAMPLE = SAMPLES / "contactlens-chat-lost-parcel.json"
NAMES = ("contactlens-postcall-voice.json", "contactlens-chat-transcript.json",
         "contactlens-realtime-segment-event.json")  # fmt: skip


@pytest.mark.parametrize("name", NAMES)
def test_fixture_sniffs_as_contact_lens_by_content(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert sniff(text[:HEAD_SIZE]) == "contactlens"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_converts_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    transcripts = read_text((FIXTURES / name).read_text(encoding="utf-8"), name)
    text = json.dumps([to_obj(t) for t in transcripts], indent=2, ensure_ascii=False) + "\n"
    golden(f"formats/{name}.json", text)


def test_voice_roles_come_from_participants_and_turns_are_in_time_order() -> None:
    (transcript,) = read_path(str(VOICE))
    assert transcript.id == "7c77422d-f9ba-4111-ad48-b2f5dadf854a"
    assert (transcript.channel, transcript.warnings) == ("call", ())
    assert [(t.role, t.text, t.start, t.end) for t in transcript.turns[:2]] == [
        (Role.AGENT, "Mhm.", 2.54, 2.975), (Role.CUSTOMER, "Mhm.", 2.58, 3.095),
    ]  # fmt: skip
    assert transcript.meta["sentiment"] == {"AGENT": 0, "CUSTOMER": 0.8}


def test_chat_names_system_messages_events_and_markup() -> None:
    (transcript,) = read_path(str(CHAT))
    assert (transcript.id, transcript.channel, transcript.agent) == (
        "c1b7e0d2-0000-4a6b-9c3e-7f1d2a3b4c5d", "chat", "Tomas",
    )  # fmt: skip
    said = [(t.role, t.name, t.text, t.start) for t in transcript.turns]
    assert said[:2] == [
        (Role.SYSTEM, None, "Customer joined the chat", 0.0),
        (Role.BOT, "BOT", "What can we help you with?", 0.8),  # an interactive list picker
    ]
    assert (Role.SYSTEM, None, "transfer succeeded", 7.9) in said
    greeting = "Hi, this is Tomas from Acme Billing. How can I help?"  # markdown stripped
    assert (Role.AGENT, "Tomas", greeting, 35.0) in said
    assert (Role.CUSTOMER, "Customer", "I was charged £12 twice today.", 52.6) in said  # HTML
    assert not any(t.start in (41.3, 66.5) for t in transcript.turns)  # typing, read receipt
    assert said[-1] == (Role.SYSTEM, None, "chat ended", 74.2)


def test_chat_analysis_sample_keeps_summary_and_attachments() -> None:
    (transcript,) = read_path(str(SAMPLE))
    assert transcript.meta["summary"].startswith("The customer's parcel was stuck in transit.")
    assert transcript.meta["categories"] == ["delivery-problem"]
    texts = [t.text for t in transcript.turns]
    assert "[attachment: delivery-address.png]" in texts
    assert any("send a replacement by express delivery today" in text for text in texts)


def test_realtime_record_keeps_only_final_segments() -> None:
    (transcript,) = read_path(str(REALTIME))
    assert (transcript.id, transcript.turns) == ("d5187cb8-f83f-471d-b724-bfb242b34b59", ())
    assert read_file(str(REALTIME), "auto", None) == [LoadError(str(REALTIME), "no turns found")]
    record = json.loads(REALTIME.read_text(encoding="utf-8"))
    final = dict(record["Segments"][0]["Utterance"], Content="Testing, one two.")
    record["Segments"].append({"Transcript": final})
    (transcript,) = read_text(json.dumps(record), "record.json")
    assert [(t.role, t.text, t.start) for t in transcript.turns] == [
        (Role.AGENT, "Testing, one two.", 19.23),
    ]


def test_a_stray_brace_after_the_object_is_ignored_other_extra_data_is_not() -> None:
    text = VOICE.read_text(encoding="utf-8")
    (transcript,) = contact_lens.read(text + "\n}\n", "doc.json")
    assert len(transcript.turns) == 15
    with pytest.raises(InputError, match=r"doc\.json:3:1: error: invalid JSON: extra data"):
        contact_lens.read(text + "\n{}", "doc.json")


BASE: dict[str, Any] = {
    "Channel": "VOICE",
    "Participants": [{"ParticipantId": "A1", "ParticipantRole": "AGENT"}],
    "Transcript": [
        {"ParticipantId": "A1", "Content": "Hello.", "BeginOffsetMillis": 100},
        {"ParticipantId": "C1", "Content": "Hi.", "BeginOffsetMillis": 900},
    ],
}


def broken(change: Callable[[dict[str, Any]], None]) -> str:
    return spoilt(contact_lens, BASE, change, "cl.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["Transcript"][1].pop("Content"),
         "cl.json:15:5: error: Transcript[1]: missing 'Content'"),
        (lambda d: d["Transcript"][0].pop("BeginOffsetMillis"),
         "cl.json:10:5: error: Transcript[0]: missing 'BeginOffsetMillis'"),
        (lambda d: d["Transcript"][1].pop("ParticipantId"),
         "cl.json:15:5: error: Transcript[1]: missing 'ParticipantId'"),
        (lambda d: d.update(Participants="A1"),
         "cl.json:3:19: error: Participants: expected a list, got 'A1'"),
        (lambda d: d["Transcript"][0].update(AbsoluteTime="yesterday"),
         "cl.json:14:23: error: Transcript[0].AbsoluteTime: bad time 'yesterday'"),
    ],
)  # fmt: skip
def test_schema_errors_name_the_json_path_and_its_place(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert broken(change) == expected


def test_an_unlabelled_participant_is_left_to_the_agent_option() -> None:
    (transcript,) = read_text(json.dumps(BASE), "cl.json")
    assert [(t.role, t.name) for t in transcript.turns] == [
        (Role.AGENT, None), (Role.CUSTOMER, "C1"),
    ]  # fmt: skip
    assert transcript.warnings == ("roles guessed: 'C1' is the customer",)


def test_convert_writes_canonical_jsonl() -> None:
    result = CliRunner().invoke(cli, ["convert", str(SAMPLE)])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert (record["channel"], record["agent"]) == ("chat", "Lena")
    speakers = [turn["speaker"] for turn in record["turns"]]
    assert speakers[:3] == ["system", "system", "customer"] and "agent" in speakers
