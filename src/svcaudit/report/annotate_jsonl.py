"""``annotate -f jsonl``: CONTRACT's annotate object, one a line, flushed as each arrives."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from svcaudit.model import Annotation
from svcaudit.report.records import annotation_record

NAME = "jsonl"


def write(
    annotations: Iterable[Annotation],
    out: TextIO,
    *,
    color: bool | None = None,
    width: int | None = None,
) -> None:
    for annotation in annotations:
        out.write(json.dumps(annotation_record(annotation), ensure_ascii=False) + "\n")
        out.flush()
