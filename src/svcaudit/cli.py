"""Command line: parse options, call the core, pick reporters, exit.

Only the ``cli*`` modules import click, print diagnostics and choose exit codes
(CONTRACT.md: 0 passed, 1 failed, 2 usage or checklist error, 3 input error). This one holds
the ``svcaudit`` group and the commands that read transcripts (``score``, ``annotate``,
``convert``), with ``config`` and ``formats``; ``cli_checklist`` the checklist commands;
``cli_common`` the error handling and option bundles they share.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import click

from svcaudit import __version__
from svcaudit.cli_checklist import calibrate, checklist_group, explain, list_checklists, rules
from svcaudit.cli_common import handle_errors, input_options, output_options, warn
from svcaudit.errors import ExitCode
from svcaudit.report import ANNOTATORS, REPORTERS  # names only: a format loads when used

SCORE_FORMATS = tuple(REPORTERS)
ANNOTATE_FORMATS = tuple(ANNOTATORS)
# commands that read the configuration
CONFIGURED = ("score", "annotate", "convert", "explain", "calibrate", "config")


@click.group(context_settings={"help_option_names": ["-h", "--help"], "show_default": True})
@click.version_option(__version__, prog_name="svcaudit")
@click.option(
    "--config", "config_file", metavar="FILE", help="Read settings from FILE, not svcaudit.yaml."
)
@click.option("--debug", is_flag=True, hidden=True, help="Show tracebacks.")
@click.pass_context
@handle_errors
def cli(ctx: click.Context, config_file: str | None, debug: bool) -> None:
    """Score customer-service transcripts against checklists built from service training."""
    if ctx.invoked_subcommand in CONFIGURED or config_file is not None:
        from svcaudit import config

        # settings become the commands' option defaults: a flag given still wins
        ctx.obj = config.load(Path.cwd(), os.environ, config_file)
        ctx.default_map = config.default_map(ctx.obj)


# the checklist commands are defined in cli_checklist.py and hang on this same group
cli.add_command(list_checklists)
cli.add_command(checklist_group)
cli.add_command(calibrate)
cli.add_command(explain)
cli.add_command(rules)


@cli.command()
@input_options
@output_options(SCORE_FORMATS)
@click.option(
    "--fail-under",
    type=click.FloatRange(0, 100),
    metavar="PCT",
    help="Fail a transcript scoring below PCT (default: the checklist's pass mark).",
)
@click.option(
    "--no-fail/--fail", help="Exit 0 even when transcripts fail (--fail undoes no_fail: true)."
)
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(1, 256),
    default=1,
    help="Score in N processes (output order is unchanged).",
)
@handle_errors
def score(
    paths: tuple[str, ...],
    checklist: str,
    fmt: str,
    outputs: tuple[str, ...],
    input_format: str,
    agent: str | None,
    agent_channel: str | None,
    fail_under: float | None,
    no_fail: bool,
    jobs: int,
    redact: bool | None,
    semantic: bool,
) -> None:
    """Score transcripts: a scorecard per transcript, and a summary."""
    from svcaudit import run

    outcome = run.score(
        paths, checklist, fmt, outputs, input_format, agent, fail_under, jobs, warn=warn,
        redact=redact, agent_channel=agent_channel, semantic=semantic,
    )  # fmt: skip
    if outcome == ExitCode.FAILED and no_fail:
        outcome = ExitCode.OK
    sys.exit(int(outcome))


@cli.command()
@input_options
@output_options(ANNOTATE_FORMATS)
@handle_errors
def annotate(
    paths: tuple[str, ...],
    checklist: str,
    fmt: str,
    outputs: tuple[str, ...],
    input_format: str,
    agent: str | None,
    agent_channel: str | None,
    redact: bool | None,
    semantic: bool,
) -> None:
    """Show each transcript turn by turn, with the cues detected in each turn."""
    from svcaudit import run

    code = run.annotate(
        paths, fmt, outputs, input_format, agent, warn=warn, redact=bool(redact),
        agent_channel=agent_channel, semantic=semantic,
    )  # fmt: skip
    sys.exit(int(code))


@cli.command()
@input_options
@click.option(
    "-o", "--output", default="-", metavar="PATH", help="Write here instead of standard output."
)
@handle_errors
def convert(
    paths: tuple[str, ...],
    input_format: str,
    agent: str | None,
    agent_channel: str | None,
    output: str,
) -> None:
    """Read any supported export and write canonical transcript JSONL."""
    from svcaudit import run

    code = run.convert(paths, input_format, agent, output, warn=warn, agent_channel=agent_channel)
    sys.exit(int(code))


@cli.command("config")
@click.option("-f", "--format", "fmt", type=click.Choice(("table", "json")), default="table")
@click.pass_obj
@handle_errors
def show_config(settings: Any, fmt: str) -> None:
    """Print the settings svcaudit score would use, and where each came from."""
    from svcaudit import config

    config.show(settings, fmt, sys.stdout)


@cli.command()
@handle_errors
def formats() -> None:
    """List the transcript formats svcaudit reads."""
    from svcaudit import run

    run.list_formats(sys.stdout)


def main() -> None:
    """Console entry point."""
    cli(prog_name="svcaudit")
