"""Kind ``recovery``: when the technical need is not met, the personal need still must be.

A trigger is a turn where the need goes unmet: the agent's refusal
(``bare_refusal``), or one of the element's ``phrases``/``patterns`` ("out
of stock", "I'm afraid it won't arrive in time") in an agent's turn: the
customer's own account of the problem is the problem to solve, not yet a
need that cannot be met. From the agent's turn before the first such turn
to the agent's ``within``-th turn after the last one, service
recovery needs an ``apology`` (or empathy) and a ``make_good`` (an
alternative, a commitment, something extra). Both:
``pass``; one: ``partial``; neither: ``fail``; no unmet need: ``na``.

Passing example: "I'm sorry, that model is out of stock. What I can do is
upgrade you to the next one at the same price." -> pass.
Failing example: "It's out of stock." and nothing more -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Verdict
from svcaudit.rules.context import Context, cue_words, evidence

KIND = "recovery"
CUE = {"cues": True}


@dataclass(frozen=True, slots=True)
class Params:
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=(), metadata={"regex": True})
    apology: tuple[str, ...] = field(default=("apology", "empathy"), metadata=CUE)
    make_good: tuple[str, ...] = field(
        default=("alternative", "commitment", "extra_info"), metadata=CUE
    )
    within: int = 2


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    agent = ctx.turns()
    triggers = ctx.said("bare_refusal", agent) + ctx.find_phrases(
        params.phrases, params.patterns, agent, "unmet need"
    )
    if not triggers:
        return Outcome(Verdict.NA, "the customer's need was met: nothing to recover")
    first = min(triggers, key=lambda f: f.turn.index)
    last = max(triggers, key=lambda f: f.turn.index)
    before = ctx.agent_before(first.turn.index)  # "I'm so sorry. ... I'm afraid there isn't one"
    start = before.index if before is not None else first.turn.index
    turns = [t for t in agent if start <= t.index <= last.turn.index]
    turns += ctx.agent_after(last.turn.index, params.within)
    sorry = ctx.find(params.apology, turns)
    fix = ctx.find(params.make_good, turns)
    found = [first, *sorry[:1], *fix[:1]]
    at = first.turn.index
    if sorry and fix:
        return Outcome(
            Verdict.PASS, f"unmet need at turn {at}: apology and make-good", evidence(found)
        )
    if sorry or fix:
        missing = cue_words(params.make_good) if sorry else cue_words(params.apology)
        return Outcome(Verdict.PARTIAL, f"unmet need at turn {at}: no {missing}", evidence(found))
    return Outcome(
        Verdict.FAIL, f"unmet need at turn {at}: no apology and no make-good", evidence(found)
    )
