"""The checklist commands: ``checklists``, ``checklist show|validate|test``, ``calibrate``,
``explain``, and ``rules`` (the checklist language's rule kinds).

Defined here and registered on the ``svcaudit`` group by ``cli.py``.
"""

from __future__ import annotations

import sys

import click

from svcaudit.cli_common import handle_errors, input_options, warn
from svcaudit.errors import ExitCode


@click.command("checklists")
@handle_errors
def list_checklists() -> None:
    """List the built-in checklists."""
    from svcaudit import run

    run.list_checklists(sys.stdout)


@click.group("checklist")
def checklist_group() -> None:
    """Show or validate checklists."""


@checklist_group.command("show")
@click.argument("ref", metavar="ID|FILE")
@handle_errors
def checklist_show(ref: str) -> None:
    """Print a checklist: its elements, weights, rules and sources."""
    from svcaudit import run

    run.show_checklist(ref, sys.stdout)


@checklist_group.command("validate")
@click.argument("files", nargs=-1, required=True, metavar="FILE...")
@handle_errors
def checklist_validate(files: tuple[str, ...]) -> None:
    """Validate checklist files; errors as path:line:col: error: message."""
    from svcaudit import run

    bad = run.validate_checklists(files, warn)
    sys.exit(int(ExitCode.USAGE if bad else ExitCode.OK))


@checklist_group.command("test")
@click.argument("ref", metavar="CHECKLIST")
@click.argument("cases", type=click.Path(exists=True, dir_okay=False), metavar="CASES.yaml")
@handle_errors
def checklist_test(ref: str, cases: str) -> None:
    """Run CHECKLIST over transcripts with expected verdicts; show every mismatch."""
    from svcaudit import run

    sys.exit(int(run.test_checklist(ref, cases, sys.stdout)))


@click.command()
@click.argument("human_csv", metavar="HUMAN.csv")
@input_options
@click.option(
    "-c",
    "--checklist",
    default="quality-service",
    metavar="ID|FILE",
    help="Built-in checklist id or checklist file.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(("table", "json")),
    default="table",
    help="Report format on standard output.",
)
@click.option(
    "--top",
    type=click.IntRange(0),
    default=5,
    metavar="N",
    help="Show the N transcripts where analyst and svcaudit disagree most.",
)
@handle_errors
def calibrate(
    human_csv: str,
    paths: tuple[str, ...],
    checklist: str,
    fmt: str,
    input_format: str,
    agent: str | None,
    agent_channel: str | None,
    top: int,
) -> None:
    """Compare a QA analyst's verdicts (HUMAN.csv) with svcaudit's: agreement, kappa, confusion."""
    from svcaudit import run

    outcome = run.calibrate(
        human_csv, paths, checklist, fmt, input_format, agent, top, warn, agent_channel
    )
    sys.exit(int(outcome))


@click.command()
@click.argument("element_id")
@click.option("-c", "--checklist", default="quality-service", metavar="ID|FILE")
@handle_errors
def explain(element_id: str, checklist: str) -> None:
    """An element's guidance, from its source document."""
    from svcaudit import run

    run.explain(element_id, checklist, sys.stdout)


@click.command()
@click.argument("kind", required=False)
@handle_errors
def rules(kind: str | None) -> None:
    """List the rule kinds of the checklist language, or document one."""
    from svcaudit import run

    run.list_rules(kind, sys.stdout)
