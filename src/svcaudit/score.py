"""From outcomes to a scorecard: points, the 0-100 score and pass/fail."""

from __future__ import annotations

from collections.abc import Sequence

from svcaudit.model import (
    Checklist,
    CueHit,
    Element,
    ElementResult,
    Outcome,
    Scorecard,
    Transcript,
    Verdict,
)


def result(element: Element, outcome: Outcome) -> ElementResult:
    """Points for one element: ``weight`` times the outcome's credit; none when ``na``."""
    if outcome.verdict is Verdict.NA:
        return ElementResult(element.info, outcome, 0.0, 0.0)
    points = round(element.weight * outcome.fraction, 4)
    return ElementResult(element.info, outcome, points, element.weight)


def scorecard(
    transcript: Transcript,
    checklist: Checklist,
    results: Sequence[ElementResult],
    cues: tuple[tuple[CueHit, ...], ...] = (),
) -> Scorecard:
    """Score over applicable elements; a failed critical element fails the transcript."""
    possible = sum(r.max_points for r in results)
    score = round(100.0 * sum(r.points for r in results) / possible, 1) if possible else None
    critical = any(r.element.critical and r.outcome.verdict is Verdict.FAIL for r in results)
    passed = not critical and (score is None or score >= checklist.pass_mark)
    return Scorecard(transcript, checklist.id, tuple(results), score, passed, critical, cues)
