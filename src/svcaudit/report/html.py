"""``score -f html``: one self-contained page an analyst opens in a browser.

The page holds the batch summary (counts, score distribution, element pass rates, per-agent
figures when the summary has them, unreadable files), a sortable table of transcripts, and per
transcript the conversation with its cues highlighted beside the scorecard (`html_parts`).
CSS and JS are inlined from ``assets/``: no network, no fonts, no clock, so the output is
deterministic.

Buffering: the summary sits at the top of the page but is known only at `close`, while the
transcript sections make up nearly all of the page. Sections are therefore written as they
arrive to a spooled temporary file (in memory up to `SPOOL` bytes, on disk beyond), and only
the small table rows are kept in a list; `close` writes the head and summary, then copies the
sections across in chunks. Memory stays flat for a batch of any size.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterable, Mapping
from functools import lru_cache
from importlib import resources
from typing import Any, TextIO

from svcaudit.model import Checklist, LoadError, Loc, Scorecard
from svcaudit.report.html_parts import BLANK, esc, fmt_score, section
from svcaudit.report.summary import Summary, worst_element

NAME = "html"
STREAMING = False

SPOOL = 8 * 1024 * 1024  # bytes of transcript sections kept in memory before spilling to disk
BUCKET_CLASSES = ("b0", "b1", "b2", "b3")  # red to green, in `Summary.distribution` order
CARD_HEADS = (
    ("#", "num"), ("transcript", ""), ("agent", ""), ("score", "num"), ("result", ""),
    ("worst element", ""),
)  # fmt: skip
ELEMENT_HEADS = (
    ("element", ""), ("pass", "num"), ("partial", "num"), ("fail", "num"), ("na", "num"),
    ("pass rate", "num"), ("", ""),
)  # fmt: skip


@lru_cache(maxsize=2)
def asset(name: str) -> str:
    """The text of ``report/assets/<name>`` (packaged with the module)."""
    return resources.files("svcaudit.report").joinpath("assets", name).read_text("utf-8")


def _percent(part: int, whole: int) -> float:
    return 100 * part / whole if whole else 0.0


def _bar(kind: str, width: float) -> str:
    return f'<div class="bar {kind}"><span style="width:{width:.1f}%"></span></div>'


LEGEND = (
    '<div class="legend"><span>Cues:</span><span class="badge b-good">behaviour</span>'
    '<span class="badge b-bad">forbidden</span><span class="badge b-cust">customer</span>'
    '<span class="sep">Verdicts:</span><span class="v-pass"><b class="sym">✓</b> pass</span>'
    '<span class="v-partial"><b class="sym">◐</b> partial</span>'
    '<span class="v-fail"><b class="sym">✗</b> fail</span>'
    f'<span class="v-na"><b class="sym">{BLANK}</b> not applicable</span></div>'
)


def _stats(summary: Summary) -> str:
    """Count tiles, a passed/failed bar and the colour legend."""
    tiles = (
        ("", summary.transcripts, "transcripts"),
        ("pass", summary.passed, "passed"),
        ("fail", summary.failed, "failed"),
        ("err", summary.errors, "errors"),
        ("", fmt_score(summary.mean_score), "mean score"),
    )
    cells = "".join(
        f'<div class="stat {cls}"><div class="v">{value}</div><div class="k">{key}</div></div>'
        for cls, value, key in tiles
    )
    passed = _percent(summary.passed, summary.transcripts)
    bar = (
        f'<div class="passbar" title="passed {passed:.0f}%"><span class="p" '
        f'style="width:{passed:.1f}%"></span><span class="f"></span></div>'
        f'<div class="muted">{passed:.0f}% of transcripts passed</div>'
    )
    return f'<div class="stats">{cells}</div>{bar if summary.transcripts else ""}{LEGEND}'


def _distribution(summary: Summary) -> str:
    counts = summary.distribution
    top = max(counts.values(), default=0)
    rows = []
    for index, (label, count) in enumerate(counts.items()):
        bar = _bar(BUCKET_CLASSES[min(index, len(BUCKET_CLASSES) - 1)], _percent(count, top))
        rows.append(
            f'<div class="row"><span>{esc(label)}</span>{bar}<span class="n">{count}</span></div>'
        )
    return f'<div class="dist"><h3>Score distribution</h3>{"".join(rows)}</div>'


def _cells(tag: str, values: Iterable[tuple[object, str]]) -> str:
    """``<td class="num">1</td>...`` from (value, css class) pairs; values are escaped."""
    return "".join(
        f'<{tag} class="{cls}">{esc(v)}</{tag}>' if cls else f"<{tag}>{esc(v)}</{tag}>"
        for v, cls in values
    )


def _table(cls: str, heads: Iterable[tuple[str, str]], rows: Iterable[str]) -> str:
    """A table; each head is (label, css class: "num" for numbers)."""
    head = f"<thead><tr>{_cells('th', heads)}</tr></thead>"
    return f'<table class="{cls}">{head}<tbody>\n{"".join(rows)}</tbody></table>'


def _rate(counts: Mapping[str, int]) -> tuple[str, float]:
    applied = sum(counts.get(v, 0) for v in ("pass", "partial", "fail"))
    if not applied:
        return BLANK, 0.0
    rate = _percent(counts.get("pass", 0), applied)
    return f"{rate:.0f}%", rate


def _element_rows(summary: Summary, titles: Mapping[str, str]) -> list[str]:
    rows = []
    for element_id, counts in summary.elements.items():
        label, rate = _rate(counts)
        values: list[tuple[object, str]] = [(titles.get(element_id, element_id), "")]
        values += [(counts.get(v, 0), "num") for v in ("pass", "partial", "fail", "na")]
        values.append((label, "num"))
        rows.append(
            f'<tr>{_cells("td", values)}<td class="barcell">{_bar("rate", rate)}</td></tr>\n'
        )
    return rows


AGENT_HEADS = (
    ("agent", ""), ("transcripts", "num"), ("mean score", "num"), ("pass rate", "num"),
    ("weakest element", ""),
)  # fmt: skip


def _agents(summary: Summary, titles: Mapping[str, str]) -> str:
    """Per-agent figures, when the summary has them: ``agents``, name -> stats with
    ``transcripts``, ``mean_score``, ``pass_rate`` (a fraction) and ``weakest`` (element id)."""
    agents: Mapping[str, Any] = getattr(summary, "agents", None) or {}
    rows = []
    for name, stats in agents.items():
        rate = getattr(stats, "pass_rate", None)
        weakest = getattr(stats, "weakest", None)
        values = (
            (name, ""),
            (getattr(stats, "transcripts", 0), "num"),
            (fmt_score(getattr(stats, "mean_score", None)), "num"),
            (BLANK if rate is None else f"{100 * rate:.0f}%", "num"),
            (titles.get(weakest, weakest) if weakest else BLANK, ""),
        )
        rows.append(f"<tr>{_cells('td', values)}</tr>\n")
    if not rows:
        return ""
    table = _table("sortable", AGENT_HEADS, rows)
    return f'<section class="panel" id="agents"><h2>Agents</h2>{table}</section>\n'


def _errors(errors: list[LoadError]) -> str:
    if not errors:
        return ""
    items = "".join(
        f"<li>{esc(Loc(e.path, e.line, e.col))}: {esc(e.message)}</li>\n" for e in errors
    )
    return (
        f'<section class="panel errors" id="errors"><h2>Unreadable files ({len(errors)})</h2>'
        f"<ul>\n{items}</ul></section>\n"
    )


def _row(n: int, card: Scorecard, titles: Mapping[str, str]) -> str:
    """The transcripts-table row of the `n`-th scorecard."""
    worst = worst_element(card)
    verdict = "PASS" if card.passed else "FAIL"
    score = -1.0 if card.score is None else round(card.score, 1)
    return (
        f'<tr><td class="num">{n}</td><td><a href="#t-{n}">{esc(card.transcript.id)}</a></td>'
        f"<td>{esc(card.transcript.agent or BLANK)}</td>"
        f'<td class="num" data-v="{score}">{fmt_score(card.score)}</td>'
        f'<td><span class="pill {verdict.lower()}">{verdict}</span></td>'
        f"<td>{esc(titles.get(worst, worst) if worst else BLANK)}</td></tr>\n"
    )


class Writer:
    """Spools transcript sections; `close` writes the whole page (see the module docstring)."""

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
        self._titles = {e.id: e.title for e in checklist.elements}
        self._rows: list[str] = []
        self._errors: list[LoadError] = []
        # closed in `close`: the spool lives across calls, so no `with` block
        self._sections = tempfile.SpooledTemporaryFile(  # noqa: SIM115
            max_size=SPOOL, mode="w+", encoding="utf-8", newline="\n"
        )

    def scorecard(self, card: Scorecard) -> None:
        n = len(self._rows) + 1
        for result in card.results:  # elements of another checklist keep their own titles
            self._titles.setdefault(result.element.id, result.element.title)
        self._rows.append(_row(n, card, self._titles))
        self._sections.write(section(n, card))

    def error(self, err: LoadError) -> None:
        self._errors.append(err)

    def close(self, summary: Summary) -> None:
        try:
            self._out.write(self._head(summary) + self._overview(summary))
            self._sections.seek(0)
            shutil.copyfileobj(self._sections, self._out)
            self._out.write(f"</main>\n<script>\n{asset('report.js')}</script>\n</body>\n</html>\n")
            self._out.flush()
        finally:
            self._sections.close()

    def _head(self, summary: Summary) -> str:
        checklist = self._checklist
        title = esc(checklist.title or checklist.id)
        sub = f"checklist {checklist.id} · version {checklist.version}"
        sub += f" · pass mark {checklist.pass_mark:g}"
        links = [("transcripts", "Transcripts"), ("elements", "Elements")]
        links += [("agents", "Agents")] if getattr(summary, "agents", None) else []
        links += [("errors", "Unreadable files")] if self._errors else []
        nav = "".join(f'<a href="#{target}">{label}</a>' for target, label in links)
        return (
            '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
            '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>svcaudit report: {title}</title>\n<style>\n{asset('report.css')}</style>\n"
            f'</head>\n<body>\n<header class="top-bar" id="overview"><div class="inner"><div>'
            f'<h1>{title}</h1><div class="sub">{esc(sub)}</div></div><nav>{nav}</nav></div>'
            "</header>\n<main>\n"
        )

    def _overview(self, summary: Summary) -> str:
        rows = _element_rows(summary, self._titles)
        return (
            f'<div class="overview"><div class="panel">{_stats(summary)}</div>'
            f'<div class="panel">{_distribution(summary)}</div></div>\n'
            f'<section class="panel" id="transcripts"><h2>Transcripts</h2>'
            f'<p class="muted">Click a column heading to sort, a transcript to open it.</p>'
            f'<div class="scroll">{_table("sortable", CARD_HEADS, self._rows)}</div></section>\n'
            f'<section class="panel" id="elements"><h2>Elements</h2>'
            f"{_table('', ELEMENT_HEADS, rows)}</section>\n"
            f"{_agents(summary, self._titles)}{_errors(self._errors)}"
        )
