"""Kind ``recovery``: when the technical need is not met, the personal need still must be.

A trigger is a turn where the need goes unmet: the agent's refusal
(``bare_refusal``), or one of the element's ``phrases``/``patterns`` ("out
of stock", "it won't arrive in time"), said by either side. After it, within
the agent's next ``within`` turns (the trigger's own turn included when the
agent said it), service recovery needs an ``apology`` (or empathy) and a
``make_good`` (an alternative, a commitment, something extra). Both:
``pass``; one: ``partial``; neither: ``fail``; no unmet need: ``na``.

Passing example: "I'm sorry, that model is out of stock. What I can do is
upgrade you to the next one at the same price." -> pass.
Failing example: "It's out of stock." and nothing more -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Role, Verdict
from svcaudit.rules.context import Context, cue_words, evidence

KIND = "recovery"
CUE = {"cues": True}


@dataclass(frozen=True, slots=True)
class Params:
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=(), metadata={"regex": True})
    apology: tuple[str, ...] = field(default=("apology", "empathy"), metadata=CUE)
    make_good: tuple[str, ...] = field(default=("alternative", "commitment", "extra_info"), metadata=CUE)
    within: int = 2


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    everyone = [t for t in ctx.transcript.turns if t.role in (Role.AGENT, Role.CUSTOMER)]
    triggers = ctx.said("bare_refusal", ctx.turns()) + ctx.find_phrases(
        params.phrases, params.patterns, everyone, "unmet need")
    if not triggers:
        return Outcome(Verdict.NA, "the customer's need was met: nothing to recover")
    first = min(triggers, key=lambda f: f.turn.index)
    turns = ctx.agent_after(first.turn.index, params.within)
    if first.turn.role is Role.AGENT:
        turns = [first.turn, *turns]
    sorry = ctx.find(params.apology, turns)
    fix = ctx.find(params.make_good, turns)
    found = [first, *sorry[:1], *fix[:1]]
    at = first.turn.index
    if sorry and fix:
        return Outcome(Verdict.PASS, f"unmet need at turn {at}: apology and make-good", evidence(found))
    if sorry or fix:
        missing = cue_words(params.make_good) if sorry else cue_words(params.apology)
        return Outcome(Verdict.PARTIAL, f"unmet need at turn {at}: no {missing}", evidence(found))
    return Outcome(Verdict.FAIL, f"unmet need at turn {at}: no apology and no make-good", evidence(found))
