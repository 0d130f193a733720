"""The literal prefilter skips only patterns that cannot match: matches are those of the
whole alternation, on the cue lexicon and on patterns chosen to be awkward."""

from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from svcaudit.cues import default_model
from svcaudit.lexicon import _compile
from svcaudit.match import normalise
from svcaudit.prefilter import Alternations, has_references, needs, requirements

SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

AWKWARD = {
    "optional": [r" (?:i am|we are) (?:so )?sorry (?:to hear|that)", r" so(?:rry)?\b"],
    "classes": [r" [a-z]+ly sorry", r" bill\w* (?:is|was) wrong", r"\bthank (?:u|ya)\b"],
    "anchors": [r"^ (?:hi|hey) ", r" bye $", r"(?<= my) name is [a-z]+ "],
    "lookahead": [r" (?=sorry)sor", r" have a (?:good|great) day(?! off)"],
    "overlaps": [r" thank you", r" you for", r" thank you for calling", r" you "],
    "repeats": [r" (?:very )+ sorry", r" (?:so|really){1,3} upset", r" no{2,} "],
    "reference": [r" (\w+) \1 ", r" again"],
    "empty": [r"(?:x)?", r" sorry"],
}
WORDS = [
    "i",
    "am",
    "we",
    "are",
    "so",
    "sorry",
    "to",
    "hear",
    "that",
    "thank",
    "you",
    "for",
    "calling",
    "hi",
    "hey",
    "bye",
    "my",
    "name",
    "is",
    "ana",
    "very",
    "really",
    "upset",
    "no",
    "nooo",
    "bill",
    "billing",
    "was",
    "wrong",
    "kindly",
    "have",
    "a",
    "good",
    "great",
    "day",
    "off",
    "again",
    "ya",
    "u",
    "sorrowful",
    ",",
    ".",
    "?",
]


def _texts() -> st.SearchStrategy[str]:
    return st.lists(st.sampled_from(WORDS), max_size=14).map(lambda ws: normalise(" ".join(ws)))


def _same(alternations: Alternations, norm) -> None:
    text = norm.text
    whole = [(k, m.span()) for k, rx in alternations.whole.items() for m in rx.finditer(text)]
    fast = [(k, m.span()) for k, m in alternations.finditer(set(norm.tokens), text)]
    assert fast == whole


@SETTINGS
@given(norm=_texts())
def test_awkward_patterns_match_as_their_alternation(norm) -> None:
    _same(Alternations(AWKWARD, _compile), norm)


CUES = default_model().lexicon._patterns
CUE_WORDS = sorted({w for p in CUES.whole.values() for w in re.findall(r"[a-z]+", p.pattern)})


@SETTINGS
@given(words=st.lists(st.sampled_from(CUE_WORDS), min_size=1, max_size=20))
def test_cue_patterns_match_as_their_alternation(words: list[str]) -> None:
    _same(CUES, normalise(" ".join(words)))


def test_samples_match_as_their_alternation() -> None:
    from pathlib import Path

    from svcaudit.formats import read_transcripts
    from svcaudit.model import Transcript

    samples = Path(__file__).parents[1] / "sample_transcripts"
    for item in read_transcripts([str(samples)]):
        if isinstance(item, Transcript):
            for turn in item.turns:
                _same(CUES, normalise(turn.text))


def test_what_a_pattern_needs() -> None:
    assert needs(r" (?:billing|accounts) (?:is|are) down") == ({"billing", "accounts"}, set())
    assert needs(r" (?:so )?sorry ") == (set(), {"sorry "})  # a word ending in "sorry"
    assert needs(r"(?i) sorry ") is None  # case-insensitive: no literal to rely on
    assert needs(r"(?:x)?") is None  # may match nothing
    assert needs(r" [a-z]+ ") is None
    assert has_references(r" (\w+) \1 ") and not has_references(r" (\w+) again")


def test_a_pattern_has_several_requirements_the_rarest_first() -> None:
    found = requirements(r" (?:i am|we are) (?:so )?sorry to hear (?:that|about)")
    assert found[0] == needs(r" (?:i am|we are) (?:so )?sorry to hear (?:that|about)")
    assert found == [({"hear"}, set()), (set(), {" about", " that"}), ({"am", "are"}, set())]
    assert requirements(r"(?:x)?") == [] and requirements(r" [a-z]+ ") == []
    assert requirements(r" (?:so )?sorry ") == [(set(), {"sorry "})]


@SETTINGS
@given(norm=_texts())
def test_only_the_first_requirement_gives_the_same_matches(norm) -> None:
    """With one requirement a pattern, as before requirements were combined."""
    from svcaudit import prefilter

    saved = prefilter.REQUIREMENTS
    try:
        prefilter.REQUIREMENTS = 1
        one = Alternations(AWKWARD, _compile)
    finally:
        prefilter.REQUIREMENTS = saved
    text = norm.text
    assert list((k, m.span()) for k, m in one.finditer(set(norm.tokens), text)) == [
        (k, m.span()) for k, m in Alternations(AWKWARD, _compile).finditer(set(norm.tokens), text)
    ]
