"""``score -f table`` (the default): a rich table per transcript, then a batch summary.

Each scorecard is printed as it arrives. The summary (counts, score distribution, element
pass rates, lowest transcripts, load errors) follows when there was more than one transcript
or any error.
"""

from __future__ import annotations

from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from svcaudit.model import Checklist, ElementResult, Evidence, LoadError, Scorecard, Verdict
from svcaudit.report.coaching import notes
from svcaudit.report.console import (
    BLANK,
    format_points,
    format_score,
    make_console,
    role_style,
    verdict_text,
)
from svcaudit.report.records import truncate
from svcaudit.report.summary import Summary
from svcaudit.report.table_summary import summary_renderables

NAME = "table"
STREAMING = True

QUOTE = 60  # characters of a quoted turn in the evidence column
EVIDENCE_SHOWN = 2  # evidence items shown per element


def header(card: Scorecard) -> Text:
    """``call-0001  calls/0001.txt  agent: Dana  score 78.0  PASS``."""
    transcript = card.transcript
    text = Text.assemble((transcript.id, "bold"), "  ", (transcript.path, "dim"))
    if transcript.agent:
        text.append(f"  agent: {transcript.agent}")
    text.append(f"  score {format_score(card.score)}  ")
    verdict, style = ("PASS", "bold green") if card.passed else ("FAIL", "bold red")
    text.append(verdict, style=style)
    if card.critical_failed:
        text.append("  critical element failed", style="red")
    return text


def evidence_line(evidence: Evidence) -> Text:
    """``t3 agent: “What happened when…”``."""
    quote = truncate(" ".join(evidence.text.split()), QUOTE)
    return Text.assemble(
        f"t{evidence.turn} ",
        (evidence.speaker.value, role_style(evidence.speaker)),
        f": “{quote}”",
    )


def evidence_cell(evidence: tuple[Evidence, ...]) -> Text:
    """The first turns quoted (a turn once, however many cues it holds), then "+N more"."""
    turns: list[Evidence] = []
    for item in evidence:
        if all(item.turn != seen.turn for seen in turns):
            turns.append(item)
    lines = [evidence_line(e) for e in turns[:EVIDENCE_SHOWN]]
    if len(turns) > EVIDENCE_SHOWN:
        lines.append(Text(f"+{len(turns) - EVIDENCE_SHOWN} more", style="dim"))
    return Text("\n").join(lines)


def element_cells(result: ElementResult) -> tuple[Text, Text, Text, Text, Text]:
    element, outcome = result.element, result.outcome
    title = Text(element.title)
    if element.critical:
        title.append(" (critical)", style="dim")
    if outcome.verdict is Verdict.NA:
        points = Text(BLANK, style="dim")
    else:
        points = Text(f"{format_points(result.points)}/{format_points(result.max_points)}")
    reason = Text(outcome.reason)
    return title, verdict_text(outcome.verdict), points, reason, evidence_cell(outcome.evidence)


def element_table(card: Scorecard) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("element", ratio=2, min_width=12)
    table.add_column("verdict", no_wrap=True)
    table.add_column("points", justify="right", no_wrap=True)
    table.add_column("reason", ratio=2, min_width=12)
    table.add_column("evidence", ratio=3, min_width=16)
    for result in card.results:
        table.add_row(*element_cells(result))
    return table


def coaching_text(card: Scorecard) -> Text | None:
    """The coaching notes under a scorecard: guidance, the agent's words, a better response."""
    items = notes(card)
    if not items:
        return None
    text = Text("Coaching\n", style="bold")
    for note in items:
        text.append(f"  {note.title} ({note.verdict.value}): ", style="bold")
        text.append(note.guidance + "\n")
        if note.said:
            text.append("    said:   ", style="dim")
            text.append(note.said + "\n")
        if note.better:
            text.append("    better: ", style="green")
            text.append(f"“{note.better}”\n")
    text.rstrip()
    return text


class Writer:
    """Prints each scorecard as a header line and an element table."""

    def __init__(
        self,
        out: TextIO,
        checklist: Checklist,
        *,
        color: bool | None = None,
        width: int | None = None,
    ) -> None:
        self._console = make_console(out, color=color, width=width)
        self._checklist = checklist
        self._errors: list[LoadError] = []
        self._printed = 0

    def scorecard(self, card: Scorecard) -> None:
        if self._printed:
            self._console.print()
        self._console.print(header(card))
        self._console.print(element_table(card))
        coaching = coaching_text(card)
        if coaching is not None:
            self._console.print(coaching)
        self._printed += 1
        self._console.file.flush()

    def error(self, err: LoadError) -> None:
        self._errors.append(err)

    def close(self, summary: Summary) -> None:
        if summary.transcripts <= 1 and not (summary.errors or self._errors):
            return
        if self._printed:
            self._console.print()
        for renderable in summary_renderables(summary, self._checklist, self._errors):
            self._console.print(renderable)
        self._console.file.flush()
