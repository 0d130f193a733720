"""The JSONL reader: one canonical object a line; errors name the line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from svcaudit.errors import InputError
from svcaudit.formats import jsonl, read_text, sniff
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def error(text: str, path: str = "chats.jsonl") -> str:
    with pytest.raises(InputError) as caught:
        jsonl.read(text, path)
    return str(caught.value)


def test_sample_has_two_chats_each_turn_on_its_line() -> None:
    path = str(SAMPLES / "chats.jsonl")
    short, status = jsonl.read((SAMPLES / "chats.jsonl").read_text(encoding="utf-8"), path)
    assert (short.id, short.channel, short.agent, short.format) == (
        "short-chat-store-hours", "chat", "Jess", "jsonl",
    )  # fmt: skip
    assert len(short.turns) == 4 and {turn.line for turn in short.turns} == {1}
    assert status.id == "chat-order-status" and {turn.line for turn in status.turns} == {2}
    assert (status.turns[0].role, status.turns[0].text) == (Role.SYSTEM, "Sam has joined the chat.")
    assert all(turn.start is None for turn in status.turns)


def test_blank_lines_are_skipped_and_ids_named_by_line() -> None:
    """A transcript without an id is called stem#LINE: the same however the file is split."""
    line = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    transcripts = jsonl.read(f"{line}\n\n{line}\r\n", "out/batch.jsonl")
    assert [t.id for t in transcripts] == ["batch#1", "batch#3"]
    assert [t.turns[0].line for t in transcripts] == [1, 3]


def test_one_object_takes_the_file_stem() -> None:
    line = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    assert [t.id for t in jsonl.read(line, "out/one.jsonl")] == ["one"]


def test_bad_json_names_its_line_and_column() -> None:
    good = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    text = f'{good}\n{{"turns": [}}\n'
    assert error(text) == "chats.jsonl:2:12: error: invalid JSON: expecting value"


def test_invalid_object_names_its_line() -> None:
    good = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    text = f'{good}\n\n{{"id": "x"}}\n'
    assert error(text) == "chats.jsonl:3: error: missing 'turns'"
    bad_turn = '{"turns": [{"speaker": "agent", "text": null}]}'
    assert error(bad_turn) == "chats.jsonl:1: error: turn 0: 'text' must be a string, got null"


def test_text_may_hold_a_line_separator() -> None:
    line = json.dumps({"turns": [{"speaker": "agent", "text": "a\u2028b"}]}, ensure_ascii=False)
    (t,) = jsonl.read(line, "x.jsonl")
    assert t.turns[0].text == "a\u2028b"


def test_sniff_tells_jsonl_from_json() -> None:
    line = json.dumps({"id": "a", "turns": [{"speaker": "agent", "text": "Hi"}]})
    assert jsonl.sniff(f"{line}\n{line}\n")
    assert jsonl.sniff('{"id": "a", "turns": [{"speaker": "agent", "text": "' + "x" * HEAD_SIZE)
    assert not jsonl.sniff(line + "\n")
    assert not jsonl.sniff('{\n  "id": "a",\n  "turns": []\n}\n')
    assert not jsonl.sniff('[{"id": "a"}]')
    assert sniff(f"{line}\n{line}\n") == "jsonl"
    assert sniff('{\n  "id": "a"\n}') == "json"
    assert sniff(line) == "json"


def test_read_text_sniffs_jsonl_from_stdin() -> None:
    line = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    transcripts = read_text(f"{line}\n{line}\n", "-")
    assert [(t.id, t.format) for t in transcripts] == [("stdin#1", "jsonl"), ("stdin#2", "jsonl")]


def test_a_bad_line_loses_only_itself(tmp_path) -> None:
    """One broken line in a JSONL export is that line's error; every other line is scored."""
    from svcaudit.formats import read_transcripts
    from svcaudit.model import LoadError

    good = json.dumps({"id": "a", "turns": [{"speaker": "agent", "text": "Hi"}]})
    other = json.dumps({"id": "c", "turns": [{"speaker": "agent", "text": "Hi"}]})
    path = tmp_path / "calls.jsonl"
    path.write_text(f"{good}\n{{broken\n{other}\n", encoding="utf-8")
    items = list(read_transcripts([str(path)]))
    assert [getattr(i, "id", None) for i in items] == ["a", None, "c"]
    assert isinstance(items[1], LoadError) and items[1].line == 2


def test_a_range_reads_as_the_whole_file_does(tmp_path) -> None:
    """What a worker reads of a split file: the same transcripts, lines and default ids."""
    from svcaudit.formats import read_file, read_jsonl_range

    line = json.dumps({"turns": [{"speaker": "agent", "text": "Hi"}]})
    path = tmp_path / "big.jsonl"
    path.write_text(f"{line}\n{line}\n{line}\n", encoding="utf-8")
    whole = read_file(str(path), "auto", None)
    cut = len(line) + 1
    parts = read_jsonl_range(str(path), 0, cut, 1) + read_jsonl_range(
        str(path), cut, path.stat().st_size, 2
    )
    assert [t.id for t in parts] == [t.id for t in whole] == ["big#1", "big#2", "big#3"]
    assert [t.turns[0].line for t in parts] == [1, 2, 3]
