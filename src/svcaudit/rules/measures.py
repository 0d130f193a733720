"""Conversation measures from turns and timestamps, for the ``metric`` rule kind.

Each measure returns ``(value, evidence turns)`` or ``None`` when the transcript
cannot tell (no timestamps, no customer turns, nothing to measure).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from svcaudit.model import Role, Turn
from svcaudit.rules.context import Context

Measured = tuple[float, list[int]] | None
PROBES = ("open_probe", "closed_probe")


def _words(turn: Turn) -> int:
    return len(turn.text.split())


def _share(turns: list[Turn], role: Role) -> Measured:
    total = sum(_words(t) for t in turns if t.role in (Role.AGENT, Role.CUSTOMER))
    if not total:
        return None
    mine = sum(_words(t) for t in turns if t.role is role)
    return round(mine / total, 3), []


def agent_talk_share(ctx: Context) -> Measured:
    """Share of the words spoken by the agent (0-1)."""
    return _share(list(ctx.transcript.turns), Role.AGENT)


def customer_share_when_distressed(ctx: Context) -> Measured:
    """The customer's share of the words from their first sign of distress on (0-1)."""
    first = ctx.find(("distress",), ctx.turns(Role.CUSTOMER))
    if not first:
        return None
    start = first[0].turn.index
    measured = _share(list(ctx.transcript.turns[start:]), Role.CUSTOMER)
    return None if measured is None else (measured[0], [start])


def _runs(ctx: Context) -> list[list[Turn]]:
    """Consecutive agent turns, merged: what the customer heard without a break."""
    runs: list[list[Turn]] = []
    for turn in ctx.transcript.turns:
        if turn.role is Role.AGENT:
            if runs and runs[-1][-1].index == turn.index - 1:
                runs[-1].append(turn)
            else:
                runs.append([turn])
    return runs


def longest_agent_monologue_words(ctx: Context) -> Measured:
    """Words in the agent's longest stretch without the customer speaking."""
    runs = _runs(ctx)
    if not runs:
        return None
    best = max(runs, key=lambda r: sum(_words(t) for t in r))
    return float(sum(_words(t) for t in best)), [best[0].index]


def longest_agent_monologue_seconds(ctx: Context) -> Measured:
    """Seconds of the agent's longest stretch without the customer speaking (needs times)."""
    timed = [
        (r[-1].end - r[0].start, r[0].index)
        for r in _runs(ctx)
        if r[0].start is not None and r[-1].end is not None
    ]
    if not timed:
        return None
    seconds, index = max(timed)
    return round(seconds, 1), [index]


def agent_questions(ctx: Context) -> Measured:
    """Agent turns that ask a question (open or closed probe)."""
    found = ctx.find(PROBES, ctx.turns())
    return float(len({f.turn.index for f in found})), sorted({f.turn.index for f in found})


def agent_apologies(ctx: Context) -> Measured:
    """Agent turns that apologise."""
    found = ctx.find(("apology",), ctx.turns())
    return float(len(found)), [f.turn.index for f in found]


def hold_count(ctx: Context) -> Measured:
    """Times the agent put the customer on hold."""
    found = ctx.find(("hold",), ctx.turns())
    return float(len(found)), [f.turn.index for f in found]


def _hold_gaps(ctx: Context) -> list[tuple[float, int]]:
    gaps = []
    for found in ctx.find(("hold",), ctx.turns()):
        turn = found.turn
        later = ctx.transcript.turns[turn.index + 1 : turn.index + 2]
        end = turn.end if turn.end is not None else turn.start
        if later and end is not None and later[0].start is not None:
            gaps.append((round(max(0.0, later[0].start - end), 1), turn.index))
    return gaps


def longest_hold_seconds(ctx: Context) -> Measured:
    """The longest silence after a hold (needs times); 0 when there was no hold."""
    if not ctx.find(("hold",), ctx.turns()):
        return 0.0, []
    gaps = _hold_gaps(ctx)
    return (max(gaps)[0], [max(gaps)[1]]) if gaps else None


def _gaps(ctx: Context) -> list[tuple[float, int]]:
    turns = ctx.transcript.turns
    out = []
    for prev, nxt in itertools.pairwise(turns):
        end = prev.end if prev.end is not None else prev.start
        if end is not None and nxt.start is not None:
            out.append((round(max(0.0, nxt.start - end), 1), nxt.index))
    return out


def dead_air_seconds(ctx: Context) -> Measured:
    """The longest silence between turns that no hold announced (needs times)."""
    holds = {index + 1 for _, index in _hold_gaps(ctx)}
    gaps = [g for g in _gaps(ctx) if g[1] not in holds]
    return (max(gaps)[0], [max(gaps)[1]]) if gaps else None


def response_delay_seconds(ctx: Context) -> Measured:
    """Mean wait from a customer's turn to the agent's reply (chat; needs times)."""
    turns = ctx.transcript.turns
    waits = []
    for prev, nxt in itertools.pairwise(turns):
        if prev.role is Role.CUSTOMER and nxt.role is Role.AGENT and nxt.start is not None:
            end = prev.end if prev.end is not None else prev.start
            if end is not None:
                waits.append(max(0.0, nxt.start - end))
    return (round(sum(waits) / len(waits), 1), []) if waits else None


MEASURES: dict[str, Callable[[Context], Measured]] = {
    f.__name__: f
    for f in (
        agent_talk_share,
        customer_share_when_distressed,
        longest_agent_monologue_words,
        longest_agent_monologue_seconds,
        agent_questions,
        agent_apologies,
        hold_count,
        longest_hold_seconds,
        dead_air_seconds,
        response_delay_seconds,
    )
}
