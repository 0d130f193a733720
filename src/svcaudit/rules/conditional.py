"""Kind ``conditional``: when the customer shows a need, the agent must answer it.

``trigger`` lists customer cues (e.g. ``personal_need``, ``distress``); for
each, the agent's next ``within`` turns must show a ``response`` cue, and,
when ``before`` is given, show it before any of those cues in the turn (the
personal need acknowledged before the business question). No trigger: ``na``.
Every trigger answered in time and order: ``pass``; some, or answered late or
after the business question: ``partial``; none: ``fail``.

Passing example (A.C.E.)::

    customer: "I'm calling to reschedule because I have the flu."
    agent: "I'm so sorry you aren't feeling well. When can you come in?"  -> pass

Failing example: agent: "When would you like to come in?" -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Role, Verdict
from svcaudit.rules.context import Context, Found, cue_words, evidence, turn_list

KIND = "conditional"
CUE = {"cues": True}


@dataclass(frozen=True, slots=True)
class Params:
    trigger: tuple[str, ...] = field(metadata=CUE)
    response: tuple[str, ...] = field(metadata=CUE)
    within: int = 1
    before: tuple[str, ...] = field(default=(), metadata=CUE)


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    episodes = _episodes(params, ctx)
    if not episodes:
        return Outcome(
            Verdict.NA, f"no {cue_words(params.trigger)} from the customer: nothing to answer"
        )
    credit, found, notes = 0.0, [], []
    for trigger in episodes:
        score, used, note = _answer(params, trigger, ctx)
        credit += score
        found += [trigger, *used]
        if note:
            notes.append(note)
    credit /= len(episodes)
    verdict = (
        Verdict.PASS if credit >= 0.999 else Verdict.FAIL if credit <= 0.001 else Verdict.PARTIAL
    )
    what = cue_words(params.response)
    reason = "; ".join(notes) if notes else f"{what} after the customer's {turn_list(episodes)}"
    return Outcome(verdict, reason, evidence(found), round(credit, 4))


def _episodes(params: Params, ctx: Context) -> list[Found]:
    """The last trigger before each agent turn (triggers in a row are one episode)."""
    by_reply: dict[int, Found] = {}
    for trig in ctx.find(params.trigger, ctx.turns(Role.CUSTOMER)):
        nxt = ctx.agent_after(trig.turn.index, 1)
        by_reply[nxt[0].index if nxt else -1] = trig
    return sorted(by_reply.values(), key=lambda f: f.turn.index)


def _answer(params: Params, trigger: Found, ctx: Context) -> tuple[float, list[Found], str]:
    turns = ctx.agent_after(trigger.turn.index, params.within)
    at = trigger.turn.index
    if not turns:
        return 0.0, [], f"no agent turn after the customer's turn {at}"
    said = ctx.find(params.response, turns)
    if not said:
        later = ctx.find(params.response, ctx.agent_after(at, 10_000))
        note = f"{cue_words(params.response)} missing after the customer's turn {at}"
        return (
            (0.5, later[:1], note + f" (only at turn {later[0].turn.index})")
            if later
            else (0.0, [], note)
        )
    first = min(said, key=lambda f: (f.turn.index, f.hit.pos or 0))
    business = [
        b
        for b in ctx.find(params.before, turns)
        if (b.turn.index, b.hit.pos or 0) < (first.turn.index, first.hit.pos or 0)
    ]
    if business:
        note = f"the business question came first at turn {business[0].turn.index}"
        return 0.5, [first, business[0]], note
    return 1.0, [first], ""
