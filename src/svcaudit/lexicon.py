"""Phrase matching: the phrases and patterns of every cue, matched against one turn in one pass.

A :class:`Lexicon` holds the phrases and regular-expression patterns of every
cue. ``Lexicon.find`` matches them all against one normalised turn: an
inverted index of phrase words picks candidates, an exact substring test
settles most of them, and rapidfuzz's ``partial_ratio`` is tried only on
phrases long enough and close enough to be a typo or a speech-recognition
error of the turn text. Import it as ``svcaudit.match.Lexicon``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from rapidfuzz import fuzz

from svcaudit import match


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
    words: frozenset[str]
    fuzzy: bool


class Lexicon:
    """Phrases and patterns, by key, compiled once and matched in one pass per turn."""

    def __init__(
        self,
        phrases: Mapping[str, Iterable[str]],
        patterns: Mapping[str, Iterable[str]] | None = None,
        min_score: float = 90.0,
        fuzzy_min_chars: int = 12,
    ) -> None:
        self.min_score = min_score
        self._phrases: list[_Phrase] = []
        self._index: dict[str, list[int]] = {}
        for key, items in phrases.items():
            for item in items:
                words = match.normalise(item).words
                if not words:
                    continue
                text = " ".join(words)
                self._add(_Phrase(key, text, frozenset(words), len(text) >= fuzzy_min_chars))
        self._patterns = {
            key: re.compile("|".join(f"(?:{p})" for p in items))
            for key, items in (patterns or {}).items()
            if items
        }

    def _add(self, phrase: _Phrase) -> None:
        pid = len(self._phrases)
        self._phrases.append(phrase)
        for word in phrase.words:
            self._index.setdefault(word, []).append(pid)

    def find(self, norm: match.Norm, keys: Iterable[str] | None = None) -> list[Match]:
        """Every phrase and pattern match in ``norm`` (restricted to ``keys`` if given)."""
        wanted = set(keys) if keys is not None else None
        text = norm.text
        out = self._find_phrases(norm, text, wanted)
        for key, regex in self._patterns.items():
            if wanted is not None and key not in wanted:
                continue
            for m in regex.finditer(text):
                out.append(Match(key, m.group(0).strip(), 100.0, m.start(), m.end()))
        return out

    def _find_phrases(self, norm: match.Norm, text: str, wanted: set[str] | None) -> list[Match]:
        counts: Counter[int] = Counter()
        for word in set(norm.tokens):
            counts.update(self._index.get(word, ()))
        out: list[Match] = []
        for pid, hits in counts.items():
            phrase = self._phrases[pid]
            if wanted is not None and phrase.key not in wanted:
                continue
            if hits == len(phrase.words):
                pos = text.find(" " + phrase.text + " ")
                if pos >= 0:
                    out.append(Match(phrase.key, phrase.text, 100.0, pos, pos + len(phrase.text)))
                    continue
            if phrase.fuzzy and hits * 2 >= len(phrase.words):
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
