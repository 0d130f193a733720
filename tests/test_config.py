"""Configuration as a user meets it: defaults < pyproject.toml < svcaudit.yaml < SVCAUDIT_* < flags.

Every test runs in an empty working directory (``tmp_path``) with no ``SVCAUDIT_*`` variables,
so neither the project's own pyproject.toml nor the caller's environment leaks in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from svcaudit import config
from svcaudit.cli import cli

SAMPLES = Path(__file__).parents[1] / "sample_transcripts"
POOR = str(SAMPLES / "poor-business-only.txt")  # scores well above 5 and well below 90


@pytest.fixture(autouse=True)
def isolated(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    for var in [v for v in os.environ if v.startswith("SVCAUDIT_")]:
        monkeypatch.delenv(var)
    return tmp_path


def run(*args: str, env: dict[str, str] | None = None) -> Result:
    return CliRunner().invoke(cli, list(args), env=env, catch_exceptions=False)


def write(name: str, text: str) -> None:
    Path(name).write_text(text, encoding="utf-8")


def shown(*args: str, env: dict[str, str] | None = None) -> dict[str, dict[str, object]]:
    result = run(*args, "config", "-f", "json", env=env)
    assert result.exit_code == 0, result.stderr
    data: dict[str, dict[str, object]] = json.loads(result.stdout)
    return data


def test_the_sample_lies_between_the_thresholds_used_here() -> None:
    card = json.loads(run("score", POOR, "-f", "jsonl", "--fail-under", "0").stdout)
    assert 5 < card["score"] < 90 and not card["critical_failed"]


def test_defaults_when_nothing_is_configured() -> None:
    result = run("config")
    assert result.exit_code == 0 and result.stderr == ""
    assert result.stdout.splitlines() == [
        'checklist = "quality-service"  (default)',
        "fail_under = null  (default)",
        "jobs = 1  (default)",
        "agent = null  (default)",
        "agent_channel = null  (default)",
        'input_format = "auto"  (default)',
        'format = "table"  (default)',
        "outputs = []  (default)",
        "no_fail = false  (default)",
        "redact = null  (default)",
        "semantic = false  (default)",
    ]
    assert config.load(Path.cwd(), {}) == config.Config()


def test_pyproject_table_only() -> None:
    write("pyproject.toml", '[project]\nname = "x"\n\n[tool.svcaudit]\njobs = 3\nfail_under = 90\n')
    data = shown()
    assert data["jobs"] == {"value": 3, "source": "pyproject.toml"}
    assert data["fail_under"] == {"value": 90.0, "source": "pyproject.toml"}
    assert data["checklist"] == {"value": "quality-service", "source": "default"}
    assert run("score", POOR).exit_code == 1


def test_a_pyproject_without_the_table_changes_nothing() -> None:
    write("pyproject.toml", '[project]\nname = "x"\n[tool.ruff]\nline-length = 100\n')
    assert all(s["source"] == "default" for s in shown().values())


def test_svcaudit_yaml_overrides_pyproject_for_its_keys() -> None:
    write("pyproject.toml", "[tool.svcaudit]\nfail_under = 5\njobs = 2\n")
    write("svcaudit.yaml", "fail_under: 90\n")
    data = shown()
    assert data["fail_under"] == {"value": 90.0, "source": "svcaudit.yaml"}
    assert data["jobs"] == {"value": 2, "source": "pyproject.toml"}
    assert run("score", POOR).exit_code == 1


def test_yml_is_read_too_but_not_both() -> None:
    write("svcaudit.yml", "jobs: 2\n")
    assert shown()["jobs"] == {"value": 2, "source": "svcaudit.yml"}
    write("svcaudit.yaml", "jobs: 3\n")
    result = run("config")
    assert result.exit_code == 2
    assert result.stderr.startswith(
        "svcaudit.yml: error: both svcaudit.yaml and svcaudit.yml exist"
    )


def test_a_flag_beats_the_file_and_the_file_beats_the_default() -> None:
    write("svcaudit.yaml", "fail_under: 90\n")
    assert run("score", POOR).exit_code == 1  # 90 from the file
    assert run("score", POOR, "--fail-under", "5").exit_code == 0  # the flag wins
    write("svcaudit.yaml", "fail_under: 5\n")
    assert run("score", POOR).exit_code == 0
    assert run("score", POOR, "--fail-under", "90").exit_code == 1


def test_environment_beats_the_files_and_flags_beat_the_environment() -> None:
    write("pyproject.toml", "[tool.svcaudit]\nfail_under = 90\n")
    write("svcaudit.yaml", "fail_under: 90\njobs: 2\n")
    env = {"SVCAUDIT_FAIL_UNDER": "5", "SVCAUDIT_OUTPUTS": "json:a.json, jsonl:b.jsonl"}
    data = shown(env=env)
    assert data["fail_under"] == {"value": 5.0, "source": "env SVCAUDIT_FAIL_UNDER"}
    assert data["outputs"] == {
        "value": ["json:a.json", "jsonl:b.jsonl"],
        "source": "env SVCAUDIT_OUTPUTS",
    }
    assert data["jobs"] == {"value": 2, "source": "svcaudit.yaml"}
    assert run("score", POOR, env=env).exit_code == 0
    assert run("score", POOR, "--fail-under", "90", env=env).exit_code == 1


def test_an_empty_variable_counts_as_unset() -> None:
    write("svcaudit.yaml", "jobs: 2\n")
    assert shown(env={"SVCAUDIT_JOBS": ""})["jobs"] == {"value": 2, "source": "svcaudit.yaml"}


def test_a_bad_environment_variable_is_a_usage_error() -> None:
    result = run("config", env={"SVCAUDIT_JOBS": "many"})
    assert result.exit_code == 2
    assert result.stderr == "error: SVCAUDIT_JOBS must be an integer from 1 to 256, not 'many'\n"


def test_no_fail_from_config_and_fail_to_undo_it() -> None:
    write("svcaudit.yaml", "no_fail: true\nfail_under: 90\n")
    assert run("score", POOR).exit_code == 0
    assert run("score", POOR, "--fail").exit_code == 1
    assert run("score", POOR, env={"SVCAUDIT_NO_FAIL": "false"}).exit_code == 1


def test_outputs_from_config_are_written_and_a_flag_replaces_them(isolated: Path) -> None:
    write("svcaudit.yaml", "outputs:\n  - json:report.json\n  - jsonl:cards.jsonl\n")
    assert run("score", POOR, "--no-fail").exit_code == 0
    report = json.loads((isolated / "report.json").read_text("utf-8"))
    assert [c["transcript"]["id"] for c in report["scorecards"]] == ["poor-business-only"]
    assert len((isolated / "cards.jsonl").read_text("utf-8").splitlines()) == 1
    for name in ("report.json", "cards.jsonl"):
        (isolated / name).unlink()
    assert run("score", POOR, "--no-fail", "-o", "json:other.json").exit_code == 0
    assert sorted(p.name for p in isolated.iterdir()) == ["other.json", "svcaudit.yaml"]


def test_outputs_and_format_are_score_only(isolated: Path) -> None:
    write("svcaudit.yaml", "outputs: [json:report.json]\nformat: json\nagent: Dana\n")
    result = run("annotate", str(SAMPLES / "stolen-wallet.json"))
    assert result.exit_code == 0
    assert not (isolated / "report.json").exists()
    assert not result.stdout.startswith("{")  # annotate keeps its own table
    assert json.loads(run("score", POOR, "--no-fail").stdout)["schema_version"] == 1


def test_the_config_becomes_the_default_shown_in_help() -> None:
    write("svcaudit.yaml", "checklist: balanced-service\njobs: 4\nagent: Dana\n")
    help_text = " ".join(run("score", "--help").stdout.split())
    assert "[default: balanced-service]" in help_text
    assert "[default: 4; 1<=x<=256]" in help_text
    assert "[default: Dana]" in " ".join(run("convert", "--help").stdout.split())


def test_checklist_from_config_reaches_explain() -> None:
    write("svcaudit.yaml", "checklist: balanced-service\n")
    result = run("explain", "acknowledge_personal_need")
    assert result.exit_code == 0 and "checklist balanced-service" in result.stdout


def test_config_shows_each_source() -> None:
    write("pyproject.toml", '[tool.svcaudit]\nchecklist = "balanced-service"\njobs = 2\n')
    write("svcaudit.yaml", "jobs: 4\noutputs: [json:r.json]\n")
    result = run("config", env={"SVCAUDIT_AGENT": "Dana"})
    assert result.exit_code == 0
    lines = result.stdout.splitlines()
    assert 'checklist = "balanced-service"  (pyproject.toml)' in lines
    assert "jobs = 4  (svcaudit.yaml)" in lines
    assert 'outputs = ["json:r.json"]  (svcaudit.yaml)' in lines
    assert 'agent = "Dana"  (env SVCAUDIT_AGENT)' in lines
    assert 'format = "table"  (default)' in lines


def test_config_file_option_replaces_the_svcaudit_yaml_lookup() -> None:
    write("pyproject.toml", "[tool.svcaudit]\njobs = 2\n")
    write("svcaudit.yaml", "fail_under: 5\n")
    Path("ci").mkdir()
    write("ci/strict.yaml", "fail_under: 90\n")
    data = shown("--config", "ci/strict.yaml")
    assert data["fail_under"] == {"value": 90.0, "source": "ci/strict.yaml"}
    assert data["jobs"] == {"value": 2, "source": "pyproject.toml"}
    assert run("--config", "ci/strict.yaml", "score", POOR).exit_code == 1
    assert run("score", POOR).exit_code == 0


def test_config_file_option_reads_a_toml_table_too() -> None:
    write("team.toml", "[tool.svcaudit]\njobs = 3\n")
    assert shown("--config", "team.toml")["jobs"] == {"value": 3, "source": "team.toml"}


def test_a_missing_config_file_is_a_usage_error() -> None:
    result = run("--config", "nope.yaml", "score", POOR)
    assert result.exit_code == 2 and result.stdout == ""
    assert result.stderr == "nope.yaml: error: configuration file not found\n"


BAD_YAML = [
    ("jobs: 2\nchecklist: quality-service\nfail_undr: 90\n",
     "svcaudit.yaml:3:1: error: unknown key 'fail_undr' (did you mean 'fail_under'?)"),
    ("jobs: many\n",
     "svcaudit.yaml:1:7: error: 'jobs' must be an integer from 1 to 256, not 'many'"),
    ("jobs: 0\n", "svcaudit.yaml:1:7: error: 'jobs' must be an integer from 1 to 256, not 0"),
    ("fail_under: 101\n",
     "svcaudit.yaml:1:13: error: 'fail_under' must be a number from 0 to 100, not 101"),
    ("no_fail: maybe\n", "svcaudit.yaml:1:10: error: 'no_fail' must be true or false, not 'maybe'"),
    ("format: jsn\n",
     "svcaudit.yaml:1:9: error: 'format' must be one of table, json, jsonl"),
    ("outputs:\n  - json:r.json\n  - jsn:x.json\n",
     "svcaudit.yaml:3:5: error: 'outputs' item 'jsn:x.json': unknown format 'jsn' "
     "(did you mean 'json'?)"),
    ("outputs: [report.json]\n",
     "svcaudit.yaml:1:11: error: 'outputs' item 'report.json' must be FORMAT:PATH, "
     "e.g. json:report.json"),
    ("input_format: vtt\n", "svcaudit.yaml:1:15: error: 'input_format' must be one of auto, "),
    ("- jobs\n", "svcaudit.yaml: error: expected a mapping of settings, e.g. 'jobs: 4'"),
    ("jobs: [\n", "svcaudit.yaml:2:1: error: invalid YAML: "),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BAD_YAML)
def test_bad_svcaudit_yaml_is_a_located_usage_error(text: str, expected: str) -> None:
    write("svcaudit.yaml", text)
    result = run("score", POOR)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(expected)
    assert len(result.stderr.splitlines()) == 1
    assert "Traceback" not in result.stderr


def test_every_problem_of_a_file_is_reported() -> None:
    write("svcaudit.yaml", "jobs: many\nfail_undr: 90\n")
    assert run("config").stderr.splitlines() == [
        "svcaudit.yaml:1:7: error: 'jobs' must be an integer from 1 to 256, not 'many'",
        "svcaudit.yaml:2:1: error: unknown key 'fail_undr' (did you mean 'fail_under'?)",
    ]


BAD_PYPROJECT = [
    ('[project]\nname = "x"\n\n[tool.svcaudit]\njobs = 2\nfail_undr = 90\n',
     "pyproject.toml:6:1: error: [tool.svcaudit] unknown key 'fail_undr' "
     "(did you mean 'fail_under'?)"),
    ('[tool.svcaudit]\n  jobs = "many"\n',
     "pyproject.toml:2:3: error: [tool.svcaudit] 'jobs' must be an integer from 1 to 256, "
     "not 'many'"),
    ('[tool.svcaudit]\noutputs = ["jsn:x"]\n',
     "pyproject.toml:2:1: error: [tool.svcaudit] 'outputs' item 'jsn:x': unknown format 'jsn'"),
    ("[tool]\nsvcaudit = 3\n", "pyproject.toml: error: [tool.svcaudit] must be a table"),
    ("[tool.svcaudit]\njobs =\n", "pyproject.toml:2:7: error: invalid TOML: invalid value"),
]  # fmt: skip


@pytest.mark.parametrize(("text", "expected"), BAD_PYPROJECT)
def test_bad_pyproject_table_is_a_usage_error(text: str, expected: str) -> None:
    write("pyproject.toml", text)
    result = run("score", POOR)
    assert result.exit_code == 2
    assert result.stderr.startswith(expected)
    assert "Traceback" not in result.stderr


def test_commands_that_take_no_settings_ignore_a_broken_config() -> None:
    write("svcaudit.yaml", "jobs: many\n")
    assert run("checklists").exit_code == 0


def test_default_map_holds_only_configured_keys_under_option_names() -> None:
    cfg = config.load(Path.cwd(), {"SVCAUDIT_FORMAT": "json", "SVCAUDIT_AGENT": "Dana"})
    assert config.default_map(cfg) == {
        "score": {"fmt": "json", "agent": "Dana"},
        "annotate": {"agent": "Dana"},
        "convert": {"agent": "Dana"},
        "explain": {},
        "calibrate": {"agent": "Dana"},
    }


def test_the_keys_are_the_documented_ones() -> None:
    assert list(config.KEYS) == [
        "checklist", "fail_under", "jobs", "agent", "agent_channel", "input_format", "format",
        "outputs", "no_fail", "redact", "semantic",
    ]  # fmt: skip
    readme = (Path(__file__).parents[1] / "README.md").read_text("utf-8")
    section = readme.split("## Configuration", 1)[1].split("\n## ", 1)[0]
    assert all(f"`{key}`" in section for key in config.KEYS)
