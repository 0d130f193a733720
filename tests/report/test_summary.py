"""SummaryBuilder on a known set: counts, mean, per-element verdicts and pass rates, buckets,
agents, lowest."""

from __future__ import annotations

from dataclasses import replace

import pytest

from svcaudit.model import Scorecard
from svcaudit.report.summary import (
    AgentStats,
    Low,
    SummaryBuilder,
    pass_rate,
    summarize,
    worst_element,
)

from .cases import CARD_FAIL, CARD_NA, CARD_PASS, CARDS, CHECKLIST, ERRORS, NA, P, result, scorecard


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
        # a critical failure beats 2 lost points
        Low("chat-0002", 50.0, "demonstrate_awareness", "chats/0002.json"),
        Low("call-0001", 83.3, "supply_data", "calls/0001.txt"),
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


def as_agent(card: Scorecard, agent: str | None, transcript_id: str) -> Scorecard:
    return replace(card, transcript=replace(card.transcript, agent=agent, id=transcript_id))


def test_pass_rate_per_element() -> None:
    summary = summarize(CARDS, ERRORS, CHECKLIST)
    assert summary.pass_rate == {
        "project_attitude": 1.0,  # 2 of 2 applicable
        "seek_data": 0.5,
        "supply_data": 0.5,  # a partial is not a pass
        "demonstrate_awareness": 0.5,
        "close_and_thank": 0.0,
    }
    assert pass_rate({"pass": 2, "partial": 0, "fail": 1, "na": 7}) == 0.667
    assert pass_rate({"pass": 0, "partial": 0, "fail": 0, "na": 3}) is None
    assert SummaryBuilder(CHECKLIST).build().pass_rate["seek_data"] is None


def test_agents_known_set() -> None:
    """Dana: 83.3 (pass) and 50.0 (fail); Lee: 50.0 (fail); one transcript names no agent."""
    cards = [
        as_agent(CARD_PASS, "Dana", "d1"),
        as_agent(CARD_FAIL, "Dana", "d2"),
        as_agent(CARD_FAIL, "Lee", "l1"),
        as_agent(CARD_NA, None, "u1"),
    ]
    agents = summarize(cards, (), CHECKLIST).agents
    assert list(agents) == ["(unknown)", "Dana", "Lee"]  # sorted by name
    # Dana's credits: project 1,1; seek 1,0; supply .5,1; awareness 1,0; close (na),.5
    # -> lowest means: seek 0.5, supply 0.75, awareness 0.5, close 0.5: the first, seek_data
    assert agents["Dana"] == AgentStats(2, 66.7, 0.5, "seek_data")
    assert agents["Lee"] == AgentStats(1, 50.0, 0.0, "seek_data")
    assert agents["(unknown)"] == AgentStats(1, None, 1.0, None)  # nothing applied


def test_agent_weakest_is_lowest_mean_credit() -> None:
    weak_close = scorecard(
        CARD_PASS.transcript,
        *CARD_PASS.results[:2],
        result("supply_data", P, 2, "ok"),
        CARD_PASS.results[3],
        result("close_and_thank", NA, 0, "no close"),
    )
    assert summarize([weak_close]).agents["Dana"].weakest is None  # every credit full
    agents = summarize([CARD_PASS, weak_close]).agents
    assert agents["Dana"].weakest == "supply_data"  # mean credit 0.75, the only one below 1
    assert agents["Dana"].transcripts == 2


def test_agents_do_not_change_the_contract_counts() -> None:
    summary = summarize([as_agent(CARD_FAIL, "Dana", "x"), CARD_PASS], (), CHECKLIST)
    assert sum(stats.transcripts for stats in summary.agents.values()) == summary.transcripts
