"""``score -f github``: GitHub Actions workflow commands, shown as annotations on a run.

One ``::error`` per failed transcript (at the line of its first turn when known: a file may hold
several transcripts; passed transcripts get none, whatever their elements),
one ``::error`` per unreadable file (with its line when known), and at the end one ``::notice``
with the batch counts. Each line is written and flushed as it is known.

Escaping follows GitHub's runner: in messages ``%``, CR and LF become ``%25``, ``%0D``,
``%0A``; in properties (``file=``, ``title=``) ``:`` and ``,`` also become ``%3A``, ``%2C``.
"""

from __future__ import annotations

from typing import TextIO

from svcaudit.model import Checklist, LoadError, Scorecard, Verdict
from svcaudit.report.summary import Summary

NAME = "github"
STREAMING = True


def escape_data(text: str) -> str:
    """A command's message: ``%``, ``\\r``, ``\\n`` escaped."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """A property value: as a message, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **properties: str | int | None) -> str:
    """``::name key=value,key=value::message`` (properties that are None left out)."""
    props = ",".join(
        f"{key}={escape_property(str(value))}"
        for key, value in properties.items()
        if value is not None
    )
    return f"::{name}{' ' + props if props else ''}::{escape_data(message)}"


def score_text(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def failed_message(card: Scorecard, pass_mark: float) -> str:
    """``chat-0002 scored 50.0 (pass mark 70); failed: seek_data, demonstrate_awareness
    (critical)``; without the ``failed:`` part when it failed on its score alone."""
    failed = [
        result.element.id + (" (critical)" if result.element.critical else "")
        for result in card.results
        if result.outcome.verdict is Verdict.FAIL
    ]
    text = f"{card.transcript.id} scored {score_text(card.score)} (pass mark {pass_mark:g})"
    return text + (f"; failed: {', '.join(failed)}" if failed else "")


def file_of(path: str) -> str | None:
    """The ``file=`` of an annotation; none for standard input."""
    return None if path == "-" else path


def first_line(card: Scorecard) -> int | None:
    """The line of the transcript's first turn, when its reader knows it."""
    turns = card.transcript.turns
    return turns[0].line if turns else None


class Writer:
    """Writes an ``::error`` line per failed transcript or unreadable file, a ``::notice`` last."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out
        self._pass_mark = checklist.pass_mark

    def _line(self, text: str) -> None:
        self._out.write(text + "\n")
        self._out.flush()

    def scorecard(self, card: Scorecard) -> None:
        if card.passed:
            return
        file, title = file_of(card.transcript.path), f"svcaudit {card.transcript.id}"
        message = failed_message(card, self._pass_mark)
        self._line(command("error", message, file=file, line=first_line(card), title=title))

    def error(self, err: LoadError) -> None:
        self._line(command("error", err.message, file=file_of(err.path), line=err.line))

    def close(self, summary: Summary) -> None:
        message = ", ".join(
            [
                plural(summary.transcripts, "transcript"),
                f"{summary.passed} passed",
                f"{summary.failed} failed",
                plural(summary.errors, "error"),
                f"mean score {score_text(summary.mean_score)}",
            ]
        )
        self._line(command("notice", message, title="svcaudit"))
