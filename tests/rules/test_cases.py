"""Every rule-kind case of cases.yaml, run through the real checklist loader and scorer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from svcaudit.audit import score_transcript
from svcaudit.checklist import parse
from svcaudit.model import Role, Transcript, Turn, Verdict
from svcaudit.rules import KINDS

CASES = yaml.safe_load((Path(__file__).parent / "cases.yaml").read_text("utf-8"))


def _transcript(turns: list[dict[str, str]]) -> Transcript:
    built = []
    for i, turn in enumerate(turns):
        ((speaker, text),) = turn.items()
        built.append(Turn(i, Role(speaker), text))
    return Transcript("case", tuple(built))


def _checklist(element: dict):
    doc = {"id": "case", "title": "case", "elements": [{"id": "el", "title": "el", **element}]}
    return parse(yaml.safe_dump(doc), "case.yaml")


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_case(case: dict) -> None:
    card = score_transcript(_transcript(case["turns"]), _checklist(case["element"]))
    (result,) = card.results
    assert result.outcome.verdict is Verdict(case["expect"]), result.outcome.reason
    assert [e.turn for e in result.outcome.evidence] == case["evidence"]
    assert result.outcome.reason  # every verdict explains itself, na included


def test_every_kind_has_pass_fail_cases_and_examples() -> None:
    for kind, module in KINDS.items():
        verdicts = {c["expect"] for c in CASES if c["element"]["kind"] == kind}
        assert {"pass", "fail"} <= verdicts, kind
        doc = module.__doc__ or ""
        assert "Passing example" in doc and "Failing example" in doc, kind


def test_points_follow_partial_credit() -> None:
    case = next(c for c in CASES if c["name"].startswith("cues partial"))
    card = score_transcript(
        _transcript(case["turns"]), _checklist({**case["element"], "weight": 2})
    )
    assert card.results[0].points == 1.0 and card.results[0].max_points == 2.0
    assert card.score == 50.0
