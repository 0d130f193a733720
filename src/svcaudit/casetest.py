"""``svcaudit checklist test``: run a checklist over cases with expected verdicts.

A cases file is YAML: a list (or ``cases:``) of cases, each with a ``name``,
the transcript (``transcript: FILE`` relative to the cases file, ``FILE#ID``
for one conversation of a multi-conversation file, or inline ``turns`` of
``{agent: text}`` / ``{customer: text}``), and what to expect: ``expect``
(element id -> verdict), and optionally ``score: {min, max}`` and ``passed``.
Every mismatch is reported, so a team can check its edits before rollout.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcaudit import yamlpos
from svcaudit.audit import score_transcript
from svcaudit.checklist import suggest
from svcaudit.errors import ChecklistError, InputError
from svcaudit.formats import read_path
from svcaudit.model import Checklist, Loc, Role, Scorecard, Transcript, Turn, Verdict
from svcaudit.yamlpos import PosDict

VERDICTS = tuple(v.value for v in Verdict)


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    problems: tuple[str, ...]  # empty: the case holds


def run(checklist: Checklist, cases_path: str) -> list[Result]:
    """Score each case and compare with what it expects."""
    doc = yamlpos.load(Path(cases_path).read_text("utf-8"), cases_path)
    cases = doc.get("cases") if isinstance(doc, PosDict) else doc
    if not isinstance(cases, list) or not cases:
        raise ChecklistError("a cases file is a list of cases (or 'cases:')", Loc(cases_path, 1, 1))
    ids = [e.id for e in checklist.elements]
    results = []
    for case, pos in zip(cases, cases.item_pos, strict=False):
        loc = Loc(cases_path, *pos)
        if not isinstance(case, PosDict):
            raise ChecklistError("a case must be a mapping", loc)
        _check_expect(case, ids, cases_path)
        card = score_transcript(_transcript(case, cases_path, loc), checklist)
        results.append(
            Result(str(case.get("name", f"case at line {pos[0]}")), tuple(_compare(case, card)))
        )
    return results


def _check_expect(case: PosDict, ids: list[str], path: str) -> None:
    expect = case.get("expect") or {}
    if not isinstance(expect, PosDict):
        raise ChecklistError(
            "'expect' maps element ids to verdicts",
            Loc(path, *case.value_pos.get("expect", case.pos)),
        )
    for element, verdict in expect.items():
        if element not in ids:
            raise ChecklistError(
                f"no element '{element}' in the checklist{suggest(element, ids)}",
                Loc(path, *expect.key_pos[element]),
            )
        if verdict not in VERDICTS:
            raise ChecklistError(
                f"verdict must be one of {', '.join(VERDICTS)}, not {verdict!r}",
                Loc(path, *expect.value_pos[element]),
            )


def _transcript(case: PosDict, path: str, loc: Loc) -> Transcript:
    if "turns" in case:
        turns = []
        for i, turn in enumerate(case["turns"] or []):
            if not isinstance(turn, dict) or len(turn) != 1:
                raise ChecklistError("a turn is {agent: text} or {customer: text}", loc)
            ((speaker, text),) = turn.items()
            turns.append(Turn(i, Role(speaker), str(text)))
        return Transcript(str(case.get("name", "case")), tuple(turns), path=path, format="case")
    ref = str(case.get("transcript", ""))
    file, _, wanted = ref.partition("#")
    found = read_path(str(Path(path).parent / file))
    for transcript in found:
        if not wanted or transcript.id == wanted:
            return transcript
    raise InputError(f"no transcript '{wanted}' in {file}", loc)


def _compare(case: PosDict, card: Scorecard) -> list[str]:
    got = {r.element.id: r for r in card.results}
    out = []
    for element, verdict in (case.get("expect") or {}).items():
        result = got[element]
        if result.outcome.verdict.value != verdict:
            out.append(
                f"{element}: expected {verdict}, got {result.outcome.verdict.value} "
                f"({result.outcome.reason})"
            )
    bounds: Any = case.get("score") or {}
    score = card.score if card.score is not None else 0.0
    if "min" in bounds and score < bounds["min"]:
        out.append(f"score {score:g} below the expected minimum {bounds['min']}")
    if "max" in bounds and score > bounds["max"]:
        out.append(f"score {score:g} above the expected maximum {bounds['max']}")
    if "passed" in case and bool(case["passed"]) != card.passed:
        out.append(f"expected {'a pass' if case['passed'] else 'a fail'}, got score {score:g}")
    return out
