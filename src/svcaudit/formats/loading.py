"""Loaded transcripts finished for a batch: roles, warnings, and a LoadError per bad record.

A JSONL file is loaded record by record, whole or a byte range of it (what a worker reads when
a large file is split across processes), so a bad line costs only that line. `one_sided` and
`note` are the warnings every loaded transcript may get; `svcaudit.formats` re-exports
`read_jsonl_range`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import replace

from svcaudit.errors import InputError
from svcaudit.formats import jsonl, roles
from svcaudit.formats.decoding import decode, read_bytes
from svcaudit.model import LoadError, Loc, Role, Transcript


def note(transcript: Transcript, warning: str) -> Transcript:
    """`transcript` with `warning` added to its warnings."""
    return replace(transcript, warnings=(*transcript.warnings, warning))


def read_jsonl_range(
    path: str,
    start: int,
    end: int,
    first_line: int,
    agent: str | None = None,
    agent_channel: str | int | None = None,
) -> list[Transcript | LoadError]:
    """The transcripts of bytes ``start:end`` of a JSONL file (whole lines, from ``first_line``).

    What a worker reads when a large JSONL file is split across processes; the line
    numbers and default ids are those of the whole file.
    """
    try:
        with open(path, "rb") as file:
            file.seek(start)
            data = file.read(end - start)
    except OSError as err:
        return [LoadError(path, (err.strerror or str(err)).lower())]
    text, warning = decode(data, path)
    items = jsonl.records(text, path, first_line, several=True)
    return finish(items, agent, agent_channel, warning)


def finish(
    items: list[Transcript | InputError],
    agent: str | None,
    agent_channel: str | int | None,
    warning: str | None,
) -> list[Transcript | LoadError]:
    """Roles and warnings for each transcript; each bad record becomes its own LoadError."""
    counts = Counter(t.id for t in items if isinstance(t, Transcript))
    out: list[Transcript | LoadError] = []
    for item in items:
        if isinstance(item, InputError):
            loc = item.loc or Loc("-")
            out.append(LoadError(loc.path, item.message, loc.line, loc.col))
            continue
        if not item.turns:
            out.append(LoadError(item.path, f"no turns found in {item.id!r}"))
            continue
        if agent_channel is not None:
            item = roles.assign_channel(item, agent_channel)
        if counts[item.id] > 1:
            item = note(item, f"duplicate id {item.id!r} in this file")
        item = roles.resolve(item, agent)
        out.append(one_sided(note(item, warning) if warning else item))
    return out


def load_jsonl(
    path: str, agent: str | None, agent_channel: str | int | None
) -> list[Transcript | LoadError]:
    """JSONL line by line: a bad line is that line's error, and every other line is kept."""
    try:
        text, warning = decode(read_bytes(path), path)
    except InputError as err:
        loc = err.loc or Loc(path)
        return [LoadError(loc.path, err.message, loc.line, loc.col)]
    items = jsonl.records(text.removeprefix("\ufeff"), path)
    return finish(items, agent, agent_channel, warning) or [LoadError(path, "no turns found")]


def one_sided(transcript: Transcript) -> Transcript:
    """Scored all the same, with a warning: what can be judged without one side is little."""
    roles = {turn.role for turn in transcript.turns}
    notes = [
        f"no {role.value} turns: {what}"
        for role, what in ((Role.AGENT, "the agent's elements have nothing to judge"),
                           (Role.CUSTOMER, "no customer need or distress can be seen"))
        if role not in roles
    ]  # fmt: skip
    return replace(transcript, warnings=(*transcript.warnings, *notes)) if notes else transcript
