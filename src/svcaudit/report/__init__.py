"""Output formats: one module per format, found through a registry.

`REPORTERS` holds the ``score`` formats. Each is a module with ``NAME``, ``STREAMING`` (it
writes as scorecards arrive rather than at the end) and a ``Writer`` class::

    writer = REPORTERS["jsonl"].Writer(out, checklist, color=None, width=None)
    writer.scorecard(card)    # once per transcript, in order
    writer.error(load_error)  # an unreadable file
    writer.close(summary)     # end of batch (a `Summary` from `SummaryBuilder`)

`ANNOTATORS` holds the ``annotate`` formats: modules with ``NAME`` and
``write(annotations, out, *, color=None, width=None)``.

Modules are imported on first lookup, so listing the names (``--format`` choices) does not
import rich. Adding a format = one module + one line here.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping
from types import ModuleType
from typing import Protocol, TextIO

from svcaudit.model import Batch, Checklist, LoadError, Scorecard
from svcaudit.report.summary import Summary, SummaryBuilder

__all__ = [
    "ANNOTATORS", "REPORTERS", "Registry", "ScoreWriter", "Summary", "SummaryBuilder",
    "write_batch",
]  # fmt: skip


class ScoreWriter(Protocol):
    """What ``REPORTERS[name].Writer(...)`` returns."""

    def scorecard(self, card: Scorecard) -> None: ...
    def error(self, err: LoadError) -> None: ...
    def close(self, summary: Summary) -> None: ...


class Registry(Mapping[str, ModuleType]):
    """Format name -> module, imported from its dotted path on first lookup."""

    def __init__(self, paths: Mapping[str, str]) -> None:
        self._paths = dict(paths)
        self._modules: dict[str, ModuleType] = {}

    def __getitem__(self, name: str) -> ModuleType:
        if name not in self._modules:
            self._modules[name] = importlib.import_module(self._paths[name])
        return self._modules[name]

    def __iter__(self) -> Iterator[str]:
        return iter(self._paths)

    def __len__(self) -> int:
        return len(self._paths)

    def __repr__(self) -> str:
        return f"Registry({list(self._paths)!r})"


REPORTERS = Registry(
    {
        "table": "svcaudit.report.table",
        "json": "svcaudit.report.json_out",
        "jsonl": "svcaudit.report.jsonl_out",
        "csv": "svcaudit.report.csv_out",
        "junit": "svcaudit.report.junit",
        "markdown": "svcaudit.report.markdown",
        "github": "svcaudit.report.github",
        "html": "svcaudit.report.html",
    }
)

ANNOTATORS = Registry(
    {
        "table": "svcaudit.report.annotate_table",
        "json": "svcaudit.report.annotate_json",
        "jsonl": "svcaudit.report.annotate_jsonl",
    }
)


def write_batch(
    name: str,
    batch: Batch,
    out: TextIO,
    checklist: Checklist,
    *,
    color: bool | None = None,
    width: int | None = None,
) -> Summary:
    """Write a finished `Batch` in format `name`; return its summary."""
    writer: ScoreWriter = REPORTERS[name].Writer(out, checklist, color=color, width=width)
    builder = SummaryBuilder(checklist)
    for card in batch.scorecards:
        builder.add(card)
        writer.scorecard(card)
    for err in batch.errors:
        builder.add_error(err)
        writer.error(err)
    summary = builder.build()
    writer.close(summary)
    return summary
