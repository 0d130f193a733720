"""``score -f json``: the envelope of CONTRACT.md, written at close."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from svcaudit.model import Batch
from svcaudit.report import write_batch
from svcaudit.report.json_out import Writer
from svcaudit.report.summary import SummaryBuilder

from .cases import CARD_PASS, CARDS, CHECKLIST, ERRORS

Golden = Callable[[str, str], None]


def render() -> str:
    out = io.StringIO()
    write_batch("json", Batch(CARDS, ERRORS), out, CHECKLIST)
    return out.getvalue()


def test_golden(golden: Golden) -> None:
    golden("report/score.json", render())


def test_envelope_keys_in_contract_order() -> None:
    data = json.loads(render())
    assert list(data) == ["schema_version", "checklist", "scorecards", "errors", "summary"]
    assert data["schema_version"] == 1
    assert data["checklist"] == {"id": "mini-service", "title": "Mini service", "version": 1}
    assert [c["transcript"]["id"] for c in data["scorecards"]] == [
        "call-0001", "chat-0002", "call-0003",
    ]  # fmt: skip
    assert data["errors"] == [
        {"path": "calls/broken.json", "message": "expecting ',' delimiter", "line": 3},
        {"path": "calls/empty.txt", "message": "no turns found"},
    ]
    assert list(data["summary"]) == [
        "transcripts", "passed", "failed", "errors", "mean_score", "elements",  # the contract's
        "distribution", "pass_rate", "agents", "lowest",  # added after them
    ]  # fmt: skip
    assert data["summary"]["mean_score"] == 66.7


def test_scorecards_stream_and_the_whole_equals_one_dump() -> None:
    """Each scorecard is written as it arrives; the file is still one json.dumps(indent=2)."""
    from svcaudit.report.records import scorecard_record

    out = io.StringIO()
    writer = Writer(out, CHECKLIST)
    writer.scorecard(CARD_PASS)
    assert CARD_PASS.transcript.id in out.getvalue()  # already written, before close
    assert not hasattr(writer, "_scorecards")  # nothing held back
    builder = SummaryBuilder(CHECKLIST)
    builder.add(CARD_PASS)
    writer.close(builder.build())
    doc = json.loads(out.getvalue())
    assert doc["scorecards"] == [scorecard_record(CARD_PASS)]
    assert out.getvalue() == json.dumps(doc, indent=2, ensure_ascii=False) + "\n"


def test_empty_batch_is_valid_json() -> None:
    out = io.StringIO()
    writer = Writer(out, CHECKLIST)
    writer.close(SummaryBuilder(CHECKLIST).build())
    doc = json.loads(out.getvalue())
    assert doc["scorecards"] == [] and out.getvalue() == json.dumps(doc, indent=2) + "\n"


def test_non_ascii_kept() -> None:
    assert '"agent": "José"' in render()
    assert "…" in render()


def test_summary_extras() -> None:
    summary = json.loads(render())["summary"]
    assert summary["distribution"] == {"0-49": 0, "50-69": 1, "70-84": 1, "85-100": 0}
    assert summary["pass_rate"]["project_attitude"] == 1.0
    assert summary["pass_rate"]["close_and_thank"] == 0.0
    assert list(summary["agents"]) == ["(unknown)", "Dana", "José"]
    assert summary["agents"]["Dana"] == {
        "transcripts": 1, "mean_score": 83.3, "pass_rate": 1.0, "weakest": "supply_data",
    }  # fmt: skip
    assert summary["agents"]["José"] == {
        "transcripts": 1, "mean_score": None, "pass_rate": 1.0, "weakest": None,
    }  # fmt: skip
    assert summary["lowest"][0] == {
        "id": "chat-0002", "path": "chats/0002.json", "score": 50.0,
        "worst": "demonstrate_awareness",
    }  # fmt: skip
