"""Scoring past one machine: the pure scoring core on Dask (``pip install svcaudit[dask]``).

The core is a pure function from transcript to scorecard, so a cluster needs
no scheduler of ours: a ``dask.bag`` maps it over files (or over the lines of
JSONL files) and Dask places the work. The same code runs on a laptop's
``LocalCluster`` and on a real cluster: only the ``Client`` address changes.

    from dask.distributed import Client
    from svcaudit.cluster import score_files, score_jsonl

    client = Client("tcp://scheduler:8786")          # or Client() for a local cluster
    cards = score_files(["calls/2026-10/*.json"], checklist="quality-service")
    cards.map(json.dumps).to_textfiles("s3://qa/scorecards/*.jsonl")
    failed = cards.filter(lambda c: not c["passed"]).count().compute()

Each item of the bag is a SCORECARD record (the dict ``score -f jsonl`` writes
a line of), or ``{"error": {"path", "message", "line"}}`` for an unreadable
file; the checklist is loaded once per worker process.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from svcaudit.audit import score_transcript
from svcaudit.checklist import load_checklist
from svcaudit.errors import SvcauditError
from svcaudit.formats import discover, read_file
from svcaudit.formats.canonical import from_obj
from svcaudit.model import LoadError
from svcaudit.report.records import error_record, scorecard_record


def _bag() -> Any:
    try:
        import dask.bag as db
    except ImportError as err:  # the optional extra is not installed
        raise ImportError("svcaudit.cluster needs Dask: pip install 'svcaudit[dask]'") from err
    return db


def score_path(
    path: str, checklist: str = "quality-service", input_format: str = "auto"
) -> list[dict]:
    """The records of every transcript in one file (what one task of the bag does)."""
    rules = load_checklist(checklist)  # cached per worker process
    out = []
    for item in read_file(path, input_format, None):
        if isinstance(item, LoadError):
            out.append({"error": error_record(item)})
        else:
            out.append(scorecard_record(score_transcript(item, rules)))
    return out


def score_files(
    paths: Iterable[str],
    checklist: str = "quality-service",
    input_format: str = "auto",
    partition_size: int = 64,
) -> Any:
    """A bag of records: one task per ``partition_size`` files found under ``paths``."""
    files = [f for f in discover(paths) if isinstance(f, str)]
    db = _bag()
    return (
        db.from_sequence(files, partition_size=partition_size)
        .map(score_path, checklist=checklist, input_format=input_format)
        .flatten()
    )


def score_line(line: str, path: str, checklist: str = "quality-service") -> dict:
    """One canonical transcript (a JSONL line) -> its record."""
    try:
        transcript = from_obj(json.loads(line), path, "jsonl")
    except (ValueError, TypeError, SvcauditError) as err:  # a bad line: an error record
        message = err.message if isinstance(err, SvcauditError) else str(err)
        return {"error": {"path": path, "message": message}}
    return scorecard_record(score_transcript(transcript, load_checklist(checklist)))


def score_jsonl(pattern: str, checklist: str = "quality-service", blocksize: str = "64MiB") -> Any:
    """A bag of records from canonical JSONL files, split into blocks of lines."""
    db = _bag()
    lines = db.read_text(pattern, blocksize=blocksize).filter(lambda line: line.strip())
    return lines.map(score_line, path=pattern, checklist=checklist)
