"""Transcript readers: one module per export format, and the way from paths to transcripts.

`READERS` lists the readers in sniffing order (`text` last: it reads anything). A reader is
a module with `NAME`, `SUFFIXES`, `sniff(head) -> bool` and `read(text, path) -> list[Transcript]`
that raises `InputError` with a location. Adding a format = one module + one line here.
The warnings and per-record LoadErrors of a loaded file, and JSONL read line by line, are
in `loading`.
"""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable, Iterator
from typing import Protocol

from rapidfuzz import process

from svcaudit.errors import InputError, UsageError
from svcaudit.formats import (
    aws_call_analytics,
    aws_transcribe,
    azure_speech,
    canonical,
    chatlog,
    contact_lens,
    csv_reader,
    discovery,
    genesys,
    google_ccai,
    intercom,
    jsonl,
    roles,
    srt,
    text,
    twilio,
    webvtt,
    whisper,
    zendesk,
)
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.formats.decoding import MAX_FILE_BYTES, decode, read_bytes
from svcaudit.formats.loading import load_jsonl, note, one_sided
from svcaudit.formats.loading import read_jsonl_range as read_jsonl_range
from svcaudit.model import LoadError, Loc, Transcript

__all__ = [
    "MAX_FILE_BYTES",
    "READERS", "SUFFIXES", "Reader", "check_channel", "decode", "discover", "get_reader",
    "read_path", "read_text", "read_transcripts", "sniff",
]  # fmt: skip


class Reader(Protocol):
    """What a reader module provides."""

    NAME: str
    SUFFIXES: tuple[str, ...]

    def sniff(self, head: str) -> bool: ...

    def read(self, text: str, path: str) -> list[Transcript]: ...


READERS: dict[str, Reader] = {
    reader.NAME: reader
    for reader in (
        # vendor JSON before `jsonl`, whose sniff takes any one-line object longer than the head
        contact_lens,  # before Call Analytics: Contact Lens files carry its keys too
        aws_call_analytics,
        aws_transcribe,
        google_ccai,
        azure_speech,
        genesys,
        twilio,
        intercom,
        zendesk,
        whisper,  # last of the vendor JSON: its sniff is the loosest
        jsonl,
        canonical,
        webvtt,
        srt,
        csv_reader,
        chatlog,  # before `text`: only lines whose stamps `text` does not read
        text,
    )
}
SUFFIXES: frozenset[str] = frozenset(s for reader in READERS.values() for s in reader.SUFFIXES)


def get_reader(name: str) -> Reader:
    """The reader called `name`; an unknown name is a usage error with a suggestion."""
    if name in READERS:
        return READERS[name]
    guess = process.extractOne(name, list(READERS), score_cutoff=50)
    hint = f" (did you mean {guess[0]!r}?)" if guess else ""
    choices = ", ".join(["auto", *READERS])
    raise UsageError(f"unknown input format {name!r}{hint}; choose from {choices}")


def sniff(head: str) -> str:
    """The name of the first reader that recognises the start of a file."""
    return next(name for name, reader in READERS.items() if reader.sniff(head))


def _choose(text: str, path: str, input_format: str) -> Reader:
    if input_format != "auto":
        return get_reader(input_format)
    # several readers may claim a suffix (`.json`): the first whose sniff accepts the content,
    # else the last of them, the generic one (readers come before the generic reader they refine)
    suffix = os.path.splitext(path)[1].lower()
    claims = [reader for reader in READERS.values() if suffix in reader.SUFFIXES]
    head = text[:HEAD_SIZE]
    if claims:
        return next((reader for reader in claims if reader.sniff(head)), claims[-1])
    return READERS[sniff(head)]


