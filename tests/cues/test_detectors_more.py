"""More cue behaviours on hand-written turns (no corpus text): closings, empathy, restatement."""

from __future__ import annotations

import pytest

from svcaudit.cues import annotate
from svcaudit.model import Role, Transcript, Turn


def convo(*turns: tuple[str, str]) -> Transcript:
    roles = {"a": Role.AGENT, "c": Role.CUSTOMER}
    return Transcript("t", tuple(Turn(i, roles[who], text) for i, (who, text) in enumerate(turns)))


def cues_at(*turns: tuple[str, str], at: int = -1) -> set[str]:
    return {h.cue for h in annotate(convo(*turns))[at]}


def agent(text: str, customer: str = "I have a question about my parcel.") -> set[str]:
    return cues_at(("a", "Hello, thanks for calling Northwind."), ("c", customer), ("a", text))


# ------------------------------------------------------------------ closing


def test_last_welcome_after_the_customer_closes_is_a_farewell() -> None:
    assert "farewell" in agent("You're very welcome!", customer="That's all I need, thanks.")


def test_a_welcome_mid_call_is_no_farewell() -> None:
    found = cues_at(
        ("a", "Hi, Northwind support."),
        ("c", "That is all for the first order, thanks."),
        ("a", "You're welcome."),
        ("c", "Now, the second order."),
        ("a", "Sure, which one is it?"),
        at=2,
    )  # fmt: skip
    assert "farewell" not in found
    assert "farewell" not in agent("You're welcome.", customer="The box arrived crushed.")


def test_same_here_answers_a_closing_pleasantry() -> None:
    assert "farewell" in agent("Same here!", customer="Lovely chatting with you.")


@pytest.mark.parametrize(
    "text",
    [
        "Well, I really enjoy hiking at weekends.",
        "We have a hard time finding parts for that model.",
        "I have never owned one of those myself.",
        "As long as you have a good time, that is what matters.",
        "Our courier will take care of the return label.",
        "I see you have two orders open with us.",
        "It was a good day for deliveries, all on time.",
        "Just let him enjoy his new phone first.",
    ],
)
def test_having_enjoying_or_seeing_in_a_statement_is_no_farewell(text: str) -> None:
    assert "farewell" not in agent(text)


@pytest.mark.parametrize(
    "text",
    [
        "My pleasure, enjoy your stay in Lisbon.",
        "No problem, have a great time!",
        "Wonderful. You have a superb day today.",
        "I wish you an excellent evening.",
        "Safe travels, and see you soon!",
        "Thank you, have a good one.",
        "You take care now.",
        "Well, enjoyed it.",
    ],
)
def test_wishes_at_a_clause_start_are_farewells(text: str) -> None:
    assert "farewell" in agent(text, customer="That is everything, thanks.")


def test_yours_too_answers_the_customers_goodbye() -> None:
    assert "farewell" in agent("Yours too!", customer="Have a good weekend.")


def test_having_one_or_enjoying_something_is_no_farewell() -> None:
    assert "farewell" not in agent("I have one leaving at noon, shall I hold it?")
    assert "farewell" not in agent("You might enjoy the harbour walk, it is free.")
    assert "farewell" in agent("Good luck with the move!")


# ------------------------------------------------------------------ questions


def test_question_run_on_after_a_statement_is_read_by_its_end() -> None:
    found = agent("The coach leaves at nine and gets in at noon shall I reserve a seat?")
    assert not found & {"open_probe", "closed_probe"}


def test_question_left_open_with_or_is_open() -> None:
    found = agent("Do you use the card mostly abroad, or?")
    assert "open_probe" in found and "closed_probe" not in found
    assert "closed_probe" in agent("Do you use the card mostly abroad?")


def test_offer_of_more_information_is_availability_not_a_probe() -> None:
    for text in (
        "Is there any other information you need?",
        "Have all your questions been answered?",
    ):
        found = agent(text)
        assert "availability" in found and not found & {"open_probe", "closed_probe"}


# ------------------------------------------------------------------ paraphrase


def test_what_matters_to_the_customer_is_a_reflection() -> None:
    customer = "I just want the kids to have a proper room each."
    assert "paraphrase" in agent("Space for each of them is really important to you.", customer)
    assert "paraphrase" not in agent("I have sent the floor plan to you.", customer)


def test_reflection_in_a_later_clause() -> None:
    customer = "I have waited all week and nobody rings back."
    found = agent("Right, and since you have been waiting all week for a call back.", customer)
    assert "paraphrase" in found


