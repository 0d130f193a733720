"""Speaker labels to roles, and `resolve` for speakers that labels do not name."""

from __future__ import annotations

import pytest

from svcaudit.formats import read_text
from svcaudit.formats.roles import parse_label, resolve
from svcaudit.model import Role, Transcript, Turn

A, C, S, B, U = Role.AGENT, Role.CUSTOMER, Role.SYSTEM, Role.BOT, Role.UNKNOWN


@pytest.mark.parametrize(
    ("label", "role", "name"),
    [
        ("Agent", A, None), ("AGENT", A, None), ("Agent 1", A, None), ("agent_2", A, None),
        ("Rep", A, None), ("Representative", A, None), ("CSR", A, None), ("Advisor", A, None),
        ("Adviser", A, None), ("Support", A, None), ("Associate", A, None), ("Operator", A, None),
        ("Specialist", A, None), ("Staff", A, None), ("Assistant", A, None), ("Host", A, None),
        ("Wizard", A, None), ("Support Agent", A, None), ("Customer Service", A, None),
        ("Member Services", A, None), ("Customer Service Rep", A, None),
        ("agent (Dana)", A, "Dana"), ("Dana (Agent)", A, "Dana"), ("Agent Dana", A, "Dana"),
        ("Customer", C, None), ("Caller", C, None), ("Client", C, None), ("User", C, None),
        ("Member", C, None), ("Guest", C, None), ("Visitor", C, None), ("Patient", C, None),
        ("Seeker", C, None), ("End_user", C, None), ("END_USER", C, None), ("end-user", C, None),
        ("Customer #2", C, None), ("caller (Bo Lee)", C, "Bo Lee"),
        ("system", S, None), ("System", S, None),
        ("bot", B, None), ("Virtual Agent", B, None), ("Fin", B, None),
        ("Dana", U, "Dana"), ("spk_0", U, "spk_0"), ("ch_1", U, "ch_1"), ("A", U, "A"),
        ("B", U, "B"), ("Mr. Lee", U, "Mr. Lee"), ("agent smith", U, "agent smith"),
    ],
)  # fmt: skip
def test_parse_label(label: str, role: Role, name: str | None) -> None:
    assert parse_label(label) == (role, name)


def transcript(*turns: tuple[str, str], agent: str | None = None) -> Transcript:
    """Turns of (label, text), as the readers build them."""
    built = []
    for index, (label, text) in enumerate(turns):
        role, name = parse_label(label)
        built.append(Turn(index=index, role=role, text=text, name=name))
    return Transcript(id="t", turns=tuple(built), agent=agent)


CALL = (
    ("A", "Hi, I've been double charged."),
    ("B", "Thank you for calling Acme, my name is Dana. How can I help?"),
    ("A", "I was charged twice."),
)


def roles(t: Transcript) -> list[tuple[Role, str | None]]:
    return [(turn.role, turn.name) for turn in t.turns]


def test_agent_option_names_the_agent() -> None:
    t = resolve(transcript(*CALL), agent="a")
    assert roles(t) == [(A, "A"), (C, "B"), (A, "A")]
    assert (t.agent, t.warnings) == ("A", ())


def test_heuristic_guesses_the_agent_with_a_warning() -> None:
    t = resolve(transcript(*CALL))
    assert roles(t) == [(C, "A"), (A, "B"), (C, "A")]
    assert t.agent == "B"
    assert t.warnings == (
        "roles guessed: 'B' is the agent (greets, offers help and introduces themself)",
    )


def test_agent_option_naming_nobody_warns_and_falls_back_to_the_heuristic() -> None:
    t = resolve(transcript(*CALL), agent="Zed")
    assert roles(t)[1] == (A, "B")
    assert t.warnings == (
        "agent 'Zed' names no speaker in this transcript",
        "roles guessed: 'B' is the agent (greets, offers help and introduces themself)",
    )


def test_first_speaker_wins_when_nobody_sounds_like_an_agent() -> None:
    t = resolve(transcript(("spk_0", "Hello?"), ("spk_1", "Hi, yes.")))
    assert roles(t) == [(A, "spk_0"), (C, "spk_1")]
    assert t.warnings == ("roles guessed: 'spk_0' is the agent (speaks first)",)


def test_unknown_speakers_beside_a_labelled_agent_are_customers() -> None:
    t = resolve(transcript(("Agent", "Hi"), ("Bo", "Hello"), ("Cy", "Hey")))
    assert roles(t) == [(A, None), (C, "Bo"), (C, "Cy")]
    assert t.warnings == ("roles guessed: 'Bo', 'Cy' are customers",)


def test_unknown_speaker_beside_both_roles_keeps_no_role() -> None:
    t = resolve(transcript(("Agent", "Hi"), ("Customer", "Hello"), ("Sam", "Hi all")))
    assert roles(t)[2] == (U, "Sam")
    assert t.warnings == (
        "no role for 'Sam': labels name both the agent and the customer",
        "1 turn without a role",
    )


def test_turns_without_a_speaker_are_counted() -> None:
    turns = (Turn(0, U, "Hello"), Turn(1, U, "Hi"))
    t = resolve(Transcript(id="t", turns=turns))
    assert (t.turns, t.warnings) == (turns, ("2 turns without a role",))


def test_known_roles_are_left_alone_and_the_agent_named() -> None:
    t = resolve(transcript(("agent (Dana)", "Hi"), ("Customer", "Hello")), agent="Dana")
    assert roles(t) == [(A, "Dana"), (C, None)]
    assert (t.agent, t.warnings) == ("Dana", ())


def test_the_transcripts_agent_is_kept() -> None:
    t = resolve(transcript(("Agent", "Hi"), ("Customer", "Hello"), agent="Lee"))
    assert t.agent == "Lee"


def test_read_text_resolves_with_the_agent_option() -> None:
    content = "Marcus: Hi, I need to return a tent.\nDana: Sure, what's the order number?\n"
    (t,) = read_text(content, "call.txt", agent="DANA")
    assert roles(t) == [(C, "Marcus"), (A, "Dana")]
    assert (t.agent, t.warnings) == ("Dana", ())


def test_a_name_labelled_once_keeps_its_role(tmp_path) -> None:
    """ "Agent (Rachel):" then plain "Rachel:" lines are the same agent, with no warning."""
    from svcaudit.formats import read_path

    path = tmp_path / "call.txt"
    path.write_text(
        "Agent (Rachel): Thank you for calling, how can I help?\n"
        "User (Dmitri): My export times out.\n"
        "Rachel: Let me check that for you.\n"
        "Dmitri: Thanks.\n",
        encoding="utf-8",
    )
    (transcript,) = read_path(str(path))
    assert [t.role.value for t in transcript.turns] == ["agent", "customer", "agent", "customer"]
    assert transcript.warnings == ()
