"""SummaryBuilder on a known set: counts, mean, per-element verdicts, buckets, lowest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from svcaudit.report.summary import Low, SummaryBuilder, summarize, worst_element

from .cases import CARD_FAIL, CARD_NA, CARD_PASS, CARDS, CHECKLIST, ERRORS


def test_counts_and_mean() -> None:
    summary = summarize(CARDS, ERRORS, CHECKLIST)
    assert (summary.transcripts, summary.passed, summary.failed, summary.errors) == (3, 2, 1, 2)
    assert summary.mean_score == 66.7  # (83.33 + 50.0) / 2; call-0003 has no score


def test_element_verdicts_in_checklist_order() -> None:
    summary = summarize(CARDS, ERRORS, CHECKLIST)
    assert list(summary.elements) == [e.id for e in CHECKLIST.elements]
    assert summary.elements == {
        "project_attitude": {"pass": 2, "partial": 0, "fail": 0, "na": 1},
        "seek_data": {"pass": 1, "partial": 0, "fail": 1, "na": 1},
        "supply_data": {"pass": 1, "partial": 1, "fail": 0, "na": 1},
        "demonstrate_awareness": {"pass": 1, "partial": 0, "fail": 1, "na": 1},
        "close_and_thank": {"pass": 0, "partial": 1, "fail": 0, "na": 2},
    }


def test_checklist_elements_listed_before_any_card() -> None:
    summary = SummaryBuilder(CHECKLIST).build()
    assert summary.elements["seek_data"] == {"pass": 0, "partial": 0, "fail": 0, "na": 0}
    assert summary.mean_score is None
    assert summary.lowest == ()


def test_lowest_with_worst_element() -> None:
    summary = summarize(CARDS)
    assert summary.lowest == (
        Low("chat-0002", 50.0, "demonstrate_awareness"),  # a critical failure beats 2 lost points
        Low("call-0001", 83.3, "supply_data"),
    )


def test_worst_element_none_when_nothing_lost() -> None:
    assert worst_element(CARD_NA) is None


def test_lowest_keeps_five_in_score_order() -> None:
    builder = SummaryBuilder(CHECKLIST)
    scores = [90.0, 40.0, 75.0, 60.0, 95.0, 40.0, 80.0]
    for index, score in enumerate(scores):
        card = replace(CARD_PASS, score=score)
        builder.add(replace(card, transcript=replace(card.transcript, id=f"t{index}")))
    lowest = builder.build().lowest
    assert [(low.id, low.score) for low in lowest] == [
        ("t1", 40.0), ("t5", 40.0), ("t3", 60.0), ("t2", 75.0), ("t6", 80.0),
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("score", "bucket"),
    [(0.0, "0-49"), (49.99, "0-49"), (50.0, "50-69"), (69.9, "50-69"), (70.0, "70-84"),
     (84.99, "70-84"), (85.0, "85-100"), (100.0, "85-100")],
)  # fmt: skip
def test_distribution_buckets(score: float, bucket: str) -> None:
    summary = summarize([replace(CARD_FAIL, score=score)])
    assert list(summary.distribution) == ["0-49", "50-69", "70-84", "85-100"]
    assert {k: v for k, v in summary.distribution.items() if v} == {bucket: 1}


def test_build_is_a_snapshot() -> None:
    builder = SummaryBuilder(CHECKLIST)
    builder.add(CARD_PASS)
    first = builder.build()
    builder.add(CARD_FAIL)
    builder.add_error(ERRORS[0])
    assert (first.transcripts, first.errors, first.elements["seek_data"]["pass"]) == (1, 0, 1)
    assert builder.build().transcripts == 2
