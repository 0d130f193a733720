"""Kind ``forbidden``: the element fails wherever the agent shows one of ``cues``.

``phrases`` and ``patterns`` add the team's own forbidden words (matched
fuzzily, like cue phrases). Every offending turn is evidence. With none, the
element passes.

Passing example: ``cues: [dismissive]`` and an agent who says "I can see why
that's frustrating; let's fix it" -> pass.
Failing example: the agent says "Calm down, as I already told you" -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Role, Verdict
from svcaudit.rules.context import Context, cue_words, evidence, turn_list

KIND = "forbidden"


@dataclass(frozen=True, slots=True)
class Params:
    cues: tuple[str, ...] = field(default=(), metadata={"cues": True})
    phrases: tuple[str, ...] = ()
    patterns: tuple[str, ...] = field(default=(), metadata={"regex": True})


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    turns = ctx.turns(Role.AGENT, element.window)
    bad = ctx.find(params.cues, turns) + ctx.find_phrases(
        params.phrases, params.patterns, turns, "forbidden phrase"
    )
    bad.sort(key=lambda f: f.turn.index)
    if bad:
        words = cue_words(dict.fromkeys(f.hit.cue for f in bad))
        return Outcome(Verdict.FAIL, f"{words} at {turn_list(bad)}", evidence(bad), 0.0)
    what = cue_words(params.cues) if params.cues else "forbidden phrase"
    return Outcome(Verdict.PASS, f"no {what}")
