"""``score -f junit``: JUnit XML for the test reports of Jenkins, GitLab and GitHub.

One ``<testsuite>`` per transcript (named by its id; path, score, passed, agent and checklist
as properties), one ``<testcase>`` per element (classname
``<checklist>.<transcript>``, name ``<element id>: <title>``):

- ``fail`` -> ``<failure type="fail">`` (``type="critical"`` for a critical element), the
  reason as message and the evidence turns as text;
- ``partial`` -> a passing testcase with the reason in ``<system-out>``;
- ``na`` -> ``<skipped>``;
- a transcript that failed on its score alone (no failed element) -> an extra testcase
  ``score`` with a failure, so that the suite shows red;
- an unreadable file -> a suite named after its path with one testcase ``read`` and ``<error>``.

Built with ElementTree (which escapes), buffered until `close`: the root's counts come first.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from typing import TextIO

from svcaudit.model import Checklist, ElementResult, Evidence, LoadError, Loc, Scorecard, Verdict
from svcaudit.report.records import EVIDENCE_TEXT, truncate
from svcaudit.report.summary import Summary

NAME = "junit"
STREAMING = False

DECLARATION = '<?xml version="1.0" encoding="UTF-8"?>\n'
COUNTS = ("tests", "failures", "errors", "skipped")
# Scoring is not timed; a constant keeps the file deterministic and satisfies the readers (and
# schemas) that expect a ``time`` on every testsuite and testcase.
NO_TIME = "0"
# characters XML 1.0 cannot hold, even escaped (control characters from a broken export)
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def clean(text: str) -> str:
    return _NOT_XML.sub("\ufffd", text)


def _child(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
    node = ET.SubElement(parent, tag, {key: clean(value) for key, value in attrs.items()})
    if text:
        node.text = clean(text)
    return node


def evidence_line(evidence: Evidence) -> str:
    """``turn 5 (agent): Calm down, that's not my problem.``."""
    quote = truncate(" ".join(evidence.text.split()), EVIDENCE_TEXT)
    return f"turn {evidence.turn} ({evidence.speaker.value}): {quote}"


def evidence_text(result: ElementResult) -> str:
    return "\n".join(evidence_line(e) for e in result.outcome.evidence)


def element_case(suite: ET.Element, classname: str, result: ElementResult) -> str | None:
    """Add the testcase of one element; return the count it adds to (failures, skipped)."""
    element, outcome = result.element, result.outcome
    name = f"{element.id}: {element.title}"
    case = _child(suite, "testcase", classname=classname, name=name, time=NO_TIME)
    if outcome.verdict is Verdict.FAIL:
        kind = "critical" if element.critical else "fail"
        _child(case, "failure", evidence_text(result), message=outcome.reason, type=kind)
        return "failures"
    if outcome.verdict is Verdict.NA:
        _child(case, "skipped", message=outcome.reason)
        return "skipped"
    if outcome.verdict is Verdict.PARTIAL:
        body = "\n".join(filter(None, [f"partial: {outcome.reason}", evidence_text(result)]))
        _child(case, "system-out", body)
    return None


def properties(suite: ET.Element, values: Mapping[str, str]) -> None:
    props = _child(suite, "properties")
    for name, value in values.items():
        _child(props, "property", name=name, value=value)


def set_counts(node: ET.Element, counts: Mapping[str, int]) -> None:
    for key in COUNTS:
        node.set(key, str(counts[key]))
    node.set("time", NO_TIME)


SPOOL_BYTES = 8 * 1024 * 1024


class Writer:
    """Serialises each ``<testsuite>`` as its scorecard arrives; `close` writes the whole file.

    Memory stays flat: suites are spooled (in memory up to 8 MB, then on disk)
    because the totals on ``<testsuites>`` are known only at the end.
    """

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
        self._root = ET.Element("testsuites", name="svcaudit")  # children only until flushed
        self._totals = dict.fromkeys(COUNTS, 0)
        # the totals head the file, so suites wait in a spool (memory, then disk) until close
        self._spool = tempfile.SpooledTemporaryFile(  # noqa: SIM115 (closed in close)
            max_size=SPOOL_BYTES, mode="w+", encoding="utf-8"
        )
        self._suites = 0

    def scorecard(self, card: Scorecard) -> None:
        transcript = card.transcript
        suite = _child(self._root, "testsuite", name=transcript.id)
        score = "" if card.score is None else f"{card.score:.1f}"
        passed = "true" if card.passed else "false"
        values = {"path": transcript.path, "score": score, "passed": passed}
        if transcript.agent:
            values["agent"] = transcript.agent
        properties(suite, {**values, "checklist": card.checklist_id})
        classname = f"{card.checklist_id}.{transcript.id}"
        counts = dict.fromkeys(COUNTS, 0)
        for result in card.results:
            counts["tests"] += 1
            added = element_case(suite, classname, result)
            if added:
                counts[added] += 1
        if not card.passed and not counts["failures"]:
            counts["tests"] += 1
            counts["failures"] += 1
            self._score_case(suite, classname, card)
        self._count(suite, counts)

    def _score_case(self, suite: ET.Element, classname: str, card: Scorecard) -> None:
        """A transcript below the pass mark with no failed element: fail a ``score`` case."""
        case = _child(suite, "testcase", classname=classname, name="score", time=NO_TIME)
        score = "-" if card.score is None else f"{card.score:.1f}"
        message = f"score {score} below pass mark {self._checklist.pass_mark:g}"
        _child(case, "failure", message=message, type="fail")

    def _count(self, suite: ET.Element, counts: Mapping[str, int]) -> None:
        set_counts(suite, counts)
        for key in COUNTS:
            self._totals[key] += counts[key]
        self._root.remove(suite)
        ET.indent(suite, space="  ", level=1)
        self._spool.write("\n  " + ET.tostring(suite, encoding="unicode"))
        self._suites += 1

    def error(self, err: LoadError) -> None:
        suite = _child(self._root, "testsuite", name=err.path)
        values = {"path": err.path, "checklist": self._checklist.id}
        if err.line is not None:
            values["line"] = str(err.line)
        properties(suite, values)
        classname = f"{self._checklist.id}.{err.path}"
        case = _child(suite, "testcase", classname=classname, name="read", time=NO_TIME)
        located = f"{Loc(err.path, err.line, err.col)}: error: {err.message}"
        _child(case, "error", located, message=err.message, type="read")
        self._count(suite, {"tests": 1, "failures": 0, "errors": 1, "skipped": 0})

    def close(self, summary: Summary) -> None:
        set_counts(self._root, self._totals)
        if not self._suites:
            self._out.write(DECLARATION + ET.tostring(self._root, encoding="unicode") + "\n")
        else:
            whole = ET.tostring(self._root, encoding="unicode", short_empty_elements=False)
            self._out.write(DECLARATION + whole.removesuffix("</testsuites>"))
            self._spool.seek(0)
            shutil.copyfileobj(self._spool, self._out)
            self._out.write("\n</testsuites>\n")
        self._spool.close()
        self._out.flush()
