"""``score -f junit``: the XML parsed back; counts match the verdicts; errors and score cases."""

from __future__ import annotations

import io
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import replace

from svcaudit.model import Batch, LoadError, Scorecard, Verdict
from svcaudit.report import write_batch
from svcaudit.report.junit import Writer, clean
from svcaudit.report.summary import SummaryBuilder

from .cases import CARD_FAIL, CARD_PASS, CARDS, CHECKLIST, ERRORS, PA, P, result, scorecard

Golden = Callable[[str, str], None]
BATCH = Batch(CARDS, ERRORS)
COUNTS = ("tests", "failures", "errors", "skipped")


def render(batch: Batch = BATCH) -> str:
    out = io.StringIO()
    write_batch("junit", batch, out, CHECKLIST)
    return out.getvalue()


def parse(batch: Batch = BATCH) -> ET.Element:
    return ET.fromstring(render(batch).encode("utf-8"))


def counts(node: ET.Element) -> tuple[int, ...]:
    return tuple(int(node.get(key, "-1")) for key in COUNTS)


def test_golden(golden: Golden) -> None:
    golden("report/score.junit", render())


def test_declaration_and_root() -> None:
    text = render()
    assert text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="svcaudit"')
    root = parse()
    assert root.tag == "testsuites"
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [
        "call-0001", "chat-0002", "call-0003", "calls/broken.json", "calls/empty.txt",
    ]  # fmt: skip
    totals = [sum(column) for column in zip(*(counts(s) for s in suites), strict=True)]
    assert counts(root) == tuple(totals) == (17, 2, 2, 6)


def expected_counts(card: Scorecard) -> tuple[int, int, int, int]:
    verdicts = [r.outcome.verdict for r in card.results]
    return len(verdicts), verdicts.count(Verdict.FAIL), 0, verdicts.count(Verdict.NA)


def test_each_suite_counts_match_its_verdicts() -> None:
    suites = {s.get("name"): s for s in parse().findall("testsuite")}
    for card in CARDS:
        suite = suites[card.transcript.id]
        assert counts(suite) == expected_counts(card)
        cases = suite.findall("testcase")
        assert len(cases) == len(card.results)
        assert len(suite.findall("testcase/failure")) == expected_counts(card)[1]
        assert len(suite.findall("testcase/skipped")) == expected_counts(card)[3]
        assert {c.get("classname") for c in cases} == {f"mini-service.{card.transcript.id}"}


def test_properties() -> None:
    suite = parse().find("testsuite[@name='chat-0002']")
    assert suite is not None
    props = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert props == {
        "path": "chats/0002.json", "score": "50.0", "passed": "false", "checklist": "mini-service",
    }  # fmt: skip


def test_failure_critical_partial_and_skipped() -> None:
    root = parse()
    chat = root.find("testsuite[@name='chat-0002']")
    assert chat is not None
    failures = {c.get("name"): c.find("failure") for c in chat.findall("testcase")}
    seek = failures["seek_data: Seek data"]
    assert seek is not None and (seek.get("type"), seek.get("message")) == (
        "fail", "no open probe before acting",
    )  # fmt: skip
    aware = failures["demonstrate_awareness: Demonstrate awareness"]
    assert aware is not None and aware.get("type") == "critical"
    assert aware.text == "turn 5 (agent): Calm down, that's not my problem."
    close = chat.find("testcase[@name='close_and_thank: Close and thank']")
    assert close is not None and close.find("failure") is None
    assert (close.findtext("system-out") or "").startswith("partial: thanks without availability")
    call = root.find("testsuite[@name='call-0001']")
    assert call is not None
    skipped = call.find("testcase/skipped")
    assert skipped is not None and skipped.get("message") == "call transferred before closing"


def test_unreadable_file_is_an_error_suite() -> None:
    suite = parse().find("testsuite[@name='calls/broken.json']")
    assert suite is not None and counts(suite) == (1, 0, 1, 0)
    case = suite.find("testcase")
    assert case is not None and case.get("name") == "read"
    error = case.find("error")
    assert error is not None
    assert error.get("message") == "expecting ',' delimiter"
    assert error.text == "calls/broken.json:3: error: expecting ',' delimiter"
    assert {p.get("name"): p.get("value") for p in suite.iter("property")}["line"] == "3"


def test_failed_on_score_alone_adds_a_score_case() -> None:
    low = scorecard(
        CARD_PASS.transcript,
        result("project_attitude", P, 1, "ok"),
        result("seek_data", PA, 1, "closed probe only"),
        result("supply_data", PA, 1, "some jargon"),
        result("demonstrate_awareness", PA, 0.5, "apology only"),
        result("close_and_thank", PA, 0.5, "thanks only"),
    )
    assert not low.passed and not low.critical_failed  # 4 of 7 points: 57.1
    suite = parse(Batch((low,))).find("testsuite")
    assert suite is not None and counts(suite) == (6, 1, 0, 0)
    case = suite.findall("testcase")[-1]
    failure = case.find("failure")
    assert case.get("name") == "score" and failure is not None
    assert failure.get("message") == "score 57.1 below pass mark 70"


def test_no_score_case_when_an_element_failed() -> None:
    suite = parse(Batch((CARD_FAIL,))).find("testsuite")
    assert suite is not None
    assert [c.get("name") for c in suite.findall("testcase")][-1] != "score"


def test_escaping_and_control_characters() -> None:
    odd = result("seek_data", Verdict.FAIL, 0, 'said "<b>&</b>" then \x07bell')
    card = replace(CARD_FAIL, results=(odd,))
    failure = parse(Batch((card,))).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.get("message") == 'said "<b>&</b>" then \ufffdbell'
    assert clean("ok\ttab\nline") == "ok\ttab\nline"


def test_nothing_written_before_close() -> None:
    out = io.StringIO()
    writer = Writer(out, CHECKLIST)
    writer.scorecard(CARD_PASS)
    writer.error(LoadError("x.json", "bad"))
    assert out.getvalue() == ""
    writer.close(SummaryBuilder(CHECKLIST).build())
    assert counts(ET.fromstring(out.getvalue().encode())) == (6, 0, 1, 1)


def test_empty_batch() -> None:
    root = parse(Batch(()))
    assert counts(root) == (0, 0, 0, 0) and not list(root)
