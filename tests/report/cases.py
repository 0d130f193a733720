"""Real model objects for the reporter tests: a checklist, three scorecards, errors, annotations.

``call-0001`` passes (pass, partial, na; long evidence text), ``chat-0002`` fails on a
critical element (pass, partial, fail), ``call-0003`` has no applicable element (score None).
"""

from __future__ import annotations

import io

from svcaudit.model import (
    Annotation,
    Checklist,
    CueHit,
    Element,
    ElementResult,
    Evidence,
    LoadError,
    Outcome,
    Role,
    Scorecard,
    Transcript,
    Turn,
    Verdict,
)

P, PA, F, NA = Verdict.PASS, Verdict.PARTIAL, Verdict.FAIL, Verdict.NA
A, C = Role.AGENT, Role.CUSTOMER

ELEMENTS = (
    Element("project_attitude", "Project attitude", "phrase", None, weight=1.0),
    Element("seek_data", "Seek data", "phrase", None, weight=2.0),
    Element("supply_data", "Supply data", "phrase", None, weight=2.0),
    Element("demonstrate_awareness", "Demonstrate awareness", "phrase", None, critical=True),
    Element("close_and_thank", "Close and thank", "phrase", None, weight=1.0),
)
CHECKLIST = Checklist("mini-service", "Mini service", 1, ELEMENTS, pass_mark=70.0)
BY_ID = {e.id: e for e in ELEMENTS}

LONG = (
    "I'm going to check your order history so I can see where it stopped, then I will reset "
    "the password on the account and send a link to the email address we have on file, which "
    "should arrive within five minutes; please check the spam folder as well."
)
assert len(LONG) > 200

CALL_TURNS = (
    Turn(0, A, "Thank you for calling Acme, this is Dana. How can I help you today?", "Dana", 0.0),
    Turn(1, C, "Hi, I can't log in and I have the flu, this is ridiculous.", None, 4.5),
    Turn(2, A, "What happened when you tried to log in?", "Dana", 14.2),
    Turn(
        3, A, "I'm so sorry to hear you're not feeling well, it can be frustrating.", "Dana", 20.0
    ),
    Turn(4, A, LONG, "Dana", 40.0),
    Turn(5, A, "Your RMA is pending in the WMS queue [ref: 12].", "Dana", 3671.5),
)
CHAT_TURNS = (
    Turn(0, A, "Hello, how can I help?", None),
    Turn(1, C, "My order never came.", "Lee"),
    Turn(2, A, "Is that the order ending in 4411?", None),
    Turn(3, A, "It shipped on Monday and should arrive tomorrow.", None),
    Turn(4, C, "That's what you said last week!", "Lee"),
    Turn(5, A, "Calm down, that's not my problem.", None),
    Turn(6, C, "Unbelievable.", "Lee"),
    Turn(7, A, "Thanks for contacting us.", None),
)
CALL = Transcript("call-0001", CALL_TURNS, "calls/0001.txt", "text", "call", "Dana")
CHAT = Transcript("chat-0002", CHAT_TURNS, "chats/0002.json", "json", "chat", None)
EMPTY = Transcript(
    "call-0003", (Turn(0, C, "Hello? Anyone there?", "José", 1.0),), "calls/0003.txt", "text",
    agent="José",
)  # fmt: skip


def ev(turns: tuple[Turn, ...], i: int, cue: str | None, phrase: str | None, sim: float):
    turn = turns[i]
    return Evidence(i, turn.role, turn.text, cue, phrase, sim, turn.start)


def result(element_id: str, verdict: Verdict, points: float, reason: str, *evidence: Evidence):
    element = BY_ID[element_id]
    return ElementResult(element.info, Outcome(verdict, reason, evidence), points, element.weight)


