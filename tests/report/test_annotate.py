"""Annotate reporters: json (one object, or a list), jsonl, table."""

from __future__ import annotations

import io
import json
from collections.abc import Callable

from svcaudit.report import ANNOTATORS
from svcaudit.report.records import annotation_record

from .cases import ANN_CALL, ANN_CHAT

Golden = Callable[[str, str], None]


def render(name: str, *annotations: object, **options: object) -> str:
    out = io.StringIO()
    ANNOTATORS[name].write(list(annotations), out, **options)
    return out.getvalue()


def test_json_golden(golden: Golden) -> None:
    golden("report/annotate.json", render("json", ANN_CALL))


def test_json_one_object_for_one_transcript() -> None:
    assert json.loads(render("json", ANN_CHAT)) == annotation_record(ANN_CHAT)


def test_json_list_for_several_or_none() -> None:
    data = json.loads(render("json", ANN_CALL, ANN_CHAT))
    assert [item["transcript"]["id"] for item in data] == ["call-0001", "chat-0002"]
    assert json.loads(render("json")) == []


def test_jsonl_golden(golden: Golden) -> None:
    text = render("jsonl", ANN_CALL, ANN_CHAT)
    golden("report/annotate.jsonl", text)
    assert [json.loads(line) for line in text.splitlines()] == [
        annotation_record(ANN_CALL), annotation_record(ANN_CHAT),
    ]  # fmt: skip


def test_table_golden(golden: Golden) -> None:
    text = render("table", ANN_CALL, ANN_CHAT, color=False, width=100)
    golden("report/annotate.table.txt", text)
    assert "   5   1:01:11   agent Dana   Your RMA is pending in the WMS queue [ref: 12]." in text
    assert "jargon, jargon" not in text


def test_table_cue_colours() -> None:
    text = render("table", ANN_CHAT, color=True, width=100)
    assert "\x1b[31mdismissive\x1b[0m" in text
    assert "\x1b[35mdistress\x1b[0m" in text
    assert "\x1b[32mclosed_probe\x1b[0m" in text
