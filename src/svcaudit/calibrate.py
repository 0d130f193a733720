"""``svcaudit calibrate``: a QA analyst's verdicts beside svcaudit's, and how far they agree.

This is the calibration session QA teams run between human graders, run between a grader and
the tool: the same transcripts, judged twice, compared element by element. Pure functions over
data: the analyst's CSV is read by ``calibrate_csv``, scorecards come from the scoring core, and
``compare`` computes agreement, Cohen's kappa, confusion matrices, score differences and the
transcripts that disagree most. Writing the report is ``calibrate_report``'s job.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import TypeVar

from svcaudit.calibrate_csv import HumanLabels
from svcaudit.model import Checklist, ElementResult, LoadError, Scorecard, Verdict

__all__ = [
    "ORDER", "SCALE", "Agreement", "Calibration", "Judged", "agreement", "cohen_kappa",
    "compare", "weighted_kappa",
]  # fmt: skip

T = TypeVar("T", bound=Hashable)

ORDER = (Verdict.PASS, Verdict.PARTIAL, Verdict.FAIL, Verdict.NA)  # confusion rows and columns
SCALE = (Verdict.FAIL, Verdict.PARTIAL, Verdict.PASS)  # the ordinal scale of the weighted kappa


def cohen_kappa(pairs: Iterable[tuple[T, T]]) -> float | None:
    """Cohen's unweighted kappa of two raters' labels, over the categories they used.

    ``kappa = (po - pe) / (1 - pe)``: ``po`` the share of pairs that agree, ``pe`` the agreement
    expected by chance from each rater's own label frequencies. Computed in integers as
    ``(agreed * n - chance) / (n * n - chance)`` with ``chance = sum(row_k * col_k)``. None when
    undefined: no pairs, or ``pe = 1`` (both gave one and the same label every time).
    """
    pairs = list(pairs)
    n = len(pairs)
    rows = Counter(a for a, _ in pairs)
    cols = Counter(b for _, b in pairs)
    chance = sum(rows[label] * cols[label] for label in rows)
    if not n or chance == n * n:
        return None
    agreed = sum(1 for a, b in pairs if a == b)
    return (agreed * n - chance) / (n * n - chance)


def weighted_kappa(pairs: Iterable[tuple[T, T]], scale: Sequence[T]) -> float | None:
    """Linearly weighted kappa over the ordered ``scale``; pairs off the scale are left out.

    Two labels ``i`` and ``j`` places apart on a scale of ``k`` agree by ``1 - |i - j| / (k - 1)``:
    on fail < partial < pass, partial against pass is half an agreement, fail against pass none.
    None when undefined, as for :func:`cohen_kappa`.
    """
    rank = {label: i for i, label in enumerate(scale)}
    kept = [(rank[a], rank[b]) for a, b in pairs if a in rank and b in rank]
    n, top = len(kept), len(scale) - 1
    if not n or top < 1:
        return None
    rows = Counter(i for i, _ in kept)
    cols = Counter(j for _, j in kept)
    observed = sum(Fraction(top - abs(i - j), top) for i, j in kept) / n
    chance = sum(Fraction(top - abs(i - j), top) * rows[i] * cols[j] for i in rows for j in cols)
    expected = chance / (n * n)
    if expected == 1:
        return None
    return float((observed - expected) / (1 - expected))


@dataclass(frozen=True, slots=True)
class Agreement:
    """How far the analyst and svcaudit agree over a set of paired judgements."""

    n: int
    agreed: int
    kappa: float | None
    kappa_note: str | None  # why kappa is undefined
    weighted_kappa: float | None  # linear, over fail < partial < pass; na pairs left out
    weighted_n: int
    weighted_note: str | None
    confusion: tuple[tuple[int, ...], ...]  # rows the analyst, columns svcaudit, both in ORDER

    @property
    def percent(self) -> float | None:
        return None if not self.n else 100 * self.agreed / self.n


def _note(pairs: Sequence[tuple[Verdict, Verdict]]) -> str | None:
    labels = {label for pair in pairs for label in pair}
    if not labels:
        return "no paired judgements"
    if len(labels) == 1:
        only = next(iter(labels)).value
        return f"undefined: both gave '{only}' every time, so chance agreement is 1"
    return None


def agreement(pairs: Sequence[tuple[Verdict, Verdict]]) -> Agreement:
    """Agreement, kappas and the confusion matrix of (analyst, svcaudit) verdict pairs."""
    cells = Counter(pairs)
    ordinal = [(h, s) for h, s in pairs if h in SCALE and s in SCALE]
    return Agreement(
        n=len(pairs),
        agreed=sum(cells[v, v] for v in ORDER),
        kappa=cohen_kappa(pairs),
        kappa_note=_note(pairs),
        weighted_kappa=weighted_kappa(ordinal, SCALE),
        weighted_n=len(ordinal),
        weighted_note=_note(ordinal),
        confusion=tuple(tuple(cells[h, s] for s in ORDER) for h in ORDER),
    )


@dataclass(frozen=True, slots=True)
class Judged:
    """A transcript judged by both: the analyst's verdict beside each of svcaudit's results."""

    card: Scorecard
    human_score: float | None
    pairs: tuple[tuple[Verdict, ElementResult], ...]

    @property
    def differing(self) -> tuple[tuple[Verdict, ElementResult], ...]:
        return tuple((h, r) for h, r in self.pairs if h is not r.outcome.verdict)

    @property
    def score_diff(self) -> float | None:
        """svcaudit's score minus the analyst's (None unless both scored it)."""
        if self.human_score is None or self.card.score is None:
            return None
        return self.card.score - self.human_score


@dataclass(frozen=True, slots=True)
class Calibration:
    checklist: Checklist
    human_path: str
    judged: tuple[Judged, ...]  # transcripts judged by both, in scoring order
    overall: Agreement
    elements: Mapping[str, Agreement]  # element id -> agreement, in checklist order
    disagreements: tuple[Judged, ...]  # the top N, most element disagreements first
    missing: tuple[tuple[str, int], ...]  # (transcript id, CSV line) of the CSV, not scored
    unlabelled: int  # scored transcripts without a human verdict: left out
    errors: tuple[LoadError, ...]
    warnings: tuple[str, ...]

    @property
    def score_diffs(self) -> tuple[float, ...]:
        return tuple(d for j in self.judged if (d := j.score_diff) is not None)

    @property
    def mean_abs_score_diff(self) -> float | None:
        diffs = self.score_diffs
        return sum(abs(d) for d in diffs) / len(diffs) if diffs else None

    @property
    def mean_score_diff(self) -> float | None:
        """Signed: above 0, svcaudit scores more generously than the analyst."""
        diffs = self.score_diffs
        return sum(diffs) / len(diffs) if diffs else None


def _rank(judged: Iterable[Judged], top: int) -> tuple[Judged, ...]:
    """Transcripts that differ at all, by element disagreements, then by score gap."""
    differ = [j for j in judged if j.differing or j.score_diff]
    differ.sort(key=lambda j: (-len(j.differing), -abs(j.score_diff or 0), j.card.transcript.id))
    return tuple(differ[:top])


def _pair_up(human: HumanLabels, cards: Iterable[Scorecard]) -> tuple[list[Judged], int, list[str]]:
    """Scorecards with the analyst's verdicts of the same transcript id."""
    judged: list[Judged] = []
    seen: dict[str, str] = {}
    unlabelled, warnings = 0, []
    for card in cards:
        tid, path = card.transcript.id, card.transcript.path
        if tid not in human.verdicts:
            unlabelled += 1
        elif tid in seen:
            warnings.append(f"{path}: warning: transcript id '{tid}' also in {seen[tid]}; left out")
        else:
            seen[tid] = path
            verdicts = human.verdicts[tid]
            pairs = tuple(
                (verdicts[r.element.id], r) for r in card.results if r.element.id in verdicts
            )
            judged.append(Judged(card, human.scores.get(tid), pairs))
    return judged, unlabelled, warnings


def compare(
    human: HumanLabels,
    cards: Iterable[Scorecard],
    checklist: Checklist,
    errors: Iterable[LoadError] = (),
    top: int = 5,
) -> Calibration:
    """The analyst's verdicts against svcaudit's scorecards of the same transcripts."""
    judged, unlabelled, warnings = _pair_up(human, cards)
    found = {j.card.transcript.id for j in judged}
    missing = tuple((t, line) for t, line in human.lines.items() if t not in found)
    warnings += [
        f"{human.path}:{line}: warning: transcript '{t}' not found among the scored transcripts"
        for t, line in missing
    ]
    pairs = [(h, r) for j in judged for h, r in j.pairs]
    by_element = {
        e.id: agreement([(h, r.outcome.verdict) for h, r in pairs if r.element.id == e.id])
        for e in checklist.elements
    }
    overall = agreement([(h, r.outcome.verdict) for h, r in pairs])
    return Calibration(
        checklist, human.path, tuple(judged), overall, by_element, _rank(judged, top),
        missing, unlabelled, tuple(errors), tuple(warnings),
    )  # fmt: skip
