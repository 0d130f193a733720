"""The Amazon Transcribe reader: words joined into turns by speaker, channel or pause."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.errors import UsageError
from svcaudit.formats import aws_transcribe, read_path, read_text, read_transcripts, sniff
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

from .readers_kit import spoilt

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
PLAIN = FIXTURES / "transcribe-01-plain.json"
SPEAKERS = FIXTURES / "transcribe-03-speaker-identification.json"
CHANNELS = FIXTURES / "transcribe-channels.json"
NAMES = ("transcribe-01-plain.json", "transcribe-03-speaker-identification.json",
         "transcribe-channels.json")  # fmt: skip


def canonical(path: Path, **options: Any) -> str:
    transcripts = read_path(str(path), **options)
    return json.dumps([to_obj(t) for t in transcripts], indent=2, ensure_ascii=False) + "\n"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_sniffs_as_transcribe_by_content(name: str) -> None:
    text = (FIXTURES / name).read_text(encoding="utf-8")
    assert sniff(text[:HEAD_SIZE]) == "transcribe"
    (transcript,) = read_text(text, "upload")  # no suffix: the content decides
    assert transcript.format == "transcribe"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_converts_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    golden(f"formats/{name}.json", canonical(FIXTURES / name))


def test_speaker_labels_keep_spk_names_for_the_agent_option() -> None:
    (raw,) = aws_transcribe.read(SPEAKERS.read_text(encoding="utf-8"), str(SPEAKERS))
    assert raw.id == "03-speaker-identification"
    assert raw.meta == {"labels": "speaker", "speakers": 3}
    assert {turn.role for turn in raw.turns} == {Role.UNKNOWN}
    assert [turn.name for turn in raw.turns[:4]] == ["spk_0", "spk_1", "spk_0", "spk_2"]
    (told,) = read_path(str(SPEAKERS), agent="spk_1")
    assert {(t.name, t.role) for t in told.turns} == {
        ("spk_0", Role.CUSTOMER), ("spk_1", Role.AGENT), ("spk_2", Role.CUSTOMER),
    }  # fmt: skip
    assert told.warnings == () and told.agent == "spk_1"


def test_words_and_punctuation_join_without_a_space_before_the_mark() -> None:
    (transcript,) = aws_transcribe.read(SPEAKERS.read_text(encoding="utf-8"), str(SPEAKERS))
    first = transcript.turns[0]
    assert first.text.startswith("She was gone out into the village on some errand when, as she")
    assert (first.start, first.end) == (0.49, 13.75)
    assert not any(mark in t.text for t in transcript.turns for mark in (" ,", " .", " ?"))


def test_without_labels_turns_split_at_pauses_over_two_seconds() -> None:
    (transcript,) = aws_transcribe.read(PLAIN.read_text(encoding="utf-8"), str(PLAIN))
    turns = transcript.turns
    assert transcript.meta == {"labels": "none"} and len(turns) == 5
    assert all(turn.name is None and turn.role is Role.UNKNOWN for turn in turns)
    assert all(b.start - a.end > aws_transcribe.PAUSE for a, b in itertools.pairwise(turns))


def test_channels_merge_by_time_and_overlap_splits_a_turn() -> None:
    (transcript,) = aws_transcribe.read(CHANNELS.read_text(encoding="utf-8"), str(CHANNELS))
    assert transcript.meta == {"labels": "channel", "channels": 2}
    assert [t.start for t in transcript.turns] == sorted(t.start or 0 for t in transcript.turns)
    middle = [(t.name, t.text) for t in transcript.turns[4:7]]
    assert middle == [
        ("ch_1", "Thank you. It's ready,"), ("ch_0", "Mhm"),
        ("ch_1", "and you can collect it after two today."),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("channel", "agent"), [("ch_1", "ch_1"), ("1", "ch_1"), (1, "ch_1"), ("channel 0", "ch_0")]
)
def test_agent_channel_names_the_agent(channel: str | int, agent: str) -> None:
    (transcript,) = read_path(str(CHANNELS), agent_channel=channel)
    roles = {turn.name: turn.role for turn in transcript.turns}
    assert roles[agent] is Role.AGENT
    assert [role for name, role in roles.items() if name != agent] == [Role.CUSTOMER]
    assert transcript.warnings == ()


def test_agent_channel_that_no_turn_has_warns_and_the_heuristic_decides() -> None:
    (transcript,) = read_path(str(CHANNELS), agent_channel="ch_3")
    assert transcript.warnings[0] == "agent channel 'ch_3' names no channel in this transcript"
    assert transcript.warnings[1].startswith("roles guessed: 'ch_1' is the agent")


def test_agent_channel_that_is_no_channel_is_a_usage_error() -> None:
    with pytest.raises(UsageError, match="agent channel 'left' is not a channel"):
        read_transcripts([str(CHANNELS)], agent_channel="left")


def test_a_hold_ends_a_labelled_turn() -> None:
    (transcript,) = read_path(str(SAMPLES / "transcribe-router-dropouts.json"))
    hold, back = transcript.turns[9:11]
    assert (hold.role, back.role) == (Role.AGENT, Role.AGENT)
    assert hold.text.endswith("please hold for a moment.") and back.text.startswith("Thanks for")
    assert back.start - hold.end > aws_transcribe.HOLD


BASE: dict[str, Any] = {
    "jobName": "job-7",
    "results": {
        "transcripts": [{"transcript": "Hi."}],
        "items": [
            {"start_time": "0.1", "end_time": "0.4", "type": "pronunciation",
             "alternatives": [{"confidence": "1.0", "content": "Hi"}]},
            {"type": "punctuation", "alternatives": [{"confidence": "0.0", "content": "."}]},
        ],
    },
}  # fmt: skip


def broken(change: Callable[[dict[str, Any]], None]) -> str:
    return spoilt(aws_transcribe, BASE, change, "x.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.pop("results"), "x.json:1:1: error: missing 'results'"),
        (lambda d: d["results"].update(items={}),
         "x.json:9:14: error: results.items: expected a list, got an object"),
        (lambda d: d["results"]["items"][1].pop("alternatives"),
         "x.json:21:7: error: results.items[1]: missing 'alternatives'"),
        (lambda d: d["results"]["items"][0].update(alternatives=[]),
         "x.json:14:25: error: results.items[0].alternatives: empty list: no word"),
        (lambda d: d["results"]["items"][0].update(start_time="soon"),
         "x.json:11:23: error: results.items[0].start_time: expected a number, got 'soon'"),
        (lambda d: d["results"]["items"][0].pop("end_time"),
         "x.json:10:7: error: results.items[0]: missing 'end_time'"),
        (lambda d: d["results"].update(speaker_labels={"segments": [{"items": [{}]}]}),
         "x.json:35:13: error: results.speaker_labels.segments[0].items[0]: missing 'start_time'"),
    ],
)  # fmt: skip
def test_schema_errors_name_the_json_path_and_its_place(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert broken(change) == expected


def test_convert_writes_canonical_jsonl() -> None:
    result = CliRunner().invoke(cli, ["convert", str(CHANNELS), "--agent", "ch_1"])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["id"] == "fernleaf-0931" and record["channel"] == "call"
    assert [turn["speaker"] for turn in record["turns"][:2]] == ["agent", "customer"]
    assert record["turns"][0]["text"].startswith("Good morning, Fernleaf Pharmacy")