def scorecard(transcript: Transcript, *results: ElementResult) -> Scorecard:
    applied = [r for r in results if r.outcome.verdict is not NA]
    total = sum(r.max_points for r in applied)
    score = 100 * sum(r.points for r in applied) / total if total else None
    critical = any(r.element.critical and r.outcome.verdict is F for r in applied)
    passed = not critical and (score is None or score >= CHECKLIST.pass_mark)
    return Scorecard(transcript, CHECKLIST.id, results, score, passed, critical)


CARD_PASS = scorecard(
    CALL,
    result("project_attitude", P, 1, "greeting and offer of help at turn 0",
           ev(CALL_TURNS, 0, "greeting", "thank you for calling", 100.0)),
    result("seek_data", P, 2, "open probe at turn 2",
           ev(CALL_TURNS, 2, "open_probe", "what happened", 100.0)),
    result("supply_data", PA, 1, "information given, but jargon at turn 5",
           ev(CALL_TURNS, 4, "explain_step", "i am going to", 96.54),
           ev(CALL_TURNS, 5, "jargon", "rma", 100.0)),
    result("demonstrate_awareness", P, 1, "empathy at turn 3",
           ev(CALL_TURNS, 3, "empathy", "sorry to hear", 100.0),
           ev(CALL_TURNS, 3, "apology", "i am so sorry", 91.0),
           ev(CALL_TURNS, 1, None, None, 100.0)),
    result("close_and_thank", NA, 0, "call transferred before closing"),
)  # fmt: skip
CARD_FAIL = scorecard(
    CHAT,
    result("project_attitude", P, 1, "offer of help at turn 0",
           ev(CHAT_TURNS, 0, "offer_help", "how can i help", 100.0)),
    result("seek_data", F, 0, "no open probe before acting"),
    result("supply_data", P, 2, "relevant information at turn 3",
           ev(CHAT_TURNS, 3, "extra_info", "should arrive", 88.0)),
    result("demonstrate_awareness", F, 0, "dismissive at turn 5",
           ev(CHAT_TURNS, 5, "dismissive", "calm down", 100.0)),
    result("close_and_thank", PA, 0.5, "thanks without availability",
           ev(CHAT_TURNS, 7, "thanks", "thanks for contacting", 100.0)),
)  # fmt: skip
CARD_NA = scorecard(EMPTY, *(result(e.id, NA, 0, "no agent turns") for e in ELEMENTS))
CARDS = (CARD_PASS, CARD_FAIL, CARD_NA)

ERRORS = (
    LoadError("calls/broken.json", "expecting ',' delimiter", 3),
    LoadError("calls/empty.txt", "no turns found"),
)

CALL_CUES: tuple[tuple[CueHit, ...], ...] = (
    (CueHit("greeting", "thank you for calling"), CueHit("offer_help", "how can i help")),
    (CueHit("personal_need", "i have the flu"), CueHit("distress", "this is ridiculous", 92.44)),
    (CueHit("open_probe", "what happened"),),
    (CueHit("empathy", "sorry to hear"), CueHit("apology", "i am so sorry", 91.0)),
    (CueHit("explain_step", "i am going to"),),
    (CueHit("jargon", "rma"), CueHit("jargon", "wms")),
)
CHAT_CUES: tuple[tuple[CueHit, ...], ...] = (
    (CueHit("offer_help", "how can i help"),),
    (),
    (CueHit("closed_probe", "is that"),),
    (CueHit("extra_info", "should arrive"),),
    (CueHit("distress", "that is what you said"),),
    (CueHit("dismissive", "calm down"), CueHit("blame", "not my problem")),
    (),
    (CueHit("thanks", "thanks for contacting"),),
)
ANN_CALL = Annotation(CALL, CALL_CUES)
ANN_CHAT = Annotation(CHAT, CHAT_CUES)


class FlushCounter(io.StringIO):
    """A StringIO that counts its flushes (streaming writers flush per scorecard)."""

    def __init__(self) -> None:
        super().__init__()
        self.flushes = 0

    def flush(self) -> None:
        self.flushes += 1
        super().flush()
