"""`svcaudit --version` and `--help` stay fast: the CLI modules load nothing heavy up front."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("rich", "rapidfuzz", "yaml", "svcaudit.checklist", "svcaudit.run", "svcaudit.audit")


@pytest.mark.parametrize("flag", ["--version", "--help"])
def test_version_and_help_load_nothing_heavy(flag: str) -> None:
    code = (
        "import sys\n"
        f"sys.argv = ['svcaudit', {flag!r}]\n"
        "from svcaudit.cli import main\n"
        "try:\n"
        "    main()\n"
        "except SystemExit:\n"
        "    pass\n"
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules), file=sys.stderr)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stderr.strip() == "[]"
    assert out.stdout
