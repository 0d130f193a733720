"""``annotate -f json``: CONTRACT's annotate object.

One transcript (the case the CLI guarantees) gives that single object. Any other number
gives a JSON list of such objects (``[]`` for none), so the output is always one JSON value.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TextIO

from svcaudit.model import Annotation
from svcaudit.report.records import annotation_record

NAME = "json"


def write(
    annotations: Iterable[Annotation],
    out: TextIO,
    *,
    color: bool | None = None,
    width: int | None = None,
) -> None:
    records = [annotation_record(a) for a in annotations]
    value = records[0] if len(records) == 1 else records
    out.write(json.dumps(value, indent=2, ensure_ascii=False) + "\n")
    out.flush()
