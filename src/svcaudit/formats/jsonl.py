"""Canonical transcripts as JSON Lines: one transcript object a line."""

from __future__ import annotations

import json

from svcaudit.errors import InputError
from svcaudit.formats.canonical import decode_error, from_obj
from svcaudit.formats.common import HEAD_SIZE, nth_id, split_lines
from svcaudit.model import Loc, Transcript

NAME = "jsonl"
SUFFIXES = (".jsonl", ".ndjson")


def sniff(head: str) -> bool:
    """Two or more lines, the first a whole JSON object; or one object too long for the head.

    A file of one short line is left to the `json` reader: it reads either way.
    """
    lines = [line for line in head.split("\n") if line.strip()]
    if not lines or not lines[0].lstrip().startswith("{"):
        return False
    if len(lines) == 1:
        return len(head) >= HEAD_SIZE
    try:
        return isinstance(json.loads(lines[0]), dict)
    except json.JSONDecodeError:
        return False


def records(
    text: str, path: str, first_line: int = 1, several: bool | None = None
) -> list[Transcript | InputError]:
    """Each line's transcript, or the error of that line: one bad line loses only itself.

    ``first_line`` is the file's line number of ``text``'s first line, so that a range of a
    large file gives the same line numbers and default ids (``stem#LINE``) as the whole file;
    a file of one transcript that names none is called by its stem (``several`` False).
    """
    lines = split_lines(text)
    if several is None:
        several = sum(1 for line in lines if line.strip()) > 1
    out: list[Transcript | InputError] = []
    for n, line in enumerate(lines, start=first_line):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
            default_id = nth_id(path, n, 2 if several else 1)
            out.append(from_obj(obj, path, NAME, n, default_id=default_id))
        except json.JSONDecodeError as err:
            out.append(decode_error(err, path, line=n))
        except RecursionError:
            out.append(InputError("nested too deeply to read", Loc(path, n)))
        except InputError as err:
            out.append(err)
    return out


def read(text: str, path: str) -> list[Transcript]:
    """All transcripts of the text, or the first line's error (the ``Reader`` contract)."""
    items = records(text, path)
    for item in items:
        if isinstance(item, InputError):
            raise item
    return [item for item in items if isinstance(item, Transcript)]