def test_short_echo_of_the_customer_is_a_paraphrase() -> None:
    assert "paraphrase" in agent(
        "The noisy fridge.", customer="It's the fridge, it hums all night."
    )


# ------------------------------------------------------------------ empathy


@pytest.mark.parametrize(
    "text",
    [
        "Moving out of a flat you loved is a really stressful time.",
        "I can really understand why you'd be annoyed.",
        "I can tell this has worn you down.",
        "Hang in there.",
        "You feel as if the whole thing is on you now.",
        "What a bummer about the weekend.",
    ],
)
def test_empathy_without_stock_phrases(text: str) -> None:
    assert "empathy" in agent(text)


@pytest.mark.parametrize(
    "text",
    [
        "It is hard to say when it will ship.",
        "I don't understand why the form failed.",
        "The router is in the hallway.",
    ],
)
def test_no_empathy_in_hedges_or_negations(text: str) -> None:
    assert "empathy" not in agent(text)


def test_a_relative_admitted_to_hospital_is_a_personal_need() -> None:
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    for said in ["My mum was rushed to hospital this morning.", "my husband is in the ICU"]:
        call = Transcript(
            "h", (Turn(0, Role.AGENT, "Hi, how can I help?"), Turn(1, Role.CUSTOMER, said))
        )
        assert [h.cue for h in annotate(call)[1]] == ["personal_need"], said


def test_a_bare_interjection_is_not_a_positive_aspect() -> None:
    """'Great.' acknowledges; 'Great news: it's covered' points out a strength."""
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    turns = ("Great. Anything else?", "Perfect.", "Great news, it's still under warranty.")
    call = Transcript("p", tuple(Turn(i, Role.AGENT, t) for i, t in enumerate(turns)))
    positive = ["positive" in {h.cue for h in hits} for hits in annotate(call)]
    assert positive == [False, False, True]


def test_unpunctuated_speech_questions_mid_sentence_and_closing_tags() -> None:
    """Speech-to-text has no punctuation: the question starts wherever it starts."""
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    turns = [
        (Role.AGENT, "hello how can i help"),
        (Role.CUSTOMER, "the dryer stops after five minutes"),
        (
            Role.AGENT,
            "right okay sorry to hear that uh could you tell me what it does before it stops",
        ),
        (Role.CUSTOMER, "it beeps and the drum stops"),
        (Role.AGENT, "so it beeps then the drum stops after five minutes is that correct"),
        (Role.AGENT, "i will send you a link and you can try a reset okay"),
    ]
    call = Transcript("asr", tuple(Turn(i, r, t) for i, (r, t) in enumerate(turns)))
    cues = [{h.cue for h in hits} for hits in annotate(call)]
    assert "open_probe" in cues[2]
    assert "closed_probe" in cues[4]
    assert not cues[5] & {"open_probe", "closed_probe"}  # a bare "okay" at the end is no tag


def test_the_agent_addressing_the_customer_by_name_is_name_use() -> None:
    """The agent knows the name from its system even when the customer never says it."""
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    turns = [
        (Role.AGENT, "Hi Priya, thanks for getting in touch. What's happened?"),
        (Role.CUSTOMER, "My order is late."),
        (Role.AGENT, "Sure, Thursday is the new date."),
        (Role.AGENT, "Thanks for waiting, Priya."),
    ]
    call = Transcript("v", tuple(Turn(i, r, t) for i, (r, t) in enumerate(turns)), agent="Sam")
    used = ["use_name" in {h.cue for h in hits} for hits in annotate(call)]
    assert used == [True, False, False, True]  # "Thursday" is no name


def test_pregnancy_is_a_personal_need_and_an_invoice_due_date_is_not() -> None:
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    for said, need in [("It's for my baby, who is due next month.", True),
                       ("We're expecting a baby in May.", True),
                       ("The invoice is due in two weeks.", False)]:  # fmt: skip
        call = Transcript("b", (Turn(0, Role.AGENT, "Hi!"), Turn(1, Role.CUSTOMER, said)))
        assert ("personal_need" in {h.cue for h in annotate(call)[1]}) is need, said


def test_a_negation_does_not_reach_past_and_or_but() -> None:
    """'It never came and I'm so upset' is upset; 'I'm not upset' is not."""
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    for said, upset in [("The parcel never came and I'm so upset.", True),
                        ("I'm not upset, just checking.", False),
                        ("It didn't arrive but I'm really worried now.", True)]:  # fmt: skip
        call = Transcript("n", (Turn(0, Role.AGENT, "Hi!"), Turn(1, Role.CUSTOMER, said)))
        assert ("distress" in {h.cue for h in annotate(call)[1]}) is upset, said


