"""Hostile checklists through the CLI: one located line each, exit 2, nothing scored."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli

GOOD = Path(__file__).parents[2] / "sample_transcripts" / "excellent-call.json"
ELEMENT = (
    "  - id: greet\n    title: Greets\n    kind: cues\n"
    "    parts: [{label: greets, cues: [greeting]}]\n"
)
BOMB = "\n".join(
    ["a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    + [f"a{i}: &a{i} [" + ", ".join([f"*a{i - 1}"] * 9) + "]" for i in range(1, 10)]
)

CASES = {
    "syntax": ("id: t\ntitle: [T\nelements: []\n", "invalid YAML"),
    "wrong-type": (
        "id: t\ntitle: T\nelements:\n" + ELEMENT + "    weight: heavy\n",
        "must be a number",
    ),
    "unknown-key": ("id: t\ntitle: T\nelemnts: []\n", "did you mean 'elements'"),
    # nine levels of nine: 9**9 elements if expanded; YAML shares them, validation never walks them
    "billion-laughs": (BOMB + "\nid: t\ntitle: T\nelements: *a9\n", "must be a mapping"),
    "alias-flood": ("a: &a [x]\nb: [" + ", ".join(["*a"] * 250) + "]\n", "aliases"),
    "python-tag": ("id: !!python/object/apply:os.system ['echo pwned']\n", "constructor"),
    "backtracking": (
        "id: t\ntitle: T\nelements:\n  - id: x\n    title: X\n    kind: forbidden\n"
        "    patterns: ['(a+)+$']\n",
        "backtrack",
    ),
    "negative-weight": ("id: t\ntitle: T\nelements:\n" + ELEMENT + "    weight: -1\n", "0 or more"),
    "nan-weight": ("id: t\ntitle: T\nelements:\n" + ELEMENT + "    weight: .nan\n", "number"),
    "empty-elements": ("id: t\ntitle: T\nelements: []\n", "non-empty"),
    "extends-cycle": ("extends: hostile-cycle.yaml\nid: t\n", "extends cycle"),
}
LOCATED = re.compile(r"^\S+\.yaml(:\d+:\d+)?: error: .+$")


@pytest.mark.parametrize("name", list(CASES))
def test_bad_checklist(tmp_path: Path, name: str) -> None:
    text, message = CASES[name]
    path = tmp_path / f"hostile-{name}.yaml"
    path.write_text(text, encoding="utf-8")
    if name == "extends-cycle":
        path = tmp_path / "hostile-cycle.yaml"
        path.write_text("extends: hostile-extends-cycle.yaml\nid: c\n", encoding="utf-8")
        (tmp_path / "hostile-extends-cycle.yaml").write_text(text, encoding="utf-8")
    for args in (["checklist", "validate", str(path)], ["score", str(GOOD), "-c", str(path)]):
        result = CliRunner().invoke(cli, args)
        assert result.exit_code == 2, (name, result.stderr)
        assert result.stdout == "" or args[0] == "checklist"
        assert "Traceback" not in result.stderr
        first = result.stderr.strip().splitlines()[0]
        assert LOCATED.match(first), first
        assert message in result.stderr, result.stderr
    assert "pwned" not in result.stdout
