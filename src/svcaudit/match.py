"""Normalisation and phrase matching: each turn is normalised once, here.

``normalise`` turns raw speech or chat text into a :class:`Norm`: casefolded
words with contractions expanded, fillers and stutters removed, tokenised
transcripts ("you 're welcome .") rejoined, chat emoji codes dropped, and the
sentence boundaries kept as ``.``, ``?`` and ``!`` tokens.

A :class:`Lexicon` holds the phrases and regular-expression patterns of every
cue. ``Lexicon.find`` matches them all against one turn in a single pass: an
inverted index of phrase words picks candidates, an exact substring test
settles most of them, and rapidfuzz's ``partial_ratio`` is tried only on
phrases long enough and close enough to be a typo or a speech-recognition
error of the turn text.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any

import yaml

from svcaudit.shapes import DIGITS, digit_blind, shape

BOUNDARIES = frozenset({".", "?", "!"})

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"', "`": "'"})
_EMOJI_CODE = re.compile(r":[a-z0-9_+\-]{2,30}:")
_DETOKENISE = re.compile(r"\s+(n't|'s|'re|'ve|'ll|'d|'m)\b", re.IGNORECASE)
_BRACKETED = re.compile(r"\[[^\]]{0,40}\]|<[^>]{0,40}>")  # [laughter], <unk>, [inaudible]
_DIGIT = re.compile("[0-9]")
_TOKEN = re.compile(r"[a-z0-9]+(?:['\-][a-z0-9]+)*|[.?!,]")
# every branch opens with a literal character, so the engine skips to those characters
# (a branch opening with a look-behind made it try each position): "-(?<=\s-)-{0,2}" is
# "(?<=\s)-{1,3}", the look-behind moved past the first dash
_CLAUSE_MARK = re.compile(r"[,;]|:(?!\d)|-(?<=\s-)-{0,2}(?=\s)|-{2,3}|\u2014|\u2013(?=\s)")
COMMA = ","
_QUOTED = re.compile(r'"[^"]{1,200}"')


@lru_cache(maxsize=1)
def rules() -> Mapping[str, Any]:
    """The normalisation tables of ``lexicons/normalise.yaml`` (loaded once)."""
    text = resources.files("svcaudit").joinpath("lexicons/normalise.yaml").read_text("utf-8")
    return yaml.safe_load(text)


@dataclass(frozen=True, slots=True)
class Sentence:
    tokens: tuple[str, ...]
    question: bool  # ended with a question mark
    ended: bool = False  # ended with any sentence punctuation
    breaks: tuple[int, ...] = ()  # token indices where a clause starts after a comma or dash

    @property
    def text(self) -> str:
        return " ".join(self.tokens)

    @property
    def clauses(self) -> tuple[tuple[str, ...], ...]:
        """The sentence cut at its commas, semicolons and dashes."""
        if not self.breaks:
            return (self.tokens,)
        edges = (0, *self.breaks, len(self.tokens))
        return tuple(self.tokens[a:b] for a, b in pairwise(edges) if b > a)


@dataclass(frozen=True, slots=True)
class Norm:
    """A normalised turn. ``text`` is ``tokens`` joined by spaces, padded by one space;
    ``words`` the tokens without sentence punctuation (both made once, read many times)."""

    raw: str
    tokens: tuple[str, ...]
    sentences: tuple[Sentence, ...]
    punctuated: bool  # the raw text had sentence punctuation
    quoted: tuple[tuple[int, int], ...] = ()  # character spans of quoted speech in ``text``
    text: str = field(init=False, repr=False, compare=False)
    words: tuple[str, ...] = field(init=False, repr=False, compare=False)
    # ``text`` with its digits as "0" (:mod:`svcaudit.shapes`); ``text`` itself if it has none
    shape: str = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        text = " " + " ".join(self.tokens) + " "
        object.__setattr__(self, "text", text)
        object.__setattr__(self, "words", tuple(t for t in self.tokens if t not in BOUNDARIES))
        object.__setattr__(self, "shape", shape(text))


# The bound of every text cache (normalisation, matches, a turn's cues, sentence forms,
# paraphrase plans): each holds at most this many entries, then starts afresh, so memory
# stays flat however many transcripts a batch has (bench/PERFORMANCE.md has the figures).
CACHE_SIZE = 16_384


@lru_cache(maxsize=CACHE_SIZE)
def normalise(raw: str) -> Norm:
    """Normalise one turn's text (see the module docstring).

    A text that differs from one seen before only in its digits is normalised from that
    one's shape (:mod:`svcaudit.shapes`) and given its own digits back (:func:`_redigit`)."""
    if raw.isascii() and '"' not in raw and _digit_blind():
        key = shape(raw)
        if key is not raw:
            norm = _by_shape(key, raw)
            if norm is not None:
                return norm
    return _normalise(raw)