def test_your_x_is_restates_only_what_the_customer_said() -> None:
    """'Your order is on its way' informs; 'your wife is worried' after the customer said so
    restates."""
    from svcaudit.cues import annotate
    from svcaudit.model import Role, Transcript, Turn

    def paraphrase(customer: str, agent: str) -> bool:
        call = Transcript("y", (Turn(0, Role.CUSTOMER, customer), Turn(1, Role.AGENT, agent)))
        return "paraphrase" in {h.cue for h in annotate(call)[1]}

    assert not paraphrase("Where is my parcel?", "Your order is on its way to the depot.")
    assert paraphrase(
        "My wife keeps worrying about the bill.", "Your wife is worrying about the bill."
    )


# ------------------------------------------------------------------ backchannels


@pytest.mark.parametrize("text", ["Oh, really?", "Pardon?", "No kidding?", "Wow, really?"])
def test_a_question_that_only_acknowledges_is_no_probe(text: str) -> None:
    found = agent(text, customer="They charged me twice for the same order.")
    assert not found & {"open_probe", "closed_probe"}


def test_an_echo_question_still_invites_the_customer_on() -> None:
    assert "closed_probe" in agent("Did you?", customer="I called them twice last week.")
    assert "closed_probe" in agent("Oh really? Was that the same card?", customer="It was charged.")


def test_anything_else_about_the_customers_problem_is_a_probe_not_an_offer_of_help() -> None:
    found = agent("Is there anything else that has been worrying you about the move?")
    assert "availability" not in found and "closed_probe" in found
    assert "availability" in agent("Is there anything else I can help you with today?")


def test_a_chat_opening_sent_as_several_messages_is_one_first_turn() -> None:
    hits = annotate(
        convo(
            ("c", "hello?"),
            ("a", "Hi!"),
            ("a", "Thanks for your patience."),
            ("a", "Good morning, this is Jo from Northwind."),
            ("c", "My parcel is late."),
            ("a", "Let me look."),
            ("c", "Thanks."),
            ("a", "Good morning again, it has left the depot."),
        )
    )
    assert "greeting" in {h.cue for h in hits[3]}  # third message of the agent's first turn
    assert "greeting" not in {h.cue for h in hits[7]}  # the agent's third turn at talk


@pytest.mark.parametrize(
    "text",
    ["I'm listening, take your time.", "Don't be embarrassed, this happens to lots of people.",
     "I am here to listen if you need it."],
)  # fmt: skip
def test_an_offer_to_listen_or_a_reassurance_is_empathy(text: str) -> None:
    assert "empathy" in agent(text, customer="I feel so stupid, I deleted all my photos.")


@pytest.mark.parametrize(
    "text", ["I am happy to talk you through the steps.", "We are here to talk about your bill."]
)
def test_talking_about_the_task_is_no_empathy(text: str) -> None:
    assert "empathy" not in agent(text)


@pytest.mark.parametrize(
    "text", ["Tell me something about the first time it failed.", "Remind me again why you want to cancel."]
)
def test_requests_to_tell_the_story_are_open_probes(text: str) -> None:
    found = agent(text)
    assert "open_probe" in found and "closed_probe" not in found


@pytest.mark.parametrize("text", ["What about you?", "And how about at work?"])
def test_what_about_you_turns_an_open_question_to_the_customer(text: str) -> None:
    found = agent(text)
    assert "open_probe" in found and "alternative" not in found


def test_how_about_a_thing_is_still_a_suggestion() -> None:
    found = agent("How about a replacement instead?")
    assert "alternative" in found and "open_probe" not in found


# ------------------------------------------------------------------ sarcasm


@pytest.mark.parametrize(
    "text",
    ["Oh great timing, the engineer cancelled again.", "Oh great, another delay.",
     "Well, that's just great.", "Thanks for nothing."],
)  # fmt: skip
def test_sarcastic_praise_is_distress(text: str) -> None:
    assert "distress" in cues_at(("a", "Hello, Northwind."), ("c", text))


@pytest.mark.parametrize(
    "text", ["Perfect timing, I just got home.", "Great, that's exactly what I needed, thanks!"]
)
def test_sincere_praise_is_no_distress(text: str) -> None:
    assert "distress" not in cues_at(("a", "Hello, Northwind."), ("c", text))


@pytest.mark.parametrize(
    "text",
    ["I totally get it.", "I can definitely imagine how stressful that was.",
     "Your feelings are completely valid.", "It takes courage to call about this."],
)  # fmt: skip
def test_understanding_with_an_intensifier_or_validation_is_empathy(text: str) -> None:
    assert "empathy" in agent(text, customer="I was so scared when the alarm went off.")