def read_text(
    text: str,
    path: str,
    input_format: str = "auto",
    agent: str | None = None,
    *,
    agent_channel: str | int | None = None,
) -> list[Transcript]:
    """Transcripts from decoded text: the reader by name, by suffix or by content; then roles.

    `agent_channel` (`ch_0` or `0`) makes that audio channel the agent, before `agent`.
    """
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return []
    transcripts = _choose(text, path, input_format).read(text, path)
    counts = Counter(t.id for t in transcripts)
    if agent_channel is not None:
        transcripts = [roles.assign_channel(t, agent_channel) for t in transcripts]
    return [
        roles.resolve(
            note(t, f"duplicate id {t.id!r} in this file") if counts[t.id] > 1 else t, agent
        )
        for t in transcripts
    ]


def read_path(
    path: str,
    input_format: str = "auto",
    agent: str | None = None,
    *,
    agent_channel: str | int | None = None,
) -> list[Transcript]:
    """Transcripts from a file, or from standard input for `-`."""
    content, warning = decode(read_bytes(path), path)
    transcripts = read_text(content, path, input_format, agent, agent_channel=agent_channel)
    return [note(t, warning) for t in transcripts] if warning else transcripts


def discover(paths: Iterable[str]) -> Iterator[str | LoadError]:
    """Files to read: directories searched recursively, globs expanded, `-` for stdin.

    Directory and glob results are sorted, hidden names, READMEs and unsupported suffixes left
    out; a file named on its own is always read. A path or glob that finds nothing is an error.
    """
    return discovery.discover(paths, SUFFIXES)


def read_transcripts(
    paths: Iterable[str],
    input_format: str = "auto",
    agent: str | None = None,
    *,
    agent_channel: str | int | None = None,
) -> Iterator[Transcript | LoadError]:
    """Transcripts of every file found, one file at a time; an unreadable one is a LoadError.

    An unknown `input_format`, or an `agent_channel` that is no channel, is a UsageError
    raised at once, before anything is read.
    """
    if input_format != "auto":
        get_reader(input_format)
    check_channel(agent_channel)
    return _stream(paths, input_format, agent, agent_channel)


def check_channel(agent_channel: str | int | None) -> None:
    """A UsageError unless `agent_channel` is None or names a channel (`ch_0`, `0`)."""
    if agent_channel is not None and roles.channel_number(str(agent_channel)) is None:
        raise UsageError(f"agent channel {agent_channel!r} is not a channel such as ch_0 or 1")


def _stream(
    paths: Iterable[str], input_format: str, agent: str | None, agent_channel: str | int | None
) -> Iterator[Transcript | LoadError]:
    for item in discover(paths):
        if isinstance(item, LoadError):
            yield item
        else:
            yield from _load(item, input_format, agent, agent_channel)


def read_file(
    path: str, input_format: str, agent: str | None, agent_channel: str | int | None = None
) -> list[Transcript | LoadError]:
    """The transcripts of one file, or the LoadError that says why it cannot be read."""
    return _load(path, input_format, agent, agent_channel)


def _load(
    path: str, input_format: str, agent: str | None, agent_channel: str | int | None = None
) -> list[Transcript | LoadError]:
    if input_format == "jsonl" or (input_format == "auto" and path.endswith(jsonl.SUFFIXES)):
        return load_jsonl(path, agent, agent_channel)
    try:
        transcripts = read_path(path, input_format, agent, agent_channel=agent_channel)
    except InputError as err:
        loc = err.loc or Loc(path)
        return [LoadError(loc.path, err.message, loc.line, loc.col)]
    except RecursionError:
        return [LoadError(path, "nested too deeply to read (a structure hundreds of levels deep)")]
    except MemoryError:
        return [LoadError(path, "too large to read in memory")]
    except (UsageError, KeyboardInterrupt):
        raise
    except Exception as err:  # a reader's bug must not stop the batch: report it as this file's
        return [LoadError(path, f"cannot read this file ({type(err).__name__}: {err})")]
    if not transcripts:
        return [LoadError(path, "no turns found")]
    several = len(transcripts) > 1
    return [
        one_sided(t)
        if t.turns
        else LoadError(path, f"no turns found in {t.id!r}" if several else "no turns found")
        for t in transcripts
    ]
