"""Configuration: the defaults of the commands, and where each one came from.

Sources, lowest to highest: the built-in defaults below, ``[tool.svcaudit]`` in
``./pyproject.toml``, ``./svcaudit.yaml`` (or ``.yml``, or the file named by
``--config``), environment variables ``SVCAUDIT_<KEY>``, and last the command-line
flags (click applies those: :func:`default_map` hands it the rest as defaults).

Every value is checked when it is read; a bad key or value is a located
:class:`ConfigError` (exit 2). Nothing here reads the environment or the working
directory by itself: ``cli.py`` passes both in.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TextIO

from svcaudit import config_sources as sources
from svcaudit.config_sources import ConfigError, Entry

__all__ = ["COMMANDS", "KEYS", "Config", "ConfigError", "Setting", "default_map", "load", "show"]


class _Invalid(ValueError):
    """A value a key does not take; ``item`` is the index of the bad list item."""

    def __init__(self, message: str, item: int | None = None) -> None:
        super().__init__(message)
        self.item = item


@dataclass(frozen=True, slots=True)
class Setting:
    """A configured value and where it came from (``default``, a file, ``env SVCAUDIT_X``)."""

    value: Any
    source: str = "default"


def _must(what: str, value: Any) -> _Invalid:
    return _Invalid(f"must be {what}, not {value!r}")


def _text(value: Any) -> str:
    if not isinstance(value, str) or not value.strip():
        raise _must("text", value)
    return value


def _optional_text(value: Any) -> str | None:
    return None if value is None else _text(value)


def _percent(value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0 <= value <= 100:
        raise _must("a number from 0 to 100", value)
    return float(value)


def _jobs(value: Any) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or not 1 <= value <= 256:
        raise _must("an integer from 1 to 256", value)
    return value


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise _must("true or false", value)
    return value


def _optional_flag(value: Any) -> bool | None:
    return None if value is None else _flag(value)


def _channel(value: Any) -> str | int | None:
    if value is None or (isinstance(value, int) and not isinstance(value, bool)):
        return value
    return _text(value)


def _one_of(value: Any, choices: list[str]) -> str:
    if value not in choices:
        from svcaudit.checklist import suggest

        hint = suggest(str(value), choices) if isinstance(value, str) else ""
        raise _Invalid(f"must be one of {', '.join(choices)}, not {value!r}{hint}")
    return str(value)


def _input_format(value: Any) -> str:
    from svcaudit.formats import READERS

    return _one_of(value, ["auto", *READERS])


def _report_format(value: Any) -> str:
    from svcaudit.report import REPORTERS

    return _one_of(value, list(REPORTERS))


def _outputs(value: Any) -> tuple[str, ...]:
    """``FORMAT:PATH`` strings (a single string is a list of one)."""
    from svcaudit.report import REPORTERS

    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list):
        raise _must("a list of FORMAT:PATH", value)
    for n, spec in enumerate(items):
        fmt, sep, path = spec.partition(":") if isinstance(spec, str) else ("", "", "")
        if not sep or not path:
            raise _Invalid(f"item {spec!r} must be FORMAT:PATH, e.g. json:report.json", n)
        if fmt not in REPORTERS:
            from svcaudit.checklist import suggest

            raise _Invalid(f"item {spec!r}: unknown format {fmt!r}{suggest(fmt, REPORTERS)}", n)
    return tuple(items)


def _number_text(text: str) -> Any:
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return text


def _bool_text(text: str) -> Any:
    words = {"1": True, "true": True, "yes": True, "on": True}
    words |= {"0": False, "false": False, "no": False, "off": False}
    return words.get(text.strip().lower(), text)


def _list_text(text: str) -> list[str]:
    return [part.strip() for part in text.split(",") if part.strip()]


def _key(check: Callable[[Any], Any], parse: Callable[[str], Any] = str) -> dict[str, Any]:
    """A key's field metadata: its check, and how to read it from an environment variable."""
    return {"check": check, "parse": parse}


