"""The data model: frozen dataclasses and enums shared by every layer.

This module imports nothing from svcaudit. Collections are tuples so that a
value, once built, cannot change under a reader, a rule or a reporter.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import Enum
from typing import Any


class Role(str, Enum):
    """Who speaks a turn."""

    AGENT = "agent"
    CUSTOMER = "customer"
    SYSTEM = "system"
    BOT = "bot"
    UNKNOWN = "unknown"


class Verdict(str, Enum):
    """The verdict of one element on one transcript."""

    PASS = "pass"
    PARTIAL = "partial"
    FAIL = "fail"
    NA = "na"


@dataclass(frozen=True, slots=True)
class Loc:
    """A place in a file: ``path[:line[:col]]``; unknown parts are omitted."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


@dataclass(frozen=True, slots=True)
class Turn:
    """One utterance. ``index`` is 0-based over all turns of the transcript."""

    index: int
    role: Role
    text: str
    name: str | None = None
    start: float | None = None
    end: float | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Transcript:
    """A conversation as read from a file (``path``) in a ``format``."""

    id: str
    turns: tuple[Turn, ...]
    path: str = "-"
    format: str = "json"
    channel: str | None = None
    agent: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)
    warnings: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class CueHit:
    """A cue detected in a turn: which phrase (or form) matched and how well."""

    cue: str
    phrase: str
    similarity: float = 100.0
    pos: int | None = None  # the sentence of the turn it is in (0-based), for order checks


@dataclass(frozen=True, slots=True)
class Evidence:
    """A turn that supports (or caused) a verdict."""

    turn: int
    speaker: Role
    text: str
    cue: str | None = None
    phrase: str | None = None
    similarity: float | None = None
    start: float | None = None


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a rule decided: verdict, credit in [0, 1], reason and evidence."""

    verdict: Verdict
    reason: str
    evidence: tuple[Evidence, ...] = ()
    credit: float | None = None  # None: derived from the verdict

    @property
    def fraction(self) -> float:
        if self.credit is not None:
            return self.credit
        return {Verdict.PASS: 1.0, Verdict.PARTIAL: 0.5}.get(self.verdict, 0.0)


@dataclass(frozen=True, slots=True)
class ElementInfo:
    """The parts of a checklist element that a scorecard reports."""

    id: str
    title: str
    weight: float
    critical: bool
    guidance: str = ""
    better: str = ""  # a better response, from the source document, for coaching


@dataclass(frozen=True, slots=True)
class ElementResult:
    element: ElementInfo
    outcome: Outcome
    points: float
    max_points: float


@dataclass(frozen=True, slots=True)
class Scorecard:
    transcript: Transcript
    checklist_id: str
    results: tuple[ElementResult, ...]
    score: float | None  # None when no element applied
    passed: bool
    critical_failed: bool
    cues: tuple[tuple[CueHit, ...], ...] = ()  # the cues of each turn (for reports that show them)


@dataclass(frozen=True, slots=True)
class LoadError:
    """A transcript file (or a record in it) that could not be read."""

    path: str
    message: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        return f"{Loc(self.path, self.line, self.col)}: error: {self.message}"


@dataclass(frozen=True, slots=True)
class Batch:
    scorecards: tuple[Scorecard, ...]
    errors: tuple[LoadError, ...] = ()


@dataclass(frozen=True, slots=True)
class Window:
    """Which of the speaker's turns an element looks at (all of them by default)."""

    first_turns: int | None = None
    last_turns: int | None = None


@dataclass(frozen=True, slots=True)
class Element:
    """One checklist element: generic keys here, the rule kind's own keys in ``params``."""

    id: str
    title: str
    kind: str
    params: Any
    weight: float = 1.0
    critical: bool = False
    window: Window = Window()
    description: str = ""
    guidance: str = ""
    source: str = ""
    quote: str = ""
    better: str = ""
    loc: Loc | None = None

    @property
    def info(self) -> ElementInfo:
        return ElementInfo(
            self.id, self.title, self.weight, self.critical, self.guidance, self.better
        )


@dataclass(frozen=True, slots=True)
class Checklist:
    id: str
    title: str
    version: int
    elements: tuple[Element, ...]
    pass_mark: float = 70.0
    source: str = ""
    description: str = ""
    path: str = ""
    # a team's own phrases and patterns for cues: (cue, phrases, patterns)
    lexicon: tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...] = ()


@dataclass(frozen=True, slots=True)
class Annotation:
    """A transcript with the cues of each of its turns (what ``annotate`` prints)."""

    transcript: Transcript
    cues: tuple[tuple[CueHit, ...], ...]
