"""The CSV reader: columns by name, several conversations a file, delimiters, times."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcaudit.errors import InputError
from svcaudit.formats import csv_reader, read_path, sniff
from svcaudit.model import Role, Transcript

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def read(content: str, path: str = "export.csv") -> list[Transcript]:
    return csv_reader.read(content, path)


def error(content: str, path: str = "export.csv") -> str:
    with pytest.raises(InputError) as caught:
        csv_reader.read(content, path)
    return str(caught.value)


def test_sample_with_turn_and_end_columns() -> None:
    island, mixer = read_path(str(SAMPLES / "retail-calls.csv"))
    assert (island.id, mixer.id) == (
        "impossible-request-island-shipping", "service-recovery-out-of-stock",
    )  # fmt: skip
    first = island.turns[0]
    assert (first.index, first.role, first.start, first.end, first.line) == (
        0, Role.AGENT, 0.0, 6.83, 2,
    )  # fmt: skip
    assert first.text.startswith("Good afternoon, Cedar and Pine Home")
    assert island.turns[1].role is Role.CUSTOMER
    assert [turn.index for turn in mixer.turns] == list(range(len(mixer.turns)))


def test_sample_with_call_id_timestamp_role_utterance() -> None:
    crm, sofa = read_path(str(SAMPLES / "helpdesk-export.csv"))
    assert crm.id == "internal-customer-crm-license"
    assert sofa.id == "service-recovery-late-delivery"
    assert [(turn.role, turn.start, turn.end) for turn in crm.turns[:2]] == [
        (Role.AGENT, 0.0, 5.0), (Role.CUSTOMER, 5.0, 21.0),
    ]  # fmt: skip
    assert crm.turns[-1].end is None  # no end column: a turn ends where the next starts


def test_semicolon_delimiter_and_case_insensitive_synonyms() -> None:
    content = (
        "Chat_ID;Author;Message;Time\n"
        "c1;Agent;Hello, how can I help?;00:00\n"
        'c1;Customer;"My order; it is late";00:07\n'
    )
    (t,) = read(content)
    assert [(turn.role, turn.text, turn.start) for turn in t.turns] == [
        (Role.AGENT, "Hello, how can I help?", 0.0), (Role.CUSTOMER, "My order; it is late", 7.0),
    ]  # fmt: skip


def test_tab_delimited_tsv() -> None:
    content = "session_id\tparty\tcontent\tstart_time\tend_time\ns1\tRep\tHi\t1.5\t2.25\n"
    (t,) = read(content, "calls.tsv")
    assert (t.id, t.turns[0].role, t.turns[0].start, t.turns[0].end) == (
        "s1",
        Role.AGENT,
        1.5,
        2.25,
    )


def test_excel_separator_hint() -> None:
    (t,) = read("sep=;\nid;speaker;text\n7;caller;Hi, there\n")
    assert (t.id, t.turns[0].role, t.turns[0].text, t.turns[0].line) == (
        "7", Role.CUSTOMER, "Hi, there", 3,
    )  # fmt: skip


def test_groups_in_order_of_first_appearance_sorted_by_turn() -> None:
    content = (
        "conversation_id,seq,speaker,text\n"
        "b,2,customer,second of b\n"
        "a,1,agent,first of a\n"
        "b,1,agent,first of b\n"
        "a,2,customer,second of a\n"
    )
    b, a = read(content)
    assert (b.id, [turn.text for turn in b.turns]) == ("b", ["first of b", "second of b"])
    assert [(turn.index, turn.line) for turn in b.turns] == [(0, 4), (1, 2)]
    assert a.id == "a"


def test_no_conversation_column_is_one_transcript_named_after_the_file() -> None:
    (t,) = read("speaker,text\nagent,Hi\n\ncustomer,Hello\n", "in/call-9.csv")
    assert (t.id, len(t.turns)) == ("call-9", 2)


def test_without_a_text_column_names_the_columns_found() -> None:
    message = error("id,who,words\n1,agent,hi\n")
    assert message == (
        "export.csv:1: error: no text column (one of text, utterance, message, transcript,"
        " content, body, sentence, message_text); found 'id', 'who', 'words'"
    )


def test_bad_values_name_their_row() -> None:
    content = "id,speaker,text,start\n1,agent,hi,0\n1,customer,hello,soon\n"
    assert error(content) == "export.csv:3: error: bad time 'soon' in column 'start'"
    content = "id,turn,speaker,text\n1,one,agent,hi\n"
    assert error(content) == "export.csv:2: error: bad turn number 'one' in column 'turn'"


def test_quoted_newlines_keep_row_lines() -> None:
    content = 'id,speaker,text\n1,agent,"Hello,\nhow can I help?"\n1,customer,Hi\n'
    (t,) = read(content)
    assert [(turn.text, turn.line) for turn in t.turns] == [
        ("Hello,\nhow can I help?", 2), ("Hi", 4),
    ]  # fmt: skip


def test_role_and_speaker_columns_give_role_and_name() -> None:
    content = "call_id,role,speaker,text,agent_name\n1,agent,Dana,Hi,Dana\n1,customer,Bo,Hey,Dana\n"
    (t,) = read(content)
    assert [(turn.role, turn.name) for turn in t.turns] == [
        (Role.AGENT, "Dana"), (Role.CUSTOMER, "Bo"),
    ]  # fmt: skip
    assert t.agent == "Dana"


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("1:02", "1:04.5", (62.0, 64.5)),
        ("00:01:02.250", "00:01:03", (62.25, 63.0)),
        ("2024-05-01T10:00:00Z", "2024-05-01T10:00:03Z", (0.0, 3.0)),
    ],
)
def test_time_forms(start: str, end: str, expected: tuple[float, float]) -> None:
    (t,) = read(f"speaker,text,start,end\nagent,Hi,{start},{end}\n")
    assert (t.turns[0].start, t.turns[0].end) == expected


def test_integer_milliseconds_are_detected() -> None:
    content = "start\tend\ttext\n0\t4200\tHello there.\n4500\t9000\tHow are you?\n"
    (t,) = read(content, "whisper.tsv")
    assert [(turn.start, turn.end) for turn in t.turns] == [(0.0, 4.2), (4.5, 9.0)]
    (t,) = read("start,end,text\n0,4,Hello there.\n5,9,How are you?\n")
    assert [(turn.start, turn.end) for turn in t.turns] == [(0.0, 4.0), (5.0, 9.0)]


def test_sniff() -> None:
    assert csv_reader.sniff("conversation_id,turn,speaker,text,start,end\n")
    assert csv_reader.sniff("Call ID;Role;Utterance\n")
    assert not csv_reader.sniff("Agent: Hello, thank you for calling, text\n")
    assert not csv_reader.sniff("a,b,c\n1,2,3\n")
    assert sniff("call_id\ttimestamp\trole\tutterance\n") == "csv"


@pytest.mark.parametrize(
    ("header", "row"),
    [
        ("conversation_id,speaker,text,timestamp", "c9,Agent,Hello,00:00:03"),
        ("call_id,role,message,start", "c9,Agent,Hello,3"),
        ("contact_id,participant,utterance,start_time", "c9,Agent,Hello,3.0"),
        ("ticket_id,author,body,offset", "c9,Agent,Hello,3"),
        ("ticket_id,sender,body,start_s", "c9,Agent,Hello,3"),
        ("conversation_id,speaker_label,text,created_at", "c9,Agent,Hello,2024-05-01T10:00:03Z"),
    ],
)
def test_common_column_names(header: str, row: str) -> None:
    assert sniff(header + "\n") == "csv"
    (t,) = read(f"{header}\n{row}\nc9,Customer,Hi,\n")
    assert t.id == "c9"
    assert [(turn.role, turn.text) for turn in t.turns] == [
        (Role.AGENT, "Hello"), (Role.CUSTOMER, "Hi"),
    ]  # fmt: skip
