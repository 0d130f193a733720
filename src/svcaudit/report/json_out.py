"""``score -f json``: CONTRACT's envelope, streamed."""

from __future__ import annotations

import json
from typing import Any, TextIO

from svcaudit.model import Checklist, LoadError, Scorecard
from svcaudit.report.records import (
    SCHEMA_VERSION,
    checklist_record,
    error_record,
    scorecard_record,
    summary_record,
)
from svcaudit.report.summary import Summary

NAME = "json"
STREAMING = True


def render(card: Scorecard) -> str:
    """One scorecard as it reads inside the envelope (see ``Writer.prepared``)."""
    return _dump(scorecard_record(card), 2)


class Writer:
    """Streams the envelope: scorecards are written as they arrive, errors and summary at the end.

    The contract's key order (schema_version, checklist, scorecards, errors,
    summary) lets the file be written in one pass, so memory stays flat however
    many transcripts there are; the bytes are those of ``json.dumps(envelope,
    indent=2)``.
    """

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out
        self._errors: list[dict[str, Any]] = []
        self._cards = 0
        head = {"schema_version": SCHEMA_VERSION, "checklist": checklist_record(checklist)}
        out.write(_dump(head, 0).removesuffix("\n}") + ',\n  "scorecards": [')

    def scorecard(self, card: Scorecard) -> None:
        self.prepared(render(card))

    def prepared(self, text: str) -> None:
        """A scorecard already rendered by ``render``."""
        self._out.write(("\n    " if not self._cards else ",\n    ") + text)
        self._cards += 1

    def error(self, err: LoadError) -> None:
        self._errors.append(error_record(err))

    def close(self, summary: Summary) -> None:
        tail = {"errors": self._errors, "summary": summary_record(summary)}
        self._out.write(("]" if not self._cards else "\n  ]") + "," + _dump(tail, 0)[1:] + "\n")
        self._out.flush()


def _dump(value: Any, level: int) -> str:
    """``json.dumps(value, indent=2)`` as it reads nested ``level`` deep."""
    return json.dumps(value, indent=2, ensure_ascii=False).replace("\n", "\n" + "  " * level)
