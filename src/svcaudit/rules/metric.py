"""Kind ``metric``: a measure of the conversation kept within bounds.

``metric`` names the measure (``svcaudit rules metric`` lists them);
``min`` and ``max`` bound it. A measure the transcript cannot give (no
timestamps, no distress to listen to) makes the element ``na``. Shares are
0-1, times in seconds, monologues in words or seconds.

Passing example: ``metric: agent_talk_share, max: 0.6`` on a call where the
agent speaks 45% of the words -> pass.
Failing example: the same element on a call where the agent speaks 80% -> fail.

Measures: agent_talk_share, customer_share_when_distressed,
longest_agent_monologue_words, longest_agent_monologue_seconds,
agent_questions, agent_apologies, hold_count, longest_hold_seconds, dead_air_seconds,
response_delay_seconds.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Evidence, Outcome, Verdict
from svcaudit.rules.context import Context
from svcaudit.rules.measures import MEASURES

KIND = "metric"


@dataclass(frozen=True, slots=True)
class Params:
    metric: str = field(metadata={"choices": tuple(MEASURES)})
    min: float | None = None
    max: float | None = None


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    measured = MEASURES[params.metric](ctx)
    name = params.metric.replace("_", " ")
    if measured is None:
        return Outcome(Verdict.NA, f"{name}: not measurable in this transcript")
    value, turns = measured
    evidence = tuple(_evidence(ctx, i) for i in turns)
    shown = f"{value:.0%}" if "share" in params.metric else f"{value:g}"
    if params.min is not None and value < params.min:
        return Outcome(
            Verdict.FAIL,
            f"{name} {shown}, below the minimum {_bound(params, params.min)}",
            evidence,
        )
    if params.max is not None and value > params.max:
        return Outcome(
            Verdict.FAIL,
            f"{name} {shown}, above the maximum {_bound(params, params.max)}",
            evidence,
        )
    return Outcome(Verdict.PASS, f"{name} {shown}, within bounds", evidence)


def _bound(params: Params, value: float) -> str:
    return f"{value:.0%}" if "share" in params.metric else f"{value:g}"


def _evidence(ctx: Context, index: int) -> Evidence:
    turn = ctx.transcript.turns[index]
    return Evidence(index, turn.role, turn.text, start=turn.start)
