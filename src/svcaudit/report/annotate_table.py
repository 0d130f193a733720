"""``annotate -f table`` (the default): each transcript turn by turn, with its cues.

Cue colours: agent behaviours green, forbidden behaviours (jargon, presumptive_feeling,
bare_refusal, dismissive, blame) red, customer cues (personal_need, distress) magenta.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TextIO

from rich import box
from rich.table import Table
from rich.text import Text

from svcaudit.model import Annotation, CueHit, Transcript, Turn
from svcaudit.report.console import cue_style, format_time, make_console, role_style

NAME = "table"


def header(transcript: Transcript) -> Text:
    """``call-0001  calls/0001.txt  agent: Dana  12 turns``."""
    text = Text.assemble((transcript.id, "bold"), "  ", (transcript.path, "dim"))
    if transcript.agent:
        text.append(f"  agent: {transcript.agent}")
    count = len(transcript.turns)
    text.append(f"  {count} turn{'' if count == 1 else 's'}")
    return text


def speaker_text(turn: Turn) -> Text:
    text = Text(turn.role.value, style=role_style(turn.role))
    if turn.name:
        text.append(f" {turn.name}")
    return text


def cues_text(hits: tuple[CueHit, ...]) -> Text:
    """Each cue name once, in order of detection, coloured by kind."""
    names = dict.fromkeys(hit.cue for hit in hits)
    return Text(", ").join(Text(name, style=cue_style(name)) for name in names)


def turns_table(annotation: Annotation) -> Table:
    table = Table(box=box.SIMPLE_HEAD, expand=True, pad_edge=False, show_edge=False)
    table.add_column("turn", justify="right", no_wrap=True)
    table.add_column("time", no_wrap=True)
    table.add_column("speaker", no_wrap=True)
    table.add_column("text", ratio=3)
    table.add_column("cues", ratio=1)
    cues = annotation.cues
    for i, turn in enumerate(annotation.transcript.turns):
        hits = cues[i] if i < len(cues) else ()
        table.add_row(
            str(turn.index),
            format_time(turn.start),
            speaker_text(turn),
            Text(turn.text),
            cues_text(hits),
        )
    return table


def write(
    annotations: Iterable[Annotation],
    out: TextIO,
    *,
    color: bool | None = None,
    width: int | None = None,
) -> None:
    console = make_console(out, color=color, width=width)
    for index, annotation in enumerate(annotations):
        if index:
            console.print()
        console.print(header(annotation.transcript))
        console.print(turns_table(annotation))
        out.flush()
