"""HTML fragments of one transcript for the ``html`` reporter: conversation and scorecard.

Every piece of text that comes from a transcript or a checklist goes through `esc`:
transcripts are untrusted input. Cue phrases are normalised text ("i am so sorry"), so they
are found in the raw turn loosely: the words in order, anything non-word between them, and
a contraction allowed where the normaliser expanded one ("I'm so sorry").
"""

from __future__ import annotations

import re
from functools import lru_cache
from html import escape
from itertools import pairwise

from svcaudit.model import CueHit, ElementResult, Evidence, Scorecard, Turn, Verdict

__all__ = [
    "BLANK", "cue_kind", "esc", "fmt_points", "fmt_score", "fmt_time", "highlight", "section",
    "turn_anchor",
]  # fmt: skip

BLANK = "\u2013"  # en dash: no value
FORBIDDEN_CUES = frozenset({"jargon", "presumptive_feeling", "bare_refusal", "dismissive", "blame"})
CUSTOMER_CUES = frozenset({"personal_need", "distress"})
VERDICT_SYMBOLS = {Verdict.PASS: "✓", Verdict.PARTIAL: "◐", Verdict.FAIL: "✗", Verdict.NA: BLANK}
# the short form a normalised word had before expansion: "i am" <- "I'm", "do not" <- "don't"
_SHORT = {"am": "m", "are": "re", "is": "s", "will": "ll", "have": "ve", "would": "d", "us": "s"}
_PRIORITY = {"good": 0, "cust": 1, "bad": 2}  # which colour wins where phrases overlap
_WORD = re.compile(r"[a-z0-9]+")
_APOS = "['\u2019]"  # straight or curly apostrophe


def esc(text: object) -> str:
    """`text` safe in element content and in quoted attribute values."""
    return escape(str(text), quote=True)


def fmt_score(score: float | None) -> str:
    return BLANK if score is None else f"{score:.1f}"


def fmt_points(value: float) -> str:
    """1.5 -> "1.5", 2.0 -> "2", 0.333 -> "0.33"."""
    return f"{round(value, 2):g}"