def test_understanding_a_fact_is_no_empathy() -> None:
    assert "empathy" not in agent("I understand the fee is five dollars.")


# ------------------------------------------------------------------ answers are no restatements


@pytest.mark.parametrize(
    ("customer", "text"),
    [
        ("Can I have the phone number of the depot?", "The phone number of the depot is 0161 496 0000."),
        ("Could you book the table for Monday?", "Booking was successful, the table is yours."),
        ("I need a moderately priced hotel.", "There are 18 moderately priced hotels in the centre."),
        ("Does the hotel have free parking?", "The hotel has free parking and free wifi."),
        ("Thank you so much, you have been great!", "You are very welcome, have a great day!"),
    ],
)
def test_an_answer_sharing_the_customers_words_is_no_paraphrase(customer: str, text: str) -> None:
    assert "paraphrase" not in agent(text, customer=customer)


def test_restating_the_customers_problem_with_its_figures_is_a_paraphrase() -> None:
    found = agent("So you were charged 45 pounds twice for one order?",
                  customer="I was charged 45 pounds twice for one order.")  # fmt: skip
    assert "paraphrase" in found


def test_the_customers_problem_after_the_agents_stance_is_a_paraphrase() -> None:
    found = agent("I'm sorry you were charged twice for the same plan.",
                  customer="Hello, I was charged twice for my plan this month.")  # fmt: skip
    assert "paraphrase" in found
    assert "paraphrase" not in agent("I know you are busy.", customer="My plan renewed twice.")


def test_a_framing_that_starts_with_what_is_still_a_paraphrase() -> None:
    found = agent("So what I hear you saying is the courier never knocked.",
                  customer="The courier never even knocked, he just left a card.")  # fmt: skip
    assert "paraphrase" in found


def test_a_condition_the_agent_sets_is_no_paraphrase() -> None:
    found = agent("If it's not with you by Thursday evening, I'll send a replacement crib.",
                  customer="The crib was meant to arrive on Thursday evening.")  # fmt: skip
    assert "paraphrase" not in found and "commitment" in found


@pytest.mark.parametrize(
    "text",
    ["If it still bangs, you're covered under the warranty for two years.",
     "We'll send a technician out free of charge.", "You also qualify for a loyalty discount."],
)  # fmt: skip
def test_volunteering_what_the_customer_is_entitled_to_is_extra_information(text: str) -> None:
    assert "extra_info" in agent(text)


def test_asking_about_cover_is_no_extra_information() -> None:
    assert "extra_info" not in agent("Are you covered by the home insurance?")


@pytest.mark.parametrize(
    "text", ["Hi Maria, thanks for reaching out. What's going on with your order?",
             "Good morning, what seems to be the problem?"],
)  # fmt: skip
def test_an_opening_question_inviting_the_issue_offers_help(text: str) -> None:
    found = cues_at(("c", "hello?"), ("a", text))
    assert "offer_help" in found


@pytest.mark.parametrize(
    "text", ["are you familiar with the loyalty programme.", "is that what you usually order."]
)
def test_a_question_that_speech_to_text_ended_with_a_full_stop_is_a_probe(text: str) -> None:
    assert "closed_probe" in agent(text)


@pytest.mark.parametrize(
    "text", ["So do I.", "Could you please hold for a moment.", "Do you know what, I will do it now."]
)
def test_statements_and_requests_ending_with_a_full_stop_are_no_probes(text: str) -> None:
    assert not agent(text) & {"open_probe", "closed_probe"}


def test_unpunctuated_how_long_and_polite_tell_me_more_are_probes() -> None:
    assert "closed_probe" in agent("how long ago did the fault start")
    assert "open_probe" in agent("Can you please tell me more about it.")
    assert "open_probe" in agent("Why not?", customer="I don't want to use the app.")
    assert "open_probe" not in agent("Why not try the store on King Street?")


@pytest.mark.parametrize(
    "text",
    ["what i'm going to do is book it on tomorrow's first run",
     "and i'll also refund the delivery charge", "We will escalate this to the depot today."],
)  # fmt: skip
def test_a_promised_action_is_a_commitment(text: str) -> None:
    assert "commitment" in agent(text)


def test_a_past_action_is_no_commitment() -> None:
    assert "commitment" not in agent("I refunded a charge like this last year.")


@pytest.mark.parametrize(
    "text", ["and i'll also refund the delivery charge", "As a goodwill gesture, I've added a credit."]
)
def test_a_goodwill_action_beyond_the_request_extends_service(text: str) -> None:
    assert "alternative" in agent(text)


