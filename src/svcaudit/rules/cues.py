"""Kind ``cues``: the element is met by behaviours (cues) the agent shows.

Each *part* is one thing the source document asks for; the element's credit
is the share of applicable parts met (a ``half`` cue earns half a part), so
an element with three parts met by two is ``partial``. A part can be
conditional:

* ``when: [distress, personal_need]`` applies the part only if the customer
  shows one of those cues, and then looks for the part's cues in the agent's
  next ``within`` turns after each such customer turn (later counts half; an
  answer whose turn also shows a ``spoilt_by`` cue, such as a presumed
  feeling, counts half);
* ``at: hold`` applies the part at each agent turn carrying that cue, and
  looks in that turn and the agent's turn before it.

``forbid`` lists cues that fail the element wherever they occur in the
window. With no applicable part and nothing forbidden, the verdict is ``na``;
so is a short contact (fewer than ``min_agent_turns`` agent turns) in which
none of ``unless_cues`` occurs.

Passing example (project_attitude)::

    parts: [{label: greets the customer, cues: [greeting]},
            {label: offers help, cues: [offer_help]}]
    agent: "Thanks for calling Acme, this is Dana. How can I help?"   -> pass

Failing example: the agent opens with "Account number." -> fail.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from svcaudit.model import Element, Outcome, Role, Verdict
from svcaudit.rules.context import Context, Found, cue_words, evidence, turn_list

KIND = "cues"
CUE = {"cues": True}


@dataclass(frozen=True, slots=True)
class Part:
    label: str
    cues: tuple[str, ...] = field(metadata=CUE)
    half: tuple[str, ...] = field(default=(), metadata=CUE)
    when: tuple[str, ...] = field(default=(), metadata=CUE)
    within: int = 1
    at: tuple[str, ...] = field(default=(), metadata=CUE)
    spoilt_by: tuple[str, ...] = field(default=(), metadata=CUE)
    # only questions that seek a yes or no count ("is that right?"), not requests for a
    # detail ("order number?"): confirming needs the former
    yes_no: bool = False


@dataclass(frozen=True, slots=True)
class Params:
    parts: tuple[Part, ...] = ()
    forbid: tuple[str, ...] = field(default=(), metadata=CUE)
    min_agent_turns: int = 0
    unless_cues: tuple[str, ...] = field(default=(), metadata=CUE)
    na_reason: str = ""


@dataclass(frozen=True, slots=True)
class PartResult:
    part: Part
    credit: float
    found: tuple[Found, ...]
    note: str = ""


def check(element: Element, ctx: Context) -> Outcome:
    params: Params = element.params
    window = ctx.turns(Role.AGENT, element.window)
    bad = ctx.find(params.forbid, window)
    if bad:
        words = cue_words(dict.fromkeys(f.hit.cue for f in bad))
        return Outcome(Verdict.FAIL, f"{words} at {turn_list(bad)}", evidence(bad), 0.0)
    if _short(params, ctx):
        n = len(ctx.turns())
        reason = params.na_reason or "nothing to judge"
        return Outcome(Verdict.NA, f"short contact ({n} agent turns): {reason}")
    results = [r for p in params.parts if (r := _part(p, window, ctx)) is not None]
    if not results:
        return Outcome(Verdict.NA, params.na_reason or "no opportunity in this transcript")
    credit = sum(r.credit for r in results) / len(results)
    return Outcome(_verdict(credit), _reason(results), _evidence(results), round(credit, 4))


def _short(params: Params, ctx: Context) -> bool:
    """Too short to judge: few agent turns, and none of ``unless_cues`` from either side."""
    if len(ctx.turns()) >= params.min_agent_turns:
        return False
    return not ctx.find(params.unless_cues, ctx.transcript.turns)


def _verdict(credit: float) -> Verdict:
    if credit >= 0.999:
        return Verdict.PASS
    return Verdict.FAIL if credit <= 0.001 else Verdict.PARTIAL


def _part(part: Part, window: list, ctx: Context) -> PartResult | None:
    if part.when:
        return _triggered(part, ctx)
    if part.at:
        return _anchored(part, window, ctx)
    full = ctx.find(part.cues, window)
    if part.yes_no:
        full = [f for f in full if ctx.yes_no(f)]
    if full:
        return PartResult(part, 1.0, tuple(full))
    half = ctx.find(part.half, window)
    return PartResult(
        part, 0.5 if half else 0.0, tuple(half), "only " + cue_words(part.half) if half else ""
    )


def _triggered(part: Part, ctx: Context) -> PartResult | None:
    """Each customer trigger needs a response in the agent's next ``within`` turns."""
    triggers = ctx.find(part.when, ctx.turns(Role.CUSTOMER))
    episodes: dict[int, list[Found]] = {}
    for trig in triggers:  # triggers before the same agent turn form one episode
        nxt = ctx.agent_after(trig.turn.index, 1)
        episodes.setdefault(nxt[0].index if nxt else -1, []).append(trig)
    if not episodes:
        return None
    credit, found, missed, spoilt, halves = 0.0, list(triggers), [], [], 0
    for trigs in episodes.values():
        start = trigs[-1].turn.index
        nxt = ctx.agent_after(start, part.within)
        soon = ctx.find(part.cues, nxt)
        # a lesser answer in time ("I'm sorry" where empathy was due) earns half, as a late one
        half = [] if soon else ctx.find(part.half, nxt)
        late = [] if soon or half else ctx.find(part.cues, ctx.agent_after(start, 10_000))
        answer = soon or half or late[:1]
        bad = ctx.find(part.spoilt_by, [f.turn for f in answer])
        credit += (1.0 if soon else 0.5 if half or late else 0.0) / (2 if bad else 1)
        found += answer + bad
        halves += bool(half)
        if not soon:
            missed.append(trigs[0].turn.index)
        spoilt += [f.turn.index for f in bad]
    note = _note(part, missed, spoilt, halves)
    return PartResult(part, credit / len(episodes), tuple(found), note)


