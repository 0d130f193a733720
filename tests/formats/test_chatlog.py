"""The chat-log reader (dated, IRC and elapsed stamps), and the styles `text` keeps reading."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from svcaudit.formats import chatlog, read_text, sniff
from svcaudit.formats.common import HEAD_SIZE
from svcaudit.model import Role

from .readers_kit import FIXTURES, check_golden, convert, error, head, load

WHATSAPP, IRC, SALESFORCE = "chatlog-whatsapp.txt", "chatlog-irc.log", "chatlog-salesforce.txt"
SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


@pytest.mark.parametrize("name", [WHATSAPP, IRC, SALESFORCE])
def test_sniffs_by_content(name: str) -> None:
    assert sniff(head(name)) == "chatlog"


@pytest.mark.parametrize(
    "content",
    [
        "[10:02:13] Dana: Hi there\n[10:02:20] Lee: Hello\n",
        "10:02 AM - Dana: Hi there\n10:03 AM - Lee: Hello\n",
        "2024-05-01 10:02:13 Dana: Hi there\n2024-05-01 10:02:20 Lee: Hello\n",
        "(10:02:13) Dana: Hi there\n(10:02:20) Lee: Hello\n",
        "Agent: Hi there\nCustomer: Hello\n",
    ],
)
def test_the_text_reader_keeps_the_styles_it_reads(content: str) -> None:
    assert not chatlog.sniff(content)
    (t,) = read_text(content, "c.txt")
    assert t.format == "text"
    assert [x.text for x in t.turns] == ["Hi there", "Hello"]
    assert t.turns[0].start in (0.0, None)  # a time of day counts from the first message


TEXT_SAMPLES = [p for p in sorted(SAMPLES.glob("*.txt")) if not p.name.startswith("chatlog-")]


@pytest.mark.parametrize("path", TEXT_SAMPLES, ids=lambda p: p.name)
def test_plain_text_samples_are_not_taken(path: Path) -> None:
    assert not chatlog.sniff(path.read_text(encoding="utf-8")[:HEAD_SIZE])


@pytest.mark.parametrize("name", [WHATSAPP, IRC, SALESFORCE])
def test_fixtures_convert_to_golden(name: str, golden: Callable[[str, str], None]) -> None:
    check_golden(golden, name)


def test_whatsapp_export_system_lines_continuations_and_days() -> None:
    (t,) = load(WHATSAPP)
    assert (t.format, t.channel) == ("chatlog", "chat")
    assert [(x.role, x.name, x.start) for x in t.turns] == [
        (Role.SYSTEM, None, 0.0),
        (Role.CUSTOMER, "Ines Moreau", 0.0),
        (Role.AGENT, None, 120.0),
        (Role.CUSTOMER, "Ines Moreau", 180.0),
        (Role.AGENT, None, 300.0),
        (Role.CUSTOMER, "Ines Moreau", 54780.0),  # the next morning
    ]
    assert t.turns[2].text.endswith("mid-wash. Could you tell me the model number? "
                                    "It's on the sticker inside the door.")  # fmt: skip
    assert t.warnings == ("roles guessed: 'Ines Moreau' is the customer",)


@pytest.mark.parametrize(
    ("first", "second", "gap"),
    [
        ("5/1/24, 10:02 PM", "5/2/24, 9:00 AM", 39480.0),  # month first: May 1 to May 2
        ("5/1/24, 10:02 PM", "13/1/24, 9:00 AM", 644280.0),  # day 13: day first
        ("[2024/05/01 22:02]", "[2024/05/02 09:00]", 39480.0),  # year first
        ("[01.05.24, 22:02:00]", "[02.05.24, 09:00:00]", 39480.0),
    ],
)
def test_dates_month_or_day_first(first: str, second: str, gap: float) -> None:
    sep = " " if first.startswith("[") else " - "
    content = f"{first}{sep}Kim: Hello\n{second}{sep}Lou: Hi\n"
    (t,) = chatlog.read(content, "w.txt")
    assert [x.start for x in t.turns] == [0.0, gap]


def test_irc_log_nicks_and_events() -> None:
    (t,) = load(IRC)
    assert [(x.role, x.name, x.text[:12]) for x in t.turns] == [
        (Role.SYSTEM, None, "nova_bot has"),
        (Role.CUSTOMER, "pat_k", "hi, the buil"),
        (Role.AGENT, None, "Hi Pat, sorr"),
        (Role.CUSTOMER, "pat_k", '"connection '),
        (Role.SYSTEM, None, "pat_k pastes"),
        (Role.AGENT, None, "Thanks. The "),
    ]
    assert [x.start for x in t.turns][:3] == [0.0, 3.0, 39.0]


def test_salesforce_header_names_the_agent() -> None:
    (t,) = load(SALESFORCE)
    assert t.agent == "Lena K"
    assert [(x.role, x.name, x.start) for x in t.turns] == [
        (Role.AGENT, "Lena K", 4.0),
        (Role.CUSTOMER, "Tom Reyes", 19.0),
        (Role.AGENT, "Lena K", 35.0),
        (Role.CUSTOMER, "Tom Reyes", 62.0),
    ]
    assert t.meta == {"header": {"chat started": "Wednesday, May 01, 2024, 10:02:13 (+0000)",
                                 "chat origin": "Web Support"}}  # fmt: skip
    assert t.warnings == ()


def test_bad_date_is_located() -> None:
    content = "1/5/24, 10:02 - Kim: Hello\n1/5/24, 10:03 - Lou: Hi\n31/2/24, 10:04 - Kim: ok\n"
    assert error(chatlog, content, "w.txt") == "w.txt:3: error: bad date '31/2/24'"


def test_convert_writes_jsonl() -> None:
    (line,) = convert(FIXTURES / SALESFORCE)
    assert [x["speaker"] for x in line["turns"]] == ["agent", "customer", "agent", "customer"]
    assert line["agent"] == "Lena K"
