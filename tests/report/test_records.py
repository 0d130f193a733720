"""records.py: the contract's keys, in order, and its rounding and truncation."""

from __future__ import annotations

from dataclasses import replace

from svcaudit.model import Evidence, LoadError, Role
from svcaudit.report.records import (
    annotation_record,
    error_record,
    evidence_record,
    scorecard_record,
    truncate,
)

from .cases import ANN_CHAT, CARD_FAIL, CARD_NA, CARD_PASS

SCORECARD_KEYS = ["transcript", "checklist", "score", "passed", "critical_failed", "elements"]
TRANSCRIPT_KEYS = ["id", "path", "format", "agent", "turns"]
ELEMENT_KEYS = [
    "id", "title", "verdict", "points", "max_points", "weight", "critical", "reason", "evidence",
]  # fmt: skip
EVIDENCE_KEYS = ["turn", "speaker", "text", "cue", "phrase", "similarity", "start"]


def test_scorecard_keys_in_contract_order() -> None:
    record = scorecard_record(CARD_PASS)
    assert list(record) == SCORECARD_KEYS
    assert list(record["transcript"]) == TRANSCRIPT_KEYS
    assert all(list(e) == ELEMENT_KEYS for e in record["elements"])
    assert list(record["elements"][0]["evidence"][0]) == EVIDENCE_KEYS


def test_scorecard_values() -> None:
    record = scorecard_record(CARD_FAIL)
    assert record["transcript"] == {
        "id": "chat-0002", "path": "chats/0002.json", "format": "json", "agent": None, "turns": 8,
    }  # fmt: skip
    assert (record["score"], record["passed"], record["critical_failed"]) == (50.0, False, True)
    assert record["elements"][4]["points"] == 0.5
    assert record["elements"][3]["evidence"][0]["cue"] == "dismissive"


def test_score_rounding_and_null() -> None:
    assert scorecard_record(CARD_PASS)["score"] == 83.3
    assert scorecard_record(CARD_NA)["score"] is None
    odd = replace(CARD_PASS.results[0], points=2 / 3)
    record = scorecard_record(replace(CARD_PASS, results=(odd,)))
    assert record["elements"][0]["points"] == 0.67
    assert isinstance(record["elements"][0]["max_points"], float)


def test_evidence_text_truncated_to_200() -> None:
    text = scorecard_record(CARD_PASS)["elements"][2]["evidence"][0]["text"]
    assert len(text) == 200
    assert text.endswith("…")
    short = evidence_record(Evidence(1, Role.CUSTOMER, "Hi", similarity=92.444))
    assert (short["text"], short["similarity"], short["speaker"]) == ("Hi", 92.4, "customer")


def test_truncate() -> None:
    assert truncate("abc", 3) == "abc"
    assert truncate("abcd", 3) == "ab…"
    assert truncate("ab cd", 4) == "ab…"


def test_error_record_line_only_when_known() -> None:
    record = error_record(LoadError("a.json", "bad", 3))
    assert record == {"path": "a.json", "message": "bad", "line": 3}
    assert error_record(LoadError("a.txt", "empty")) == {"path": "a.txt", "message": "empty"}


def test_annotation_record() -> None:
    record = annotation_record(ANN_CHAT)
    assert list(record) == ["schema_version", "transcript", "turns"]
    assert record["schema_version"] == 1
    assert list(record["turns"][0]) == ["turn", "speaker", "name", "text", "start", "cues"]
    assert record["turns"][1]["cues"] == []
    assert record["turns"][5]["cues"] == [
        {"cue": "dismissive", "phrase": "calm down", "similarity": 100.0},
        {"cue": "blame", "phrase": "not my problem", "similarity": 100.0},
    ]
