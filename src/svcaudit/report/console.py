"""Rich helpers shared by the human-readable reporters (``table`` and annotate ``table``).

Only those modules import this one, so rich is loaded only when a table is written.
"""

from __future__ import annotations

import re
from typing import IO, Any, TextIO, cast

from rich.console import Console
from rich.text import Text

from svcaudit.model import Role, Verdict

__all__ = [
    "BLANK", "CUE_STYLES", "VERDICT_STYLES", "TrimmedLines", "cue_style", "format_points",
    "format_score", "format_time", "make_console", "role_style", "verdict_text",
]  # fmt: skip

BLANK = "\u2013"  # en dash: no value (no score, not applicable)
PIPE_WIDTH = 100  # width when writing to a file or a pipe and no width was given

VERDICT_STYLES: dict[Verdict, tuple[str, str]] = {
    Verdict.PASS: ("✓", "green"),
    Verdict.PARTIAL: ("◐", "yellow"),
    Verdict.FAIL: ("✗", "red"),
    Verdict.NA: (BLANK, "dim"),
}

FORBIDDEN_CUES = frozenset({"jargon", "presumptive_feeling", "bare_refusal", "dismissive", "blame"})
CUSTOMER_CUES = frozenset({"personal_need", "distress"})
CUE_STYLES = {"forbidden": "red", "customer": "magenta", "behaviour": "green"}

ROLE_STYLES: dict[Role, str] = {Role.AGENT: "cyan", Role.CUSTOMER: "magenta"}


def _isatty(out: TextIO) -> bool:
    isatty = getattr(out, "isatty", None)
    try:
        return bool(isatty and isatty())
    except ValueError:  # a closed file
        return False


_PADDING = re.compile(r" +(?=\n)")


class TrimmedLines:
    """A file wrapper that drops the spaces rich pads table lines with.

    Rich pads every cell to its column's width, so plain output would end most lines in
    spaces: noise in files, diffs and golden files. Rich writes whole lines per `print`.
    """

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self.encoding = getattr(out, "encoding", None) or "utf-8"

    def write(self, text: str) -> int:
        return self._out.write(_PADDING.sub("", text))

    def flush(self) -> None:
        self._out.flush()

    def isatty(self) -> bool:
        return _isatty(self._out)


def make_console(out: TextIO, *, color: bool | None = None, width: int | None = None) -> Console:
    """A Console on `out`: `color` None = rich decides (NO_COLOR, tty), False = plain text."""
    options: dict[str, Any] = {
        "file": cast(IO[str], TrimmedLines(out)),
        "width": width or (None if _isatty(out) else PIPE_WIDTH),
        "highlight": False,
        "soft_wrap": False,
        "markup": False,  # transcript text may contain [brackets]
        "emoji": False,  # ... or :colon_words:
    }
    if color is False:
        options["color_system"] = None
    elif color is True:
        options["force_terminal"] = True
    return Console(**options)


def verdict_text(verdict: Verdict) -> Text:
    symbol, style = VERDICT_STYLES[verdict]
    return Text(f"{symbol} {verdict.value}", style=style)


def cue_style(cue: str) -> str:
    if cue in FORBIDDEN_CUES:
        return CUE_STYLES["forbidden"]
    if cue in CUSTOMER_CUES:
        return CUE_STYLES["customer"]
    return CUE_STYLES["behaviour"]


def role_style(role: Role) -> str:
    return ROLE_STYLES.get(role, "")


def format_points(value: float) -> str:
    """1.5 -> "1.5", 2.0 -> "2", 0.333 -> "0.33"."""
    return f"{round(value, 2):g}"


def format_score(score: float | None) -> str:
    return BLANK if score is None else f"{score:.1f}"


def format_time(seconds: float | None) -> str:
    """mm:ss (h:mm:ss from an hour on); "" when unknown."""
    if seconds is None:
        return ""
    minutes, secs = divmod(int(seconds), 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes:02d}:{secs:02d}"
