"""Where configuration comes from: ``pyproject.toml``, ``svcaudit.yaml`` and the environment.

Each source becomes a list of :class:`Entry`: a key, its raw value and where it was written,
so that ``config.py`` can check every value and point at a bad one (``path:line:col``).
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from svcaudit import yamlpos
from svcaudit.errors import ChecklistError, UsageError
from svcaudit.model import Loc

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

PYPROJECT = "pyproject.toml"
CONFIG_FILES = ("svcaudit.yaml", "svcaudit.yml")
ENV_PREFIX = "SVCAUDIT_"
TOML_TABLE = "[tool.svcaudit] "


class ConfigError(UsageError):
    """A configuration that cannot be used (exit 2); prints one line per problem."""

    def __init__(self, message: str, loc: Loc | None = None) -> None:
        super().__init__(message, loc)
        self.problems: list[ConfigError] = [self]

    def __str__(self) -> str:
        return "\n".join(UsageError.__str__(p) for p in self.problems)


@dataclass(frozen=True, slots=True)
class Entry:
    """One key as a source gives it, with where to point at it."""

    key: Any
    value: Any
    source: str
    name: str  # how a message names it: 'jobs' or SVCAUDIT_JOBS
    prefix: str = ""
    key_loc: Loc | None = None
    value_loc: Loc | None = None
    item_locs: tuple[Loc, ...] = ()


def _read_text(path: Path, label: str) -> str:
    try:
        return path.read_text(encoding="utf-8-sig")
    except OSError as err:
        raise ConfigError(f"cannot read configuration: {err.strerror}", Loc(label)) from None
    except UnicodeDecodeError as err:
        raise ConfigError(f"not UTF-8 text (byte {err.start})", Loc(label)) from None


def read_yaml(path: Path, label: str) -> list[Entry]:
    try:
        doc = yamlpos.load(_read_text(path, label), label)
    except ChecklistError as err:
        raise ConfigError(err.message, err.loc) from None
    if doc is None:
        return []
    if not isinstance(doc, yamlpos.PosDict):
        raise ConfigError("expected a mapping of settings, e.g. 'jobs: 4'", Loc(label))
    return [
        Entry(
            key,
            value,
            label,
            repr(key),
            key_loc=Loc(label, *doc.key_pos[key]),
            value_loc=Loc(label, *doc.value_pos[key]),
            item_locs=tuple(Loc(label, *p) for p in getattr(value, "item_pos", ())),
        )
        for key, value in doc.items()
    ]


def read_toml(path: Path, label: str) -> list[Entry]:
    """The keys of ``[tool.svcaudit]``; lines found by :func:`_toml_lines`."""
    text = _read_text(path, label)
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise _toml_syntax(str(err), label) from None
    tool = data.get("tool")
    table = tool.get("svcaudit") if isinstance(tool, dict) else None
    if table is None:
        return []
    lines = _toml_lines(text)
    if not isinstance(table, dict):
        raise ConfigError(f"{TOML_TABLE}must be a table", Loc(label, *lines.get("", (None, None))))
    out = []
    for key, value in table.items():
        loc = Loc(label, *lines.get(key, (None, None)))
        out.append(Entry(key, value, label, repr(key), TOML_TABLE, loc, loc))
    return out


def _toml_syntax(message: str, label: str) -> ConfigError:
    """tomllib's "... (at line 3, column 5)" as a located error."""
    found = re.search(r" \(at line (\d+), column (\d+)\)$", message)
    if found is None:
        return ConfigError(f"invalid TOML: {message}", Loc(label))
    where = Loc(label, int(found[1]), int(found[2]))
    problem = message[: found.start()]
    return ConfigError(f"invalid TOML: {problem[:1].lower()}{problem[1:]}", where)


def _toml_lines(text: str) -> dict[str, tuple[int, int]]:
    """Line and column of each key of the ``[tool.svcaudit]`` table, by a simple scan.

    TOML parsers give no positions; this finds ``key =`` lines under the table's header
    (the header itself is ``""``). A key written another way is left unlocated.
    """
    found: dict[str, tuple[int, int]] = {}
    inside = False
    for number, line in enumerate(text.splitlines(), 1):
        header = re.match(r"\s*\[\s*([^\]]*?)\s*\]", line)
        if header is not None:
            inside = re.sub(r"\s", "", header[1]) in ("tool.svcaudit", 'tool."svcaudit"')
            if inside:
                found.setdefault("", (number, header.start(0) + 1))
            continue
        key = re.match(r"\s*([\w-]+)\s*=", line)
        if inside and key is not None:
            found.setdefault(key[1], (number, key.start(1) + 1))
    return found


def read_env(env: Mapping[str, str], parsers: Mapping[str, Callable[[str], Any]]) -> list[Entry]:
    """``SVCAUDIT_<KEY>`` for each key of ``parsers`` (key -> how to read its text).

    An empty variable counts as unset; other ``SVCAUDIT_`` variables are not ours to judge.
    """
    out = []
    for key, parse in parsers.items():
        var = ENV_PREFIX + key.upper()
        if env.get(var, "").strip():
            out.append(Entry(key, parse(env[var]), f"env {var}", var))
    return out


def find_file(cwd: Path, explicit: str | None) -> tuple[Path, str] | None:
    """The file named by ``--config``, else ``svcaudit.yaml`` or ``.yml`` if there is one."""
    if explicit is not None:
        if not (cwd / explicit).is_file():
            raise ConfigError("configuration file not found", Loc(explicit))
        return cwd / explicit, explicit
    found = [name for name in CONFIG_FILES if (cwd / name).is_file()]
    if len(found) > 1:
        raise ConfigError(f"both {' and '.join(found)} exist: keep one", Loc(found[-1]))
    return (cwd / found[0], found[0]) if found else None
