"""Batch aggregates, built one scorecard at a time so that streaming reporters can use them.

Memory stays flat however many transcripts arrive: counts per element and per agent, the score
buckets and the few lowest transcripts are kept, never the scorecards themselves.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import NamedTuple

from svcaudit.model import Checklist, LoadError, Scorecard, Verdict

__all__ = [
    "BUCKETS", "LOWEST", "UNKNOWN_AGENT", "AgentStats", "Facts", "Low", "Summary",
    "SummaryBuilder", "facts", "pass_rate", "summarize", "worst_element",
]  # fmt: skip

# (label, upper bound exclusive): a score falls in the first bucket whose bound exceeds it.
BUCKETS: tuple[tuple[str, float], ...] = (
    ("0-49", 50.0),
    ("50-69", 70.0),
    ("70-84", 85.0),
    ("85-100", math.inf),
)
LOWEST = 5
VERDICTS = tuple(v.value for v in Verdict)  # pass, partial, fail, na
UNKNOWN_AGENT = "(unknown)"  # the agent of a transcript that names none
RATE_DIGITS = 3  # pass rates are fractions in [0, 1], rounded to 3 decimals


@dataclass(frozen=True, slots=True)
class Low:
    """One of the lowest-scoring transcripts."""

    id: str
    score: float
    worst: str | None  # the element that cost the most, None when none lost points
    path: str = "-"


@dataclass(frozen=True, slots=True)
class AgentStats:
    """One agent's transcripts: how many, mean score, pass rate and weakest element."""

    transcripts: int
    mean_score: float | None  # over the agent's scored transcripts, rounded to 1 decimal
    pass_rate: float  # passed / transcripts, in [0, 1]
    weakest: str | None  # lowest mean credit over applicable elements; None when none lost any


@dataclass(frozen=True, slots=True)
class Summary:
    """The aggregates of a batch; ``elements`` and ``distribution`` keep a fixed key order."""

    transcripts: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    mean_score: float | None = None  # over scorecards with a score, rounded to 1 decimal
    elements: Mapping[str, Mapping[str, int]] = field(default_factory=dict)
    distribution: Mapping[str, int] = field(default_factory=dict)
    lowest: tuple[Low, ...] = ()
    pass_rate: Mapping[str, float | None] = field(default_factory=dict)  # element id -> rate
    agents: Mapping[str, AgentStats] = field(default_factory=dict)  # sorted by agent name


def pass_rate(counts: Mapping[str, int]) -> float | None:
    """Passes over the transcripts an element applied to (pass, partial, fail); None if none."""
    applied = sum(counts.get(v, 0) for v in ("pass", "partial", "fail"))
    return round(counts.get("pass", 0) / applied, RATE_DIGITS) if applied else None


def worst_element(card: Scorecard) -> str | None:
    """The element to blame: a failed critical element first, else the most points lost."""
    best_key: tuple[bool, float] = (False, 0.0)
    worst: str | None = None
    for result in card.results:
        if result.outcome.verdict is Verdict.NA:
            continue
        critical = result.element.critical and result.outcome.verdict is Verdict.FAIL
        key = (critical, round(result.max_points - result.points, 6))
        if key > best_key:
            best_key, worst = key, result.element.id
    return worst


class Facts(NamedTuple):
    """What the summary reads of one scorecard: small enough to send between processes."""

    id: str
    path: str
    agent: str | None
    passed: bool
    score: float | None
    elements: tuple[tuple[str, str, float], ...]  # (element id, verdict, credit) in order
    worst: str | None  # worst_element(card), when the card has a score


def facts(card: Scorecard) -> Facts:
    """The summary's facts of ``card``."""
    elements = tuple(
        (r.element.id, r.outcome.verdict.value, r.outcome.fraction) for r in card.results
    )
    worst = worst_element(card) if card.score is not None else None
    t = card.transcript
    return Facts(t.id, t.path, t.agent, card.passed, card.score, elements, worst)


_NA = Verdict.NA.value


