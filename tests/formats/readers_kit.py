"""Helpers for the tests of the vendor and caption readers: fixtures, golden dumps, errors."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from svcaudit.cli import cli
from svcaudit.errors import InputError
from svcaudit.formats import Reader, read_path
from svcaudit.formats.canonical import to_obj
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Transcript

FIXTURES = Path(__file__).parent / "fixtures"


def load(name: str, agent: str | None = None) -> list[Transcript]:
    """The transcripts of a fixture, read as `svcaudit` reads a file (roles resolved)."""
    return read_path(str(FIXTURES / name), agent=agent)


def head(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")[:HEAD_SIZE]


def check_golden(golden: Callable[[str, str], None], name: str) -> None:
    """The canonical form of a fixture equals tests/golden/formats/<name>.json."""
    data = [to_obj(t) for t in load(name)]
    golden(f"formats/{name}.json", json.dumps(data, indent=2, ensure_ascii=False) + "\n")


def error(reader: Reader, content: str, path: str) -> str:
    """The one-line message of the InputError that reading `content` raises."""
    with pytest.raises(InputError) as caught:
        reader.read(content, path)
    message = str(caught.value)
    assert "\n" not in message
    return message


def convert(path: Path | str, *args: str) -> list[dict[str, Any]]:
    """`svcaudit convert PATH`: exit 0 and one canonical transcript a line on stdout."""
    result = CliRunner().invoke(cli, ["convert", str(path), *args])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


def spoilt(
    reader: Reader, base: dict[str, Any], change: Callable[[dict[str, Any]], None], path: str
) -> str:
    """The one-line error ``reader`` gives for a copy of ``base`` spoilt by ``change``."""
    doc = copy.deepcopy(base)
    change(doc)
    with pytest.raises(InputError) as caught:
        reader.read(json.dumps(doc, indent=2), path)
    return str(caught.value)
