"""Kind ``sequence``: behaviours must come in a given order.

``steps`` is a list of steps, each a list of cues (any of them makes the
step). ``scope: window`` orders the first occurrence of each step across the
element's window of agent turns; ``scope: turn`` checks the order inside
each agent turn that shows two or more steps. Fewer than two steps present:
nothing to order, ``na``. In order: ``pass``; out of order: ``fail``, with the
turns as evidence. (Missing steps are for a ``cues`` element to judge.)

Passing example (close: commitments, then availability, then thanks)::

    steps: [[commitment], [availability], [thanks]]
    agent: "You'll get an email today. Anything else? Thanks for calling." -> pass

Failing example: "Thanks for calling! Oh, and you'll get an email today." -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Turn, Verdict
from svcaudit.rules.context import Context, Found, evidence, turn_list

KIND = "sequence"


@dataclass(frozen=True, slots=True)
class Params:
    steps: tuple[tuple[str, ...], ...] = field(metadata={"cues": True})
    scope: str = field(default="window", metadata={"choices": ("window", "turn")})


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    window = ctx.turns(window=element.window)
    groups = [[t] for t in window] if params.scope == "turn" else [window]
    judged: list[list[Found]] = []
    wrong: list[list[Found]] = []
    for turns in groups:
        firsts = _firsts(params, turns, ctx)
        if len(firsts) < 2:
            continue
        judged.append(firsts)
        if firsts != sorted(firsts, key=_place):
            wrong.append(firsts)
    labels = " then ".join("/".join(s) for s in params.steps).replace("_", " ")
    if not judged:
        return Outcome(Verdict.NA, f"fewer than two of {labels}: nothing to order")
    if wrong:
        found = [f for group in wrong for f in group]
        return Outcome(
            Verdict.FAIL, f"not in the order {labels} ({turn_list(found)})", evidence(found)
        )
    found = [f for group in judged for f in group]
    return Outcome(Verdict.PASS, f"in the order {labels} ({turn_list(found)})", evidence(found))


def _firsts(params: Params, turns: list[Turn], ctx: Context) -> list[Found]:
    """The first occurrence of each step present, in step order."""
    out = []
    for step in params.steps:
        found = ctx.find(step, turns)
        if found:
            out.append(min(found, key=_place))
    return out


def _place(found: Found) -> tuple[int, int]:
    return found.turn.index, found.hit.pos or 0
