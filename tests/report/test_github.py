"""``score -f github``: workflow commands, escaped as GitHub's runner expects."""

from __future__ import annotations

import io
from collections.abc import Callable
from dataclasses import replace

from svcaudit.model import Batch, LoadError
from svcaudit.report import write_batch
from svcaudit.report.github import Writer, command, escape_data, escape_property

from .cases import CARD_FAIL, CARD_PASS, CARDS, CHECKLIST, ERRORS, F, FlushCounter, result

Golden = Callable[[str, str], None]
BATCH = Batch(CARDS, ERRORS)


def render(batch: Batch = BATCH) -> str:
    out = io.StringIO()
    write_batch("github", batch, out, CHECKLIST)
    return out.getvalue()


def test_golden(golden: Golden) -> None:
    golden("report/score.github", render())


def test_lines() -> None:
    assert render().splitlines() == [
        "::error file=chats/0002.json,title=svcaudit chat-0002::chat-0002 scored 50.0 "
        "(pass mark 70); failed: seek_data, demonstrate_awareness (critical)",
        "::error file=calls/broken.json,line=3::expecting ',' delimiter",
        "::error file=calls/empty.txt::no turns found",
        "::notice title=svcaudit::3 transcripts, 2 passed, 1 failed, 2 errors, mean score 66.7",
    ]


def test_only_failed_transcripts() -> None:
    passed_with_a_failure = replace(
        CARD_PASS, results=(*CARD_PASS.results, result("seek_data", F, 0, "missed"))
    )
    assert passed_with_a_failure.passed
    assert render(Batch((passed_with_a_failure,))).splitlines()[0].startswith("::notice ")


def test_escaping() -> None:
    assert escape_data("50% done\r\nnext") == "50%25 done%0D%0Anext"
    assert escape_property("a:b,c%\n") == "a%3Ab%2Cc%25%0A"
    assert command("error", "x", file="d:1,2.txt", line=None, title="t") == (
        "::error file=d%3A1%2C2.txt,title=t::x"
    )
    assert command("notice", "m") == "::notice::m"


def test_escaped_in_output() -> None:
    transcript = replace(CARD_FAIL.transcript, id="a,b:c", path="dir,x/f:1.txt")
    text = render(Batch((replace(CARD_FAIL, transcript=transcript),),
                        (LoadError("bad,file.json", "line one\nline two: 100%", 7),)))  # fmt: skip
    lines = text.splitlines()
    assert lines[0].startswith(
        "::error file=dir%2Cx/f%3A1.txt,title=svcaudit a%2Cb%3Ac::a,b:c scored 50.0"
    )
    assert lines[1] == "::error file=bad%2Cfile.json,line=7::line one%0Aline two: 100%25"
    assert len(lines) == 3


def test_line_of_first_turn_and_stdin_has_no_file() -> None:
    turns = (replace(CARD_FAIL.transcript.turns[0], line=12), *CARD_FAIL.transcript.turns[1:])
    transcript = replace(CARD_FAIL.transcript, turns=turns, path="-")
    line = render(Batch((replace(CARD_FAIL, transcript=transcript),))).splitlines()[0]
    assert line.startswith("::error line=12,title=svcaudit chat-0002::")


def test_streams_and_flushes() -> None:
    out = FlushCounter()
    writer = Writer(out, CHECKLIST)
    writer.scorecard(CARD_FAIL)
    assert out.getvalue().startswith("::error ") and out.flushes == 1