_ONCE = object()  # a shape seen once: its normalisation is made the second time
_UNFIT = object()  # a shape whose normalisation drops a digit: normalise each text itself
_SHAPES: dict[str, Any] = {}  # shape -> _ONCE, _UNFIT or its Norm


def _by_shape(key: str, raw: str) -> Norm | None:
    """``raw`` normalised from its shape ``key`` (None: normalise it itself).

    A shape is normalised only when a second text of it comes: most texts of real
    conversations that have digits have them alone (in the accuracy corpora, 69 of 6,845),
    and normalising their shape as well would only double the work."""
    found = _SHAPES.get(key)
    if found is None or found is _UNFIT:
        if found is None:
            if len(_SHAPES) >= CACHE_SIZE:
                _SHAPES.clear()  # bounded: same footprint for any batch
            _SHAPES[key] = _ONCE
        return None
    if found is _ONCE:
        found = _normalise(key)
        if found.text.count("0") != key.count("0"):
            _SHAPES[key] = _UNFIT  # a digit dropped: no text of this shape can be redone
            return None
        _SHAPES[key] = found
    return _redigit(found, raw)


def _redigit(norm: Norm, raw: str) -> Norm | None:
    """The normalisation of ``raw`` from that of its shape, ``norm``; None unless every digit
    of ``raw`` survived into ``norm``.

    Normalisation treats all digits alike (its patterns are digit-blind and its word tables
    hold no digit) but in two places: a hyphenated part repeated by the next one and a
    token repeated by the next one are dropped ("12-123", "1234 1234"). Dropping compares
    shapes, and equal texts have equal shapes, so the real text drops nothing its shape
    keeps: when the shape kept every digit, the real text kept the same tokens, and its
    digits, in the same order, are those of ``raw``."""
    digits = _DIGIT.findall(raw)
    pieces = norm.text.split("0")
    if len(pieces) != len(digits) + 1 or not norm.tokens:
        return None  # a digit was dropped (a stutter, a bracket, an emoji code)
    pairs = zip(pieces[:-1], digits, strict=True)
    text = "".join([part for pair in pairs for part in pair] + pieces[-1:])
    tokens = tuple(text[1:-1].split(" "))
    words = [t for t in tokens if t not in BOUNDARIES]
    sentences = []
    start = 0
    for s in norm.sentences:
        end = start + len(s.tokens)
        sentences.append(Sentence(tuple(words[start:end]), s.question, s.ended, s.breaks))
        start = end
    return Norm(raw, tokens, tuple(sentences), norm.punctuated)


def _normalise(raw: str) -> Norm:
    text = unicodedata.normalize("NFKC", raw).translate(_QUOTES).casefold()
    text = _BRACKETED.sub(" ", _EMOJI_CODE.sub(" ", text))
    if "'" in text:  # every contraction it rejoins has an apostrophe
        text = _DETOKENISE.sub(r"\1", text)
    punctuated = any(ch in text for ch in ".?!")
    quotes = [m.span() for m in _QUOTED.finditer(text)]
    if len(quotes) == 1 and quotes[0][1] - quotes[0][0] >= len(text.strip()) - 2:
        quotes = []  # the whole turn in quotes is the turn itself, as some exports write it
    marked = _drop_fillers(_expand(_TOKEN.findall(_CLAUSE_MARK.sub(" , ", text))))
    tokens = tuple(t for t in marked if t != COMMA)
    norm = Norm(raw, tokens, _sentences(marked), punctuated)
    if quotes:
        norm = _with_quotes(norm, text, quotes)
    return norm


@lru_cache(maxsize=1)
def _digit_blind() -> bool:
    """Normalisation cannot tell digits apart (but by repetition, see :func:`_redigit`): its
    patterns are digit-blind and its word tables hold no digit."""
    patterns = (_EMOJI_CODE, _DETOKENISE, _BRACKETED, _TOKEN, _CLAUSE_MARK, _QUOTED)
    words = [rules(), sorted(_fillers()), sorted(_REPEATED | _KEEP_DOUBLE)]
    return all(digit_blind(p.pattern) for p in patterns) and not any(
        c in DIGITS for c in repr(words)
    )


