"""The plain-text reader: `Speaker: text` lines, times, continuations, headers."""

from __future__ import annotations

from pathlib import Path

import pytest

from svcaudit.errors import InputError
from svcaudit.formats import read_text, read_transcripts, text
from svcaudit.model import LoadError, Role, Transcript

SAMPLES = Path(__file__).parents[2] / "sample_transcripts"


def one(content: str, path: str = "calls/c1.txt") -> Transcript:
    (transcript,) = text.read(content, path)
    return transcript


def test_sample_with_bracketed_times() -> None:
    path = SAMPLES / "flu-reschedule-good.txt"
    t = one(path.read_text(encoding="utf-8"), str(path))
    assert (t.id, t.format, t.channel) == ("flu-reschedule-good", "text", None)
    assert [turn.role for turn in t.turns[:2]] == [Role.AGENT, Role.CUSTOMER]
    assert [(turn.start, turn.end, turn.line) for turn in t.turns[:2]] == [
        (0.0, 6.0, 1), (6.0, 18.0, 2),
    ]  # fmt: skip
    assert t.turns[0].text.startswith("Good morning, Harborview Auto Care, this is Tomás.")
    assert t.turns[-1].end is None


def test_sample_with_rep_and_caller() -> None:
    path = SAMPLES / "dismissive-agent.txt"
    t = one(path.read_text(encoding="utf-8"), str(path))
    assert {turn.role for turn in t.turns} == {Role.AGENT, Role.CUSTOMER}
    assert t.turns[0].text == "Meridian Home Insurance, Brett speaking."
    assert all(turn.start is None and turn.end is None for turn in t.turns)


def test_sample_with_first_names_guesses_the_agent() -> None:
    path = SAMPLES / "first-day-out-of-bed.txt"
    (t,) = read_text(path.read_text(encoding="utf-8"), str(path))
    assert t.agent == "Priya"
    assert t.warnings == (
        "roles guessed: 'Priya' is the agent (greets, introduces themself and speaks first)",
    )
    assert [(turn.role, turn.name) for turn in t.turns[:2]] == [
        (Role.AGENT, "Priya"), (Role.CUSTOMER, "Walter"),
    ]  # fmt: skip
    assert (t.turns[1].start, t.turns[1].end) == (7.0, 17.0)


@pytest.mark.parametrize(
    ("line", "start"),
    [
        ("[00:01:02] Agent: Hello", 62.0),
        ("00:01:02 Agent: Hello", 62.0),
        ("[01:02] Agent: Hello", 62.0),
        ("(00:01:02) Agent: Hello", 62.0),
        ("[1:02:03.5] Agent: Hello", 3723.5),
        ("00:01:02 - Agent: Hello", 62.0),
        ("[00:01:02] Agent - Hello", 62.0),
        ("Agent (00:01:02): Hello", 62.0),
        ("Agent [01:02]: Hello", 62.0),
        ("Agent:Hello", None),
        ("Agent: Hello", None),
    ],
)
def test_time_prefixes(line: str, start: float | None) -> None:
    t = one(f"{line}\nCustomer: Hi")
    first = t.turns[0]
    assert (first.role, first.text, first.start, first.end) == (Role.AGENT, "Hello", start, None)


def test_clock_times_and_dates_count_from_the_first_turn() -> None:
    t = one("[11:59:50 PM] Agent: Hi\n[12:00:10 AM] Customer: Hello\n")
    assert [(turn.start, turn.end) for turn in t.turns] == [(0.0, 20.0), (20.0, None)]
    t = one("2024-05-01T10:00:00Z Agent: Hi\n2024-05-01T10:00:04.500Z Customer: Hello\n")
    assert [turn.start for turn in t.turns] == [0.0, 4.5]


def test_continuation_lines_and_blank_lines() -> None:
    t = one(
        "Agent: Thanks for calling.\n"
        "How can I help?\n"
        "\n"
        "Customer: My order: it never came.\n"
        "Here's the thing: I paid twice.\n"
        "   ----\n"
        "Agent:\n"
        "Let me look.\n"
    )
    assert [(turn.index, turn.role, turn.text, turn.line) for turn in t.turns] == [
        (0, Role.AGENT, "Thanks for calling. How can I help?", 1),
        (1, Role.CUSTOMER, "My order: it never came. Here's the thing: I paid twice.", 4),
        (2, Role.AGENT, "Let me look.", 7),
    ]


def test_header_lines_before_the_first_turn() -> None:
    t = one(
        "Transcript of a support call\n"
        "Call ID: C-1042\n"
        "Date: 2024-05-01\n"
        "Channel: Chat\n"
        "=====\n"
        "Agent: Hi there\n"
        "Customer: Hello\n"
    )
    assert (t.id, t.channel) == ("C-1042", "chat")
    assert t.meta == {"header": {"call id": "C-1042", "date": "2024-05-01", "channel": "Chat"}}
    assert [(turn.index, turn.text) for turn in t.turns] == [(0, "Hi there"), (1, "Hello")]


def test_speaker_names_ids_and_parenthesised_roles() -> None:
    t = one(
        "spk_0: Hello\nSpeaker 2: Hi\nMr. Lee: Yes\nagent (Dana): Sure\n"
        "Dana (Agent): Again\nspk_0: Bye\nJean-Luc: Ciao\n10:01 Amy: Hi\n"
    )
    assert [(turn.role, turn.name) for turn in t.turns] == [
        (Role.UNKNOWN, "spk_0"),
        (Role.UNKNOWN, "Speaker 2"),
        (Role.UNKNOWN, "Mr. Lee"),
        (Role.AGENT, "Dana"),
        (Role.AGENT, "Dana"),
        (Role.UNKNOWN, "spk_0"),
        (Role.UNKNOWN, "Jean-Luc"),
        (Role.UNKNOWN, "Amy"),
    ]


def test_bad_time_is_located() -> None:
    with pytest.raises(InputError) as caught:
        text.read("Agent: Hi\n  [2024-13-45 10:00] Customer: Hello\n", "c.txt")
    assert str(caught.value) == "c.txt:2:4: error: bad time '2024-13-45 10:00'"


@pytest.mark.parametrize("content", ["", "\n\n   \n", "Call notes\nDate: 2024-05-01\n"])
def test_no_turns_is_a_load_error(tmp_path: Path, content: str) -> None:
    path = tmp_path / "empty.txt"
    path.write_text(content, encoding="utf-8")
    assert list(read_transcripts([str(path)])) == [LoadError(str(path), "no turns found")]


def test_sniff_is_the_fallback() -> None:
    assert text.sniff("anything at all")
