"""The registries as a user sees them: `svcaudit rules`, `svcaudit formats`, and the README."""

from __future__ import annotations

import dataclasses
from pathlib import Path

from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.formats import READERS
from svcaudit.rules import KINDS

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def test_rules_lists_every_kind_with_its_keys() -> None:
    result = CliRunner().invoke(cli, ["rules"])
    assert result.exit_code == 0
    for kind, module in KINDS.items():
        line = next(x for x in result.stdout.splitlines() if x.startswith(kind + " "))
        assert all(f.name in line for f in dataclasses.fields(module.Params)), kind


def test_rules_kind_prints_its_documentation_with_examples() -> None:
    for kind in KINDS:
        result = CliRunner().invoke(cli, ["rules", kind])
        assert result.exit_code == 0
        assert "Passing example" in result.stdout and "Failing example" in result.stdout


def test_an_unknown_kind_is_a_usage_error_with_a_suggestion() -> None:
    result = CliRunner().invoke(cli, ["rules", "sequnce"])
    assert result.exit_code == 2 and "did you mean 'sequence'" in result.stderr


def test_formats_lists_every_reader_in_sniffing_order() -> None:
    result = CliRunner().invoke(cli, ["formats"])
    names = [line.split()[0] for line in result.stdout.splitlines()[1:]]
    assert names == list(READERS)


def test_the_readme_names_every_kind_and_format() -> None:
    for name in [*KINDS, *READERS]:
        assert f"`{name}`" in README, name
