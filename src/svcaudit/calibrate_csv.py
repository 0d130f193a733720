"""The analyst's side of ``svcaudit calibrate``: a CSV of verdicts, one row a (transcript, element).

Columns are found by name, case-insensitively (``COLUMNS``); verdicts may be written the ways
QA spreadsheets write them (``SYNONYMS``: yes/no/N/A...). Extra columns (notes) are ignored.
Every problem is reported with its place, ``HUMAN.csv:12:3: error: ...``, all at once (exit 2).
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from svcaudit.errors import UsageError
from svcaudit.model import Checklist, Loc, Verdict

__all__ = ["COLUMNS", "SYNONYMS", "CsvError", "HumanLabels", "read_human"]

_P, _H, _F, _N = Verdict.PASS, Verdict.PARTIAL, Verdict.FAIL, Verdict.NA
SYNONYMS: dict[str, Verdict] = {
    **dict.fromkeys(("pass", "passed", "yes", "y", "met", "1", "true"), _P),
    **dict.fromkeys(("partial", "partially", "partly", "half", "partially met", "0.5"), _H),
    **dict.fromkeys(("fail", "failed", "no", "n", "not met", "0", "false"), _F),
    **dict.fromkeys(("na", "n/a", "n.a.", "not applicable", "-", "no opportunity"), _N),
}

COLUMNS: dict[str, tuple[str, ...]] = {
    "transcript": ("transcript", "transcript_id", "id", "call_id", "conversation_id"),
    "element": ("element", "element_id", "item"),
    "verdict": ("verdict", "result", "rating"),
    "score": ("score", "points", "transcript_score"),
}
REQUIRED = ("transcript", "element", "verdict")


class CsvError(UsageError):
    """Every problem of a human verdicts file, one located line each (exit 2)."""

    def __init__(self, problems: list[UsageError]) -> None:
        super().__init__(problems[0].message, problems[0].loc)
        self.problems = problems

    def __str__(self) -> str:
        return "\n".join(UsageError.__str__(p) for p in self.problems)


@dataclass(frozen=True, slots=True)
class HumanLabels:
    """An analyst's verdicts: transcript id -> element id -> verdict, and transcript scores."""

    path: str
    verdicts: Mapping[str, Mapping[str, Verdict]]
    scores: Mapping[str, float]
    lines: Mapping[str, int]  # transcript id -> the CSV line it first appears on


def _suggest(word: str, choices: Iterable[str]) -> str:
    from rapidfuzz import fuzz, process

    # plain ratio: WRatio matches the part, so 'maybe' would suggest 'y'
    best = process.extractOne(word, list(choices), scorer=fuzz.ratio, score_cutoff=70)
    return f" (did you mean '{best[0]}'?)" if best else ""


def _key(name: str) -> str:
    """A header or element name compared loosely: ``Call ID`` = ``call_id``."""
    return "_".join(name.strip().casefold().replace("-", " ").split())


def _columns(header: list[str], path: str) -> dict[str, int]:
    """Our column names -> their 0-based index in the header; a located error if one is missing."""
    keys = [_key(h) for h in header]
    found: dict[str, int] = {}
    for ours, names in COLUMNS.items():
        index = next((i for i, k in enumerate(keys) if k in names), None)
        if index is not None:
            found[ours] = index
        elif ours in REQUIRED:
            expected = ", ".join(names)
            raise UsageError(f"no {ours} column (expected one of: {expected})", Loc(path, 1))
    return found


def _verdict(value: str) -> Verdict:
    key = " ".join(value.strip().casefold().split())
    if key in SYNONYMS:
        return SYNONYMS[key]
    hint = _suggest(key, SYNONYMS) or " (expected pass, partial, fail or na)"
    raise ValueError(f"unknown verdict {value.strip()!r}{hint}")