@pytest.mark.parametrize(
    "text", ["When will it be fixed? This is the third time this month.",
             "I work from home, I'm losing money here."],
)  # fmt: skip
def test_a_repeat_contact_or_a_cost_borne_is_distress(text: str) -> None:
    assert "distress" in cues_at(("a", "Hello, Northwind."), ("c", text))


def test_a_first_time_is_no_distress() -> None:
    assert "distress" not in cues_at(("a", "Hello."), ("c", "This is the first time I've called."))


def test_a_customer_clause_after_a_when_clause_is_a_paraphrase() -> None:
    found = agent("When the app logs you out, you are feeling locked out of your own account.",
                  customer="The app keeps logging me out and I feel locked out of my account.")  # fmt: skip
    assert "paraphrase" in found


# ------------------------------------------------------------------ empathy, round 5


@pytest.mark.parametrize(
    "text",
    [
        "Moving house is always stressful, let me get this sorted for you.",
        "It's not going to be easy, but we'll work through it together.",
        "Oh, how frustrating! Let me look at that order.",
        "What a stressful thing to go through before a wedding.",
        "It has got to feel awful having no heating in December.",
        "I can completely understand being annoyed about a second missed visit.",
        "I can see that being a real worry with a newborn at home.",
        "I feel terrible for you, that's a rotten week.",
        "I'm sure that makes you feel let down by us.",
        "Replacing a boiler is such a headache.",
        "It can totally be intimidating calling about a debt.",
        "I get that. Evenings can feel especially lonely without the internet.",
        "You feel betrayed after ten years as a customer, and I hear that.",
    ],
)
def test_empathy_without_a_stock_phrase(text: str) -> None:
    assert "empathy" in agent(text, customer="This is the third time the engineer hasn't come.")


@pytest.mark.parametrize(
    "text",
    [
        "What is making you upset about the new plan?",  # asks the cause: a probe
        "It's not easy to set up the router without the app, so use the web page.",
        "The courier will leave you alone once the parcel is signed for.",
        "Premium plans are more difficult to cancel mid-term.",
    ],
)
def test_no_empathy_in_questions_about_causes_or_plain_facts(text: str) -> None:
    assert "empathy" not in agent(text)


def test_a_restating_question_with_have_a_is_no_offer() -> None:
    # "have a" opens offers and wishes ("have a good day") only at the start of a clause
    found = agent(
        "So you have a lot on your plate and you're behind on the bills?",
        customer="I've been working double shifts and can't keep up with the bills.",
    )
    assert {"closed_probe", "paraphrase"} <= found


# ------------------------------------------------------------------ availability, round 5


@pytest.mark.parametrize(
    "text",
    [
        "That model is out of stock. Can I help you find something else?",
        "The refund is on its way. May I look up something else for you?",
        "Are you sure there's nothing else I can help you with today?",
        "Are you certain you don't need anything else?",
        "Do you have any more questions for me?",
        "Your new card is on its way. Will you be needing further assistance today?",
        "Would you like help with something else?",
        "Just let me know if I can help you with anything else.",
        "Is there anyway else I could be of service?",
        "Can I help you find any other information about your plan?",
    ],
)
def test_offers_of_more_help_in_other_words(text: str) -> None:
    assert "availability" in agent(text)


def test_an_offer_made_by_us_is_no_probe() -> None:
    found = agent("Would you like us to send a new router?", customer="The router died again.")
    assert not found & {"open_probe", "closed_probe"}


# ------------------------------------------------------------------ holds and leave, round 5


@pytest.mark.parametrize(
    "text",
    [
        "could you hold the line please",
        "Can you hold for a moment while I check?",
        "Would you mind holding for two minutes?",
        "Is it okay to put you on a brief hold?",
        "May I place you on hold?",
    ],
)
def test_a_hold_asked_as_a_question_is_a_hold_not_a_probe(text: str) -> None:
    found = agent(text)
    assert "hold" in found
    assert not found & {"closed_probe", "comprehension_check"}


def test_holding_a_parcel_is_no_hold() -> None:
    assert "hold" not in agent("Can you hold the parcel at the depot?")


def test_asking_leave_is_no_comprehension_check() -> None:
    assert "comprehension_check" not in agent("Is it okay if I ask for your postcode?")
    assert "comprehension_check" in agent("Is it okay if I book the engineer for Tuesday?")
    assert "comprehension_check" in agent("The engineer comes Tuesday. Is that okay?")


def test_sorry_to_here_that_is_a_speech_to_text_empathy() -> None:
    assert "empathy" in agent("i'm so sorry to here that", customer="my mum passed away last week")


