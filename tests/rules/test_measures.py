"""Conversation measures on timed transcripts (the metric kind's inputs)."""

from __future__ import annotations

from svcaudit.cues import annotate
from svcaudit.model import Role, Transcript, Turn
from svcaudit.rules.context import Context
from svcaudit.rules.measures import MEASURES

A, C = Role.AGENT, Role.CUSTOMER
CALL = Transcript(
    "timed",
    (
        Turn(0, A, "Thanks for calling, how can I help?", start=0.0, end=2.0),
        Turn(
            1,
            C,
            "This is ridiculous, my bill doubled and nobody will explain why.",
            start=2.5,
            end=7.0,
        ),
        Turn(
            2,
            A,
            "I'm going to pull up your last two bills so I can compare them. "
            "Please hold for a moment.",
            start=7.5,
            end=12.0,
        ),
        Turn(
            3,
            A,
            "Thanks for holding. The second charge is a duplicate; I've refunded it.",
            start=92.0,
            end=97.0,
        ),
        Turn(4, C, "Okay.", start=109.0, end=109.5),
        Turn(5, A, "Is there anything else?", start=110.0, end=111.0),
    ),
)


def _measure(name: str, transcript: Transcript = CALL):
    return MEASURES[name](Context(transcript, annotate(transcript)))


def test_hold_length_is_the_silence_after_the_hold() -> None:
    assert _measure("hold_count") == (1.0, [2])
    assert _measure("longest_hold_seconds") == (80.0, [2])


def test_dead_air_leaves_out_announced_holds() -> None:
    assert _measure("dead_air_seconds") == (12.0, [4])


def test_monologue_merges_consecutive_agent_turns() -> None:
    words, turns = _measure("longest_agent_monologue_words")
    assert turns == [2] and words == 31
    assert _measure("longest_agent_monologue_seconds") == (89.5, [2])


def test_customer_share_counts_from_the_first_distress() -> None:
    share, turns = _measure("customer_share_when_distressed")
    assert turns == [1] and 0.2 < share < 0.4


def test_response_delay_is_customer_end_to_agent_start() -> None:
    assert _measure("response_delay_seconds") == (0.5, [])


def test_untimed_transcript_cannot_measure_times() -> None:
    untimed = Transcript("u", tuple(Turn(t.index, t.role, t.text) for t in CALL.turns))
    for name in ("dead_air_seconds", "longest_hold_seconds", "response_delay_seconds"):
        assert _measure(name, untimed) is None
