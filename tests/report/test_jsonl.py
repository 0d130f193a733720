"""``score -f jsonl``: one SCORECARD a line, flushed as each arrives; stdout holds nothing else."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from svcaudit.model import Batch
from svcaudit.report import write_batch
from svcaudit.report.jsonl_out import Writer
from svcaudit.report.records import scorecard_record
from svcaudit.report.summary import summarize

from .cases import CARD_FAIL, CARD_PASS, CARDS, CHECKLIST, ERRORS

Golden = Callable[[str, str], None]


class FlushCounter(io.StringIO):
    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()


def test_golden(golden: Golden) -> None:
    out = io.StringIO()
    write_batch("jsonl", Batch(CARDS, ERRORS), out, CHECKLIST)
    golden("report/score.jsonl", out.getvalue())


def test_streams_one_line_per_scorecard() -> None:
    out = FlushCounter()
    writer = Writer(out, CHECKLIST)
    writer.scorecard(CARD_PASS)
    assert out.getvalue().count("\n") == 1
    assert out.flushes == 1
    writer.scorecard(CARD_FAIL)
    assert out.getvalue().count("\n") == 2
    assert out.flushes == 2


def test_only_scorecards_on_stdout() -> None:
    out = io.StringIO()
    writer = Writer(out, CHECKLIST)
    writer.scorecard(CARD_PASS)
    writer.error(ERRORS[0])
    writer.close(summarize([CARD_PASS], ERRORS[:1], CHECKLIST))
    lines = out.getvalue().splitlines()
    assert [json.loads(line) for line in lines] == [scorecard_record(CARD_PASS)]
