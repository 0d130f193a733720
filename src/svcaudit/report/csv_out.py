"""``score -f csv``: one row per transcript and element, for spreadsheets and dataframes.

Written as scorecards arrive (and flushed after each). An unreadable file is one row with an
empty ``transcript_id``, its ``path``, verdict ``error`` and the message as ``reason`` (prefixed
with ``line N:`` when the line is known). Values follow the json report: the same rounding,
``true``/``false`` for booleans, an empty cell for null.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any, TextIO

from svcaudit.model import Checklist, Evidence, LoadError, Scorecard
from svcaudit.report.records import EVIDENCE_TEXT, element_record, scorecard_record, truncate
from svcaudit.report.summary import Summary

NAME = "csv"
STREAMING = True

COLUMNS = (
    "transcript_id", "path", "agent", "checklist", "score", "passed", "critical_failed",
    "element_id", "element_title", "verdict", "points", "max_points", "weight", "critical",
    "reason", "evidence_turns", "evidence_quote",
)  # fmt: skip


def cell(value: Any) -> str:
    """A record value as CSV text: None -> "", booleans lowercase, floats as the json writes."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def evidence_turns(evidence: Iterable[Evidence]) -> str:
    """The turns of the evidence, each once, in order: ``"3;7"``."""
    turns = dict.fromkeys(item.turn for item in evidence)
    return ";".join(str(turn) for turn in turns)


def evidence_quote(evidence: tuple[Evidence, ...]) -> str:
    """The first evidence text on one line, cut to 200 characters."""
    if not evidence:
        return ""
    return truncate(" ".join(evidence[0].text.split()), EVIDENCE_TEXT)


def scorecard_rows(card: Scorecard) -> list[list[str]]:
    """The rows of one scorecard, one an element, in checklist order."""
    record = scorecard_record(card)
    head = [
        record["transcript"]["id"], record["transcript"]["path"], record["transcript"]["agent"],
        record["checklist"], record["score"], record["passed"], record["critical_failed"],
    ]  # fmt: skip
    rows = []
    for result in card.results:
        element = element_record(result)
        evidence = result.outcome.evidence
        tail = [
            element["id"], element["title"], element["verdict"], element["points"],
            element["max_points"], element["weight"], element["critical"], element["reason"],
            evidence_turns(evidence), evidence_quote(evidence),
        ]  # fmt: skip
        rows.append([cell(value) for value in head + tail])
    return rows


def error_row(err: LoadError, checklist_id: str) -> list[str]:
    """An unreadable file: no transcript id, verdict ``error``, the message as reason."""
    reason = err.message if err.line is None else f"line {err.line}: {err.message}"
    row = dict.fromkeys(COLUMNS, "")
    row.update(path=err.path, checklist=checklist_id, verdict="error", reason=reason)
    return list(row.values())


def render(card: Scorecard) -> str:
    """The rows of one scorecard as CSV text (see ``Writer.prepared``)."""
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(scorecard_rows(card))
    return buffer.getvalue()


class Writer:
    """Writes the header at once, then each scorecard's rows as it arrives."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out
        self._checklist_id = checklist.id
        self._csv = csv.writer(out, lineterminator="\n")
        self._csv.writerow(COLUMNS)

    def scorecard(self, card: Scorecard) -> None:
        self._csv.writerows(scorecard_rows(card))
        self._out.flush()

    def prepared(self, text: str) -> None:
        """A scorecard already rendered by ``render`` (the same bytes ``scorecard`` writes)."""
        self._out.write(text)
        self._out.flush()

    def error(self, err: LoadError) -> None:
        self._csv.writerow(error_row(err, self._checklist_id))
        self._out.flush()

    def close(self, summary: Summary) -> None:
        self._out.flush()
