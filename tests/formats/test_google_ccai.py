"""The CCAI Insights reader: Conversation resources (one or a page) and chat `entries`."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.formats import google_ccai, read_path, read_text, sniff
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

from .readers_kit import spoilt

FIXTURES = Path(__file__).parent / "fixtures"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
ENTRIES = FIXTURES / "ccai-insights-chat-entries.doc-example.json"
PAGE = FIXTURES / "ccai-conversations-chat.json"
CALL = SAMPLES / "ccai-delayed-bag.json"
NAMES = ("ccai-insights-chat-entries.doc-example.json", "ccai-conversations-chat.json")


@pytest.mark.parametrize("path", [ENTRIES, PAGE, CALL])
def test_sniffs_as_ccai_by_content(path: Path) -> None:
    assert sniff(path.read_text(encoding="utf-8")[:HEAD_SIZE]) == "ccai"


@pytest.mark.parametrize("name", NAMES)
def test_fixture_converts_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    transcripts = read_path(str(FIXTURES / name))
    text = json.dumps([to_obj(t) for t in transcripts], indent=2, ensure_ascii=False) + "\n"
    golden(f"formats/{name}.json", text)


def test_entries_roles_and_microsecond_times_from_the_first() -> None:
    (transcript,) = read_path(str(ENTRIES))
    assert (transcript.id, transcript.channel) == ("ccai-insights-chat-entries.doc-example", "chat")
    assert [(t.role, t.start) for t in transcript.turns[:3]] == [
        (Role.AGENT, 0.0), (Role.CUSTOMER, 15.0), (Role.AGENT, 30.0),
    ]  # fmt: skip
    assert transcript.warnings == ()


def test_a_page_of_conversations_with_a_virtual_agent() -> None:
    first, second = read_path(str(PAGE))
    assert (first.id, first.agent, second.id, second.agent) == (
        "chat-1001", "agent-317", "chat-1002", None,
    )  # fmt: skip
    assert [t.role for t in first.turns[:4]] == [Role.BOT, Role.CUSTOMER, Role.BOT, Role.AGENT]
    assert [t.start for t in first.turns[:4]] == [2.0, 9.5, 11.0, 45.25]  # from startTime


def test_phone_call_times_come_from_word_offsets() -> None:
    (transcript,) = read_path(str(CALL))
    first = transcript.turns[0]
    assert (transcript.id, transcript.channel, transcript.agent) == (
        "8321094417", "call", "marco.b-4471",
    )  # fmt: skip
    assert (first.role, first.start, first.end) == (Role.AGENT, 0.6, 6.91)
    assert transcript.meta["issues"] == ["Delayed baggage"]
    assert transcript.meta["duration"] == 160.16


def segments(*tags: int) -> dict[str, Any]:
    said = ["Thanks for calling, how can I help?", "My card was declined."]
    return {
        "transcript": {
            "transcriptSegments": [
                {"text": said[i % 2], "channelTag": tag,
                 "words": [{"startOffset": f"{i * 3}s", "endOffset": f"{i * 3 + 2}.500s"}]}
                for i, tag in enumerate(tags)
            ]
        }
    }  # fmt: skip


def test_without_roles_call_metadata_names_the_channels() -> None:
    conversation = dict(segments(2, 1), callMetadata={"agentChannel": 2, "customerChannel": 1})
    (transcript,) = read_text(json.dumps(conversation), "call.json")
    assert [(t.role, t.name, t.start, t.end) for t in transcript.turns] == [
        (Role.AGENT, None, 0.0, 2.5), (Role.CUSTOMER, None, 3.0, 5.5),
    ]  # fmt: skip


def test_without_roles_or_metadata_channels_are_left_to_agent_channel() -> None:
    (guessed,) = read_text(json.dumps(segments(1, 2)), "call.json")
    assert guessed.warnings[0].startswith("roles guessed: 'ch_1' is the agent")
    (told,) = read_text(json.dumps(segments(1, 2)), "call.json", agent_channel="2")
    assert [(t.role, t.name) for t in told.turns] == [
        (Role.CUSTOMER, "ch_1"), (Role.AGENT, "ch_2"),
    ]  # fmt: skip


def broken(doc: dict[str, Any], change: Callable[[dict[str, Any]], None]) -> str:
    return spoilt(google_ccai, doc, change, "g.json")


ENTRY_DOC = {"entries": [{"text": "Hi", "role": "AGENT", "user_id": 2,
                          "start_timestamp_usec": 1675230581000000}]}  # fmt: skip


@pytest.mark.parametrize(
    ("doc", "change", "expected"),
    [
        (segments(1), lambda d: d["transcript"].update(transcriptSegments={}),
         "g.json:3:27: error: transcript.transcriptSegments: expected a list, got an object"),
        (segments(1), lambda d: d["transcript"]["transcriptSegments"][0]["words"][0].update(
            startOffset=1.5),
         "g.json:9:28: error: transcript.transcriptSegments[0].words[0].startOffset: "
         "expected a duration such as '3.100s', got 1.5"),
        (segments(1), lambda d: d.pop("transcript"), "g.json:1:1: error: missing 'transcript'"),
        (ENTRY_DOC, lambda d: d["entries"][0].pop("text"),
         "g.json:3:5: error: entries[0]: missing 'text'"),
        (ENTRY_DOC, lambda d: d["entries"][0].update(start_timestamp_usec="now"),
         "g.json:7:31: error: entries[0].start_timestamp_usec: expected a number, got 'now'"),
    ],
)  # fmt: skip
def test_schema_errors_name_the_json_path_and_its_place(
    doc: dict[str, Any], change: Callable[[dict[str, Any]], None], expected: str
) -> None:
    assert broken(doc, change) == expected


def test_convert_writes_canonical_jsonl() -> None:
    result = CliRunner().invoke(cli, ["convert", str(PAGE)])
    assert result.exit_code == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [record["id"] for record in records] == ["chat-1001", "chat-1002"]
    assert records[0]["turns"][0]["speaker"] == "bot"
