"""``score -f csv``: one row per transcript and element, an error row per unreadable file."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable

from svcaudit.model import Batch, Evidence, LoadError, Role
from svcaudit.report import write_batch
from svcaudit.report.csv_out import COLUMNS, Writer, error_row, evidence_quote, evidence_turns

from .cases import CARD_FAIL, CARDS, CHECKLIST, ERRORS, FlushCounter

Golden = Callable[[str, str], None]
BATCH = Batch(CARDS, ERRORS)


def render(batch: Batch = BATCH) -> str:
    out = io.StringIO()
    write_batch("csv", batch, out, CHECKLIST)
    return out.getvalue()


def rows() -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(render())))


def test_golden(golden: Golden) -> None:
    golden("report/score.csv", render())


def test_header() -> None:
    assert render().splitlines()[0] == (
        "transcript_id,path,agent,checklist,score,passed,critical_failed,element_id,"
        "element_title,verdict,points,max_points,weight,critical,reason,evidence_turns,"
        "evidence_quote"
    )
    assert list(csv.DictReader(io.StringIO(render())).fieldnames or ()) == list(COLUMNS)


def test_one_row_per_transcript_and_element_then_errors() -> None:
    data = rows()
    assert len(data) == 3 * len(CHECKLIST.elements) + len(ERRORS)
    cards = [(r["transcript_id"], r["element_id"]) for r in data if r["transcript_id"]]
    assert cards == [(c.transcript.id, e.id) for c in CARDS for e in CHECKLIST.elements]
    errors = [r for r in data if not r["transcript_id"]]
    assert [(r["path"], r["verdict"], r["reason"]) for r in errors] == [
        ("calls/broken.json", "error", "line 3: expecting ',' delimiter"),
        ("calls/empty.txt", "error", "no turns found"),
    ]
    assert all(r["checklist"] == "mini-service" for r in data)


def test_values() -> None:
    by_key = {(r["transcript_id"], r["element_id"]): r for r in rows()}
    row = by_key["chat-0002", "demonstrate_awareness"]
    assert (row["score"], row["passed"], row["critical_failed"]) == ("50.0", "false", "true")
    assert (row["verdict"], row["points"], row["max_points"], row["critical"]) == (
        "fail", "0.0", "1.0", "true",
    )  # fmt: skip
    assert (row["agent"], row["evidence_turns"]) == ("", "5")
    assert row["evidence_quote"] == "Calm down, that's not my problem."
    assert by_key["call-0003", "seek_data"]["score"] == ""  # no score: empty cell
    assert by_key["call-0001", "demonstrate_awareness"]["evidence_turns"] == "3;1"  # t3 once
    quote = by_key["call-0001", "supply_data"]["evidence_quote"]
    assert len(quote) == 200 and quote.endswith("…")


def test_evidence_helpers() -> None:
    items = [Evidence(3, Role.AGENT, "a\nb  c"), Evidence(7, Role.AGENT, "x"),
             Evidence(3, Role.AGENT, "y")]  # fmt: skip
    assert evidence_turns(items) == "3;7"
    assert evidence_quote(tuple(items)) == "a b c"
    assert evidence_quote(()) == ""
    assert evidence_turns([]) == ""


def test_error_row_without_line() -> None:
    row = dict(zip(COLUMNS, error_row(LoadError("a.txt", "empty"), "qs"), strict=True))
    assert {k: v for k, v in row.items() if v} == {
        "path": "a.txt", "checklist": "qs", "verdict": "error", "reason": "empty",
    }  # fmt: skip


def test_streams_and_flushes_per_scorecard() -> None:
    out = FlushCounter()
    writer = Writer(out, CHECKLIST)
    assert out.getvalue().count("\n") == 1  # the header at once
    writer.scorecard(CARD_FAIL)
    assert out.getvalue().count("\n") == 1 + len(CHECKLIST.elements)
    assert out.flushes == 1


def test_quoting_and_line_ends() -> None:
    text = render()
    assert "\r" not in text
    assert '"information given, but jargon at turn 5"' in text
    assert "José" in text
