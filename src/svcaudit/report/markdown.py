"""``score -f markdown``: a compact summary for a pull-request comment or a chat message.

A title with the checklist, a counts line, the transcripts from the lowest score up (at most
`ROWS`, then "… and N more"), the pass rate of each element, the agents when there are several,
and the unreadable files. Only the lowest `ROWS` transcripts are kept, so memory stays flat.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TextIO

from svcaudit.model import Checklist, LoadError, Loc, Scorecard
from svcaudit.report.summary import Summary, worst_element

NAME = "markdown"
STREAMING = False

ROWS = 50  # transcripts (and errors) listed at most
BLANK = "\u2013"  # en dash: no value

Row = tuple[str, str, str, str, str]


def escape(text: str) -> str:
    """A table cell: ``|`` escaped, line breaks as spaces."""
    return " ".join(text.split()).replace("|", "\\|")


def table(header: Sequence[str], align: str, rows: Iterable[Sequence[str]]) -> list[str]:
    """A pipe table; `align` has one letter a column: ``l`` left, ``r`` right."""
    rule = ["---" if a == "l" else "--:" for a in align]
    lines = [header, rule, *([escape(cell) for cell in row] for row in rows)]
    return ["| " + " | ".join(line) + " |" for line in lines]


def score_text(score: float | None) -> str:
    return BLANK if score is None else f"{score:.1f}"


def percent(rate: float | None) -> str:
    return BLANK if rate is None else f"{100 * rate:.0f}%"


def plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def counts_line(summary: Summary) -> str:
    """``3 transcripts · 2 passed · 1 failed · 2 errors · mean score 66.7``."""
    return " · ".join(
        [
            plural(summary.transcripts, "transcript"),
            f"{summary.passed} passed",
            f"{summary.failed} failed",
            plural(summary.errors, "error"),
            f"mean score {score_text(summary.mean_score)}",
        ]
    )


def more(total: int, shown: int) -> list[str]:
    """``… and N more`` after a blank line (a line right under a table would join it)."""
    return ["", f"… and {total - shown} more"] if total > shown else []


class Writer:
    """Keeps the lowest `ROWS` transcripts and the first `ROWS` errors; `close` writes it all."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._out = out
        self._checklist = checklist
        self._titles = {element.id: element.title for element in checklist.elements}
        self._rows: list[tuple[tuple[bool, float, int], Row]] = []
        self._errors: list[LoadError] = []
        self._seen = self._failed_reads = 0

    def scorecard(self, card: Scorecard) -> None:
        self._seen += 1
        key = (card.score is None, card.score or 0.0, self._seen)  # unscored last
        self._rows.append((key, self.row(card)))
        if len(self._rows) >= 2 * ROWS:
            self._rows = sorted(self._rows)[:ROWS]

    def row(self, card: Scorecard) -> Row:
        worst = worst_element(card)
        verdict = "PASS" if card.passed else "**FAIL**"
        if card.critical_failed:
            verdict += " (critical)"
        title = self._titles.get(worst, worst) if worst else BLANK
        agent = card.transcript.agent or BLANK
        return card.transcript.id, agent, score_text(card.score), verdict, title

    def error(self, err: LoadError) -> None:
        self._failed_reads += 1
        if len(self._errors) < ROWS:
            self._errors.append(err)

    def close(self, summary: Summary) -> None:
        lines = [f"## svcaudit: {self._checklist.title} (`{self._checklist.id}`)", ""]
        lines += [counts_line(summary), ""]
        if self._rows:
            lines += [*self.transcripts(), ""]
        if summary.transcripts:
            lines += [*self.elements(summary), ""]
        if len(summary.agents) > 1:
            lines += [*self.agents(summary), ""]
        if self._errors:
            lines += [*self.errors(), ""]
        self._out.write("\n".join(lines).rstrip("\n") + "\n")
        self._out.flush()

    def transcripts(self) -> list[str]:
        rows = [row for _, row in sorted(self._rows)[:ROWS]]
        header = ("transcript", "agent", "score", "result", "worst element")
        return table(header, "llrll", rows) + more(self._seen, len(rows))

    def elements(self, summary: Summary) -> list[str]:
        header = ("element", "pass", "partial", "fail", "na", "pass rate")
        rows = []
        for element_id, counts in summary.elements.items():
            cells = [str(counts.get(v, 0)) for v in ("pass", "partial", "fail", "na")]
            rate = percent(summary.pass_rate.get(element_id))
            rows.append([self._titles.get(element_id, element_id), *cells, rate])
        return table(header, "lrrrrr", rows)

    def agents(self, summary: Summary) -> list[str]:
        header = ("agent", "transcripts", "mean score", "pass rate", "weakest element")
        rows = []
        for name, stats in summary.agents.items():
            weakest = self._titles.get(stats.weakest, stats.weakest) if stats.weakest else BLANK
            cells = (str(stats.transcripts), score_text(stats.mean_score))
            rows.append([name, *cells, percent(stats.pass_rate), weakest])
        return table(header, "lrrrl", rows)

    def errors(self) -> list[str]:
        lines = ["**Errors**", ""]
        lines += [f"- {Loc(e.path, e.line)}: {escape(e.message)}" for e in self._errors]
        return lines + more(self._failed_reads, len(self._errors))
