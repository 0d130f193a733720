"""The REPORTERS and ANNOTATORS registries: lazy, complete, each format with a golden file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import svcaudit
from svcaudit.report import ANNOTATORS, REPORTERS

GOLDEN = Path(__file__).parents[1] / "golden" / "report"


def test_names() -> None:
    assert list(REPORTERS)[:3] == ["table", "json", "jsonl"]
    assert {"csv", "junit", "markdown", "github"} <= set(REPORTERS)
    assert list(ANNOTATORS) == ["table", "json", "jsonl"]


@pytest.mark.parametrize("name", list(REPORTERS))
def test_reporter_modules(name: str) -> None:
    module = REPORTERS[name]
    assert name == module.NAME
    assert isinstance(module.STREAMING, bool)
    assert all(callable(getattr(module.Writer, m)) for m in ("scorecard", "error", "close"))
    suffix = ".table.txt" if name == "table" else f".{name}"
    assert (GOLDEN / f"score{suffix}").exists()


@pytest.mark.parametrize("name", list(ANNOTATORS))
def test_annotator_modules(name: str) -> None:
    module = ANNOTATORS[name]
    assert name == module.NAME
    assert callable(module.write)
    suffix = ".table.txt" if name == "table" else f".{name}"
    assert (GOLDEN / f"annotate{suffix}").exists()


def test_unknown_name() -> None:
    with pytest.raises(KeyError):
        REPORTERS["yaml"]
    assert REPORTERS.get("yaml") is None


def test_registry_import_does_not_load_rich() -> None:
    src = str(Path(svcaudit.__file__).parents[1])
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); import svcaudit.report as r; "
        "list(r.REPORTERS); r.REPORTERS['json']; r.ANNOTATORS['jsonl']; "
        "print('rich' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, src], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False"
