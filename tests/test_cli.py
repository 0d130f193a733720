"""The command line as a user meets it: real files, CliRunner, stdout and stderr apart."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli

SAMPLES = Path(__file__).parents[1] / "sample_transcripts"
EXCELLENT = str(SAMPLES / "excellent-call.json")
POOR = str(SAMPLES / "poor-business-only.txt")


@pytest.fixture
def run():
    def invoke(*args: str, input: str | None = None):
        return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)

    return invoke


def test_exit_0_when_every_transcript_passes(run) -> None:
    result = run("score", EXCELLENT)
    assert result.exit_code == 0
    assert "PASS" in result.stdout and result.stderr == ""


def test_exit_1_when_a_transcript_fails_and_no_fail_masks_it(run) -> None:
    assert run("score", EXCELLENT, POOR).exit_code == 1
    assert run("score", EXCELLENT, POOR, "--no-fail").exit_code == 0


def test_fail_under_overrides_the_pass_mark(run) -> None:
    assert run("score", POOR, "--fail-under", "0").exit_code == 0
    assert run("score", EXCELLENT, "--fail-under", "100").exit_code == 0


def test_exit_2_for_a_bad_checklist_and_nothing_scored(run, tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "id: b\ntitle: B\nelements:\n  - id: x\n    title: X\n    kind: cues\n    partz: []\n"
    )
    result = run("score", EXCELLENT, "-c", str(bad))
    assert result.exit_code == 2
    assert result.stdout == ""
    assert (
        result.stderr.strip()
        == f"{bad}:7:5: error: element 'x': unknown key 'partz' (did you mean 'parts'?)"
    )


def test_exit_2_for_usage_errors(run) -> None:
    assert run("score", EXCELLENT, "-f", "yaml").exit_code == 2
    result = run("score", EXCELLENT, "-o", "jsn:out.json")
    assert result.exit_code == 2 and "did you mean 'json'" in result.stderr
    assert "Traceback" not in result.stderr


def test_exit_3_for_unreadable_input_and_the_rest_still_scored(run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text('{"id": "x", "turns": [', encoding="utf-8")
    result = run("score", str(broken), EXCELLENT, "-f", "json")
    assert result.exit_code == 3
    report = json.loads(result.stdout)
    assert [c["transcript"]["id"] for c in report["scorecards"]] == ["excellent-call"]
    assert report["errors"][0]["path"] == str(broken)
    assert str(broken) in result.stderr and "error:" in result.stderr


def test_exit_3_when_no_transcript_is_found(run, tmp_path: Path) -> None:
    result = run("score", str(tmp_path / "missing.txt"))
    assert result.exit_code == 3
    assert "missing.txt" in result.stderr


def test_json_report_follows_the_contract(run) -> None:
    result = run("score", EXCELLENT, POOR, "-f", "json")
    report = json.loads(result.stdout)
    assert list(report) == ["schema_version", "checklist", "scorecards", "errors", "summary"]
    assert report["schema_version"] == 1
    card = report["scorecards"][0]
    assert list(card) == [
        "transcript",
        "checklist",
        "score",
        "passed",
        "critical_failed",
        "elements",
    ]
    element = card["elements"][0]
    assert list(element) == [
        "id",
        "title",
        "verdict",
        "points",
        "max_points",
        "weight",
        "critical",
        "reason",
        "evidence",
    ]
    assert report["summary"]["transcripts"] == 2 and report["summary"]["failed"] == 1


def test_jsonl_is_one_scorecard_a_line(run) -> None:
    lines = run("score", EXCELLENT, POOR, "-f", "jsonl").stdout.splitlines()
    assert [json.loads(line)["transcript"]["id"] for line in lines] == [
        "excellent-call",
        "poor-business-only",
    ]


def test_samples_span_every_verdict_and_separate_excellent_from_poor(run) -> None:
    report = json.loads(run("score", str(SAMPLES), "-f", "json", "--no-fail").stdout)
    verdicts = {e["verdict"] for c in report["scorecards"] for e in c["elements"]}
    assert verdicts == {"pass", "partial", "fail", "na"}
    scores = {c["transcript"]["id"]: c["score"] for c in report["scorecards"]}
    assert scores["excellent-call"] >= 90 > 40 >= scores["poor-business-only"]
    assert report["errors"] == []
    for card in report["scorecards"]:
        for element in card["elements"]:
            assert element["reason"]
            for ev in element["evidence"]:
                assert 0 <= ev["turn"] < card["transcript"]["turns"]


def test_outputs_written_to_files(run, tmp_path: Path) -> None:
    out_json, out_jsonl = tmp_path / "r.json", tmp_path / "r.jsonl"
    result = run("score", EXCELLENT, "-o", f"json:{out_json}", "-o", f"jsonl:{out_jsonl}")
    assert result.exit_code == 0
    assert json.loads(out_json.read_text())["scorecards"][0]["score"] == 100.0
    assert len(out_jsonl.read_text().splitlines()) == 1
    assert not list(tmp_path.glob(".*.tmp"))


def test_stdin_transcript(run) -> None:
    text = "Agent: Thanks for calling Acme, how can I help?\nCustomer: My parcel is late.\n"
    result = run("score", "-", "--input-format", "text", "-f", "jsonl", input=text)
    assert json.loads(result.stdout)["transcript"]["turns"] == 2


def test_annotate_json_lists_cues_per_turn(run) -> None:
    result = run("annotate", EXCELLENT, "-f", "json")
    doc = json.loads(result.stdout)
    assert doc["schema_version"] == 1
    assert {"cue": "greeting", "phrase": "thank you for calling", "similarity": 100.0} in doc[
        "turns"
    ][0]["cues"]
    assert doc["turns"][1]["cues"] == []  # the customer's turn carries no agent cue


def test_annotate_json_refuses_several_transcripts(run) -> None:
    result = run("annotate", EXCELLENT, POOR, "-f", "json")
    assert result.exit_code == 2 and "-f jsonl" in result.stderr


def test_roles_guessed_warning_goes_to_stderr(run) -> None:
    result = run("score", str(SAMPLES / "bare-refusal.txt"), "-f", "jsonl")
    assert "warning: roles guessed" in result.stderr
    assert result.stdout.count("\n") == 1


def test_checklists_and_show_and_validate(run) -> None:
    listing = run("checklists").stdout
    assert "quality-service" in listing and "003_3ac790036a119471.txt" in listing
    assert "seek_data" in run("checklist", "show", "quality-service").stdout
    checklists = [str(p) for p in sorted((Path(__file__).parents[1] / "checklists").glob("*.yaml"))]
    assert run("checklist", "validate", *checklists).exit_code == 0


def test_explain_prints_guidance_from_the_source(run) -> None:
    result = run("explain", "seek_data")
    assert result.exit_code == 0
    assert "Begin with open probe" in result.stdout and "003_3ac790036a119471.txt" in result.stdout
    bad = run("explain", "seek_dta")
    assert bad.exit_code == 2 and "did you mean 'seek_data'" in bad.stderr


def test_convert_writes_canonical_jsonl(run) -> None:
    result = run("convert", str(SAMPLES / "retail-calls.csv"))
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 2
    assert {t["speaker"] for t in records[0]["turns"]} == {"agent", "customer"}


def test_version_and_help(run) -> None:
    assert run("--version").stdout.startswith("svcaudit, version ")
    assert "score" in run("--help").stdout


def test_progress_bar_on_a_terminal_leaves_the_report_on_stdout(run, monkeypatch) -> None:
    """The bar goes to standard error; standard output still carries every scorecard."""
    from svcaudit import run as run_module

    monkeypatch.setattr(run_module, "_is_terminal", lambda: True)
    result = run("score", EXCELLENT, POOR, str(SAMPLES / "stolen-wallet.json"), "-f", "jsonl")
    ids = [json.loads(line)["transcript"]["id"] for line in result.stdout.splitlines()]
    assert ids == ["excellent-call", "poor-business-only", "stolen-wallet"]


def test_report_files_get_ordinary_permissions(run, tmp_path: Path) -> None:
    import os

    out = tmp_path / "r.json"
    old = os.umask(0o022)
    try:
        run("score", EXCELLENT, "-o", f"json:{out}")
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_output_into_a_new_folder_creates_it(run, tmp_path: Path) -> None:
    out = tmp_path / "reports" / "ci" / "r.json"
    assert run("score", EXCELLENT, "-o", f"json:{out}").exit_code == 0
    assert json.loads(out.read_text())["summary"]["transcripts"] == 1


def test_output_that_cannot_be_written_is_a_usage_error(run, tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    result = run("score", EXCELLENT, "-o", f"json:{blocker}/r.json")
    assert result.exit_code == 2
    assert "error:" in result.stderr and "Traceback" not in result.stderr


def test_exit_code_precedence_2_over_3_over_1(run, tmp_path: Path) -> None:
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("id: b\n", encoding="utf-8")
    assert run("score", POOR, str(broken), "-c", str(bad)).exit_code == 2  # usage beats input
    assert run("score", POOR, str(broken)).exit_code == 3  # input beats a failed transcript
    assert run("score", POOR, str(broken), "--no-fail").exit_code == 3  # --no-fail masks only 1
    assert run("score", POOR, "--no-fail").exit_code == 0


def test_agent_channel_names_the_agent_of_a_channel_split_export(run) -> None:
    fixture = str(Path(__file__).parent / "formats" / "fixtures" / "transcribe-channels.json")
    guessed = run("annotate", fixture, "-f", "json")
    assert "roles guessed" in guessed.stderr
    told = run("annotate", fixture, "-f", "json", "--agent-channel", "ch_0")
    assert "roles guessed" not in told.stderr
    speakers = [t["speaker"] for t in json.loads(told.stdout)["turns"]][:2]
    assert speakers == ["customer", "agent"]  # ch_0 is the agent now, ch_1 the customer
    bad = run("score", fixture, "--agent-channel", "left")
    assert bad.exit_code == 2 and "not a channel" in bad.stderr
