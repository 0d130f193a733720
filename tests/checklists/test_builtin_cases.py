"""Each built-in checklist against its cases file, through ``svcaudit checklist test``."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.checklist import builtin_ids
from svcaudit.cli import cli

HERE = Path(__file__).parent


@pytest.mark.parametrize("checklist", builtin_ids())
def test_builtin_checklist_meets_its_cases(checklist: str) -> None:
    cases = HERE / f"{checklist}.cases.yaml"
    assert cases.exists(), f"no cases file for the built-in checklist {checklist}"
    result = CliRunner().invoke(cli, ["checklist", "test", checklist, str(cases)])
    assert result.exit_code == 0, result.stdout + result.stderr


def test_a_mismatch_is_shown_and_exits_1(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text(
        "- name: wrong on purpose\n"
        "  turns:\n    - agent: Account number.\n    - customer: 1234.\n"
        "  expect: {project_attitude: pass}\n",
        encoding="utf-8",
    )
    result = CliRunner().invoke(cli, ["checklist", "test", "quality-service", str(cases)])
    assert result.exit_code == 1
    assert "FAIL wrong on purpose" in result.stdout
    assert (
        "project_attitude: expected pass, got fail (missing: greets the customer, offers help)"
        in result.stdout
    )


def test_an_unknown_element_in_the_cases_is_located(tmp_path: Path) -> None:
    cases = tmp_path / "cases.yaml"
    cases.write_text("- turns: [{agent: Hi}]\n  expect: {seek_dat: pass}\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["checklist", "test", "quality-service", str(cases)])
    assert result.exit_code == 2
    assert result.stderr.strip() == (
        f"{cases}:2:12: error: no element 'seek_dat' in the checklist (did you mean 'seek_data'?)"
    )


@pytest.mark.parametrize("checklist", builtin_ids())
def test_builtin_checklist_scores_every_sample(checklist: str) -> None:
    import json

    samples = Path(__file__).parents[2] / "sample_transcripts"
    result = CliRunner().invoke(cli, ["score", str(samples), "-c", checklist, "-f", "json"])
    assert result.exit_code in (0, 1), result.stderr
    report = json.loads(result.stdout)
    assert report["errors"] == [] and len(report["scorecards"]) >= 15
    verdicts = {e["verdict"] for c in report["scorecards"] for e in c["elements"]}
    assert {"pass", "fail"} <= verdicts
    assert all(e["reason"] for c in report["scorecards"] for e in c["elements"])
