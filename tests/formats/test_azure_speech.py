"""The Azure Speech reader: recognised phrases by speaker or channel, ticks or ISO durations."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.formats import azure_speech, read_path, read_text, sniff
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

from .readers_kit import spoilt

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
DIARIZED = FIXTURES / "azurespeech-diarized.json"
STEREO = SAMPLES / "azurespeech-claim-callback.json"


@pytest.mark.parametrize("path", [DIARIZED, STEREO])
def test_sniffs_as_azure_speech_by_content(path: Path) -> None:
    assert sniff(path.read_text(encoding="utf-8")[:HEAD_SIZE]) == "azurespeech"


def test_diarized_fixture_converts_to_golden(golden: Callable[[str, str], None]) -> None:
    transcripts = read_path(str(DIARIZED), agent="Speaker 2")
    text = json.dumps([to_obj(t) for t in transcripts], indent=2, ensure_ascii=False) + "\n"
    golden("formats/azurespeech-diarized.json.json", text)


def test_speakers_join_consecutive_phrases_and_skip_unrecognised_ones() -> None:
    (raw,) = azure_speech.read(DIARIZED.read_text(encoding="utf-8"), str(DIARIZED))
    assert raw.id == "reminder-5521" and raw.meta == {"duration": 20.1, "unrecognised": 1}
    third = raw.turns[2]
    assert (third.name, third.text, third.start, third.end) == (
        "Speaker 1", "Oh, yes, thanks. Can I move it to the afternoon?", 6.2, 10.15,
    )  # fmt: skip
    assert {t.role for t in raw.turns} == {Role.UNKNOWN}
    (told,) = read_path(str(DIARIZED), agent="speaker 2")
    assert [t.role for t in told.turns[:2]] == [Role.CUSTOMER, Role.AGENT]
    assert told.warnings == ()


def test_channels_are_merged_by_time_in_ticks() -> None:
    (transcript,) = read_path(str(STEREO), agent_channel="0")
    names = [t.name for t in transcript.turns]
    assert names == ["ch_0", "ch_1"] * 6 + ["ch_0"]  # listed channel by channel in the file
    first = transcript.turns[0]
    assert (first.role, first.text, first.start, first.end) == (
        Role.AGENT, "Harwood Insurance, claims.", 0.3, 1.95,
    )  # fmt: skip
    assert transcript.warnings == ()


def test_a_hold_parts_the_phrases_of_one_speaker() -> None:
    phrases = [
        {"speaker": 2, "offsetMilliseconds": 0, "durationMilliseconds": 2000,
         "text": "Let me check that, please hold."},
        {"speaker": 2, "offsetMilliseconds": 47000, "durationMilliseconds": 1500,
         "text": "Thanks for holding."},
        {"speaker": 2, "offsetMilliseconds": 49000, "durationMilliseconds": 2000,
         "text": "It's fixed."},
    ]  # fmt: skip
    (transcript,) = azure_speech.read(json.dumps({"phrases": phrases}), "hold.json")
    assert [(t.text, t.start, t.end) for t in transcript.turns] == [
        ("Let me check that, please hold.", 0.0, 2.0),
        ("Thanks for holding. It's fixed.", 47.0, 51.0),
    ]


def test_one_channel_without_speakers_gives_a_turn_a_phrase() -> None:
    doc = json.loads(DIARIZED.read_text(encoding="utf-8"))
    for phrase in doc["recognizedPhrases"]:
        phrase.pop("speaker", None)
    (transcript,) = azure_speech.read(json.dumps(doc), "mono.json")
    assert len(transcript.turns) == 7
    assert {t.name for t in transcript.turns} == {None}


def test_fast_transcription_phrases_in_milliseconds() -> None:
    doc = {
        "durationMilliseconds": 4000,
        "combinedPhrases": [{"text": "Hi! Hi."}],
        "phrases": [
            {"speaker": 1, "offsetMilliseconds": 2100, "durationMilliseconds": 500, "text": "Hi."},
            {"speaker": 0, "offsetMilliseconds": 400, "durationMilliseconds": 900, "text": "Hi!"},
        ],
    }
    (transcript,) = read_text(json.dumps(doc), "fast.json")
    assert transcript.format == "azurespeech"
    assert [(t.name, t.text, t.start, t.end) for t in transcript.turns] == [
        ("Speaker 0", "Hi!", 0.4, 1.3), ("Speaker 1", "Hi.", 2.1, 2.6),
    ]  # fmt: skip


BASE: dict[str, Any] = {
    "source": "call.wav",
    "recognizedPhrases": [
        {"recognitionStatus": "Success", "channel": 0, "offset": "PT0.5S",
         "duration": "PT1S", "nBest": [{"display": "Hello."}]},
    ],
}  # fmt: skip


def broken(change: Callable[[dict[str, Any]], None]) -> str:
    return spoilt(azure_speech, BASE, change, "az.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d["recognizedPhrases"][0]["nBest"][0].pop("display"),
         "az.json:10:9: error: recognizedPhrases[0].nBest[0]: missing 'display'"),
        (lambda d: d["recognizedPhrases"][0].pop("nBest"),
         "az.json:4:5: error: recognizedPhrases[0]: missing 'nBest'"),
        (lambda d: d["recognizedPhrases"][0].update(offset="12s"),
         "az.json:7:17: error: recognizedPhrases[0].offset: "
         "expected a duration such as 'PT1.32S', got '12s'"),
        (lambda d: d["recognizedPhrases"][0].pop("offset"),
         "az.json:4:5: error: recognizedPhrases[0]: missing 'offsetInTicks'"),
        (lambda d: d["recognizedPhrases"][0].update(speaker="guest"),
         "az.json:14:18: error: recognizedPhrases[0].speaker: expected an integer, got 'guest'"),
        (lambda d: d.update(recognizedPhrases=None),
         "az.json:3:24: error: recognizedPhrases: expected a list, got null"),
    ],
)  # fmt: skip
def test_schema_errors_name_the_json_path_and_its_place(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert broken(change) == expected


def test_convert_writes_canonical_jsonl() -> None:
    result = CliRunner().invoke(cli, ["convert", str(STEREO), "--agent", "ch_0"])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "claims-line-20240709-1412"
    assert [turn["speaker"] for turn in record["turns"][:2]] == ["agent", "customer"]
