"""``score -f jsonl``: one SCORECARD a line, written and flushed as each arrives.

Standard output stays pure SCORECARD lines: load errors are not written here (the CLI prints
them on standard error), and there is no envelope or summary line.
"""

from __future__ import annotations

import json
from typing import TextIO

from svcaudit.model import Checklist, LoadError, Scorecard
from svcaudit.report.records import scorecard_record
from svcaudit.report.summary import Summary

NAME = "jsonl"
STREAMING = True


def render(card: Scorecard) -> str:
    """The line of one scorecard (a worker process can write it: see ``Writer.prepared``)."""
    return json.dumps(scorecard_record(card), ensure_ascii=False) + "\n"


class Writer:
    """Writes each scorecard as one compact JSON line."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out

    def scorecard(self, card: Scorecard) -> None:
        self.prepared(render(card))

    def prepared(self, text: str) -> None:
        """A scorecard already rendered by ``render``."""
        self._out.write(text)
        self._out.flush()

    def error(self, err: LoadError) -> None:
        """Not written: jsonl output holds scorecards only."""

    def close(self, summary: Summary) -> None:
        self._out.flush()
