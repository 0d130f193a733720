"""The WebVTT reader: voice tags, Zoom prefixes, JSON payloads, loose times, bad cues."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from svcaudit.formats import read_text, sniff, webvtt
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

TEAMS, ZOOM, METADATA = "teams-call.vtt", "zoom-call.vtt", "teams-metadata.vtt"
WHISPER_VTT = (
    "WEBVTT\n\n00:03.828 --> 00:04.809\nHey, Manpreet.\n\n"
    "00:12.721 --> 00:13.843\nHi, how are you?\n"
)


@pytest.mark.parametrize("name", [TEAMS, ZOOM, METADATA])
def test_sniffs_by_content(name: str) -> None:
    assert sniff(head(name)) == "webvtt"


def test_sniff_needs_the_header() -> None:
    assert webvtt.sniff("\ufeffWEBVTT\r\n\r\n")
    assert webvtt.sniff("WEBVTT - Meeting 12\n")
    assert not webvtt.sniff("WEBVTTX\n")
    assert not webvtt.sniff("Agent: WEBVTT is a format\n")


@pytest.mark.parametrize("name", [TEAMS, ZOOM, METADATA])
def test_fixtures_convert_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    check_golden(golden, name)


def test_teams_voice_tags_unpadded_times_and_carried_voices() -> None:
    (t,) = load(TEAMS)
    assert (t.format, t.channel, t.agent) == ("webvtt", "call", "Rosa Delgado")
    assert [(x.role, x.name, x.start, x.end, x.line) for x in t.turns] == [
        (Role.AGENT, "Rosa Delgado", 1.25, 6.1, 6),
        (Role.CUSTOMER, "Ben Carter", 7.2, 12.45, 14),
        (Role.AGENT, "Rosa Delgado", 13.0, 22.5, 19),
        (Role.CUSTOMER, "Ben Carter", 23.1, 24.9, 31),
    ]
    assert (
        t.turns[1].text
        == "Hi, I need to move my appointment on Friday. I've come down with the flu."
    )
    assert t.turns[2].text == (
        "Oh, I'm sorry to hear you're not feeling well. Let me check what we have next week & "
        "I'll read you the options. Tuesday at 10 or Wednesday at 3."
    )


def test_zoom_prefixes_name_speakers_and_a_one_off_colon_is_text() -> None:
    (t,) = load(ZOOM)
    assert [(x.role, x.name) for x in t.turns] == [
        (Role.AGENT, None), (Role.CUSTOMER, "Marcus Hill"), (Role.AGENT, None),
    ]  # fmt: skip
    assert t.turns[1].text.endswith("first night. Note: I bought it six weeks ago.")


def test_teams_metadata_cues_carry_json() -> None:
    (t,) = load(METADATA)
    assert [(x.role, x.name, x.text[:20]) for x in t.turns] == [
        (Role.AGENT, None, "Thank you for callin"),
        (Role.CUSTOMER, "Nadia Rahman", "Hi, the CRM won't op"),
    ]
    assert t.meta == {"start_time": "2024-06-03T13:00:00.500Z"}


def test_whisper_captions_without_speakers_crlf_bom_and_title() -> None:
    content = "\ufeff" + WHISPER_VTT.replace("WEBVTT", "WEBVTT - Call 7").replace("\n", "\r\n")
    (t,) = read_text(content, "w.vtt")
    assert [(x.role, x.name, x.text, x.start) for x in t.turns] == [
        (Role.AGENT, "speaker", "Hey, Manpreet.", 3.828),
        (Role.AGENT, "speaker", "Hi, how are you?", 12.721),
    ]
    assert t.meta == {"title": "Call 7"}
    assert t.warnings[0] == "no speaker labels: every turn is from one unknown speaker"


def test_two_voices_in_one_cue_and_negative_offsets() -> None:
    content = "WEBVTT\n\n-0:0:1.5 --> 0:0:2.0\n<v Agent>Hello.</v> <v Customer>Hi!</v>\n"
    (t,) = webvtt.read(content, "x.vtt")
    assert [(x.role, x.text, x.start) for x in t.turns] == [
        (Role.AGENT, "Hello.", -1.5), (Role.CUSTOMER, "Hi!", -1.5),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            "WEBVTT\n\n1\n00:00:01.000 --> 00:00:02.000\n<v A>Hi</v>\n\n2\n00:01:02.5 -->\nYo\n",
            "call.vtt:8:1: error: bad cue timing '00:01:02.5 -->'",
        ),
        (
            "WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nHi\n\n00:00:xx.000 --> 00:00:03.000\nYo\n",
            "call.vtt:6:1: error: bad cue timing '00:00:xx.000 --> 00:00:03.000'",
        ),
        ("WEBVTT\n\nHello there\nGeneral\n", "call.vtt:3:1: error: cue without a timing line: "
         "'Hello there'"),
        ("WEBVTT\n\n00:01.000 --> 00:02.000\n{\"speakerName\": \"A\"\n",
         "call.vtt:4:1: error: bad JSON cue payload: expecting ',' delimiter"),
        ("Agent: hi\n", "call.vtt:1:1: error: missing 'WEBVTT' header, found 'Agent: hi'"),
    ],
)  # fmt: skip
def test_bad_cues_are_located(content: str, message: str) -> None:
    assert error(webvtt, content, "call.vtt") == message


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / TEAMS)
    assert [(x["speaker"], x["name"]) for x in line["turns"]][:2] == [
        ("agent", "Rosa Delgado"), ("customer", "Ben Carter"),
    ]  # fmt: skip
