"""The batch summary of the ``table`` reporter: counts, distribution, elements, agents, lowest,
errors."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich import box
from rich.console import RenderableType
from rich.table import Table
from rich.text import Text

from svcaudit.model import Checklist, LoadError, Loc
from svcaudit.report.console import BLANK, format_score
from svcaudit.report.summary import Summary
from svcaudit.report.summary import pass_rate as rate_of


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_line(summary: Summary) -> Text:
    """``Summary: 3 transcripts · 2 passed · 1 failed · 1 error · mean score 66.7``."""
    text = Text("Summary: ", style="bold")
    text.append(_plural(summary.transcripts, "transcript"))
    text.append(" · ")
    text.append(f"{summary.passed} passed", style="green" if summary.passed else "")
    text.append(" · ")
    text.append(f"{summary.failed} failed", style="red" if summary.failed else "")
    text.append(" · ")
    text.append(_plural(summary.errors, "error"), style="red" if summary.errors else "")
    text.append(f" · mean score {format_score(summary.mean_score)}")
    return text


def distribution_line(summary: Summary) -> Text:
    """``Scores: 0-49: 0 · 50-69: 1 · 70-84: 1 · 85-100: 0``."""
    parts = [f"{label}: {count}" for label, count in summary.distribution.items()]
    return Text.assemble(("Scores: ", "bold"), " · ".join(parts))


def percent(rate: float | None) -> str:
    """0.5 -> "50%"; None (never applicable) -> the blank mark."""
    return BLANK if rate is None else f"{100 * rate:.0f}%"


def pass_rate(counts: Mapping[str, int]) -> str:
    """Passes over the transcripts the element applied to, as a percentage."""
    return percent(rate_of(counts))


def _table(*columns: str) -> Table:
    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def elements_table(summary: Summary, titles: Mapping[str, str]) -> Table:
    table = _table("element", "pass", "partial", "fail", "na", "pass rate")
    for element_id, counts in summary.elements.items():
        cells = [str(counts.get(v, 0)) for v in ("pass", "partial", "fail", "na")]
        table.add_row(titles.get(element_id, element_id), *cells, pass_rate(counts))
    return table


def agents_table(summary: Summary, titles: Mapping[str, str]) -> Table:
    """One row an agent (sorted by name): transcripts, mean score, pass rate, weakest element."""
    table = _table("agent", "transcripts", "mean score", "pass rate", "weakest element")
    table.columns[4].justify = "left"
    for name, stats in summary.agents.items():
        weakest = titles.get(stats.weakest, stats.weakest) if stats.weakest else BLANK
        cells = (str(stats.transcripts), format_score(stats.mean_score), percent(stats.pass_rate))
        table.add_row(name, *cells, weakest)
    return table


def lowest_table(summary: Summary, titles: Mapping[str, str]) -> Table:
    table = _table("lowest", "score", "worst element")
    table.columns[2].justify = "left"
    for low in summary.lowest:
        worst = titles.get(low.worst, low.worst) if low.worst else BLANK
        table.add_row(low.id, format_score(low.score), worst)
    return table


def error_lines(errors: Sequence[LoadError]) -> Text:
    """``Errors:`` then one ``path:line: message`` a line."""
    text = Text("Errors:", style="bold red")
    for err in errors:
        text.append(f"\n{Loc(err.path, err.line)}: {err.message}")
    return text


def summary_renderables(
    summary: Summary, checklist: Checklist, errors: Sequence[LoadError]
) -> list[RenderableType]:
    titles = {element.id: element.title for element in checklist.elements}
    out: list[RenderableType] = [counts_line(summary)]
    if summary.transcripts:
        out += [distribution_line(summary), Text(), elements_table(summary, titles)]
    if summary.agents:
        out += [Text(), agents_table(summary, titles)]
    if summary.lowest:
        out += [Text(), lowest_table(summary, titles)]
    if errors:
        out += [Text(), error_lines(errors)]
    return out
