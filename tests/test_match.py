"""Normalisation details that decide whether a phrase counts."""

from __future__ import annotations

from svcaudit.match import normalise


def test_quoted_speech_is_marked() -> None:
    norm = normalise('He said "sorry" and hung up.')
    assert norm.quoted


def test_a_turn_wrapped_in_quotes_is_not_quoted_speech() -> None:
    """Some exports wrap every turn in quotation marks: that is the turn itself."""
    assert normalise('"Thank you for calling TechFlow, how can I help?"').quoted == ()
