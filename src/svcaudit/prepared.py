"""Scorecards rendered where they are scored, for ``score -j N``.

Sending a whole :class:`~svcaudit.model.Scorecard` from a worker process to the
parent means pickling its transcript and the cues of every turn, and the parent
then unpickles it and renders the report: together more CPU than a third of the
scoring itself. When every requested report can be written from text alone
(its module has ``render(card) -> str`` and its writer ``prepared(text)``:
json, jsonl and csv), a worker sends a :class:`Prepared` instead: each report's
text, the summary's facts and the transcript's warnings. The parent writes the
texts in order; the bytes are those the writers would have written from the
scorecards (the table, html, junit, markdown and github reports take the whole
scorecard, as before).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple

from svcaudit import redact
from svcaudit.model import Scorecard
from svcaudit.report import REPORTERS
from svcaudit.report.summary import Facts, facts

Spec = tuple[tuple[str, bool], ...]  # (report format, masked), in the writers' order


class Prepared(NamedTuple):
    """A scorecard as its reports' texts, with what the summary and warnings need."""

    path: str
    warnings: tuple[str, ...]
    texts: tuple[str, ...]  # one a report of the spec, in its order
    facts: Facts


def renderable(formats: Iterable[str]) -> bool:
    """Can every one of ``formats`` be written from a worker's text?"""
    return all(hasattr(REPORTERS[fmt], "render") for fmt in formats)


def prepare(card: Scorecard, spec: Spec) -> Prepared:
    """``card`` rendered for each report of ``spec`` (masked where the report masks)."""
    masked = None
    texts = []
    for fmt, masks in spec:
        if masks and masked is None:
            masked = redact.scorecard(card)
        texts.append(REPORTERS[fmt].render(masked if masks else card))
    t = card.transcript
    return Prepared(t.path, t.warnings, tuple(texts), facts(card))