def _note(part: Part, missed: list[int], spoilt: list[int], halves: int = 0) -> str:
    notes = [f"only {cue_words(part.half)}"] if halves else []
    notes += [f"customer at turn {', '.join(map(str, missed))}"] if missed else []
    if spoilt:
        words = cue_words(part.spoilt_by)
        notes.append(f"answered with {words} at turn {', '.join(map(str, sorted(set(spoilt))))}")
    return "; ".join(notes)


def _anchored(part: Part, window: list, ctx: Context) -> PartResult | None:
    anchors = ctx.find(part.at, window)
    if not anchors:
        return None
    found, met, missed = list(anchors), 0, []
    for anchor in anchors:
        prev = ctx.agent_before(anchor.turn.index)
        near = ctx.find(part.cues, [anchor.turn] + ([prev] if prev else []))
        met += bool(near)
        found += near
        if not near:
            missed.append(anchor.turn.index)
    note = f"not at turn {', '.join(map(str, missed))}" if missed else ""
    return PartResult(part, met / len(anchors), tuple(found), note)


def _reason(results: list[PartResult]) -> str:
    done = [r for r in results if r.credit >= 0.999]
    some = [r for r in results if 0.001 < r.credit < 0.999]
    none = [r for r in results if r.credit <= 0.001]
    out = [f"{r.part.label} ({_turns(r)})" for r in done]
    out += [f"{r.part.label} in part ({r.note or _turns(r)})" for r in some]
    if none:
        out.append(
            "missing: " + ", ".join(r.part.label + (f" ({r.note})" if r.note else "") for r in none)
        )
    return "; ".join(out)


def _turns(r: PartResult) -> str:
    agent = [f for f in r.found if f.turn.role is Role.AGENT]
    return turn_list(agent or list(r.found)) if r.found else "-"


def _evidence(results: list[PartResult]):
    return evidence([f for r in results for f in r.found])
