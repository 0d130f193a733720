"""Coaching under a scorecard: guidance, the agent's own words and a better response."""

from __future__ import annotations

import io
from pathlib import Path

from svcaudit.audit import score_transcript
from svcaudit.checklist import load_checklist
from svcaudit.formats import read_path
from svcaudit.model import Verdict
from svcaudit.report.coaching import notes
from svcaudit.report.table import Writer

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def _card(name: str):
    (transcript,) = read_path(str(SAMPLES / name))
    return score_transcript(transcript, load_checklist("quality-service"))


def test_a_presumed_feeling_is_coached_with_the_documents_better_wording() -> None:
    card = _card("dismissive-agent.txt")
    note = next(n for n in notes(card) if n.title == "Demonstrate awareness")
    assert note.verdict is Verdict.FAIL
    assert "You must be frustrated" in (note.said or "")
    assert note.better.startswith("It can be frustrating")


def test_only_failed_and_partial_elements_are_coached() -> None:
    card = _card("excellent-call.json")
    coached = {n.title for n in notes(card)}
    passed = {r.element.title for r in card.results if r.outcome.verdict is Verdict.PASS}
    assert not coached & passed


def test_table_prints_the_coaching_block() -> None:
    out = io.StringIO()
    checklist = load_checklist("quality-service")
    writer = Writer(out, checklist, color=False, width=100)
    writer.scorecard(_card("dismissive-agent.txt"))
    text = out.getvalue()
    assert "Coaching" in text and "better: “It can be frustrating" in text
