"""Batch aggregates, built one scorecard at a time so that streaming reporters can use them."""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from svcaudit.model import Checklist, LoadError, Scorecard, Verdict

__all__ = ["BUCKETS", "LOWEST", "Low", "Summary", "SummaryBuilder", "summarize", "worst_element"]

# (label, upper bound exclusive): a score falls in the first bucket whose bound exceeds it.
BUCKETS: tuple[tuple[str, float], ...] = (
    ("0-49", 50.0),
    ("50-69", 70.0),
    ("70-84", 85.0),
    ("85-100", math.inf),
)
LOWEST = 5
VERDICTS = tuple(v.value for v in Verdict)  # pass, partial, fail, na


@dataclass(frozen=True, slots=True)
class Low:
    """One of the lowest-scoring transcripts."""

    id: str
    score: float
    worst: str | None  # the element that cost the most, None when none lost points


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


def _bucket(score: float) -> str:
    return next(label for label, bound in BUCKETS if score < bound)


class SummaryBuilder:
    """Collects scorecards and load errors; `build()` may be called at any time."""

    def __init__(self, checklist: Checklist | None = None, *, lowest: int = LOWEST) -> None:
        ids = [element.id for element in checklist.elements] if checklist else []
        self._elements: dict[str, dict[str, int]] = {i: dict.fromkeys(VERDICTS, 0) for i in ids}
        self._distribution = {label: 0 for label, _ in BUCKETS}
        self._lowest: list[tuple[float, int, Low]] = []
        self._keep = lowest
        self._transcripts = self._passed = self._errors = self._scored = 0
        self._total = 0.0

    def add(self, card: Scorecard) -> None:
        self._transcripts += 1
        self._passed += card.passed
        for result in card.results:
            counts = self._elements.setdefault(result.element.id, dict.fromkeys(VERDICTS, 0))
            counts[result.outcome.verdict.value] += 1
        if card.score is not None:
            self._scored += 1
            self._total += card.score
            self._distribution[_bucket(card.score)] += 1
            low = Low(card.transcript.id, round(card.score, 1), worst_element(card))
            self._lowest.append((card.score, self._transcripts, low))
            self._lowest = sorted(self._lowest, key=lambda item: item[:2])[: self._keep]

    def add_error(self, err: LoadError) -> None:
        self._errors += 1

    def build(self) -> Summary:
        mean = round(self._total / self._scored, 1) if self._scored else None
        return Summary(
            transcripts=self._transcripts,
            passed=self._passed,
            failed=self._transcripts - self._passed,
            errors=self._errors,
            mean_score=mean,
            elements={key: dict(counts) for key, counts in self._elements.items()},
            distribution=dict(self._distribution),
            lowest=tuple(low for _, _, low in self._lowest),
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
