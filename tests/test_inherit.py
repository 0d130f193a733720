"""Team checklists: ``extends`` a built-in or a file, override, add, drop, extend lexicons."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcaudit.checklist import load_checklist
from svcaudit.errors import ChecklistError


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_team_checklist_overrides_adds_and_drops(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "team.yaml",
        """\
extends: quality-service
id: acme-support
title: Acme support
pass_mark: 80
drop: [emphasize_positive]
elements:
  - id: seek_data
    weight: 5
  - id: no_dismissive
    title: Never dismissive
    kind: forbidden
    critical: true
    cues: [dismissive]
""",
    )
    checklist = load_checklist(path)
    ids = [e.id for e in checklist.elements]
    assert checklist.id == "acme-support" and checklist.pass_mark == 80
    assert "emphasize_positive" not in ids and ids[-1] == "no_dismissive"
    seek = next(e for e in checklist.elements if e.id == "seek_data")
    assert seek.weight == 5 and seek.title == "Seek data" and seek.kind == "cues"
    assert checklist.source == "003_3ac790036a119471.txt"


def test_errors_in_an_override_point_at_the_team_file(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "team.yaml",
        "extends: quality-service\nid: t\nelements:\n  - id: seek_data\n    wieght: 2\n",
    )
    with pytest.raises(ChecklistError) as info:
        load_checklist(path)
    assert (
        str(info.value)
        == f"{path}:5:5: error: element 'seek_data': unknown key 'wieght' (did you mean 'weight'?)"
    )


def test_drop_of_an_unknown_element_is_an_error(tmp_path: Path) -> None:
    path = write(tmp_path, "team.yaml", "extends: quality-service\nid: t\ndrop: [seek_dat]\n")
    with pytest.raises(
        ChecklistError, match=r"team.yaml:3:8: error: drop: no element 'seek_dat' .*'seek_data'"
    ):
        load_checklist(path)


def test_extends_cycle_is_an_error(tmp_path: Path) -> None:
    write(tmp_path, "a.yaml", "extends: b.yaml\nid: a\n")
    b = write(tmp_path, "b.yaml", "extends: a.yaml\nid: b\n")
    with pytest.raises(ChecklistError, match="extends cycle"):
        load_checklist(b)


def test_team_lexicon_adds_phrases_to_a_cue(tmp_path: Path) -> None:
    from svcaudit.audit import score_transcript
    from svcaudit.model import Role, Transcript, Turn

    path = write(
        tmp_path,
        "team.yaml",
        """\
extends: quality-service
id: acme
lexicon:
  greeting:
    phrases: ["acme rocks"]
""",
    )
    checklist = load_checklist(path)
    assert checklist.lexicon == (("greeting", ("acme rocks",), ()),)
    call = Transcript(
        "t",
        (
            Turn(0, Role.AGENT, "Acme rocks! Dana here."),
            Turn(1, Role.CUSTOMER, "Hi, my bill is wrong."),
        ),
    )
    by_id = {r.element.id: r for r in score_transcript(call, checklist).results}
    assert "greets the customer (turn 0)" in by_id["project_attitude"].outcome.reason


def test_bad_lexicon_pattern_is_located(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "team.yaml",
        "extends: quality-service\nid: t\nlexicon:\n  jargon:\n    patterns: ['(unclosed']\n",
    )
    with pytest.raises(
        ChecklistError, match=r"team.yaml:5:16: error: lexicon 'jargon': bad pattern"
    ):
        load_checklist(path)
