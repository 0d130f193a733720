"""``score -f table``: rich tables, plain when colour is off, with a summary for batches."""

from __future__ import annotations

import io
from collections.abc import Callable

from svcaudit.model import Batch
from svcaudit.report import write_batch
from svcaudit.report.console import BLANK
from svcaudit.report.table import Writer

from .cases import CARD_FAIL, CARD_PASS, CARDS, CHECKLIST, ERRORS

Golden = Callable[[str, str], None]


def render(batch: Batch, **options: object) -> str:
    out = io.StringIO()
    write_batch("table", batch, out, CHECKLIST, **{"color": False, "width": 100, **options})
    return out.getvalue()


def test_golden_batch(golden: Golden) -> None:
    golden("report/score.table.txt", render(Batch(CARDS, ERRORS)))


def test_golden_single(golden: Golden) -> None:
    golden("report/score-single.table.txt", render(Batch(CARDS[1:2])))


def test_single_transcript_has_no_summary() -> None:
    text = render(Batch((CARD_FAIL,)))
    assert text.splitlines()[0] == (
        "chat-0002  chats/0002.json  score 50.0  FAIL  critical element failed"
    )
    assert "Summary" not in text


def test_error_alone_brings_the_summary() -> None:
    text = render(Batch((CARD_PASS,), ERRORS))
    assert "Summary: 1 transcript · 1 passed · 0 failed · 2 errors · mean score 83.3" in text
    assert "calls/broken.json:3: expecting ',' delimiter\n" in text
    assert "calls/empty.txt: no turns found\n" in text


def test_cells() -> None:
    text = render(Batch((CARD_PASS,)))
    assert "◐ partial      1/2" in text
    assert f"{BLANK} na             {BLANK}" in text
    assert "t2 agent: “What happened when" in text
    assert "t3 agent: “I'm so sorry" in text  # t3 once for its two cues
    assert text.count("t3 agent") == 1


def test_plain_without_colour_and_no_trailing_spaces() -> None:
    text = render(Batch(CARDS, ERRORS))
    assert "\x1b[" not in text
    assert not any(line.endswith(" ") for line in text.splitlines())
    assert max(len(line) for line in text.splitlines()) <= 100


def test_auto_colour_is_plain_on_a_pipe() -> None:
    assert "\x1b[" not in render(Batch(CARDS), color=None)


def test_forced_colour() -> None:
    text = render(Batch((CARD_FAIL,)), color=True)
    assert "\x1b[" in text
    assert "FAIL" in text


def test_width_default_for_pipes_is_100() -> None:
    out = io.StringIO()
    writer = Writer(out, CHECKLIST, color=False)
    assert writer._console.width == 100
