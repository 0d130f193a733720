"""Properties over arbitrary input: nothing crashes, scores stay in range, output is stable."""

from __future__ import annotations

import contextlib
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcaudit.audit import score_transcript
from svcaudit.checklist import builtin_ids, load_checklist
from svcaudit.errors import InputError
from svcaudit.formats import READERS, read_text
from svcaudit.model import Role, Transcript, Turn
from svcaudit.report.records import scorecard_record

SETTINGS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
WORDS = st.sampled_from(
    [
        "thank",
        "you",
        "for",
        "calling",
        "sorry",
        "hello",
        "how",
        "can",
        "i",
        "help",
        "what",
        "happened",
        "is",
        "that",
        "right",
        "so",
        "you",
        "frustrated",
        "flu",
        "stolen",
        "hold",
        "please",
        "anything",
        "else",
        "bye",
        "policy",
        "can't",
        "calm",
        "down",
        "RMA",
        "?",
        ".",
        ",",
        "!",
        '"quoted"',
        "um",
        "uh",
        "—",
        "😀",
        ":smile:",
        "Ñandú",
        "12",
        "4411",
    ]
)
TEXT = st.one_of(st.text(max_size=200), st.lists(WORDS, max_size=40).map(" ".join))
ROLES = st.sampled_from(list(Role))


@st.composite
def transcripts(draw: st.DrawFn) -> Transcript:
    n = draw(st.integers(min_value=1, max_value=30))
    turns = []
    clock = 0.0
    for i in range(n):
        timed = draw(st.booleans())
        start = clock if timed else None
        clock += draw(st.floats(min_value=0, max_value=200, allow_nan=False))
        turns.append(Turn(i, draw(ROLES), draw(TEXT), start=start, end=clock if timed else None))
    return Transcript("prop", tuple(turns))


@SETTINGS
@given(text=st.text(max_size=2000), fmt=st.sampled_from(["auto", *READERS]))
def test_any_text_reads_or_is_an_input_error(text: str, fmt: str) -> None:
    try:
        found = read_text(text, "input.txt", input_format=fmt)
    except InputError as err:
        assert str(err).startswith("input.txt")
        assert "\n" not in err.message
        return
    for transcript in found:
        assert all(isinstance(t.text, str) for t in transcript.turns)


@SETTINGS
@given(
    obj=st.recursive(
        st.none() | st.booleans() | st.floats() | st.text(max_size=20) | st.integers(),
        lambda inner: (
            st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
        ),
        max_leaves=30,
    )
)
def test_any_json_reads_or_is_an_input_error(obj: object) -> None:
    with contextlib.suppress(InputError):
        read_text(json.dumps(obj), "input.json", input_format="auto")


@SETTINGS
@given(transcript=transcripts(), checklist=st.sampled_from(builtin_ids()))
def test_scores_stay_in_range_with_real_evidence_and_the_same_bytes(
    transcript: Transcript, checklist: str
) -> None:
    rules = load_checklist(checklist)
    card = score_transcript(transcript, rules)
    assert card.score is None or 0.0 <= card.score <= 100.0
    for result in card.results:
        assert result.outcome.reason
        assert 0.0 <= result.points <= result.max_points
        for evidence in result.outcome.evidence:
            assert 0 <= evidence.turn < len(transcript.turns)
            assert transcript.turns[evidence.turn].text == evidence.text
    again = score_transcript(transcript, rules)
    assert json.dumps(scorecard_record(card)) == json.dumps(scorecard_record(again))
