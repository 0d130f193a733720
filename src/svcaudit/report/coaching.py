"""Coaching notes for a scorecard: what to do instead, for each failed or partial element.

Each note gives the source document's guidance and, when the checklist has
one, a better response next to the agent's own words (the agent's turn that
the verdict rests on, when there is one).
"""

from __future__ import annotations

from dataclasses import dataclass

from svcaudit.model import ElementResult, Role, Scorecard, Verdict
from svcaudit.report.records import truncate


@dataclass(frozen=True, slots=True)
class Note:
    title: str
    verdict: Verdict
    guidance: str
    said: str | None  # "turn 4: “...”"
    better: str


def notes(card: Scorecard) -> list[Note]:
    """One note per failed or partial element that has guidance, in checklist order."""
    out = []
    for result in card.results:
        if result.outcome.verdict in (Verdict.FAIL, Verdict.PARTIAL) and result.element.guidance:
            out.append(
                Note(
                    result.element.title,
                    result.outcome.verdict,
                    " ".join(result.element.guidance.split()),
                    _said(result),
                    result.element.better,
                )
            )
    return out


def _said(result: ElementResult) -> str | None:
    agent = [e for e in result.outcome.evidence if e.speaker is Role.AGENT]
    if not agent:
        return None
    first = agent[0]
    return f"turn {first.turn}: “{truncate(' '.join(first.text.split()), 90)}”"