# ------------------------------------------------------------------ confirmations said as statements


@pytest.mark.parametrize(
    "text",
    [
        "so just to confirm you're at 12 high street",
        "Just to confirm, your new address is 12 High Street.",
        "to check your account number ends in 44",
    ],
)
def test_a_confirmation_about_the_customer_asks_even_unpunctuated(text: str) -> None:
    assert "closed_probe" in agent(text, customer="I moved house last month.")


def test_a_confirmation_of_what_the_agent_did_tells() -> None:
    found = agent("Just to confirm, I have updated the address.", customer="I moved house.")
    assert not found & {"closed_probe", "open_probe"}


# ------------------------------------------------------------------ distress and needs, round 5


def customer_cues(text: str) -> set[str]:
    return cues_at(("a", "Hello, how can I help?"), ("c", text))


@pytest.mark.parametrize(
    "text",
    [
        "i've been trying to get this sorted for two weeks now",
        "We've had no heating since Friday.",
        "It's honestly a nightmare.",
        "This has been a nightmare from start to finish.",
        "I've been chasing you for three weeks about this refund.",
    ],
)
def test_a_problem_that_dragged_on_is_distress(text: str) -> None:
    assert "distress" in customer_cues(text)


@pytest.mark.parametrize("text", ["I work from home, so I need the line back.", "I need it for work."])
def test_relying_on_the_service_for_work_is_a_personal_need(text: str) -> None:
    assert "personal_need" in customer_cues(text)


@pytest.mark.parametrize(
    "text",
    [
        "I've had this phone for two years now.",
        "I've been a customer for ten years.",
        "I was waiting for 10 minutes on hold but that's fine.",
    ],
)
def test_durations_without_a_problem_are_no_distress(text: str) -> None:
    assert not customer_cues(text) & {"distress", "personal_need"}


# ------------------------------------------------------------------ explaining steps, round 5


@pytest.mark.parametrize(
    "text",
    [
        "thank you and can i just confirm the first line of your address",
        "Could I have your order number?",
        "Let me see what we can do.",
    ],
)
def test_asking_for_details_or_a_vague_look_is_no_explained_step(text: str) -> None:
    assert "explain_step" not in agent(text)


def test_a_named_look_is_an_explained_step() -> None:
    assert "explain_step" in agent("Let me see what's actually in stock at the warehouse.")


# ------------------------------------------------------------------ a curt agent, round 5


@pytest.mark.parametrize("text", ["order number?", "And your postcode?", "Claim number?"])
def test_asking_for_a_detail_is_no_restatement(text: str) -> None:
    found = agent(text, customer="My order number 55123 never arrived.")
    assert "paraphrase" not in found
    assert "closed_probe" in found


@pytest.mark.parametrize(
    "text", ["no refunds on shipped orders its policy", "I'm sorry, it's policy."]
)
def test_a_flat_rule_is_a_bare_refusal(text: str) -> None:
    assert "bare_refusal" in agent(text, customer="Can I get a refund then?")


@pytest.mark.parametrize(
    "text",
    [
        "There's no refund fee for this.",
        "No exchanges on sale items, but I can give you store credit.",
    ],
)
def test_no_bare_refusal_when_no_fee_or_an_alternative(text: str) -> None:
    assert "bare_refusal" not in agent(text, customer="Can I get a refund then?")


def test_an_event_the_customer_needs_it_for_is_a_personal_need() -> None:
    assert "personal_need" in customer_cues("I needed it for my daughter's party tomorrow.")


def test_nothing_to_restate_before_the_customer_speaks() -> None:
    opening = cues_at(("a", "Hello! You're chatting with Mia from Northwind."), ("c", "hi"), at=0)
    assert "paraphrase" not in opening
    # a reading of the account before the customer speaks restates nothing they said
    reading = "Hi! I see you have been waiting a while for your refund."
    before = cues_at(("a", reading), ("c", "hi"), at=0)
    assert "paraphrase" not in before
    transfer = agent("You're now chatting with Sam from billing.", customer="I was double charged.")
    assert "paraphrase" not in transfer


@pytest.mark.parametrize(
    "text",
    ["I don't understand why you're upset.", "Honestly I don't get why this is a problem."],
)
def test_waving_the_problem_away_is_dismissive(text: str) -> None:
    assert "dismissive" in agent(text, customer="This is the third time I've called.")


@pytest.mark.parametrize(
    "text",
    [
        "I don't understand what the problem is, could you describe it?",
        "Don't worry, it's not a big deal, we can sort it.",
        "We deal with this all the time, it's an easy fix.",
    ],
)
def test_asking_or_reassuring_is_not_dismissive(text: str) -> None:
    assert "dismissive" not in agent(text)


