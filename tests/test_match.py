"""Normalisation details that decide whether a phrase counts."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from svcaudit import match
from svcaudit.match import normalise


def test_quoted_speech_is_marked() -> None:
    norm = normalise('He said "sorry" and hung up.')
    assert norm.quoted


def test_a_turn_wrapped_in_quotes_is_not_quoted_speech() -> None:
    """Some exports wrap every turn in quotation marks: that is the turn itself."""
    assert normalise('"Thank you for calling TechFlow, how can I help?"').quoted == ()


# The clause-mark pattern as it was written first (a branch opening with a look-behind);
# the module's form lets the engine skip to candidate characters and must match the same.
_CLAUSE_MARK_FIRST = re.compile(r"[,;]|:(?!\d)|(?<=\s)-{1,3}(?=\s)|-{2,3}|\u2014|\u2013(?=\s)")
_PIECES = st.sampled_from(
    [" ", "-", "--", "---", "----", ",", ";", ":", "1", "a", "\t", "\n", "\u2014", "\u2013",
     "'", "n't", "'s", "'re", " 're", "you", "ok"]
)  # fmt: skip


@settings(max_examples=2000, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_clause_marks_match_the_first_form(text: str) -> None:
    assert match._CLAUSE_MARK.sub(" , ", text) == _CLAUSE_MARK_FIRST.sub(" , ", text)


@settings(max_examples=500, deadline=None)
@given(st.lists(_PIECES, max_size=14).map("".join))
def test_detokenising_needs_an_apostrophe(text: str) -> None:
    if "'" not in text:
        assert match._DETOKENISE.sub(r"\1", text) == text