def _bucket(score: float) -> str:
    return next(label for label, bound in BUCKETS if score < bound)


class _AgentTally:
    """Running totals for one agent: counts, score sum, credit sum and count per element."""

    def __init__(self) -> None:
        self.transcripts = self.passed = self.scored = 0
        self.total = 0.0
        self.credit: dict[str, list[float]] = {}  # element id -> [credit sum, applicable count]

    def add(self, card: Facts) -> None:
        self.transcripts += 1
        self.passed += card.passed
        if card.score is not None:
            self.scored += 1
            self.total += card.score
        for element, verdict, credit in card.elements:
            if verdict != _NA:
                tally = self.credit.setdefault(element, [0.0, 0])
                tally[0] += credit
                tally[1] += 1

    def weakest(self) -> str | None:
        """The element with the lowest mean credit (first in order on a tie); None if all full."""
        means = [(total / count, key) for key, (total, count) in self.credit.items()]
        lowest = min(means, key=lambda item: item[0], default=None)
        return lowest[1] if lowest and lowest[0] < 1.0 - 1e-9 else None

    def build(self) -> AgentStats:
        return AgentStats(
            transcripts=self.transcripts,
            mean_score=round(self.total / self.scored, 1) if self.scored else None,
            pass_rate=round(self.passed / self.transcripts, RATE_DIGITS),
            weakest=self.weakest(),
        )


class SummaryBuilder:
    """Collects scorecards and load errors; `build()` may be called at any time."""

    def __init__(self, checklist: Checklist | None = None, *, lowest: int = LOWEST) -> None:
        ids = [element.id for element in checklist.elements] if checklist else []
        self._elements: dict[str, dict[str, int]] = {i: dict.fromkeys(VERDICTS, 0) for i in ids}
        self._distribution = {label: 0 for label, _ in BUCKETS}
        self._agents: dict[str, _AgentTally] = {}
        self._lowest: list[tuple[float, int, Low]] = []
        self._keep = lowest
        self._transcripts = self._passed = self._errors = self._scored = 0
        self._total = 0.0

    def add(self, card: Scorecard) -> None:
        self.add_facts(facts(card))

    def add_facts(self, card: Facts) -> None:
        """Count one scorecard from its facts (what a worker process sends back)."""
        self._transcripts += 1
        self._passed += card.passed
        self._agents.setdefault(card.agent or UNKNOWN_AGENT, _AgentTally()).add(card)
        for element, verdict, _ in card.elements:
            counts = self._elements.setdefault(element, dict.fromkeys(VERDICTS, 0))
            counts[verdict] += 1
        if card.score is not None:
            self._scored += 1
            self._total += card.score
            self._distribution[_bucket(card.score)] += 1
            self._add_low(card, card.score)

    def _add_low(self, card: Facts, score: float) -> None:
        low = Low(card.id, round(score, 1), card.worst, card.path)
        self._lowest.append((score, self._transcripts, low))
        self._lowest = sorted(self._lowest, key=lambda item: item[:2])[: self._keep]

    def add_error(self, err: LoadError) -> None:
        self._errors += 1

    def build(self) -> Summary:
        mean = round(self._total / self._scored, 1) if self._scored else None
        elements = {key: dict(counts) for key, counts in self._elements.items()}
        return Summary(
            transcripts=self._transcripts,
            passed=self._passed,
            failed=self._transcripts - self._passed,
            errors=self._errors,
            mean_score=mean,
            elements=elements,
            distribution=dict(self._distribution),
            lowest=tuple(low for _, _, low in self._lowest),
            pass_rate={key: pass_rate(counts) for key, counts in elements.items()},
            agents={name: self._agents[name].build() for name in sorted(self._agents)},
        )


def summarize(
    cards: Iterable[Scorecard],
    errors: Iterable[LoadError] = (),
    checklist: Checklist | None = None,
) -> Summary:
    """The summary of a finished batch."""
    builder = SummaryBuilder(checklist)
    for card in cards:
        builder.add(card)
    for err in errors:
        builder.add_error(err)
    return builder.build()
