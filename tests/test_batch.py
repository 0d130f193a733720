"""Several processes give the same output as one: files grouped, large JSONL split by lines."""

from __future__ import annotations

import json
from itertools import pairwise
from pathlib import Path

from click.testing import CliRunner

from svcaudit import batch
from svcaudit.cli import cli

SAMPLES = Path(__file__).parents[1] / "sample_transcripts"


def _export(tmp_path: Path) -> Path:
    """A JSONL export of 120 calls with one broken line in the middle."""
    record = json.loads((SAMPLES / "excellent-call.json").read_text(encoding="utf-8"))
    lines = []
    for i in range(120):
        lines.append(json.dumps({**record, "id": f"call-{i:03d}"}))
    lines[57] = '{"id": "broken", "turns": ['
    path = tmp_path / "export.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_ranges_cover_the_file_in_whole_lines(tmp_path: Path) -> None:
    path = _export(tmp_path)
    parts = list(batch.ranges(str(path), step=20_000))
    assert len(parts) > 3
    data = path.read_bytes()
    assert parts[0][2] == 0 and parts[-1][3] == len(data) and parts[-1][5] is True
    for (_, _, _, end, _, _), (_, _, start, _, line, _) in pairwise(parts):
        assert start == end and data[end - 1 : end] == b"\n"
        assert line == data[:start].count(b"\n") + 1


def test_parallel_output_is_the_sequential_output(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(batch, "RANGE_BYTES", 20_000)  # split this small export too
    export = _export(tmp_path)
    args = ["score", str(export), str(SAMPLES / "stolen-wallet.json"), "-f", "jsonl", "--no-fail"]
    one = CliRunner().invoke(cli, [*args, "-j", "1"])
    two = CliRunner().invoke(cli, [*args, "-j", "2"])
    assert one.exit_code == two.exit_code == 3  # the broken line
    assert one.stdout == two.stdout
    ids = [json.loads(line)["transcript"]["id"] for line in two.stdout.splitlines()]
    assert len(ids) == 120 and ids[57] == "call-058" and ids[-1] == "stolen-wallet"
    assert f"{export}:58:" in two.stderr  # the broken line, located in the whole file


def test_reports_rendered_in_workers_are_the_same(tmp_path: Path, monkeypatch) -> None:
    """With -j 2 and only json, jsonl and csv reports, workers send the rendered texts
    (`svcaudit.prepared`); every report, masked or not, and the warnings are the same as
    those written from whole scorecards, in one process or in two."""
    from svcaudit import run

    monkeypatch.setattr(batch, "RANGE_BYTES", 20_000)
    export = _export(tmp_path)
    dup = tmp_path / "dup.jsonl"  # a duplicate id: a warning sent back with the texts
    line = json.dumps({**json.loads((SAMPLES / "stolen-wallet.json").read_text("utf-8"))})
    dup.write_text(f"{line}\n{line}\n", encoding="utf-8")

    def outputs(jobs: str, name: str, redact: str) -> tuple[str, str, list[str]]:
        files = [tmp_path / f"{name}.{ext}" for ext in ("json", "csv")]
        args = ["score", str(export), str(dup), str(SAMPLES), "-f", "jsonl", "--no-fail",
                "-j", jobs, redact, "-o", f"json:{files[0]}", "-o", f"csv:{files[1]}"]  # fmt: skip
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 3  # the broken line
        return result.stdout, result.stderr, [f.read_text("utf-8") for f in files]

    for redact in ("--redact", "--no-redact"):
        one = outputs("1", f"one{redact}", redact)
        two = outputs("2", f"two{redact}", redact)
        monkeypatch.setattr(run, "_render_spec", lambda *_: None)  # whole scorecards sent
        whole = outputs("2", f"whole{redact}", redact)
        monkeypatch.undo()
        monkeypatch.setattr(batch, "RANGE_BYTES", 20_000)
        assert one == two == whole
        assert "duplicate id" in two[1] and f"{export}:58:" in two[1]


def test_batch_commands_and_workers_collect_cycles_less_often() -> None:
    """`score`, `annotate` and each worker raise the collector's thresholds (a speed setting:
    the output does not depend on it)."""
    import gc
    import signal

    from svcaudit import audit
    from svcaudit.checklist import load_checklist

    saved, handler = gc.get_threshold(), signal.getsignal(signal.SIGINT)
    try:
        for command in (["score", "--no-fail"], ["annotate"]):
            gc.set_threshold(700, 10, 10)
            CliRunner().invoke(
                cli, [*command, str(Path(__file__).parents[1] / "sample_transcripts")]
            )
            assert gc.get_threshold() == audit.BATCH_GC
        gc.set_threshold(700, 10, 10)
        batch._worker_init(load_checklist("quality-service"), {"input_format": "auto"})
        assert gc.get_threshold() == audit.BATCH_GC
    finally:
        gc.set_threshold(*saved)
        signal.signal(signal.SIGINT, handler)
        batch._SETUP.clear()