# ------------------------------------------------------------------ found by calibrate, round 5


def test_the_last_thing_you_need_is_empathy() -> None:
    text = "I'm sorry, a double payment right before your rent is due is the last thing you need."
    assert "empathy" in agent(text, customer="You took my payment twice and rent is due.")


@pytest.mark.parametrize("text", ["I'm sorry about that.", "I'm so sorry for the delay."])
def test_sorry_about_that_apologises_without_sympathy(text: str) -> None:
    found = agent(text, customer="The parcel is late again.")
    assert "apology" in found and "empathy" not in found


@pytest.mark.parametrize(
    "text", ["I'm so sorry about your mum.", "I'm sorry that happened to you."]
)
def test_sorry_about_their_loss_is_sympathy(text: str) -> None:
    assert "empathy" in agent(text, customer="My mum passed away last week.")


def test_congratulations_is_positive() -> None:
    assert "positive" in agent("Congratulations on the move!", customer="I moved last week.")


def test_moving_house_is_a_personal_need() -> None:
    assert "personal_need" in customer_cues("Hi, I moved last week and need to update my address.")
    assert "personal_need" not in customer_cues("I moved the appointment to Friday.")


def test_where_things_will_go_is_a_commitment() -> None:
    text = "Your new cards and statements will go to that address from now on."
    assert "commitment" in agent(text, customer="I moved last week.")


@pytest.mark.parametrize(
    "text",
    [
        "Okay, the router isn't syncing, looks like a line fault.",
        "It looks like you've been charged twice.",
        "Looks like you're on the old plan.",
    ],
)
def test_a_diagnosis_is_no_empathy(text: str) -> None:
    assert "empathy" not in agent(text)


def test_seems_like_you_are_struggling_is_empathy() -> None:
    assert "empathy" in agent("It seems like you have a lot going on.")


def test_a_new_thing_failing_early_is_distress() -> None:
    text = "my washing machine is banging when it spins and it's only like eight months old"
    assert "distress" in customer_cues(text)
    assert "distress" not in customer_cues("The account is only a few months old, I think.")


def test_a_bare_morning_opens_a_greeting() -> None:
    assert "greeting" in cues_at(("a", "Morning, Cityline Water, this is Gary."), ("c", "Hi."), at=0)


def test_a_promise_refused_is_no_alternative() -> None:
    found = agent("Probably by this evening, but I can't promise anything.")
    assert "alternative" not in found
    assert "alternative" in agent("I can't refund it, but I can send a replacement today.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Order number?", False),
        ("And your postcode, please?", False),
        ("Name on the booking?", False),
        ("Can I take your name?", False),
        ("What is your postcode?", False),
        ("Thanks. Can you confirm the first line of your address?", False),
        ("Is that the card ending in 4411?", True),
        ("So it drops every evening?", True),
        ("It drops every evening, right?", True),
        ("Have you tried restarting it?", True),
        ("Can you confirm that you are at 12 High Street?", True),
    ],
)
def test_yes_no_questions_are_told_from_requests_for_a_detail(text: str, expected: bool) -> None:
    from svcaudit.cues import default_model
    from svcaudit.match import normalise

    forms = default_model().forms
    assert forms.yes_no(normalise(text).sentences[-1]) is expected


@pytest.mark.parametrize(
    "text",
    [
        "You shouldn't have to chase us like this.",
        "I don't blame you for being annoyed.",
        "You have every right to be frustrated.",
        "That shouldn't have happened, and I'm sorry it did.",
        "I completely agree, that's not good enough.",
        "Three missed visits is not acceptable, I agree.",
    ],
)
def test_validation_is_empathy(text: str) -> None:
    assert "empathy" in agent(text, customer="This is the third time the engineer hasn't come.")


@pytest.mark.parametrize(
    "text", ["You should have called us earlier.", "That card is not acceptable for this payment."]
)
def test_telling_off_or_a_rule_is_no_validation(text: str) -> None:
    assert "empathy" not in agent(text)


# ------------------------------------------------------------------ a travel desk, round 5


def test_currency_codes_are_no_jargon() -> None:
    assert "jargon" not in agent("I have a hotel in Cancun for 2300 USD, or 2100 EUR.")
    assert "jargon" in agent("Your CPE isn't syncing with the OLT.")


@pytest.mark.parametrize(
    "text", ["Would you like to hear about other destinations?", "Can I check a few other dates?"]
)
def test_offering_other_choices_is_an_alternative(text: str) -> None:
    assert "alternative" in agent(text, customer="Are there any trips to Tokyo under 2000?")