def fmt_time(seconds: float | None) -> str:
    """mm:ss (h:mm:ss from an hour on); "" when unknown."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"


def cue_kind(cue: str) -> str:
    """The colour class of a cue: ``bad`` (forbidden), ``cust`` (customer) or ``good``."""
    if cue in FORBIDDEN_CUES:
        return "bad"
    return "cust" if cue in CUSTOMER_CUES else "good"


def turn_anchor(n: int, turn: int) -> str:
    return f"t-{n}-turn-{turn}"


@lru_cache(maxsize=4096)
def _phrase_regex(phrase: str) -> re.Pattern[str] | None:
    words = _WORD.findall(phrase.lower())
    if not words:
        return None
    parts = [re.escape(words[0])]
    for word in words[1:]:
        if word == "not":
            parts.append(rf"(?:\W+not|n?{_APOS}t|not)")
        elif word in _SHORT:
            parts.append(rf"(?:\W+{word}|{_APOS}{_SHORT[word]})")
        else:
            parts.append(rf"\W+{re.escape(word)}")
    return re.compile(r"\b" + "".join(parts) + r"\b", re.IGNORECASE)


def _runs(text: str, hits: tuple[CueHit, ...]) -> list[tuple[int, int, str | None]]:
    """`text` cut into (start, end, cue or None) runs. Where phrases overlap, a forbidden cue
    wins over a customer cue, which wins over a behaviour: "RMA" stays red inside a longer
    paraphrase. Work is per phrase match, not per character."""
    spans = []
    for hit in hits:
        regex, rank = _phrase_regex(hit.phrase), _PRIORITY[cue_kind(hit.cue)]
        if regex is not None:
            spans += [(m.start(), m.end(), rank, hit.cue) for m in regex.finditer(text)]
    edges = sorted({0, len(text), *(a for a, *_ in spans), *(b for _, b, *_ in spans)})
    runs: list[tuple[int, int, str | None]] = []
    for start, end in pairwise(edges):
        covering = [(rank, cue) for a, b, rank, cue in spans if a <= start and end <= b]
        cue = max(covering, key=lambda item: item[0])[1] if covering else None
        if runs and runs[-1][2] == cue:
            start = runs.pop()[0]
        runs.append((start, end, cue))
    return runs


def highlight(text: str, hits: tuple[CueHit, ...]) -> str:
    """`text` escaped, each cue phrase found in it wrapped in ``<mark class="cue-KIND">``."""
    out: list[str] = []
    for start, end, cue in _runs(text, hits):
        chunk = esc(text[start:end])
        if cue is None:
            out.append(chunk)
        else:
            out.append(f'<mark class="cue-{cue_kind(cue)}" title="{esc(cue)}">{chunk}</mark>')
    return "".join(out)


def _badges(hits: tuple[CueHit, ...]) -> str:
    names = dict.fromkeys(hit.cue for hit in hits)  # once each, in order
    badges = (f'<span class="badge b-{cue_kind(c)}">{esc(c)}</span>' for c in names)
    return f'<div class="badges">{"".join(badges)}</div>' if names else ""


def _turn(n: int, turn: Turn, hits: tuple[CueHit, ...]) -> str:
    who = turn.role.value + (f" · {turn.name}" if turn.name else "")
    time = fmt_time(turn.start)
    return (
        f'<div class="turn r-{esc(turn.role.value)}" id="{turn_anchor(n, turn.index)}">'
        f'<div class="tmeta"><a class="tn" href="#{turn_anchor(n, turn.index)}">{turn.index}</a>'
        f'<span class="time">{time}</span><span class="who">{esc(who)}</span></div>'
        f'{_badges(hits)}<p class="text">{highlight(turn.text, hits)}</p></div>\n'
    )


def _evidence_links(n: int, evidence: tuple[Evidence, ...]) -> str:
    """One link per evidence turn, labelled with its cues: ``turn 3 · empathy, apology``."""
    cues: dict[int, list[str]] = {}
    for item in evidence:
        labels = cues.setdefault(item.turn, [])
        if item.cue and item.cue not in labels:
            labels.append(item.cue)
    links = []
    for turn, labels in cues.items():
        label = f"turn {turn}" + (f" · {', '.join(labels)}" if labels else "")
        links.append(f'<a class="ev" href="#{turn_anchor(n, turn)}">{esc(label)}</a>')
    return f'<div class="evidence">{"".join(links)}</div>' if links else ""


def _coaching(result: ElementResult) -> str:
    element = result.element
    if result.outcome.verdict not in (Verdict.FAIL, Verdict.PARTIAL) or not element.guidance:
        return ""
    better = (
        f'<p class="better">Better: “{esc(element.better.strip())}”</p>' if element.better else ""
    )
    guidance = esc(" ".join(element.guidance.split()))
    return f"<details><summary>How to improve</summary><p>{guidance}</p>{better}</details>"


def _element(n: int, result: ElementResult) -> str:
    element, outcome = result.element, result.outcome
    verdict = outcome.verdict
    points = BLANK if verdict is Verdict.NA else f"{fmt_points(result.points)}/"
    points += "" if verdict is Verdict.NA else fmt_points(result.max_points)
    critical = ' <span class="crit">critical</span>' if element.critical else ""
    return (
        f'<li class="el v-{verdict.value}"><span class="sym" title="{verdict.value}">'
        f'{VERDICT_SYMBOLS[verdict]}</span><div class="elbody"><div class="elhead">'
        f'<span class="eltitle">{esc(element.title)}</span>{critical}'
        f'<span class="pts">{points}</span></div><p class="reason">{esc(outcome.reason)}</p>'
        f"{_evidence_links(n, outcome.evidence)}{_coaching(result)}</div></li>\n"
    )


def _heading(n: int, card: Scorecard) -> str:
    transcript = card.transcript
    verdict = "PASS" if card.passed else "FAIL"
    facts = [transcript.path, f"{len(transcript.turns)} turns"]
    if transcript.agent:
        facts.insert(1, f"agent: {transcript.agent}")
    critical = '<span class="crit">critical element failed</span>' if card.critical_failed else ""
    return (
        f'<div class="thead"><h2><a href="#t-{n}">{esc(transcript.id)}</a></h2>'
        f'<span class="facts">{esc(" · ".join(facts))}</span>{critical}'
        f'<span class="score">{fmt_score(card.score)}</span>'
        f'<span class="pill {verdict.lower()}">{verdict}</span>'
        f'<a class="top" href="#overview">↑ overview</a></div>\n'
    )


def section(n: int, card: Scorecard) -> str:
    """The ``<section id="t-N">`` of the `n`-th transcript: conversation left, scorecard right."""
    turns = card.transcript.turns
    cues = card.cues
    conversation = "".join(
        _turn(n, t, cues[i] if i < len(cues) else ()) for i, t in enumerate(turns)
    )
    elements = "".join(_element(n, r) for r in card.results)
    return (
        f'<section class="transcript" id="t-{n}">\n{_heading(n, card)}<div class="split">'
        f'<div class="conv"><h3>Conversation</h3>\n{conversation}</div>'
        f'<div class="card"><h3>Scorecard</h3><ol class="elements">\n{elements}</ol></div>'
        f"</div></section>\n"
    )