def _element(value: str, checklist: Checklist) -> str:
    by_key = {_key(e.id): e.id for e in checklist.elements}
    by_key.update({_key(e.title): e.id for e in checklist.elements})
    if _key(value) in by_key:
        return by_key[_key(value)]
    hint = _suggest(value.strip(), [e.id for e in checklist.elements])
    raise ValueError(f"unknown element {value.strip()!r} in checklist '{checklist.id}'{hint}")


def _score(value: str) -> float | None:
    text = value.strip().removesuffix("%").strip()
    if not text:
        return None
    try:
        number = float(text)
    except ValueError:
        raise ValueError(f"score {value.strip()!r} is not a number") from None
    if not 0 <= number <= 100:
        raise ValueError(f"score {value.strip()!r} is not between 0 and 100")
    return number


class _Reader:
    """Collects the rows of a human verdicts file and every problem with its place."""

    def __init__(self, path: str, checklist: Checklist, columns: dict[str, int]) -> None:
        self.path, self.checklist, self.columns = path, checklist, columns
        self.verdicts: dict[str, dict[str, Verdict]] = {}
        self.scores: dict[str, tuple[float, int]] = {}
        self.lines: dict[str, int] = {}
        self.seen: dict[tuple[str, str], int] = {}
        self.problems: list[UsageError] = []

    def cell(self, row: list[str], name: str) -> str:
        index = self.columns.get(name)
        return row[index] if index is not None and index < len(row) else ""

    def fail(self, message: str, line: int, column: str | None = None) -> None:
        col = self.columns[column] + 1 if column else None
        self.problems.append(UsageError(message, Loc(self.path, line, col)))

    def add(self, row: list[str], line: int) -> None:
        transcript = self.cell(row, "transcript").strip()
        if not transcript:
            return self.fail("empty transcript id", line, "transcript")
        try:
            element = _element(self.cell(row, "element"), self.checklist)
        except ValueError as err:
            return self.fail(str(err), line, "element")
        try:
            verdict = _verdict(self.cell(row, "verdict"))
        except ValueError as err:
            return self.fail(str(err), line, "verdict")
        if (transcript, element) in self.seen:
            first = self.seen[transcript, element]
            message = f"a second verdict for '{transcript}' / '{element}' (first at line {first})"
            return self.fail(message, line, "element")
        self.seen[transcript, element] = line
        self.lines.setdefault(transcript, line)
        self.verdicts.setdefault(transcript, {})[element] = verdict
        self.add_score(transcript, row, line)

    def add_score(self, transcript: str, row: list[str], line: int) -> None:
        try:
            score = _score(self.cell(row, "score"))
        except ValueError as err:
            return self.fail(str(err), line, "score")
        if score is None:
            return
        known = self.scores.setdefault(transcript, (score, line))
        if known[0] != score:
            message = (
                f"transcript '{transcript}': score {score:g} differs from {known[0]:g}"
                f" at line {known[1]}"
            )
            self.fail(message, line, "score")


def read_human(path: str, checklist: Checklist) -> HumanLabels:
    """Read an analyst's verdicts CSV; every problem is a located error (exit 2)."""
    try:
        with open(path, encoding="utf-8-sig", newline="") as handle:
            text = handle.read()
    except (OSError, UnicodeDecodeError) as err:
        reason = getattr(err, "strerror", None) or "not UTF-8 text"
        raise UsageError(f"cannot read human verdicts: {reason}", Loc(path)) from None
    first = text.partition("\n")[0]
    delimiter = max(",;\t", key=first.count)  # Excel in many locales writes ';'
    rows = csv.reader(text.splitlines(keepends=True), delimiter=delimiter)
    header = next(rows, None)
    if not header or not any(cell.strip() for cell in header):
        raise UsageError("empty file: expected a header row", Loc(path))
    reader = _Reader(path, checklist, _columns(header, path))
    for row in rows:
        if any(cell.strip() for cell in row):
            reader.add(row, rows.line_num)
    if reader.problems:
        raise CsvError(reader.problems)
    scores = {t: s for t, (s, _) in reader.scores.items()}
    return HumanLabels(path, reader.verdicts, scores, reader.lines)
