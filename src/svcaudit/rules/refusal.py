"""Kind ``refusal``: a refusal must come with what can be done.

The agent's refusals are found by the ``bare_refusal`` cue and by the
element's own ``phrases``/``patterns`` (a team's policy wording). Each
refusal needs an ``alternative`` in the same turn or the agent's next
``within`` turns ("While I cannot do X, here is what I can do"). No refusal:
``na``. Every refusal answered: ``pass``; some: ``partial``; none: ``fail``.

Passing example: "I can't ship overnight to the island; what I can do is
send it express, and it arrives Thursday." -> pass.
Failing example: "That's against our policy." -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Verdict
from svcaudit.rules.context import Context, evidence

KIND = "refusal"
CUE = {"cues": True}


@dataclass(frozen=True, slots=True)
class Params:
    within: int = 1
    alternative: tuple[str, ...] = field(default=("alternative",), metadata=CUE)
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=(), metadata={"regex": True})


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    agent = ctx.turns(window=element.window)
    refusals = ctx.said("bare_refusal", agent)
    refusals += ctx.find_phrases(params.phrases, params.patterns, agent, "refusal")
    by_turn = {f.turn.index: f for f in sorted(refusals, key=lambda f: f.turn.index)}
    if not by_turn:
        return Outcome(Verdict.NA, "no refusal: nothing to offer instead")
    met, found, bare = 0, list(by_turn.values()), []
    for index, refusal in by_turn.items():
        turns = [refusal.turn, *ctx.agent_after(index, params.within)]
        offered = ctx.find(params.alternative, turns)
        if offered:
            met += 1
            found.append(offered[0])
        else:
            bare.append(index)
    credit = met / len(by_turn)
    if not bare:
        return Outcome(
            Verdict.PASS,
            f"every refusal came with an alternative (turns {', '.join(map(str, by_turn))})",
            evidence(found),
            1.0,
        )
    verdict = Verdict.FAIL if met == 0 else Verdict.PARTIAL
    reason = f"refusal without an alternative at turn {', '.join(map(str, bare))}"
    return Outcome(verdict, reason, evidence(found), round(credit, 4))
