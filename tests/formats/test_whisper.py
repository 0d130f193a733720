"""The Whisper / WhisperX reader: segments, speakers, splits where words change speaker."""

from __future__ import annotations

import json
from collections.abc import Callable

import pytest

from svcaudit.formats import read_text, sniff, whisper
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

WHISPER = "whisper-segments.json"
WHISPERX = "whisperx-diarized.json"


def test_sniffs_by_content() -> None:
    assert sniff(head(WHISPER)) == "whisper"
    assert sniff(head(WHISPERX)) == "whisper"
    assert sniff('{"segments": [{"start": 0.1, "end": 2.0, "text": " Hi"}]}') == "whisper"
    assert sniff('{"text": "' + "Hello. " * 1000 + '", "segments": []}') == "whisper"
    assert sniff('{"task": "transcribe", "language": "english", "duration": 8.5}') == "whisper"
    aws = '{"jobName": "j", "results": {"speaker_labels": {"segments": [{"start_time": "0.4"}]}}}'
    assert not whisper.sniff(aws)


@pytest.mark.parametrize("name", [WHISPER, WHISPERX])
def test_fixtures_convert_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    check_golden(golden, name)


def test_without_speakers_each_segment_is_one_unknown_speaker() -> None:
    t = whisper.read((FIXTURES / WHISPER).read_text(encoding="utf-8"), "w.json")[0]
    assert [(x.role, x.name) for x in t.turns] == [(Role.UNKNOWN, "speaker")] * 4
    assert [(x.text, x.start, x.end) for x in t.turns[:2]] == [
        ("Thank you for calling Harbor Bank, this is Alex speaking.", 0.0, 3.2),
        ("How can I help you today?", 3.2, 5.1),
    ]
    assert t.warnings == ("no speaker labels: every turn is from one unknown speaker",)
    assert t.meta == {"language": "en"}


def test_diarized_segments_merge_split_and_keep_holds_apart() -> None:
    (t,) = load(WHISPERX)
    assert [(x.role, x.name, x.start, x.end) for x in t.turns] == [
        (Role.AGENT, "SPEAKER_01", 0.52, 4.9),
        (Role.CUSTOMER, "SPEAKER_00", 5.3, 7.4),  # the segment is split where words change
        (Role.AGENT, "SPEAKER_01", 8.1, 12.9),
        (Role.AGENT, "SPEAKER_01", 75.2, 79.1),  # a hold of a minute parts the agent's turns
    ]
    assert t.turns[1].text == "Yeah, my internet drops every evening around 7."
    assert t.warnings == (
        "roles guessed: 'SPEAKER_01' is the agent (greets, introduces themself and speaks first)",
    )


def test_agent_option_names_the_speaker() -> None:
    (t,) = load(WHISPERX, agent="SPEAKER_00")
    assert [x.role for x in t.turns] == [Role.CUSTOMER, Role.AGENT, Role.CUSTOMER, Role.CUSTOMER]
    assert t.warnings == ()


def test_several_results_in_a_list() -> None:
    one = {"segments": [{"start": 0, "end": 1, "text": "Hi", "speaker": "SPEAKER_00"}]}
    transcripts = read_text(json.dumps([one, one]), "batch.json")
    assert [(t.id, t.format) for t in transcripts] == [
        ("batch#1", "whisper"),
        ("batch#2", "whisper"),
    ]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"segments": [\n  {"start": 0.0, "end": 1.0}]}',
         "w.json:2:3: error: segments[0]: missing 'text'"),
        ('{"segments": [{"start": "0:01", "end": 1.0, "text": "Hi"}]}',
         "w.json:1:25: error: segments[0].start: expected a number, got '0:01'"),
        ('{"text": "Hi", "language": "en"}', "w.json:1:1: error: missing 'segments'"),
    ],
)  # fmt: skip
def test_schema_errors_are_located(content: str, message: str) -> None:
    assert error(whisper, content, "w.json") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / WHISPERX, "--agent", "SPEAKER_01")
    assert [x["speaker"] for x in line["turns"]] == ["agent", "customer", "agent", "agent"]
