"""``svcaudit score DIR -o csv:... -o junit:... -o markdown:... -o github:...`` in one run:
every good transcript in every file, the broken one reported in each, exit 3."""

from __future__ import annotations

import csv
import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"
GOOD = {"excellent-call.json": "excellent-call", "bare-refusal.txt": "bare-refusal"}
BROKEN = '{"id": "x", "turns": [\n  {"speaker": "agent" "text": "hi"}]}\n'
FORMATS = ("csv", "junit", "markdown", "github")


@pytest.fixture
def outputs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    """Run the CLI once over 2 good and 1 broken transcript; return each file's text."""
    folder = tmp_path / "calls"
    folder.mkdir()
    for name in GOOD:
        shutil.copy(SAMPLES / name, folder / name)
    (folder / "broken.json").write_text(BROKEN, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    args = ["score", "calls", "-f", "json"]
    for fmt in FORMATS:
        args += ["-o", f"{fmt}:out.{fmt}"]
    result = CliRunner().invoke(cli, args, catch_exceptions=False)
    assert result.exit_code == 3, result.stderr
    assert "calls/broken.json:2:23: error: invalid JSON" in result.stderr
    return {fmt: (tmp_path / f"out.{fmt}").read_text(encoding="utf-8") for fmt in FORMATS}


def test_csv(outputs: dict[str, str]) -> None:
    rows = list(csv.DictReader(io.StringIO(outputs["csv"])))
    ids = {row["transcript_id"] for row in rows}
    assert ids == {*GOOD.values(), ""}
    assert len(rows) == 2 * 10 + 1  # quality-service has 10 elements
    (error,) = [row for row in rows if row["verdict"] == "error"]
    assert error["path"] == "calls/broken.json"
    assert error["reason"].startswith("line 2: invalid JSON")


def test_junit(outputs: dict[str, str]) -> None:
    root = ET.fromstring(outputs["junit"].encode("utf-8"))
    suites = {suite.get("name"): suite for suite in root.findall("testsuite")}
    assert set(suites) == {*GOOD.values(), "calls/broken.json"}
    assert root.get("errors") == "1"
    assert suites["calls/broken.json"].find("testcase/error") is not None
    assert len(suites["excellent-call"].findall("testcase")) == 10


def test_markdown(outputs: dict[str, str]) -> None:
    text = outputs["markdown"]
    assert "2 transcripts · 1 passed · 1 failed · 1 error" in text
    assert all(f"| {tid} |" in text for tid in GOOD.values())
    assert "- calls/broken.json:2: invalid JSON" in text


def test_github(outputs: dict[str, str]) -> None:
    lines = outputs["github"].splitlines()
    assert lines[0].startswith("::error file=calls/bare-refusal.txt,line=1,title=svcaudit ")
    assert lines[1].startswith("::error file=calls/broken.json,line=2::invalid JSON")
    assert lines[2] == (
        "::notice title=svcaudit::2 transcripts, 1 passed, 1 failed, 1 error, mean score 53.2"
    )
    assert len(lines) == 3  # nothing for the transcript that passed
