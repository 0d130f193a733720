"""Cue detectors on hand-written turns (no corpus text): one behaviour per test."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from svcaudit import cues
from svcaudit.cues import CUES, annotate
from svcaudit.match import normalise
from svcaudit.model import Role, Transcript, Turn


def convo(*turns: tuple[str, str]) -> Transcript:
    roles = {"a": Role.AGENT, "c": Role.CUSTOMER}
    return Transcript("t", tuple(Turn(i, roles[who], text) for i, (who, text) in enumerate(turns)))


def cues_of(*turns: tuple[str, str], at: int = -1) -> set[str]:
    hits = annotate(convo(*turns))
    return {h.cue for h in hits[at]}


def agent(text: str, customer: str = "I have a question about my parcel.") -> set[str]:
    """Cues of one agent turn that follows an opening exchange."""
    return cues_of(("a", "Hello, thanks for calling Northwind."), ("c", customer), ("a", text))


def test_cue_names_are_the_contract() -> None:
    assert len(CUES) == 25 and CUES[0] == "greeting" and CUES[-1] == "distress"


# ------------------------------------------------------------------ normalisation


def test_tokenised_and_stuttered_text_is_rejoined() -> None:
    assert normalise("you 're welcome .").tokens == ("you", "are", "welcome", ".")
    assert normalise("Wh-what did the r-router say?").words[:2] == ("what", "did")
    assert normalise("bye-bye").words == ("bye", "bye")
    assert normalise("uh-huh, mm-hmm okay").words == ("okay",)


def test_commas_cut_clauses_but_not_words() -> None:
    sentence = normalise("There are two rooms left, would you like one?").sentences[0]
    assert sentence.clauses[-1] == ("would", "you", "like", "one")
    assert "," not in normalise("one, two").tokens


# ------------------------------------------------------------------ speaker, position


def test_customer_thanks_and_sorry_do_not_count_for_the_agent() -> None:
    hits = annotate(convo(("a", "Hi there."), ("c", "Thank you, sorry to bother you.")))
    assert hits[1] == ()


def test_greeting_only_at_the_opening() -> None:
    assert "greeting" in cues_of(("a", "Good morning, you've reached Acme billing."), at=0)
    late = cues_of(
        ("a", "Hi."),
        ("c", "My card failed."),
        ("a", "Ok."),
        ("c", "Yes."),
        ("a", "Good morning to the team over there."),
    )
    assert "greeting" not in late


def test_opening_thank_you_for_calling_is_no_farewell() -> None:
    opening = cues_of(("a", "Thank you for calling Acme, this is Dana."), at=0)
    assert "greeting" in opening and "farewell" not in opening
    assert "farewell" in agent("Thanks for calling us today, take care.")


def test_you_too_answers_a_customer_goodbye() -> None:
    assert "farewell" in agent("You too!", customer="Thanks, have a good evening.")
    assert "farewell" not in agent("You too?", customer="I paid for it twice.")


# ------------------------------------------------------------------ negation, quotation


@pytest.mark.parametrize("text", ["I'm not sorry about that.", "I never said I was sorry."])
def test_negated_apology(text: str) -> None:
    assert "apology" not in agent(text)


def test_apology() -> None:
    assert "apology" in agent("I apologise for the mix-up with the delivery.")


def test_quoted_apology_does_not_count() -> None:
    assert "apology" not in agent('The note on the file reads "so sorry" from last week.')


# ------------------------------------------------------------------ questions


@pytest.mark.parametrize(
    "text",
    [
        "What happened when you tried to sign in?",
        "how did the problem start",  # spoken, no punctuation
        "so um what have you tried so far",
        "Tell me a bit more about the noise it makes.",
        "Can you walk me through what you did?",
        "I was wondering what made you switch plans?",
    ],
)
def test_open_probe(text: str) -> None:
    found = agent(text)
    assert "open_probe" in found and "closed_probe" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Is that the card ending in 4411?",
        "did you restart the modem",  # no "?"
        "How many devices are connected?",
        "What time did the engineer arrive?",
        "Which address should we use?",
        "The parcel came yesterday, right?",
        "I need your account number please.",
    ],
)
def test_closed_probe(text: str) -> None:
    found = agent(text)
    assert "closed_probe" in found and "open_probe" not in found


@pytest.mark.parametrize(
    "text",
    [
        "Would you like me to book it for you?",
        "There are three rooms left, would you like the address?",
        "Might I suggest the earlier train?",
        "Is there anything else I can help you with?",
        "Can I help you with anything further today?",
        "Does that make sense?",
        "Would that work for you?",
        "Can I share some tips on saving data?",
    ],
)
def test_offers_checks_and_availability_are_not_probes(text: str) -> None:
    found = agent(text)
    assert not found & {"open_probe", "closed_probe"}


def test_availability_and_comprehension_check() -> None:
    assert "availability" in agent("Can I help you with anything further today?")
    assert "comprehension_check" in agent("Does that sound okay to you?")


def test_pleasantry_is_no_probe_but_feelings_question_is() -> None:
    assert not agent("How are you doing today?") & {"open_probe", "closed_probe"}
    assert "open_probe" in agent("How are you feeling about the move now?")


# ------------------------------------------------------------------ paraphrase


def test_paraphrase_with_content_overlap() -> None:
    customer = "The app logs me out every time I switch to mobile data."
    assert "paraphrase" in agent("So switching to mobile data logs you out of the app.", customer)


def test_paraphrase_as_a_question_is_also_a_closed_probe() -> None:
    customer = "I got charged twice after I cancelled the subscription."
    found = agent("So the charge came twice after cancelling?", customer)
    assert {"paraphrase", "closed_probe"} <= found


def test_second_person_reflection() -> None:
    customer = "I keep calling and nobody ever gets back to me."
    assert "paraphrase" in agent("You're worried this will drag on for weeks.", customer)
    assert "paraphrase" in agent("it sounds like you've been left waiting", customer)


def test_stock_phrase_without_content_is_no_paraphrase() -> None:
    customer = "My router keeps dropping the connection at night."
    assert "paraphrase" not in agent("Okay, thank you.", customer)
    assert "paraphrase" not in agent("You will get an email shortly.", customer)
    assert "paraphrase" not in agent("Your reference number is 55812.", customer)


# ------------------------------------------------------------------ empathy, feelings


@pytest.mark.parametrize(
    "text",
    [
        "Ugh, what a week you're having.",
        "That sounds exhausting.",
        "No wonder you're upset.",
        "I'm so sorry to hear your flight was cancelled.",
        "It can be frustrating when a parcel goes missing.",
        "I can relate, moving house is a lot.",
    ],
)
def test_empathy(text: str) -> None:
    assert "empathy" in agent(text)


def test_presumptive_feeling() -> None:
    assert "presumptive_feeling" in agent("You must be frustrated.")
    assert "presumptive_feeling" in agent("I know exactly how you feel.")
    assert "presumptive_feeling" not in agent("It can be frustrating when that happens.")


# ------------------------------------------------------------------ refusal


def test_bare_refusal() -> None:
    assert "bare_refusal" in agent("That's against our policy.")


def test_refusal_with_alternative_in_same_turn() -> None:
    found = agent("We can't refund it, but what I can do is send a replacement today.")
    assert "bare_refusal" not in found and "alternative" in found


def test_refusal_with_alternative_in_next_agent_turn() -> None:
    hits = annotate(convo(
        ("a", "Hello, you've reached Acme."), ("c", "I want a refund."),
        ("a", "That's against our policy."), ("c", "Seriously?"),
        ("a", "What I can do is offer store credit instead."),
    ))  # fmt: skip
    assert "bare_refusal" not in {h.cue for h in hits[2]}


# ------------------------------------------------------------------ closing


def test_farewell_and_thanks() -> None:
    found = agent("Thanks for your patience, have a lovely evening.")
    assert {"farewell", "thanks"} <= found
    assert "farewell" in agent("bye bye now")
    assert "thanks" in agent("thank you so much .")


def test_a_name_given_in_answer_to_the_agent_is_learned() -> None:
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    call = Transcript("n", (
        Turn(0, Role.AGENT, "Can I get the name the appointment is under?"),
        Turn(1, Role.CUSTOMER, "Renee Whitfield. W-H-I-T-F-I-E-L-D."),
        Turn(2, Role.AGENT, "Thanks, Renee. I've found it."),
        Turn(3, Role.CUSTOMER, "Great, thank you."),
        Turn(4, Role.AGENT, "Great, you're all set."),
    ))  # fmt: skip
    cues = annotate(call)
    assert [h.phrase for h in cues[2] if h.cue == "use_name"] == ["renee"]
    assert not [h for h in cues[4] if h.cue == "use_name"]  # "Great" is not a name


# The acronym pattern as first written (a look-behind opening it); the module's form skips
# to capitals and must find the same acronyms.
_ACRONYM_FIRST = re.compile(r"(?<![\w-])[A-Z]{2,5}s?(?![\w-])")
_PIECES = ["A", "B", "C", "a", "b", "s", " ", "-", "_", "1", ".", "\u00c9", "\u00e9", "RMA", "IDs"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=16).map("".join))
def test_acronyms_are_found_as_first_written(text: str) -> None:
    assert cues._ACRONYM.findall(text) == _ACRONYM_FIRST.findall(text)
