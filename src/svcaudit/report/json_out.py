"""``score -f json``: CONTRACT's envelope, written once at the end of the batch.

Scorecards are buffered as plain dicts (not model objects) until `close`.
"""

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
STREAMING = False


class Writer:
    """Collects records; `close` writes ``{"schema_version", "checklist", "scorecards", ...}``."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out
        self._checklist = checklist_record(checklist)
        self._scorecards: list[dict[str, Any]] = []
        self._errors: list[dict[str, Any]] = []

    def scorecard(self, card: Scorecard) -> None:
        self._scorecards.append(scorecard_record(card))

    def error(self, err: LoadError) -> None:
        self._errors.append(error_record(err))

    def close(self, summary: Summary) -> None:
        envelope = {
            "schema_version": SCHEMA_VERSION,
            "checklist": self._checklist,
            "scorecards": self._scorecards,
            "errors": self._errors,
            "summary": summary_record(summary),
        }
        self._out.write(json.dumps(envelope, indent=2, ensure_ascii=False) + "\n")
        self._out.flush()
