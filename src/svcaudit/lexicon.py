"""Phrase matching: the phrases and patterns of every cue, matched against one turn in one pass.

A :class:`Lexicon` holds the phrases and regular-expression patterns of every
cue. ``Lexicon.find`` matches them all against one normalised turn: an
n-gram dictionary settles exact phrases, and rapidfuzz's ``partial_ratio`` is
tried only on phrases long enough and close enough to be a typo or a
speech-recognition error of the turn text. Import it as ``svcaudit.match.Lexicon``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from collections.abc import Set as AbstractSet
from dataclasses import dataclass

from rapidfuzz import fuzz, process

from svcaudit import match
from svcaudit.prefilter import REQUIREMENTS, Alternations, has_references, requirements
from svcaudit.shapes import digit_blind, has_digit, shape


@dataclass(frozen=True, slots=True)
class Match:
    """A phrase or pattern of ``key`` found in a turn at character ``pos`` of ``Norm.text``."""

    key: str
    phrase: str
    similarity: float
    pos: int
    end: int


@dataclass(frozen=True, slots=True)
class _Phrase:
    key: str
    text: str  # normalised, space-joined
    words: tuple[str, ...]
    fuzzy: bool
    wordset: frozenset[str] = frozenset()


class Lexicon:
    """Phrases and patterns, by key, compiled once and matched in one pass per turn.

    Exact phrases are found by looking up the turn's word n-grams in a dict,
    only for the lengths of phrases that start with each word. A phrase long
    enough to be misspelt is a fuzzy candidate when one of its two rarest words
    is in the turn, exactly one of its words is missing, and the turn has a word
    no phrase knows that resembles it (the typo); only those go to rapidfuzz.
    """

    def __init__(
        self,
        phrases: Mapping[str, Iterable[str]],
        patterns: Mapping[str, Iterable[str]] | None = None,
        min_score: float = 90.0,
        fuzzy_min_chars: int = 12,
        common: AbstractSet[str] = frozenset(),
    ) -> None:
        self.min_score = min_score
        self._phrases: list[_Phrase] = []
        self._ngrams: dict[tuple[str, ...], list[int]] = {}
        for key, items in phrases.items():
            for item in items:
                words = match.normalise(item).words
                if words:
                    text = " ".join(words)
                    fuzzy = len(text) >= fuzzy_min_chars
                    self._add(_Phrase(key, text, words, fuzzy, frozenset(words)))
        lengths: dict[str, set[int]] = {}
        for phrase in self._phrases:
            lengths.setdefault(phrase.words[0], set()).add(len(phrase.words))
        self._lengths = {word: tuple(sorted(ns)) for word, ns in lengths.items()}
        self._vocab = frozenset(w for p in self._phrases for w in p.words)
        self._rare = self._rare_index()
        self._cache: dict[tuple[str, frozenset[str] | None], list[Match]] = {}
        # each key's patterns, tried only when the turn has the words they need
        self._patterns = Alternations(patterns or {}, _compile, common)
        self._digits = _DigitParts(self._phrases, self._vocab, patterns or {}, common)

    def digit_blind(self, norm: match.Norm) -> bool:
        """Would ``find`` give the same matches (same keys, similarities and spans) on the
        shape of ``norm`` (:mod:`svcaudit.shapes`) and on any text of that shape that this
        also holds for? True when no phrase or pattern that names digits can be involved:
        see :class:`_DigitParts`."""
        return self._digits.blind(norm)

    def _add(self, phrase: _Phrase) -> None:
        self._ngrams.setdefault(phrase.words, []).append(len(self._phrases))
        self._phrases.append(phrase)

    def _rare_index(self) -> dict[str, list[int]]:
        """Fuzzy phrases (of two words or more) under their two rarest words."""
        freq = Counter(w for p in self._phrases for w in set(p.words))
        index: dict[str, list[int]] = {}
        for pid, phrase in enumerate(self._phrases):
            if phrase.fuzzy and len(phrase.words) > 1:
                for word in sorted(set(phrase.words), key=lambda w: (freq[w], w))[:2]:
                    index.setdefault(word, []).append(pid)
        return index

    def find(self, norm: match.Norm, keys: Iterable[str] | None = None) -> list[Match]:
        """Every phrase and pattern match in ``norm`` (restricted to ``keys`` if given).

        Results are cached by text: contact-centre turns repeat ("okay", "thank you",
        the company greeting), and the same text always gives the same matches.
        """
        wanted = frozenset(keys) if keys is not None else None
        cached = self._cache.get((norm.text, wanted))
        if cached is not None:
            return list(cached)
        found = self._find(norm, wanted)
        if len(self._cache) >= CACHE_SIZE:
            self._cache.clear()  # bounded: a batch of any size keeps the same footprint
        self._cache[(norm.text, wanted)] = found
        return list(found)

    def _find(self, norm: match.Norm, wanted: frozenset[str] | None) -> list[Match]:
        text = norm.text
        out, exact = self._exact(norm.tokens, wanted)
        out += self._fuzzy_all(norm, text, wanted, exact)
        for key, m in self._patterns.finditer(set(norm.tokens), text, wanted):
            out.append(Match(key, m.group(0).strip(), 100.0, m.start(), m.end()))
        return out

    def _exact(
        self, tokens: tuple[str, ...], wanted: set[str] | None
    ) -> tuple[list[Match], set[int]]:
        out: list[Match] = []
        found: set[int] = set()
        pos = 0  # the space before token i in Norm.text
        for i, token in enumerate(tokens):
            for n in self._lengths.get(token, ()):  # only phrases that start with this word
                if i + n > len(tokens):
                    break
                for pid in self._ngrams.get(tokens[i : i + n], ()):
                    phrase = self._phrases[pid]
                    if wanted is None or phrase.key in wanted:
                        out.append(
                            Match(phrase.key, phrase.text, 100.0, pos, pos + len(phrase.text) + 1)
                        )
                        found.add(pid)
            pos += len(token) + 1
        return out, found

    def _fuzzy_all(
        self, norm: match.Norm, text: str, wanted: set[str] | None, exact: set[int]
    ) -> list[Match]:
        present = set(norm.tokens)
        # a typo or a misheard word is a word no phrase has: without one, nothing is near
        unknown = [w for w in present if w not in self._vocab and len(w) > 2]
        if not unknown:
            return []
        candidates = {pid for word in present for pid in self._rare.get(word, ())}
        resembled: dict[str, bool] = {}  # each missing word checked once a turn
        out: list[Match] = []
        found = {self._phrases[pid].key for pid in exact}
        for pid in candidates - exact:
            phrase = self._phrases[pid]
            if (wanted is not None and phrase.key not in wanted) or phrase.key in found:
                continue  # a cue already matched exactly gains nothing from a near miss
            # it spoils one word of a phrase, not half of it, and looks like that word
            missing = phrase.wordset - present
            if len(missing) != 1:
                continue
            (word,) = missing
            if word not in resembled:
                resembled[word] = _resembles(word, unknown)
            if resembled[word]:
                out.extend(self._fuzzy(phrase, text))
        return out

    def _fuzzy(self, phrase: _Phrase, text: str) -> list[Match]:
        found = fuzz.partial_ratio_alignment(phrase.text, text, score_cutoff=self.min_score)
        if found is None or found.score >= 100.0:
            return []  # an exact hit inside a longer word is not a match
        start, end = found.dest_start, found.dest_end
        if not _on_word_edges(text, start, end):
            return []
        return [Match(phrase.key, phrase.text, round(found.score, 1), start, end)]


CACHE_SIZE = match.CACHE_SIZE  # distinct turn texts remembered per lexicon


class _DigitParts:
    """The phrases and patterns of a lexicon that can tell one digit from another, and the
    test that none of them is involved in a turn (then ``find`` cannot tell its digits apart).

    Everything else ``find`` does treats all digits alike: n-grams compare whole words
    without digits, rapidfuzz scores only which characters are equal (a digit never equals
    a letter of a phrase without digits), the prefilter looks for literals without digits,
    and digit-blind patterns (:func:`svcaudit.shapes.digit_blind`) find the same spans. The
    rest, proved absent per turn on its shape (equal texts have equal shapes):

    * a phrase with a digit as a whole n-gram (it could match exactly);
    * a word with a digit, of three characters or more, that a phrase has (it would not be
      an unknown word for the fuzzy gate);
    * a fuzzy phrase with a digit that shares a word with the turn (it could be near);
    * a pattern that is not digit-blind, matching the turn or its shape.
    """

    def __init__(
        self,
        phrases: list[_Phrase],
        vocab: AbstractSet[str],
        patterns: Mapping[str, Iterable[str]],
        common: AbstractSet[str],
    ) -> None:
        with_digits = [p for p in phrases if has_digit(p.text)]
        self.ngrams = [f" {shape(p.text)} " for p in with_digits]
        self.known = frozenset(shape(w) for w in vocab if has_digit(w) and len(w) > 2)
        self.fuzzy = [
            (frozenset(w for w in p.words if not has_digit(w)),
             frozenset(shape(w) for w in p.words if has_digit(w)))
            for p in with_digits if p.fuzzy
        ]  # fmt: skip
        # the patterns that are not digit-blind, each with what a text needs to match it
        # (prefilter.requirements: every one met by one of its literals, all as substrings);
        # a list with a back-reference is matched whole (its group numbers shift in the
        # alternation), so then its whole alternation must not match
        self.patterns: list[tuple[re.Pattern[str], list[tuple[str, ...]]]] = []
        for items in patterns.values():
            items = list(items)
            telling = [p for p in items if not digit_blind(p)]
            if telling and any(has_references(p) for p in items):
                self.patterns.append((_compile(items), []))
                continue
            for p in telling:
                needs = requirements(p, common, REQUIREMENTS)
                literals = [(*(f" {w} " for w in need.words), *need.parts) for need in needs]
                self.patterns.append((re.compile(p), literals))

    def blind(self, norm: match.Norm) -> bool:
        text = norm.shape
        if any(gram in text for gram in self.ngrams):
            return False
        if self.known or self.fuzzy:
            words = set(text.split())
            if not self.known.isdisjoint(words):
                return False
            for plain, digit_words in self.fuzzy:
                if not plain.isdisjoint(words) or not digit_words.isdisjoint(words):
                    return False
        for pattern, needs in self.patterns:
            for text in (norm.text, norm.shape):
                if all(any(lit in text for lit in need) for need in needs) and pattern.search(text):
                    return False
        return True


def _resembles(word: str, unknown: list[str]) -> bool:
    """Is one of the turn's unknown words a plausible misspelling of ``word``?

    ``fuzz.ratio(word, other) >= 60`` for some ``other``: one rapidfuzz call over the list
    (no processor, the same scorer and cut-off) instead of one Python-level call per word."""
    return process.extractOne(word, unknown, scorer=fuzz.ratio, score_cutoff=60) is not None


def _compile(items: list[str]) -> re.Pattern[str]:
    """One regular expression for a cue's patterns; a leading space shared by all is factored
    out, so that the engine skips quickly to the spaces of the text (word starts)."""
    if all(p.startswith(" ") for p in items):
        return re.compile(" (?:" + "|".join(f"(?:{p[1:]})" for p in items) + ")")
    return re.compile("|".join(f"(?:{p})" for p in items))


def _on_word_edges(text: str, start: int, end: int) -> bool:
    """A fuzzy hit must not start or end deep inside a word (allow one character)."""
    left = (
        start == 0
        or text[start - 1] == " "
        or text[start] == " "
        or text[start - 2 : start - 1] == " "
    )
    right = (
        end >= len(text)
        or text[end] == " "
        or text[end - 1] == " "
        or text[end + 1 : end + 2] == " "
    )
    return left and right
