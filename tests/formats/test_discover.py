"""From paths to transcripts: discovery, decoding, format choice and batch errors."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

import pytest

from svcaudit.errors import InputError, UsageError
from svcaudit.formats import READERS, decode, discover, read_path, read_text, read_transcripts
from svcaudit.model import LoadError, Role, Transcript

CALL = "Agent: Thanks for calling, how can I help?\nCustomer: My café order is late.\n"


def make(root: Path, *names: str, content: str = CALL) -> None:
    for name in names:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(content, encoding="utf-8")


def test_directory_walk_is_recursive_sorted_and_filtered(tmp_path: Path) -> None:
    make(
        tmp_path,
        "b.txt", "a.json", "README.md", "README.txt", "notes.docx", ".hidden.txt",
        "sub/z.csv", "sub/deeper/y.jsonl", "sub/x.TSV", ".git/c.txt", "calls/2.log", "calls/1.text",
    )  # fmt: skip
    found = [os.path.relpath(str(p), tmp_path) for p in discover([str(tmp_path)])]
    assert found == [
        "a.json", "b.txt", os.path.join("calls", "1.text"), os.path.join("calls", "2.log"),
        os.path.join("sub", "x.TSV"), os.path.join("sub", "z.csv"),
        os.path.join("sub", "deeper", "y.jsonl"),
    ]  # fmt: skip


def test_globs_files_stdin_and_duplicates(tmp_path: Path) -> None:
    make(tmp_path, "x/1.txt", "x/2.txt", "x/y/3.txt", "x/y/notes.md", "odd.dat")
    pattern = str(tmp_path / "x" / "**" / "*.*")
    found = list(discover([pattern, str(tmp_path / "x" / "1.txt"), "-", str(tmp_path / "odd.dat")]))
    assert found == [
        str(tmp_path / "x" / "1.txt"), str(tmp_path / "x" / "2.txt"),
        str(tmp_path / "x" / "y" / "3.txt"), "-", str(tmp_path / "odd.dat"),
    ]  # fmt: skip


def test_missing_paths_empty_globs_and_empty_folders_are_errors(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    missing, nothing = str(tmp_path / "nope.txt"), str(tmp_path / "*.json")
    assert list(discover([missing, nothing, str(tmp_path / "empty")])) == [
        LoadError(missing, "no such file or directory"),
        LoadError(nothing, "no transcript files match this pattern"),
        LoadError(str(tmp_path / "empty"), "no transcript files in this directory"),
    ]


def test_a_batch_goes_on_past_bad_files(tmp_path: Path) -> None:
    make(tmp_path, "1-good.txt")
    make(tmp_path, "2-bad.json", content='{"turns": [\n  {"speaker": "agent"}\n]}')
    make(tmp_path, "3-empty.txt", content="")
    (tmp_path / "4-binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    make(tmp_path, "5-good.csv", content="speaker,text\nagent,Hi\n")
    items = list(read_transcripts([str(tmp_path), str(tmp_path / "missing")]))
    assert [type(item).__name__ for item in items] == [
        "Transcript", "LoadError", "LoadError", "LoadError", "Transcript", "LoadError",
    ]  # fmt: skip
    assert [str(item) for item in items if isinstance(item, LoadError)] == [
        f"{tmp_path / '2-bad.json'}:2:3: error: turn 0: missing 'text'",
        f"{tmp_path / '3-empty.txt'}: error: no turns found",
        f"{tmp_path / '4-binary.txt'}: error: binary file, not a transcript",
        f"{tmp_path / 'missing'}: error: no such file or directory",
    ]


def test_utf16_and_utf8_boms(tmp_path: Path) -> None:
    for encoding, name in (("utf-16", "u16.txt"), ("utf-8-sig", "u8.txt")):
        (tmp_path / name).write_bytes(CALL.encode(encoding))
        (t,) = read_path(str(tmp_path / name))
        assert t.turns[1].text == "My café order is late."
        assert t.warnings == ()
    assert decode(b"\xff\xfe" + "Hi".encode("utf-16-le"), "x") == ("Hi", None)


def test_cp1252_is_read_without_losing_a_byte(tmp_path: Path) -> None:
    path = tmp_path / "legacy.txt"
    path.write_bytes(b"Agent: Caf\xe9 \x93open\x94 \x80 5\nCustomer: odd \x81 byte\n")
    (t,) = read_path(str(path))
    assert [turn.text for turn in t.turns] == [
        "Caf\u00e9 \u201copen\u201d \u20ac 5",
        "odd \x81 byte",
    ]
    assert t.warnings == ("not UTF-8: read as cp1252",)


def test_binary_file_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "x.json"
    path.write_bytes(b"PK\x03\x04\x00\x00binary")
    with pytest.raises(InputError) as caught:
        read_path(str(path))
    assert str(caught.value) == f"{path}: error: binary file, not a transcript"


def test_stdin_is_read_and_sniffed(monkeypatch: pytest.MonkeyPatch) -> None:
    data = b"conversation_id,speaker,text\nc9,agent,Hi\nc9,caller,Hello\n"
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    (t,) = list(read_transcripts(["-"]))
    assert isinstance(t, Transcript)
    assert (t.id, t.path, t.format) == ("c9", "-", "csv")
    assert [turn.role for turn in t.turns] == [Role.AGENT, Role.CUSTOMER]


def test_format_by_name_then_suffix_then_content(tmp_path: Path) -> None:
    make(tmp_path, "a.csv", content="Agent: Hi, there\nCustomer: Hello\n")
    with pytest.raises(InputError):  # by suffix: a CSV without a text column
        read_path(str(tmp_path / "a.csv"))
    (t,) = read_path(str(tmp_path / "a.csv"), input_format="text")
    assert (t.format, len(t.turns)) == ("text", 2)
    make(tmp_path, "b.export", content='{"turns": [{"speaker": "bot", "text": "Hi"}]}')
    (t,) = read_path(str(tmp_path / "b.export"))
    assert (t.id, t.format, t.turns[0].role) == ("b", "json", Role.BOT)


def test_unknown_input_format_is_a_usage_error_at_once() -> None:
    with pytest.raises(UsageError) as caught:
        read_transcripts(["nothing-read-yet"], input_format="jsonn")
    assert str(caught.value) == (
        "error: unknown input format 'jsonn' (did you mean 'json'?); "
        f"choose from {', '.join(['auto', *READERS])}"
    )
    with pytest.raises(UsageError):
        read_text(CALL, "x.txt", input_format="xml")


def test_duplicate_ids_in_one_file_get_a_warning() -> None:
    line = '{"id": "same", "turns": [{"speaker": "agent", "text": "Hi"}]}'
    transcripts = read_text(f"{line}\n{line}\n", "dupes.jsonl")
    assert [t.warnings for t in transcripts] == [("duplicate id 'same' in this file",)] * 2


def test_one_empty_transcript_among_several(tmp_path: Path) -> None:
    good = '{"id": "a", "turns": [{"speaker": "agent", "text": "Hi"}]}'
    make(tmp_path, "two.jsonl", content=f'{good}\n{{"id": "b", "turns": []}}\n')
    items = list(read_transcripts([str(tmp_path / "two.jsonl")]))
    assert isinstance(items[0], Transcript)
    assert items[1] == LoadError(str(tmp_path / "two.jsonl"), "no turns found in 'b'")
