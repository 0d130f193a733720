"""Ctrl-C during a batch: exit 130, how far it got, no traceback, no half-written report."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = Path(__file__).parents[1] / "sample_transcripts" / "excellent-call.json"
FILES = 3000


@pytest.mark.parametrize("jobs", ["1", "2"])
@pytest.mark.skipif(sys.platform == "win32", reason="process groups and SIGINT are POSIX")
def test_ctrl_c_stops_cleanly(tmp_path: Path, jobs: str) -> None:
    calls = tmp_path / "calls"
    calls.mkdir()
    # enough files that the batch cannot finish between its first line and the signal,
    # even when every file after the first is a cache hit on a busy machine
    for i in range(FILES):
        shutil.copy(SAMPLE, calls / f"c{i:04d}.json")
    report = tmp_path / "out" / "report.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "svcaudit", "score", str(calls), "-j", jobs, "-f", "jsonl",
         "-o", f"json:{report}"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
    )  # fmt: skip
    assert proc.stdout is not None
    proc.stdout.readline()  # scoring has started
    os.killpg(proc.pid, signal.SIGINT)  # as a terminal's Ctrl-C does: the whole group
    _, err = proc.communicate(timeout=120)
    text = err.decode()
    assert proc.returncode == 130
    assert "interrupted after" in text and f"of {FILES} files; no report file was written" in text
    assert "Traceback" not in text
    assert not report.exists() and not list((tmp_path / "out").glob("*"))
