"""The default checklist on a quick enquiry: hello, answer, goodbye is too short to judge probing."""

from __future__ import annotations

from svcaudit.audit import score_transcript
from svcaudit.model import Role, Transcript, Turn, Verdict

QUICK = (
    ("agent", "Hi there! How can I help?"),
    ("customer", "what time do you close today"),
    ("agent", "We're open until 8pm today. Anything else I can help with?"),
    ("customer", "no thanks"),
    ("agent", "You're welcome, have a lovely evening!"),
)
JUDGED = ("seek_data", "check_understanding", "extend_service", "emphasize_positive")


def _verdicts(turns) -> dict[str, Verdict]:
    t = Transcript("t", tuple(Turn(i, Role(s), text) for i, (s, text) in enumerate(turns)))
    return {r.element.id: r.outcome.verdict for r in score_transcript(t).results}


def test_a_quick_enquiry_leaves_probing_and_extras_na() -> None:
    verdicts = _verdicts(QUICK)
    assert all(verdicts[e] is Verdict.NA for e in JUDGED), verdicts
    assert verdicts["project_attitude"] is Verdict.PASS


def test_a_fourth_agent_turn_makes_them_judged() -> None:
    longer = (*QUICK[:4], ("customer", "actually, is parking free?"),
              ("agent", "Yes, for two hours."), ("customer", "great, bye"), QUICK[4])  # fmt: skip
    verdicts = _verdicts(longer)
    assert verdicts["seek_data"] is Verdict.FAIL  # four agent turns and not one question asked


def test_distress_makes_a_short_contact_judged() -> None:
    upset = (QUICK[0], ("customer", "This is the third time I've called about my refund!"),
             ("agent", "It will be processed. Anything else?"), QUICK[3], QUICK[4])  # fmt: skip
    assert _verdicts(upset)["demonstrate_awareness"] is Verdict.FAIL
