"""The checklist loader: built-ins load, and each bad file gets its exact located error."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcaudit.checklist import builtin_ids, load_checklist, parse
from svcaudit.errors import ChecklistError, ExitCode

GOOD_ELEMENT = """\
  - id: greet
    title: Greets
    kind: cues
    parts: [{label: greets, cues: [greeting]}]
"""

BAD = [
    (
        "typo in a kind key",
        "id: t\ntitle: T\nelements:\n  - id: greet\n    title: Greets\n    kind: cues\n"
        "    partz: []\n",
        "t.yaml:7:5: error: element 'greet': unknown key 'partz' (did you mean 'parts'?)",
    ),
    (
        "typo in a top-level key",
        "id: t\ntitle: T\nelemnts:\n" + GOOD_ELEMENT,
        "t.yaml:3:1: error: checklist: unknown key 'elemnts' (did you mean 'elements'?)",
    ),
    (
        "unknown kind",
        "id: t\ntitle: T\nelements:\n  - id: greet\n    title: Greets\n    kind: cuez\n",
        "t.yaml:6:11: error: element 'greet': unknown kind 'cuez' (did you mean 'cues'?)",
    ),
    (
        "unknown cue",
        "id: t\ntitle: T\nelements:\n  - id: greet\n    title: Greets\n    kind: cues\n"
        "    parts: [{label: greets, cues: [greting]}]\n",
        "t.yaml:7:36: error: element 'greet': unknown cue 'greting' (did you mean 'greeting'?)",
    ),
    (
        "negative weight",
        "id: t\ntitle: T\nelements:\n" + GOOD_ELEMENT + "    weight: -1\n",
        "t.yaml:8:13: error: element 'greet': weight must be 0 or more, not -1",
    ),
    (
        "NaN weight",
        "id: t\ntitle: T\nelements:\n" + GOOD_ELEMENT + "    weight: .nan\n",
        "t.yaml:8:13: error: 'weight' must be a number, not nan",
    ),
    (
        "wrong type",
        "id: t\ntitle: T\nelements:\n" + GOOD_ELEMENT + "    critical: maybe\n",
        "t.yaml:8:15: error: element 'greet': 'critical' must be bool, not 'maybe'",
    ),
    (
        "YAML syntax error",
        "id: t\ntitle: [T\nelements: []\n",
        "t.yaml:3:9: error: invalid YAML: expected ',' or ']', but got ':'",
    ),
    (
        "empty element list",
        "id: t\ntitle: T\nelements: []\n",
        "t.yaml:3:11: error: 'elements' must be a non-empty list",
    ),
    (
        "duplicate ids",
        "id: t\ntitle: T\nelements:\n" + GOOD_ELEMENT + GOOD_ELEMENT,
        "t.yaml:8:9: error: duplicate element id 'greet'",
    ),
    (
        "python tag",
        "id: !!python/object/apply:os.system ['true']\ntitle: T\nelements: []\n",
        "t.yaml:1:5: error: invalid YAML: could not determine a constructor for the tag "
        "'tag:yaml.org,2002:python/object/apply:os.system'",
    ),
    (
        "not a mapping",
        "- just\n- a list\n",
        "t.yaml:1:1: error: a checklist must be a mapping with 'id', 'title' and 'elements'",
    ),
    (
        "pass mark out of range",
        "id: t\ntitle: T\npass_mark: 120\nelements:\n" + GOOD_ELEMENT,
        "t.yaml:3:12: error: pass_mark must be between 0 and 100, not 120",
    ),
]


@pytest.mark.parametrize(("text", "expected"), [b[1:] for b in BAD], ids=[b[0] for b in BAD])
def test_bad_checklist_gets_located_error(text: str, expected: str) -> None:
    with pytest.raises(ChecklistError) as info:
        parse(text, "t.yaml")
    assert str(info.value).splitlines()[0] == expected
    assert info.value.exit_code == ExitCode.USAGE


def test_all_problems_of_a_file_are_reported() -> None:
    text = "id: t\ntitle: T\nelements:\n" + GOOD_ELEMENT + "    weight: -1\n    critical: maybe\n"
    with pytest.raises(ChecklistError) as info:
        parse(text, "t.yaml")
    assert len(str(info.value).splitlines()) == 2


def test_alias_bomb_is_refused() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 10) + "]" for i in range(1, 30)]
    with pytest.raises(ChecklistError, match="aliases"):
        parse("\n".join(lines) + "\n", "bomb.yaml")


def test_builtin_default_has_the_contract_elements_in_order() -> None:
    checklist = load_checklist("quality-service")
    assert [e.id for e in checklist.elements] == [
        "project_attitude",
        "consider_customer",
        "seek_data",
        "check_understanding",
        "supply_data",
        "extend_service",
        "demonstrate_awareness",
        "explain_steps",
        "emphasize_positive",
        "close_and_thank",
    ]
    seeds = {"003_3ac790036a119471.txt"}
    assert all(e.source in seeds and e.quote and e.guidance for e in checklist.elements)


def test_every_builtin_loads() -> None:
    assert "quality-service" in builtin_ids()
    for cid in builtin_ids():
        assert load_checklist(cid).elements


def test_unknown_builtin_suggests() -> None:
    with pytest.raises(ChecklistError, match="did you mean 'quality-service'"):
        load_checklist("quality-servise")


def test_checklist_file_by_path(tmp_path: Path) -> None:
    path = tmp_path / "mine.yaml"
    path.write_text("id: mine\ntitle: Mine\nelements:\n" + GOOD_ELEMENT, encoding="utf-8")
    assert load_checklist(str(path)).id == "mine"


def test_a_pattern_that_can_backtrack_catastrophically_is_refused_at_load() -> None:
    text = (
        "id: t\ntitle: T\nelements:\n  - id: slang\n    title: Slang\n    kind: forbidden\n"
        "    patterns: ['(a+)+$']\n"
    )
    with pytest.raises(ChecklistError) as info:
        parse(text, "t.yaml")
    assert str(info.value).startswith("t.yaml:7:16: error: element 'slang': pattern '(a+)+$' may")


def test_a_team_lexicon_pattern_is_checked_too(tmp_path: Path) -> None:
    path = tmp_path / "team.yaml"
    text = "extends: quality-service\nid: t\nlexicon:\n  jargon:\n    patterns: ['(x*)*y']\n"
    path.write_text(text)
    with pytest.raises(ChecklistError, match=r"team.yaml:5:16: error: lexicon 'jargon': pattern"):
        load_checklist(str(path))


def test_bounded_and_single_repeats_are_allowed() -> None:
    from svcaudit.patterns import problem

    for ok in [r" (?:\w+ ){0,3}fee", r"ticket #?\d+", r"(?:please )?hold"]:
        assert problem(ok) is None, ok
