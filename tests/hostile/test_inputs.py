"""Hostile input files: every case gets the contract's exit code, no traceback, and the rest of
the batch is still scored."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli

GOOD = Path(__file__).parents[2] / "sample_transcripts" / "excellent-call.json"
CALL = "Agent: Thank you for calling Acme, how can I help?\nCustomer: My parcel is late.\n"


def score(*paths: object, fmt: str = "json") -> tuple[int, dict, str]:
    result = CliRunner().invoke(cli, ["score", *map(str, paths), str(GOOD), "-f", fmt, "--no-fail"])
    assert "Traceback" not in result.stderr, result.stderr
    return result.exit_code, json.loads(result.stdout), result.stderr


def assert_reported(path: Path, code: int, report: dict, stderr: str) -> None:
    """The bad file is an error in the report and on stderr; the good one is still scored."""
    assert code == 3
    assert [e["path"] for e in report["errors"]] == [str(path)]
    assert [c["transcript"]["id"] for c in report["scorecards"]] == ["excellent-call"]
    line = next(x for x in stderr.splitlines() if x.startswith(str(path)))
    assert ": error: " in line


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "no turns found"),
        ("blank.json", b"   \n\n", ""),
        ("binary.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("truncated.json", b'{"id": "x", "turns": [{"speaker": "agent", "text": "Hi', "JSON"),
        ("deep.json", b"[" * 10_000 + b"]" * 10_000, ""),
        ("not-a-transcript.json", b'{"hello": "world"}', ""),
    ],
)
def test_unreadable_file_is_reported_and_the_batch_goes_on(
    tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    code, report, stderr = score(path)
    assert_reported(path, code, report, stderr)
    assert message.lower() in report["errors"][0]["message"].lower()


@pytest.mark.parametrize(
    ("encoding", "bom"), [("utf-16", b""), ("utf-8", b"\xef\xbb\xbf"), ("cp1252", b"")]
)
def test_other_encodings_are_decoded_not_rejected(
    tmp_path: Path, encoding: str, bom: bytes
) -> None:
    path = tmp_path / f"call-{encoding}.txt"
    path.write_bytes(bom + (CALL + "Customer: Café au lait, naïve résumé.\n").encode(encoding))
    code, report, _ = score(path)
    assert code == 0 and report["errors"] == []
    turns = CliRunner().invoke(cli, ["annotate", str(path), "-f", "json"]).stdout
    assert "Café au lait, naïve résumé." in json.loads(turns)["turns"][2]["text"]


def test_invalid_utf8_bytes_are_read_with_a_warning_not_lost(tmp_path: Path) -> None:
    path = tmp_path / "bad-bytes.txt"
    path.write_bytes(CALL.encode() + b"Customer: caf\xe9 \xff\xfe done\n")
    code, report, stderr = score(path)
    assert code == 0 and len(report["scorecards"]) == 2
    assert "warning" in stderr and str(path) in stderr


def test_a_ten_megabyte_line_is_bounded(tmp_path: Path) -> None:
    path = tmp_path / "long-line.txt"
    path.write_text(CALL + "Customer: " + "word " * 2_000_000 + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "-f", "jsonl", "--no-fail"])
    assert "Traceback" not in result.stderr
    assert result.exit_code in (0, 3)
    if result.exit_code == 3:  # refused: the limit is named
        assert "limit" in result.stderr or "larger than" in result.stderr


def test_ten_thousand_turns_are_scored(tmp_path: Path) -> None:
    path = tmp_path / "marathon.txt"
    path.write_text(CALL * 5_000, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", str(path), "-f", "jsonl", "--no-fail"])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["transcript"]["turns"] == 10_000


@pytest.mark.parametrize("missing", ["agent", "customer"])
def test_a_transcript_without_one_side_is_scored_with_a_warning(
    tmp_path: Path, missing: str
) -> None:
    lines = [x for x in CALL.splitlines() if not x.lower().startswith(missing)]
    path = tmp_path / f"no-{missing}.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    code, report, stderr = score(path)
    assert code == 0 and len(report["scorecards"]) == 2
    assert f"no {missing} turns" in stderr


def test_duplicate_ids_are_all_scored_with_a_warning(tmp_path: Path) -> None:
    record = json.loads(GOOD.read_text())
    path = tmp_path / "dupes.jsonl"
    path.write_text(json.dumps(record) + "\n" + json.dumps(record) + "\n", encoding="utf-8")
    code, report, stderr = score(path)
    assert code == 0
    assert [c["transcript"]["id"] for c in report["scorecards"]].count("excellent-call") == 3
    assert "duplicate" in stderr


@pytest.mark.skipif(
    os.geteuid() == 0 if hasattr(os, "geteuid") else True, reason="root reads any file"
)
def test_an_unreadable_file_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "locked.txt"
    path.write_text(CALL, encoding="utf-8")
    path.chmod(0)
    code, report, stderr = score(path)
    assert_reported(path, code, report, stderr)


def test_a_symlink_loop_does_not_hang(tmp_path: Path) -> None:
    folder = tmp_path / "calls"
    (folder / "inner").mkdir(parents=True)
    (folder / "inner" / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "a.txt").write_text(CALL, encoding="utf-8")
    code, report, _ = score(folder)
    assert code == 0 and len(report["scorecards"]) == 2


@pytest.mark.parametrize(
    "name", ["call with spaces.txt", "llamada-ñandú-电话.txt", "-leading-dash.txt"]
)
def test_awkward_file_names(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text(CALL, encoding="utf-8")
    result = CliRunner().invoke(cli, ["score", "--no-fail", "-f", "json", "--", str(path)])
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["scorecards"][0]["transcript"]["path"] == str(path)
    if sys.platform != "win32":
        os.chdir(tmp_path)
        result = CliRunner().invoke(cli, ["score", "--no-fail", "-f", "json", "--", name])
        assert result.exit_code == 0, result.stderr


def test_a_200_megabyte_transcript_is_refused_with_the_limit_named(tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as file:
        file.truncate(200 * 1024 * 1024)  # sparse: costs no disk and no time
    code, report, stderr = score(path)
    assert_reported(path, code, report, stderr)
    assert "100 MB limit" in report["errors"][0]["message"]