def test_asking_about_other_dates_is_a_probe_not_an_alternative() -> None:
    found = agent("Do you have other dates in mind?")
    assert "alternative" not in found and "closed_probe" in found


@pytest.mark.parametrize(
    "text",
    ["That package includes free breakfast, which is great value.", "Upgrades come at no extra cost."],
)
def test_a_strength_of_the_offer_is_positive(text: str) -> None:
    assert "positive" in agent(text)


@pytest.mark.parametrize("text", ["take it easy", "speak soon", "ta-ra", "Cheers then, take care."])
def test_informal_goodbyes_are_farewells(text: str) -> None:
    assert "farewell" in agent(text, customer="no that's everything thanks")


def test_cheers_at_the_close_thanks() -> None:
    assert "thanks" in agent("cheers, bye for now", customer="no that's everything")


@pytest.mark.parametrize(
    "text", ["What dates would you like to travel?", "Ok, and what's the max you want to spend?"]
)
def test_asking_for_dates_or_a_limit_is_closed(text: str) -> None:
    found = agent(text)
    assert "closed_probe" in found and "open_probe" not in found


def test_thanks_for_booking_with_us_closes() -> None:
    assert "farewell" in agent("Thank you for booking with us.", customer="Great, book it please.")


def test_a_statement_checked_back_restates_with_few_shared_words() -> None:
    found = agent(
        "You came home to a wet box sitting by the door with the packaging ruined and nobody "
        "knocked. Is that right?",
        customer="The courier left my box outside in the rain and it was soaked through.",
    )
    assert "paraphrase" in found and "closed_probe" in found


def test_a_promise_checked_for_acceptance_restates_nothing() -> None:
    found = agent("You will get a refund in 3 days. Is that okay?", customer="The parcel never came.")
    assert "paraphrase" not in found


# ------------------------------------------------------------------ found by the hold-out set


def test_a_company_greeting_names_no_customer() -> None:
    from svcaudit.names import vocatives

    assert vocatives(["Hi, Quickshop support.", "Thanks, Maria.", "Hi Maria!"], frozenset()) == {
        "maria"
    }


def test_thanks_for_the_detail_is_positive() -> None:
    assert "positive" in agent("Thanks for the detail, that's useful.")


@pytest.mark.parametrize(
    "text",
    [
        "If it happens again, reply to this chat and I'll book a technician.",
        "I've added a note so you won't be charged any fees in the meantime.",
    ],
)
def test_advice_for_next_time_and_charges_spared_are_extra_information(text: str) -> None:
    assert "extra_info" in agent(text)


def test_bill_shock_and_not_knowing_why_are_distress() -> None:
    text = "My bill this month is nearly double what it usually is and I don't understand why."
    assert "distress" in customer_cues(text)
    assert "distress" not in customer_cues("I don't understand how to use the app, can you help?")


def test_a_step_with_its_reason_inside_an_offer_is_explained() -> None:
    text = "What I can do is spread the extra over the next three months so it's easier to manage."
    assert "explain_step" in agent(text)
    assert "explain_step" not in agent("I can't do that, so it is what it is.")


@pytest.mark.parametrize(("text", "expected"), [("Order date?", False), ("Is that your account?", True)])
def test_a_detail_asked_alone_is_no_yes_no_question(text: str, expected: bool) -> None:
    from svcaudit.cues import default_model
    from svcaudit.match import normalise

    assert default_model().forms.yes_no(normalise(text).sentences[-1]) is expected


# ------------------------------------------------------------------ found by the third hold-out set


def test_an_acronym_the_customer_used_first_is_no_jargon() -> None:
    found = cues_at(
        ("a", "Hi, welcome to Kestrel Bank chat."),
        ("c", "there's a payment of 120 to something called GLX"),
        ("a", "Thank you. So that's one payment of 120 to GLX?"),
    )
    assert "jargon" not in found
    assert "jargon" in agent("Your CPE isn't syncing with the OLT.")


def test_anyone_named_doing_something_next_is_a_commitment() -> None:
    assert "commitment" in agent("A loss adjuster will call you by five today.")


def test_a_flooded_home_with_a_newborn_is_a_need_and_not_knowing_where_to_start_distress() -> None:
    found = customer_cues(
        "the whole kitchen floor is under water, we've got a newborn and i don't know where to start"
    )
    assert {"personal_need", "distress"} <= found
    assert not customer_cues("The kitchen is under construction.") & {"personal_need", "distress"}
