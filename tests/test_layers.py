"""Dependencies run one way (STYLE.md): a module imports only from lower layers."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).parents[1] / "src" / "svcaudit"

LAYERS = {
    "model": 1,
    "errors": 1,
    "formats": 2,
    "match": 2,
    "lexicon": 2,
    "score": 2,
    "report": 2,
    "yamlpos": 2,
    "patterns": 2,
    "prefilter": 2,
    "shapes": 2,
    "redact": 2,
    "config_sources": 2,
    "calibrate": 2,
    "calibrate_csv": 2,
    "calibrate_report": 2,
    "forms": 3,
    "paraphrase": 3,
    "names": 3,
    "closing": 3,
    "cues": 3,
    "semantic": 3,
    "rules": 3,
    "checklist": 4,
    "schema": 4,
    "inherit": 4,
    "audit": 5,
    "casetest": 5,
    "batch": 5,
    "prepared": 5,
    "cluster": 5,
    "config": 5,
    "run": 6,
    "cli": 6,
    "cli_common": 6,
    "cli_checklist": 6,
    "__main__": 6,
    "__init__": 6,
}


def _layer(module: str) -> int:
    return LAYERS[module.split(".")[0]]


def _imports(path: Path) -> set[str]:
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("svcaudit."):
            found.add(node.module.removeprefix("svcaudit."))
        elif isinstance(node, ast.ImportFrom) and node.module == "svcaudit":
            found.update(alias.name for alias in node.names if alias.name in LAYERS)
    return found


def test_imports_go_down_the_layers() -> None:
    for path in SRC.rglob("*.py"):
        own = path.relative_to(SRC).with_suffix("").parts[0]
        if own not in LAYERS:
            raise AssertionError(f"{path}: module not placed in a layer")
        for target in _imports(path):
            if target.split(".")[0] == own or target == "__version__":
                continue
            assert _layer(target) <= _layer(own), (
                f"{path.name} (layer {_layer(own)}) imports {target}"
            )


CLI_MODULES = ("cli.py", "cli_common.py", "cli_checklist.py")


def test_only_the_cli_imports_click() -> None:
    for path in SRC.rglob("*.py"):
        if path.name not in CLI_MODULES:
            assert "import click" not in path.read_text("utf-8"), path


def test_python_dash_m_runs_the_cli() -> None:
    out = subprocess.run(
        [sys.executable, "-m", "svcaudit", "--version"], capture_output=True, text=True
    )
    assert out.returncode == 0 and out.stdout.startswith("svcaudit, version")
