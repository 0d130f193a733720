"""Digit shapes: results shared by turns that differ only in their digits must be exactly the
results of the real text (svcaudit.shapes; the shape-keyed caches of match and cues)."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcaudit import audit, match, shapes
from svcaudit.cues import CueModel, default_model
from svcaudit.model import Role

SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@pytest.mark.parametrize(
    "pattern",
    [r"p[0-9]", r"\d+", r"\w+ \W", r"[^0-9]", r"[a-z0-9_]", r"(?:\w+ ){0,3}x", r"\D", r".{2}",
     r"(?=\d)a", r"\bq\b", r"[^\s]"],
)  # fmt: skip
def test_patterns_that_treat_digits_alike_are_blind(pattern: str) -> None:
    assert shapes.digit_blind(pattern)


@pytest.mark.parametrize(
    "pattern",
    [r"24", r"within (?:24|48) hours", r"[1-5]", r"[^5]", r"(a)\1", r"(?=2)x", r"[0-8]",
     r"(?P<n>\d)(?P=n)", r"(a)?(?(1)b|c)", r"(", r"x{2}3"],
)  # fmt: skip
def test_patterns_that_name_a_digit_are_not(pattern: str) -> None:
    assert not shapes.digit_blind(pattern)


def test_shape_keeps_length_and_positions() -> None:
    assert shapes.shape("order 48213, 3rd time") == "order 00000, 0rd time"
    assert shapes.has_digit("no 0 here") and not shapes.has_digit("none here")


# Pieces that reach every digit hazard: repeated numbers ("1234 1234"), hyphenated false
# starts ("12-123"), brackets and emoji codes that drop digits, quotes, contractions, the
# default lexicon's digit phrases and patterns ("tier 2", "within 24 hours", "3rd time",
# "100 percent", "p1"), and a literal "24" inside "2400".
_DIGITS = st.sampled_from(["0", "1", "2", "3", "12", "24", "48", "100", "123", "1234", "2400",
                           "5", "99", "3rd", "2nd", "l2", "p1", "12th", "007"])  # fmt: skip
_WORDS = st.sampled_from(
    ["tier", "team", "l", "within", "hours", "hour", "percent", "feelings", "are", "valid",
     "this", "is", "the", "time", "times", "i", "have", "called", "order", "ticket", "status",
     "in", "p", "sorry", "you", "feel", "frustrated", "so", "thank", "for", "calling", "we",
     "will", "call", "back", "um", "uh", "not", "never", "said", "-", "--", ",", ".", "?", ":",
     "'", "'s", "n't", "[", "]", ":smile:", '"', "ok", "refund", "apologise", "inconvenience",
     "help", "hi", "bye", "very", "no", "Tier", "WITHIN", "my", "name", "is", "ana"]
)  # fmt: skip
_PIECE = st.one_of(_DIGITS, _WORDS)
_SEP = st.sampled_from([" ", " ", " ", "-", "", ", "])


@st.composite
def _template(draw: st.DrawFn) -> str:
    """A text with digits, as pieces and separators."""
    pieces = draw(st.lists(_PIECE, min_size=1, max_size=14))
    seps = draw(st.lists(_SEP, min_size=len(pieces), max_size=len(pieces)))
    return "".join(p + s for p, s in zip(pieces, seps, strict=True)).strip()


@st.composite
def _variants(draw: st.DrawFn) -> tuple[str, str]:
    """A text and another of the same shape (its digits drawn again)."""
    text = draw(_template())
    other = re.sub(r"\d", lambda _: draw(st.sampled_from("0123456789")), text)
    return text, other


def _fresh_norm(raw: str) -> match.Norm:
    return match._normalise(raw)


@SETTINGS
@given(pair=_variants())
def test_normalising_by_shape_is_normalising_the_text(pair: tuple[str, str]) -> None:
    for raw in pair:  # the second is normalised from the shape the first left in the cache
        got, want = match.normalise(raw), _fresh_norm(raw)
        assert got == want
        assert (got.text, got.words, got.shape) == (want.text, want.words, want.shape)
        assert [s.text for s in got.sentences] == [s.text for s in want.sentences]


def test_normalising_by_shape_keeps_this_texts_digits() -> None:
    match.normalise("your order 11111 is on its way, order 11111")
    norm = match.normalise("your order 12345 is on its way, order 67890")
    assert norm.tokens[2] == "12345" and norm.tokens[-1] == "67890"
    # repeated numbers are stutters only when they are the same number
    match.normalise("1234 1234 is the code")
    assert match.normalise("1234 5678 is the code").words[:2] == ("1234", "5678")
    match.normalise("go 12-123 now")
    assert match.normalise("go 12-456 now").words == ("go", "12", "456", "now")


def _adversarial_model() -> CueModel:
    """The default lexicon plus a team's own phrases and patterns that name digits: exact
    and fuzzy phrases with digits, literal digits, a digit range, a back-reference."""
    return audit._cue_model(
        (
            ("jargon", ("tier 2 escalation desk", "p1 incident", "ticket 2400 status",
                        "100 percent guaranteed refund"), (r" code [1-5]\b", r" (\d)\1 ")),
            ("commitment", ("within 24 hours guaranteed",), (r" by 2400 ", r" 24(?:00)? ")),
            ("apology", ("sorry for the 2 hour wait",), ()),
        )
    )  # fmt: skip


_MODELS = [default_model(), _adversarial_model()]


def _fresh_hits(model: CueModel, norm: match.Norm, role: Role, nth: int) -> tuple:
    settled: set[int] = set()
    found = model._turn_hits(norm, role, nth, settled, {})
    return found, settled


@SETTINGS
@given(pair=_variants(), which=st.integers(0, 1), nth=st.integers(0, 3))
def test_phrase_cues_by_shape_are_those_of_the_text(
    pair: tuple[str, str], which: int, nth: int
) -> None:
    model = _MODELS[which]
    for raw in pair:  # the second may be answered from what the first left by shape
        norm = match.normalise(raw)
        for role in (Role.AGENT, Role.CUSTOMER):
            settled: set[int] = set()
            got = model.turn_hits(norm, role, nth, settled)
            assert (got, settled) == _fresh_hits(model, norm, role, nth)


@pytest.mark.parametrize("which", [0, 1])
def test_phrase_cues_carry_this_turns_digits(which: int) -> None:
    """A pattern's phrase is the matched text: the second turn's hit quotes its own number."""
    model = _MODELS[which]
    texts = ["i can refund you 15 dollars today", "i can refund you 97 dollars today"]
    first, second = (model.turn_hits(match.normalise(t), Role.AGENT, 3) for t in texts)
    assert first.keys() == second.keys()
    for key in first:
        want = _fresh_hits(model, match.normalise(texts[1]), Role.AGENT, 3)[0][key]
        assert second[key] == want


def test_hazards_fall_back_to_the_text() -> None:
    """Texts where a phrase or pattern names digits are not shared by shape."""
    model = _adversarial_model()
    for raw in ["we will call you within 24 hours", "you are in tier 2 now", "ticket 2400 status",
                "code 3 please", "it is 11 here", "this is the 3rd time"]:  # fmt: skip
        norm = match.normalise(raw)
        assert not model._digit_blind(norm), raw
    assert model._digit_blind(match.normalise("your order 48213 ships today"))


_FORM_WORDS = st.sampled_from(
    ["is", "order", "the", "one", "how", "many", "what", "time", "do", "you", "can", "i",
     "would", "like", "right", "or", "anything", "so", "tell", "me", "about", "at", "pm",
     "am", "there", "are", "is", "it", "?", ".", ",", "hours", "much", "long", "which"]
)  # fmt: skip


@st.composite
def _question_variants(draw: st.DrawFn) -> tuple[str, str]:
    pieces = draw(st.lists(st.one_of(_DIGITS, _FORM_WORDS), min_size=1, max_size=12))
    text = " ".join(pieces)
    other = re.sub(r"\d", lambda _: draw(st.sampled_from("0123456789")), text)
    return text, other


@SETTINGS
@given(pair=_question_variants())
def test_question_forms_by_shape_are_those_of_the_sentence(pair: tuple[str, str]) -> None:
    forms = default_model().forms
    for raw in pair:  # the second may be answered from what the first left by shape
        for sentence in match.normalise(raw).sentences:
            assert forms.question(sentence) == forms._kind(sentence)


def test_back_references_are_judged_in_their_alternation() -> None:
    """Inside a cue's alternation a back-reference's group number shifts ("\\2" names the
    first group of its own pattern here, after a pattern with one group): the check must read
    the alternation the lexicon runs, not the pattern alone."""
    model = audit._cue_model((("commitment", (), (r" (call) ", r" (\d)(\d)\2 ")),))
    for raw in ["ref 121 ok", "ref 122 ok", "ref 123 ok", "ref 454 ok", "ref 999 ok"]:
        norm = match.normalise(raw)
        got = model.turn_hits(norm, Role.AGENT, 3)
        assert got == _fresh_hits(model, norm, Role.AGENT, 3)[0], raw
    assert "commitment" in model.turn_hits(match.normalise("ref 454 ok"), Role.AGENT, 3)