@dataclass(frozen=True, slots=True)
class Config:
    """Each key's :class:`Setting`; ``Config()`` is the built-in defaults."""

    checklist: Setting = field(default=Setting("quality-service"), metadata=_key(_text))
    # None: the checklist's own pass mark
    fail_under: Setting = field(default=Setting(None), metadata=_key(_percent, _number_text))
    jobs: Setting = field(default=Setting(1), metadata=_key(_jobs, _number_text))
    agent: Setting = field(default=Setting(None), metadata=_key(_optional_text))
    # reserved for channel-based formats (stereo recordings: which channel is the agent)
    agent_channel: Setting = field(default=Setting(None), metadata=_key(_channel))
    input_format: Setting = field(default=Setting("auto"), metadata=_key(_input_format))
    format: Setting = field(default=Setting("table"), metadata=_key(_report_format))
    outputs: Setting = field(default=Setting(()), metadata=_key(_outputs, _list_text))
    no_fail: Setting = field(default=Setting(False), metadata=_key(_flag, _bool_text))
    # reserved: no command reads it yet
    redact: Setting = field(default=Setting(None), metadata=_key(_optional_flag, _bool_text))
    # the optional semantic detector (svcaudit[semantic]) on or off
    semantic: Setting = field(default=Setting(False), metadata=_key(_flag, _bool_text))

    def items(self) -> Iterator[tuple[str, Setting]]:
        for f in dataclasses.fields(self):
            yield f.name, getattr(self, f.name)


KEYS: dict[str, dataclasses.Field[Any]] = {f.name: f for f in dataclasses.fields(Config)}

# The keys each command takes as option defaults; `format` and `outputs` are `score`'s only
# (an annotation written over a score report would clobber it).
COMMANDS: dict[str, tuple[str, ...]] = {
    "score": tuple(KEYS),
    "annotate": ("checklist", "agent", "agent_channel", "input_format", "redact", "semantic"),
    "convert": ("agent", "agent_channel", "input_format"),
    "explain": ("checklist",),
    "calibrate": ("checklist", "agent", "agent_channel", "input_format"),
}
PARAMS = {"format": "fmt"}  # a key whose option stores under another name


def _apply(config: Config, entries: Iterable[Entry]) -> Config:
    """``config`` with the entries' values, or every problem of them as one error."""
    problems: list[ConfigError] = []
    changes: dict[str, Setting] = {}
    for e in entries:
        if e.key not in KEYS:
            from svcaudit.checklist import suggest

            hint = suggest(str(e.key), KEYS)
            problems.append(ConfigError(f"{e.prefix}unknown key {e.key!r}{hint}", e.key_loc))
            continue
        try:
            changes[e.key] = Setting(KEYS[e.key].metadata["check"](e.value), e.source)
        except _Invalid as err:
            at = err.item if err.item is not None and err.item < len(e.item_locs) else None
            loc = e.value_loc if at is None else e.item_locs[at]
            problems.append(ConfigError(f"{e.prefix}{e.name} {err}", loc))
    if problems:
        error = problems[0]
        error.problems = problems
        raise error
    return dataclasses.replace(config, **changes)


def load(cwd: Path, env: Mapping[str, str], config_file: str | None = None) -> Config:
    """The effective configuration in ``cwd`` (flags aside: click applies those)."""
    config = Config()
    if (cwd / sources.PYPROJECT).is_file():
        config = _apply(config, sources.read_toml(cwd / sources.PYPROJECT, sources.PYPROJECT))
    found = sources.find_file(cwd, config_file)
    if found is not None:
        path, label = found
        read = sources.read_toml if path.suffix == ".toml" else sources.read_yaml
        config = _apply(config, read(path, label))
    parsers = {key: f.metadata["parse"] for key, f in KEYS.items()}
    return _apply(config, sources.read_env(env, parsers))


def default_map(config: Config) -> dict[str, dict[str, Any]]:
    """click's ``default_map``: per command, the option defaults that are not built in."""
    return {
        command: {
            PARAMS.get(key, key): getattr(config, key).value
            for key in keys
            if getattr(config, key).source != "default"
        }
        for command, keys in COMMANDS.items()
    }


def show(config: Config, fmt: str, out: TextIO) -> None:
    """``key = value  (source)`` a line, values as JSON; or one JSON object (``fmt`` json)."""
    if fmt == "json":
        data = {key: {"value": s.value, "source": s.source} for key, s in config.items()}
        out.write(json.dumps(data, indent=2) + "\n")
        return
    for key, setting in config.items():
        out.write(f"{key} = {json.dumps(setting.value)}  ({setting.source})\n")
