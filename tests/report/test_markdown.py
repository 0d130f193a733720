"""``score -f markdown``: a compact summary for a pull-request comment."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

from svcaudit.model import Batch, LoadError
from svcaudit.report import write_batch
from svcaudit.report.markdown import BLANK, ROWS, Writer, escape
from svcaudit.report.summary import summarize

from .cases import CARD_FAIL, CARD_PASS, CARDS, CHECKLIST, ERRORS

Golden = Callable[[str, str], None]
BATCH = Batch(CARDS, ERRORS)


def render(batch: Batch = BATCH) -> str:
    out = io.StringIO()
    write_batch("markdown", batch, out, CHECKLIST)
    return out.getvalue()


def test_golden(golden: Golden) -> None:
    golden("report/score.markdown", render())


def test_title_and_counts() -> None:
    lines = render().splitlines()
    assert lines[0] == "## svcaudit: Mini service (`mini-service`)"
    assert lines[2] == "3 transcripts · 2 passed · 1 failed · 2 errors · mean score 66.7"


def test_transcripts_sorted_by_score_unscored_last() -> None:
    rows = [line for line in render().splitlines() if line.startswith("| c")]
    assert rows == [
        f"| chat-0002 | {BLANK} | 50.0 | **FAIL** (critical) | Demonstrate awareness |",
        "| call-0001 | Dana | 83.3 | PASS | Supply data |",
        f"| call-0003 | José | {BLANK} | PASS | {BLANK} |",
    ]


def test_element_pass_rates_and_errors() -> None:
    text = render()
    assert "| Seek data | 1 | 0 | 1 | 1 | 50% |" in text
    assert "| Close and thank | 0 | 1 | 0 | 2 | 0% |" in text
    assert text.endswith(
        "**Errors**\n\n- calls/broken.json:3: expecting ',' delimiter\n"
        "- calls/empty.txt: no turns found\n"
    )


def test_capped_at_50_rows_lowest_first() -> None:
    cards = [
        replace(CARD_PASS, score=100 - i / 2,
                transcript=replace(CARD_PASS.transcript, id=f"t{i:03d}"))
        for i in range(120)
    ]  # fmt: skip
    text = render(Batch(tuple(cards)))
    rows = [line for line in text.splitlines() if line.startswith(("| t0", "| t1"))]
    assert len(rows) == ROWS
    assert rows[0] == "| t119 | Dana | 40.5 | PASS | Supply data |"
    assert rows[-1].startswith("| t070 |")
    assert "\n\n… and 70 more\n" in text  # a blank line first: it must not join the table


def test_escape_pipes_and_newlines() -> None:
    assert escape("a|b\nc") == "a\\|b c"
    card = replace(CARD_FAIL, transcript=replace(CARD_FAIL.transcript, id="x|y", agent="A|B"))
    text = render(Batch((card,), (LoadError("p|q.txt", "bad | worse"),)))
    assert "| x\\|y | A\\|B |" in text
    assert "- p|q.txt: bad \\| worse" in text


def test_agents_table_only_with_several_agents() -> None:
    assert "| agent | transcripts | mean score | pass rate | weakest element |" in render()
    assert "| agent | transcripts |" not in render(Batch((CARD_PASS,)))


def test_errors_capped() -> None:
    out = io.StringIO()
    writer = Writer(out, CHECKLIST)
    errors = [LoadError(f"f{i}.txt", "bad") for i in range(ROWS + 3)]
    for err in errors:
        writer.error(err)
    writer.close(summarize((), errors, CHECKLIST))
    text = out.getvalue()
    assert text.count("- f") == ROWS and "… and 3 more" in text
    assert f"0 transcripts · 0 passed · 0 failed · 53 errors · mean score {BLANK}" in text
