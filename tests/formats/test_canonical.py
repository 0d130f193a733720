"""The canonical JSON reader: one object or a list, validated, errors located."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcaudit.errors import InputError
from svcaudit.formats import canonical, read_text, read_transcripts
from svcaudit.model import LoadError, Role

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def write(tmp_path: Path, name: str, content: str) -> str:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    return str(path)


def error(text: str, path: str = "calls/x.json") -> str:
    with pytest.raises(InputError) as caught:
        canonical.read(text, path)
    return str(caught.value)


def test_sample_reads_every_field() -> None:
    path = str(SAMPLES / "stolen-wallet.json")
    (t,) = canonical.read((SAMPLES / "stolen-wallet.json").read_text(encoding="utf-8"), path)
    assert (t.id, t.channel, t.agent, t.path) == ("stolen-wallet", "call", "Mei", path)
    assert t.meta["queue"] == "card-services"
    first, second = t.turns[:2]
    assert (first.index, first.role, first.name, first.start, first.end) == (
        0,
        Role.AGENT,
        "Mei",
        0.0,
        6.66,
    )
    assert first.text.startswith("Thank you for calling Lakeside")
    assert (second.index, second.role, second.name) == (1, Role.CUSTOMER, "Sean Brennan")
    assert first.line == 11  # the line of the turn's `{`


def test_list_without_ids_numbers_the_file_stem() -> None:
    objects = [{"turns": [{"speaker": "agent", "text": "Hi"}]}] * 2
    ids = [t.id for t in canonical.read(json.dumps(objects), "in/calls.json")]
    assert ids == ["calls#1", "calls#2"]


def test_one_object_without_id_is_named_after_the_file() -> None:
    text = '{"turns": [{"speaker": "customer", "text": "Hi", "start": 1, "end": null}]}'
    (t,) = canonical.read(text, "in/call-7.json")
    assert t.id == "call-7"
    assert (t.turns[0].start, t.turns[0].end, t.turns[0].line) == (1.0, None, 1)


def test_speaker_labels_are_mapped() -> None:
    text = json.dumps({"turns": [
        {"speaker": "Rep", "text": "Hello"},
        {"speaker": "agent (Dana)", "text": "Hi"},
        {"speaker": "Caller", "text": "Hi"},
    ]})  # fmt: skip
    (t,) = canonical.read(text, "x.json")
    assert [(turn.role, turn.name) for turn in t.turns] == [
        (Role.AGENT, None), (Role.AGENT, "Dana"), (Role.CUSTOMER, None),
    ]  # fmt: skip


def test_bad_json_names_line_and_column() -> None:
    text = '{\n  "turns": [\n    {"speaker": "agent" "text": "hi"}\n  ]\n}\n'
    expected = "calls/x.json:3:25: error: invalid JSON: expecting ',' delimiter"
    assert error(text) == expected


def test_bad_json_in_a_batch_is_a_load_error_with_its_line(tmp_path: Path) -> None:
    path = write(tmp_path, "bad.json", '[\n  {"turns": []},\n  {"turns": [}\n]\n')
    (item,) = read_transcripts([path])
    assert item == LoadError(path, "invalid JSON: expecting value", 3, 14)


def test_several_objects_a_line_hint_at_jsonl() -> None:
    message = error('{"turns": []}\n{"turns": []}\n')
    assert message == (
        "calls/x.json:2:1: error: invalid JSON: extra data (one object a line? that is JSONL)"
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ('"hello"', "1:1: error: expected a transcript object, got 'hello'"),
        ('{"id": "a"}', "1:1: error: missing 'turns'"),
        ('{"turns": {}}', "1:1: error: 'turns' must be a list"),
        ('{"id": [], "turns": []}', "1:1: error: 'id' must be a string, got a list"),
        ('{"meta": 3, "turns": []}', "1:1: error: 'meta' must be an object or null, got 3"),
        ('{"channel": 1, "turns": []}', "1:1: error: 'channel' must be a string or null, got 1"),
        ('{"turns": [\n 7]}', "2:2: error: turn 0: expected an object, got 7"),
        (
            '{"turns": [\n {"speaker": "agent"}]}',
            "2:2: error: turn 0: missing 'text'",
        ),
        (
            '{"turns": [{"speaker": "agent", "text": "a"},\n  {"speaker": "agent", "text": 5}]}',
            "2:3: error: turn 1: 'text' must be a string, got 5",
        ),
        (
            '{"turns": [\n {"speaker": 12, "text": "a"}]}',
            "2:2: error: turn 0: 'speaker' must be one of agent, customer, system, bot, unknown,"
            " got 12",
        ),
        (
            '{"turns": [\n {"speaker": "agent", "text": "a", "start": "0:01"}]}',
            "2:2: error: turn 0: 'start' must be a number or null, got '0:01'",
        ),
        (
            '{"turns": [\n {"speaker": "agent", "text": "a", "end": true}]}',
            "2:2: error: turn 0: 'end' must be a number or null, got true",
        ),
        (
            '{"turns": [\n {"speaker": "agent", "text": "a", "name": 3}]}',
            "2:2: error: turn 0: 'name' must be a string or null, got 3",
        ),
    ],
)
def test_invalid_transcripts_are_located(text: str, expected: str) -> None:
    assert error(text) == f"calls/x.json:{expected}"


def test_an_error_in_the_second_object_of_a_list_points_there() -> None:
    text = '[\n {"turns": []},\n {"turns": [\n   {"speaker": "agent"}\n ]}\n]'
    assert error(text) == "calls/x.json:4:4: error: turn 0: missing 'text'"


def test_no_turns_is_a_load_error(tmp_path: Path) -> None:
    path = write(tmp_path, "empty.json", '{"id": "e", "turns": []}')
    assert list(read_transcripts([path])) == [LoadError(path, "no turns found")]


def test_the_file_names_the_agent_among_unknown_speakers() -> None:
    text = json.dumps({"agent": "Lee", "turns": [
        {"speaker": "unknown", "name": "Kim", "text": "Hi, I need help"},
        {"speaker": "unknown", "name": "Lee", "text": "Sure"},
    ]})  # fmt: skip
    (t,) = read_text(text, "x.json")
    assert [turn.role for turn in t.turns] == [Role.CUSTOMER, Role.AGENT]
    assert t.warnings == ()


def test_sniff() -> None:
    assert canonical.sniff('  {"id": 1')
    assert canonical.sniff('[\n  {"id": 1')
    assert canonical.sniff("[]")
    assert not canonical.sniff("[00:01:02] Agent: hi")
    assert not canonical.sniff("Agent: {hi}")
