"""csv, junit, markdown and github: plain modules (no rich, no click), all in the registry."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import svcaudit
from svcaudit.report import REPORTERS

PLAIN = {"csv": True, "junit": False, "markdown": False, "github": True}  # name -> STREAMING


@pytest.mark.parametrize(("name", "streaming"), PLAIN.items())
def test_registered(name: str, streaming: bool) -> None:
    assert name == REPORTERS[name].NAME
    assert REPORTERS[name].STREAMING is streaming


def test_importing_them_loads_neither_rich_nor_click() -> None:
    src = str(Path(svcaudit.__file__).parents[1])
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from svcaudit.report import REPORTERS; "
        f"[REPORTERS[n] for n in {list(PLAIN)!r}]; "
        "print('rich' in sys.modules, 'click' in sys.modules)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, src], capture_output=True, text=True, check=True
    )
    assert result.stdout.strip() == "False False"
