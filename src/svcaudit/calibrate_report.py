"""The ``svcaudit calibrate`` report: ``json`` (the numbers) and ``table`` (rich, for people).

Both show the same numbers. rich is imported only when a table is written, so ``-f json`` and
the command line's start stay light.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TextIO

from svcaudit.calibrate import ORDER, Agreement, Calibration, Judged
from svcaudit.report.records import (
    SCHEMA_VERSION,
    checklist_record,
    error_record,
    evidence_record,
    transcript_record,
)

if TYPE_CHECKING:
    from rich.console import RenderableType
    from rich.table import Table
    from rich.text import Text

__all__ = ["FORMATS", "WEIGHTED", "band", "record", "write_json", "write_table"]

Record = dict[str, Any]
WEIGHTED = "linear weights over fail < partial < pass; pairs where either said na left out"
BANDS = ((0.2, "slight"), (0.4, "fair"), (0.6, "moderate"), (0.8, "substantial"))


def band(kappa: float) -> str:
    """Landis & Koch (1977): below 0 poor, up to .20 slight, .40 fair, .60 moderate, .80
    substantial, above almost perfect."""
    if kappa < 0:
        return "poor"
    return next((name for upper, name in BANDS if kappa <= upper), "almost perfect")


def _round(value: float | None, digits: int) -> float | None:
    return None if value is None else float(round(value, digits))


def _confusion(matrix: tuple[tuple[int, ...], ...]) -> Record:
    """Rows the analyst's verdict, columns svcaudit's: ``{"pass": {"pass": 9, ...}, ...}``."""
    return {
        human.value: {tool.value: matrix[i][j] for j, tool in enumerate(ORDER)}
        for i, human in enumerate(ORDER)
    }


def _agreement(agreement: Agreement) -> Record:
    return {
        "n": agreement.n,
        "agreed": agreement.agreed,
        "agreement": _round(agreement.percent, 1),
        "kappa": _round(agreement.kappa, 3),
        "kappa_note": agreement.kappa_note,
        "weighted_kappa": _round(agreement.weighted_kappa, 3),
        "weighted_n": agreement.weighted_n,
        "weighted_note": agreement.weighted_note,
    }


def _overall(cal: Calibration) -> Record:
    return {
        "transcripts": len(cal.judged),
        "unlabelled": cal.unlabelled,
        "missing": len(cal.missing),
        **_agreement(cal.overall),
        "weighted_kappa_method": WEIGHTED,
        "score_pairs": len(cal.score_diffs),
        "mean_abs_score_diff": _round(cal.mean_abs_score_diff, 1),
        "mean_score_diff": _round(cal.mean_score_diff, 1),
    }


def _judged(judged: Judged) -> Record:
    return {
        "transcript": transcript_record(judged.card.transcript),
        "human_score": judged.human_score,
        "svcaudit_score": _round(judged.card.score, 1),
        "score_diff": _round(judged.score_diff, 1),
        "paired": len(judged.pairs),
        "disagreements": len(judged.differing),
        "elements": [
            {
                "id": result.element.id,
                "title": result.element.title,
                "human": human.value,
                "svcaudit": result.outcome.verdict.value,
                "reason": result.outcome.reason,
                "evidence": [evidence_record(e) for e in result.outcome.evidence],
            }
            for human, result in judged.differing
        ],
    }


def record(cal: Calibration) -> Record:
    """The ``-f json`` object."""
    titles = {e.id: e.title for e in cal.checklist.elements}
    return {
        "schema_version": SCHEMA_VERSION,
        "checklist": checklist_record(cal.checklist),
        "human": cal.human_path,
        "overall": _overall(cal),
        "elements": {
            eid: {"title": titles[eid], **_agreement(a), "confusion": _confusion(a.confusion)}
            for eid, a in cal.elements.items()
        },
        "confusion": _confusion(cal.overall.confusion),
        "disagreements": [_judged(j) for j in cal.disagreements],
        "missing": [{"transcript": t, "line": line} for t, line in cal.missing],
        "errors": [error_record(e) for e in cal.errors],
    }


def write_json(cal: Calibration, out: TextIO) -> None:
    out.write(json.dumps(record(cal), indent=2, ensure_ascii=False) + "\n")


def _kappa_cell(kappa: float | None) -> Text:
    from rich.text import Text

    if kappa is None:
        return Text("n/a", style="dim")
    return Text(f"{kappa:.2f} {band(kappa)}")


def _percent(agreement: Agreement) -> str:
    value = agreement.percent
    return "n/a" if value is None else f"{value:.1f}% ({agreement.agreed}/{agreement.n})"


def _headline(cal: Calibration) -> Text:
    from rich.text import Text

    text = Text(f"Calibration: {cal.human_path} against svcaudit, checklist ", style="bold")
    text.append(cal.checklist.id, style="bold")
    counts = [
        f"{_plural(len(cal.judged), 'transcript')} judged by both",
        _plural(cal.overall.n, "paired judgement"),
    ]
    if cal.unlabelled:
        counts.append(f"{cal.unlabelled} scored without analyst verdicts (left out)")
    if cal.missing:
        counts.append(f"{len(cal.missing)} in the CSV not found")
    text.append("\n" + " · ".join(counts))
    return text


def _overall_text(cal: Calibration) -> Text:
    from rich.text import Text

    overall = cal.overall
    text = Text("Overall: ", style="bold")
    text.append(f"agreement {_percent(overall)} · kappa ")
    text.append_text(_kappa_cell(overall.kappa))
    text.append(" · weighted kappa* ")
    text.append_text(_kappa_cell(overall.weighted_kappa))
    text.append(f" over {_plural(overall.weighted_n, 'pair')}\n")
    mean_abs, mean = cal.mean_abs_score_diff, cal.mean_score_diff
    if mean_abs is None or mean is None:
        text.append("Scores: no transcript scored by both")
    else:
        side = "higher" if mean >= 0 else "lower"
        text.append(
            f"Scores: mean |svcaudit - analyst| {mean_abs:.1f} over"
            f" {_plural(len(cal.score_diffs), 'transcript')}; svcaudit {abs(mean):.1f} {side}"
            " on average"
        )
    text.append(f"\n* {WEIGHTED}", style="dim")
    return text


def _table(*columns: str) -> Table:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, pad_edge=False, show_edge=False)
    for index, column in enumerate(columns):
        table.add_column(column, justify="left" if index == 0 else "right")
    return table


def _elements_table(cal: Calibration) -> Table:
    table = _table("element", "n", "agreement", "kappa", "weighted kappa*")
    titles = {e.id: e.title for e in cal.checklist.elements}
    for eid, a in cal.elements.items():
        row = (_percent(a), _kappa_cell(a.kappa), _kappa_cell(a.weighted_kappa))
        table.add_row(titles[eid], str(a.n), *row)
    return table


def _notes(cal: Calibration) -> list[str]:
    """Why a kappa is n/a (an element without pairs says so itself: n is 0)."""
    named = [("overall", cal.overall), *cal.elements.items()]
    return [f"kappa n/a for {name}: {a.kappa_note}" for name, a in named if a.n and a.kappa_note]


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def _confusion_table(agreement: Agreement) -> Table:
    table = _table("analyst ↓ svcaudit →", *(v.value for v in ORDER), "total")
    for i, human in enumerate(ORDER):
        row = agreement.confusion[i]
        table.add_row(human.value, *(str(c) for c in row), str(sum(row)))
    columns = [sum(row[j] for row in agreement.confusion) for j in range(len(ORDER))]
    table.add_row("total", *(str(c) for c in columns), str(agreement.n), style="dim")
    return table


def _judged_header(rank: int, judged: Judged) -> Text:
    """``1. call-07  analyst 90.0 · svcaudit 61.1 (-28.9) · 5 of 10 elements differ`` + path."""
    from rich.text import Text

    from svcaudit.report.console import format_score

    t = judged.card.transcript
    text = Text.assemble(f"{rank}. ", (t.id, "bold"), "  ")
    human, tool = format_score(judged.human_score), format_score(judged.card.score)
    text.append(f"analyst {human} · svcaudit {tool}")
    if judged.score_diff is not None:
        text.append(f" ({judged.score_diff:+.1f})")
    text.append(f" · {len(judged.differing)} of {len(judged.pairs)} elements differ\n")
    text.append(f"   {t.path}", style="dim")
    return text


def _judged_table(judged: Judged) -> Table:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from svcaudit.report.console import verdict_text
    from svcaudit.report.table import evidence_cell

    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("element", ratio=2, min_width=12)
    table.add_column("analyst", no_wrap=True)
    table.add_column("svcaudit", no_wrap=True)
    table.add_column("svcaudit's reason", ratio=2, min_width=12)
    table.add_column("evidence", ratio=3, min_width=16)
    for human, result in judged.differing:
        outcome = result.outcome
        cells = (verdict_text(human), verdict_text(outcome.verdict), Text(outcome.reason))
        table.add_row(Text(result.element.title), *cells, evidence_cell(outcome.evidence))
    return table


def _disagreements(cal: Calibration) -> list[RenderableType]:
    from rich.text import Text

    if not any(j.differing or j.score_diff for j in cal.judged):
        return [Text("No disagreements.", style="bold")]
    if not cal.disagreements:  # --top 0
        return []
    out: list[RenderableType] = [Text("Where they disagree most", style="bold")]
    for rank, judged in enumerate(cal.disagreements, 1):
        out += ["", _judged_header(rank, judged)]
        if judged.differing:
            out.append(_judged_table(judged))
    return out


def _renderables(cal: Calibration) -> list[RenderableType]:
    from rich.text import Text

    out: list[RenderableType] = [_headline(cal), "", _overall_text(cal), ""]
    out += [_elements_table(cal), *(Text(n, style="dim") for n in _notes(cal)), ""]
    out += [Text("Confusion of verdicts", style="bold"), _confusion_table(cal.overall), ""]
    out += _disagreements(cal)
    if cal.missing or cal.errors:
        out.append("")
    for t, line in cal.missing:
        out.append(Text(f"not found among the scored transcripts: '{t}' ({cal.human_path}:{line})"))
    out += [Text(str(err), style="red") for err in cal.errors]
    return out


def write_table(cal: Calibration, out: TextIO) -> None:
    from svcaudit.report.console import make_console

    console = make_console(out)
    for renderable in _renderables(cal):
        console.print(renderable)


FORMATS: dict[str, Callable[[Calibration, TextIO], None]] = {
    "table": write_table,
    "json": write_json,
}
