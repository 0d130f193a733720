"""The SubRip reader: numbered cues, comma times, speaker prefixes, tags, bad cues."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from svcaudit.formats import read_text, sniff, srt
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

NAME = "whisperx-call.srt"


def test_sniffs_by_content() -> None:
    assert sniff(head(NAME)) == "srt"
    assert srt.sniff("\ufeff1\r\n00:00:01,000 --> 00:00:02,000\r\nHi\r\n")
    assert not srt.sniff("1. Agent: hello\n2. Customer: hi\n")
    assert not srt.sniff("WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\nHi\n")


def test_fixture_converts_to_golden(golden: Callable[[str, str], None]) -> None:
    check_golden(golden, NAME)


def test_speakers_merge_and_tags_go() -> None:
    (t,) = load(NAME)
    assert (t.format, t.channel) == ("srt", "call")
    assert [(x.role, x.name, x.text, x.start, x.end, x.line) for x in t.turns] == [
        (Role.AGENT, "SPEAKER_01",
         "Thanks for calling Brightline Internet, my name is Jess. What can I do for you?",
         0.52, 4.9, 2),
        (Role.CUSTOMER, "SPEAKER_00", "Yeah, my internet drops every evening around seven.",
         5.3, 7.4, 10),
        (Role.AGENT, "SPEAKER_01", "Oh, that's annoying.", 8.1, 9.2, 15),
    ]  # fmt: skip


def test_without_speakers_one_unknown_speaker_and_a_warning() -> None:
    content = "1\n00:00:01,000 --> 00:00:02,500\nHello.\n\n2\n00:00:03,000 --> 00:00:04,000\nHi.\n"
    (t,) = read_text(content, "plain.srt")
    assert [(x.name, x.text, x.start) for x in t.turns] == [
        ("speaker", "Hello.", 1.0), ("speaker", "Hi.", 3.0),
    ]  # fmt: skip
    assert t.warnings[0] == "no speaker labels: every turn is from one unknown speaker"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\n00:00:03,5 -->\nYo\n",
         "c.srt:6:1: error: bad cue timing '00:00:03,5 -->'"),
        ("1\n00:00:01,000 --> 00:00:02,000\nHi\n\n2\nYo\n",
         "c.srt:6:1: error: cue without a timing line: 'Yo'"),
    ],
)  # fmt: skip
def test_bad_cues_are_located(content: str, message: str) -> None:
    assert error(srt, content, "c.srt") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / NAME, "--agent", "SPEAKER_01")
    assert [x["speaker"] for x in line["turns"]] == ["agent", "customer", "agent"]