def _expand(tokens: Iterable[str]) -> list[str]:
    table = rules()
    whole, stems, suffixes = table["contractions"], table["n't-stems"], table["suffixes"]
    fillers = _fillers()
    out: list[str] = []
    for tok in tokens:
        if "-" in tok and tok not in fillers:
            out.extend(_expand(_unstutter(tok.split("-"))))
        elif tok in whole:
            out.extend(whole[tok].split())
        elif tok.endswith("n't"):
            out.extend((stems.get(tok[:-3], tok[:-3]), "not"))
        elif "'" in tok and (suffix := tok[tok.index("'") :]) in suffixes:
            stem = tok[: tok.index("'")]
            out.append(stem)
            if suffix != "'s" or stem in table["pronouns"]:
                out.append(suffixes[suffix])
        else:
            out.append(tok)
    return out


@lru_cache(maxsize=1)
def _fillers() -> frozenset[str]:
    return frozenset(rules()["fillers"])


def _unstutter(parts: Sequence[str]) -> list[str]:
    """Hyphenated parts: "wh-what" -> "what", "i-i-it" -> "it", "check-in" -> "check in"."""
    out: list[str] = []
    for i, part in enumerate(parts):
        if not part:
            continue
        nxt = parts[i + 1] if i + 1 < len(parts) else ""
        if nxt and nxt.startswith(part) and part not in _REPEATED:
            continue  # a false start repeated by the next part
        out.append(part)
    return out


_REPEATED = frozenset({"bye", "no", "very"})
_KEEP_DOUBLE = frozenset({"very", "bye", "no"})


def _drop_fillers(tokens: Sequence[str]) -> list[str]:
    fillers = _fillers()
    out: list[str] = []
    for tok in tokens:
        if tok in fillers:
            continue
        if out and tok == out[-1] and tok not in BOUNDARIES and tok not in _KEEP_DOUBLE:
            continue  # stutter / false start: "i i think"; also doubled commas
        if tok in BOUNDARIES and (not out or out[-1] in BOUNDARIES or out[-1] == COMMA):
            if out and out[-1] == COMMA:
                out[-1] = tok
            elif out and tok == "?":
                out[-1] = "?"
            continue
        if tok == COMMA and (not out or out[-1] in BOUNDARIES):
            continue
        out.append(tok)
    return out


def _sentences(tokens: Sequence[str]) -> tuple[Sentence, ...]:
    out: list[Sentence] = []
    current: list[str] = []
    breaks: list[int] = []
    for tok in tokens:
        if tok in BOUNDARIES:
            if current:
                out.append(Sentence(tuple(current), tok == "?", True, tuple(breaks)))
            current, breaks = [], []
        elif tok == COMMA:
            if current and (not breaks or breaks[-1] != len(current)):
                breaks.append(len(current))
        else:
            current.append(tok)
    if current:
        out.append(
            Sentence(tuple(current), False, False, tuple(b for b in breaks if b < len(current)))
        )
    return tuple(out)


def _with_quotes(norm: Norm, text: str, spans: list[tuple[int, int]]) -> Norm:
    """Locate quoted stretches of the raw text in the normalised text."""
    found: list[tuple[int, int]] = []
    for start, end in spans:
        found_tokens = _drop_fillers(_expand(_TOKEN.findall(text[start + 1 : end - 1])))
        inner = " ".join(t for t in found_tokens if t != COMMA)
        pos = norm.text.find(" " + inner + " ") if inner else -1
        if pos >= 0:
            found.append((pos, pos + len(inner) + 2))
    return Norm(norm.raw, norm.tokens, norm.sentences, norm.punctuated, tuple(found))


# words that start a new clause: a negation before them does not reach past them
# ("it never came and i am so upset" is upset, not "never ... upset")
CONNECTORS = frozenset({"and", "but", "or", "so", "because", "although", "though", "while",
                        "whereas", "yet", "then", "since"})  # fmt: skip


def preceding_words(norm: Norm, pos: int, limit: int) -> list[str]:
    """Up to ``limit`` words before character ``pos`` of ``norm.text``, within its clause."""
    before = norm.text[:pos].split()
    out: list[str] = []
    for tok in reversed(before):
        if tok in BOUNDARIES or tok in CONNECTORS or len(out) >= limit:
            break
        out.append(tok)
    return out[::-1]


def in_quotes(norm: Norm, pos: int) -> bool:
    return any(start <= pos < end for start, end in norm.quoted)


# Re-exported: the phrase matcher lives in svcaudit.lexicon (it normalises with this module).
from svcaudit.lexicon import Lexicon, Match  # noqa: E402

__all__ = ["Lexicon", "Match", "Norm", "Sentence", "in_quotes", "normalise", "preceding_words"]
