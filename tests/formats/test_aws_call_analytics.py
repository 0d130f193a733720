"""The Transcribe Call Analytics reader: AGENT/CUSTOMER turns in time order, analytics in meta."""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.formats import aws_call_analytics, read_path, read_text, sniff
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

from .readers_kit import spoilt

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
REAL = FIXTURES / "callanalytics-example-call.json"


def test_real_output_sniffs_by_content_and_not_as_its_neighbours() -> None:
    text = REAL.read_text(encoding="utf-8")
    assert sniff(text[:HEAD_SIZE]) == "callanalytics"  # one 69 KB line: not JSONL
    (transcript,) = read_text(text, "-")
    assert transcript.format == "callanalytics"
    lens = (FIXTURES / "contactlens-postcall-voice.json").read_text(encoding="utf-8")
    assert not aws_call_analytics.sniff(lens[:HEAD_SIZE])  # Contact Lens has its keys too


def test_real_output_converts_to_golden(golden: Callable[[str, str], None]) -> None:
    transcripts = read_path(str(REAL))
    text = json.dumps([to_obj(t) for t in transcripts], indent=2, ensure_ascii=False) + "\n"
    golden("formats/callanalytics-example-call.json.json", text)


def test_roles_times_and_overlapping_turns() -> None:
    (transcript,) = read_path(str(REAL))
    assert (transcript.id, transcript.channel, transcript.warnings) == (
        "example-call.wav", "call", (),
    )  # fmt: skip
    first, second, third = transcript.turns[:3]
    assert (first.role, first.start, first.end) == (Role.AGENT, 0.04, 5.05)
    assert first.text.startswith("Thank you for calling Anchor Credit Union")
    assert (second.role, third.role) == (Role.CUSTOMER, Role.AGENT)
    assert third.start < second.end  # both talk at once: kept, ordered by start
    starts = [turn.start or 0.0 for turn in transcript.turns]
    assert starts == sorted(starts) and len(starts) == 37


def test_analytics_are_summed_up_in_meta() -> None:
    (transcript,) = read_path(str(REAL))
    meta = transcript.meta
    assert meta["categories"] == ["No_Closing_Remark"]
    assert meta["sentiment"] == {"AGENT": 2.4, "CUSTOMER": 1.8}
    assert meta["redaction"] == ["PII"] and meta["duration"] == 182.89
    assert meta["issues"] == [
        "I'm trying to dock up my ship and my card fell into the water so I'm hoping to get it "
        "replaced."
    ]
    assert len(meta["outcomes"]) == len(meta["action_items"]) == 1


def test_sample_call_is_read_in_order() -> None:
    (transcript,) = read_path(str(SAMPLES / "callanalytics-double-charge.json"))
    assert transcript.id == "lumen-billing-0193.wav"
    assert [t.role for t in transcript.turns[:2]] == [Role.AGENT, Role.CUSTOMER]
    assert all(a.role != b.role for a, b in itertools.pairwise(transcript.turns))


BASE: dict[str, Any] = {
    "JobName": "call-1",
    "JobStatus": "COMPLETED",
    "Transcript": [
        {"ParticipantRole": "AGENT", "Content": "Hi.", "BeginOffsetMillis": 0,
         "EndOffsetMillis": 500},
        {"ParticipantRole": "CUSTOMER", "Content": "Hello.", "BeginOffsetMillis": 700,
         "EndOffsetMillis": 1200},
    ],
}  # fmt: skip


def broken(change: Callable[[dict[str, Any]], None]) -> str:
    return spoilt(aws_call_analytics, BASE, change, "ca.json")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (lambda d: d.update(Transcript={"turns": []}),
         "ca.json:4:17: error: Transcript: expected a list, got an object"),
        (lambda d: d["Transcript"][1].pop("ParticipantRole"),
         "ca.json:11:5: error: Transcript[1]: missing 'ParticipantRole'"),
        (lambda d: d["Transcript"][0].update(Content=None),
         "ca.json:5:5: error: Transcript[0]: missing 'Content'"),
        (lambda d: d["Transcript"][1].update(BeginOffsetMillis="0:07"),
         "ca.json:14:28: error: Transcript[1].BeginOffsetMillis: expected a number, got '0:07'"),
        (lambda d: d["Transcript"].append("Bye."),
         "ca.json:17:5: error: Transcript[2]: expected an object, got 'Bye.'"),
    ],
)  # fmt: skip
def test_schema_errors_name_the_json_path_and_its_place(
    change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert broken(change) == expected


def test_convert_writes_canonical_jsonl() -> None:
    result = CliRunner().invoke(cli, ["convert", str(SAMPLES / "callanalytics-double-charge.json")])
    assert result.exit_code == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.splitlines()]
    assert record["meta"]["issues"] == ["I've been charged twice for my direct debit this month"]
    assert {turn["speaker"] for turn in record["turns"]} == {"agent", "customer"}
