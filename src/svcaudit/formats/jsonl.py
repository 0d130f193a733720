"""Canonical transcripts as JSON Lines: one transcript object a line."""

from __future__ import annotations

import json

from svcaudit.formats.canonical import decode_error, from_obj
from svcaudit.formats.common import HEAD_SIZE, nth_id, split_lines
from svcaudit.model import Transcript

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


def read(text: str, path: str) -> list[Transcript]:
    records = [(n, line) for n, line in enumerate(split_lines(text), start=1) if line.strip()]
    transcripts = []
    for k, (n, line) in enumerate(records, start=1):
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as err:
            raise decode_error(err, path, line=n) from None
        default_id = nth_id(path, k, len(records))
        transcripts.append(from_obj(obj, path, NAME, n, default_id=default_id))
    return transcripts
