"""Which patterns can match a text: a literal prefilter in front of many regular expressions.

:func:`needs` reads, from a pattern's parse tree, literal text that every match must
contain ("sorry" in ``' (?:i am|we are) (?:so )?sorry'``), preferring rare whole words.
:class:`Alternations` matches named lists of patterns, each as its alternation, with
exactly the matches ``re.finditer`` gives, but tries only the patterns whose literals the
text has: in a turn of twenty words, most of the cue patterns cannot match, and a set
lookup per word says which. The cue lexicon runs its patterns through it
(:class:`svcaudit.lexicon.Lexicon`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Set
from typing import Any, NamedTuple

from svcaudit.patterns import REPEATS, parse, sre_constants, sre_parse


class Needs(NamedTuple):
    """What every match of a pattern needs in a text of words joined by single spaces:
    one of ``words`` as a whole word, or one of ``parts`` as a substring."""

    words: frozenset[str]
    parts: frozenset[str]


def needs(pattern: str, common: Set[str] = frozenset()) -> Needs | None:
    """The literals one of which every match of ``pattern`` contains; None when it has none
    worth testing, or may match the empty string (then it must always be tried).

    Sound by construction: a literal is taken only from what every match runs through
    (literal characters in sequence, mandatory groups and repeats, every branch of an
    alternation); classes, optional parts, look-arounds, back-references and parts with
    their own flags give nothing. ``common`` words (said in most turns) are avoided.
    """
    found = requirements(pattern, common, 1)
    return found[0] if found else None


def requirements(pattern: str, common: Set[str] = frozenset(), limit: int = 3) -> list[Needs]:
    """Up to ``limit`` of the pattern's requirements, each a `Needs` that every match meets,
    the one least likely to be met by chance first: a text must meet all of them. Empty
    when :func:`needs` is None. A second and third requirement ("you" and "upset") rule out
    about half of the patterns that the best one alone lets through."""
    try:
        parsed = parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return []
    if parsed.state.flags & (re.IGNORECASE | re.VERBOSE) or parsed.getwidth()[0] == 0:
        return []
    scored = sorted(
        (_chance(req, common), len(req), sorted(req)) for req in _required(parsed, common)
    )
    out: list[Needs] = []
    for chance, _, best in scored:
        if chance >= 1.0 or len(out) == limit:
            break
        found = _needs(frozenset(best), common)
        if found not in out:
            out.append(found)
    return out


def _needs(best: frozenset[str], common: Set[str]) -> Needs:
    """A requirement (literals, any one of which will do) as whole words and fragments."""
    words: set[str] = set()
    parts: set[str] = set()
    for literal in best:
        inside = _whole_words(literal)
        if inside:
            words.add(max(inside, key=lambda w: (w not in common, len(w), w)))
        else:
            parts.add(literal)
    return Needs(frozenset(words), frozenset(parts))


def has_references(pattern: str) -> bool:
    """Does ``pattern`` refer back to a group (whose number depends on its neighbours)?"""
    if not _MAY_REFER.search(pattern):
        return False  # no "\\1", "(?P=name)" or "(?(1)...)" written: nothing to walk
    try:
        return _refers(parse(pattern))
    except (re.error, RecursionError, OverflowError):
        return True


def _may_be_empty(pattern: str) -> bool:
    try:
        return bool(parse(pattern).getwidth()[0] == 0)
    except (re.error, RecursionError, OverflowError):
        return True


def _refers(node: Any) -> bool:
    """A back-reference anywhere in a parse tree (every nested argument is searched)."""
    if isinstance(node, sre_parse.SubPattern):
        return any(_refers(item) for item in node.data)
    if isinstance(node, (list, tuple)):
        if len(node) == 2 and node[0] in _REFERENCES:
            return True
        return any(_refers(item) for item in node)
    return False


_REFERENCES = (sre_constants.GROUPREF, sre_constants.GROUPREF_EXISTS)
# how a back-reference is written (a numbered one, a named one, a conditional); a pattern
# without any of these has none
_MAY_REFER = re.compile(r"\\[1-9]|\(\?P=|\(\?\(")


def _whole_words(literal: str) -> list[str]:
    """The words of ``literal`` with a space on both sides, inside it."""
    return [w for w in literal.split(" ")[1:-1] if w]


def _required(
    items: Any, common: Set[str], left: str = "", right: str = ""
) -> list[frozenset[str]]:
    """What a sequence needs: a list of requirements, each met by any one of its literals.

    ``left`` and ``right``: the literal character just before and after the sequence, when
    its parent has one there (so that "billing" in " (?:billing|accounts) " is a whole word).
    """
    out: list[frozenset[str]] = []
    run: list[str] = []
    last = len(items) - 1
    for i, (op, arg) in enumerate(items):
        if op is sre_constants.LITERAL:
            run.append((left if i == len(run) == 0 else "") + chr(arg))
            if i == last:
                run.append(right)
            continue
        if run:
            out.append(frozenset({"".join(run)}))
            run = []
        before = _char(items[i - 1]) if i else left
        after = _char(items[i + 1]) if i < last else right
        if op is sre_constants.SUBPATTERN and not arg[1] and not arg[2]:  # no scoped flags
            out.extend(_required(arg[-1], common, before, after))
        elif op in REPEATS and arg[0] >= 1:
            out.extend(_required(arg[2], common))
        elif op is sre_constants.BRANCH:
            alternatives = [
                _best(_required(branch, common, before, after), common) for branch in arg[1]
            ]
            if all(alt is not None for alt in alternatives):
                out.append(frozenset().union(*alternatives))  # type: ignore[arg-type]
    if run:
        out.append(frozenset({"".join(run)}))
    return out


def _char(item: Any) -> str:
    op, arg = item
    return chr(arg) if op is sre_constants.LITERAL else ""


def _best(required: list[frozenset[str]], common: Set[str]) -> frozenset[str] | None:
    """The requirement least likely to be met by chance (then the fewest literals to test);
    None if none is worth testing."""
    scored = [(_chance(req, common), len(req), sorted(req)) for req in required]
    chance, _, best = min(scored, default=(1.0, 0, []))
    return frozenset(best) if chance < 1.0 else None


def _chance(requirement: frozenset[str], common: Set[str]) -> float:
    """A rough chance that a turn has one of the literals: common words and short
    fragments are in many turns, spaces and punctuation in all."""
    missed = 1.0
    for literal in requirement:
        if not any(c.isalnum() for c in literal):
            return 1.0
        inside = _whole_words(literal)
        if inside:
            rare = any(w not in common and len(w) > 2 for w in inside)
            missed *= 0.99 if rare else 0.7
        else:
            missed *= 0.98 if len(literal.strip()) >= 4 else 0.8
    return min(1.0 - missed, 0.999)


REQUIREMENTS = 3  # how many of a pattern's requirements the prefilter tests


class Alternations:
    """Named lists of patterns, each list matched as its alternation ``(?:p1)|(?:p2)|...``,
    giving the same matches as ``re.finditer`` over that alternation; but only the
    patterns whose needed words (:func:`needs`) a text has are tried.

    A pattern that cannot match anywhere in the text never wins at any position, so the
    alternation of the others gives the same matches; those are merged from each one's
    own searches (leftmost first, then the earliest pattern, each search resumed where
    the last match ended), which is how ``finditer`` walks the alternation. Lists with a
    back-reference, or a pattern that can match the empty string, are always matched whole.

    Which patterns a text may match is a bit set: the bits of each of its words (which
    needed words and one-word fragments it has, worked out once per distinct word) and
    of the fragments of several words it contains. Each pattern has a bit for each of up
    to ``REQUIREMENTS`` requirements (:func:`requirements`); it is tried only when the
    text meets all of them.
    """

    def __init__(
        self,
        named: Mapping[str, Iterable[str]],
        combine: Callable[[list[str]], re.Pattern[str]],
        common: Set[str] = frozenset(),
    ) -> None:
        self.whole = {key: combine(list(items)) for key, items in named.items() if items}
        self._alone: list[re.Pattern[str]] = []  # every pattern, by its bit
        self._bits: dict[str, tuple[int, int, int]] = {}  # key -> (first bit, all, always)
        self._fragments: dict[str, int] = {}  # literal within one word -> bits
        self._spanning: dict[str, int] = {}  # literal across words -> bits
        marks: list[tuple[int, int, Needs]] = []  # (requirement k, pattern, its literals)
        for key in self.whole:
            items = list(named[key])
            found = [requirements(p, common, REQUIREMENTS) for p in items]
            if any(has_references(p) or _may_be_empty(p) for p in items):
                found = [[] for _ in items]  # matched whole, always
            first, always = len(self._alone), 0
            for item, reqs in zip(items, found, strict=True):
                index = len(self._alone)
                self._alone.append(re.compile(item))
                if not reqs:
                    always |= 1 << index
                marks += [(k, index, need) for k, need in enumerate(reqs)]
            every = ((1 << len(self._alone)) - 1) ^ ((1 << first) - 1)
            self._bits[key] = (first, every, always)
        # the bit of pattern p for its requirement k is p + k * width; a pattern with fewer
        # requirements has the ones it lacks met (``_met``)
        self._width = width = len(self._alone)
        self._met = [((1 << width) - 1) for _ in range(REQUIREMENTS)]
        for k, index, need in marks:
            bit = 1 << (index + k * width)
            self._met[k] &= ~(1 << index)
            for word in need.words:
                self._add(self._fragments, f" {word} ", bit)
            for part in need.parts:
                self._add(self._spanning if " " in part.strip(" ") else self._fragments,
                          part, bit)  # fmt: skip
        self._by_word: dict[str, int] = {}
        # fragments by their first three characters, to find those in a word quickly
        self._short = [(f, bits) for f, bits in self._fragments.items() if len(f) < 3]
        self._by_trigram: dict[str, list[tuple[str, int]]] = {}
        for fragment, bits in self._fragments.items():
            if len(fragment) >= 3:
                self._by_trigram.setdefault(fragment[:3], []).append((fragment, bits))

    @staticmethod
    def _add(index: dict[str, int], literal: str, bit: int) -> None:
        index[literal] = index.get(literal, 0) | bit

    def _word_bits(self, word: str) -> int:
        """The patterns one of whose needs lies within `` word `` (remembered)."""
        bits = self._by_word.get(word)
        if bits is None:
            padded = f" {word} "
            bits = 0
            for fragment, more in self._short:
                if fragment in padded:
                    bits |= more
            for i in range(len(padded) - 2):  # a fragment found starts with one of these
                for fragment, more in self._by_trigram.get(padded[i : i + 3], ()):
                    if fragment in padded:
                        bits |= more
            if len(self._by_word) >= 65_536:
                self._by_word.clear()  # bounded: same footprint for any batch
            self._by_word[word] = bits
        return bits

    def finditer(
        self, words: Iterable[str], text: str, wanted: Set[str] | None = None
    ) -> Iterator[tuple[str, re.Match[str]]]:
        """(name, match) of each list in turn, in its own match order; ``words``: the words of
        ``text``, a text of words each with one space before and after."""
        if wanted is not None and len(wanted) <= 2:  # one or two lists: not worth the sifting
            for key, whole in self.whole.items():
                if key in wanted:
                    for m in whole.finditer(text):
                        yield key, m
            return
        live = 0
        known = self._by_word.get
        for word in words:
            bits = known(word)
            live |= self._word_bits(word) if bits is None else bits
        for literal, bits in self._spanning.items():
            if literal in text:
                live |= bits
        width = self._width
        mask = (1 << width) - 1
        met = live & mask  # the patterns whose first requirement the text meets ...
        for k in range(1, len(self._met)):  # ... and each of their others
            met &= ((live >> (k * width)) & mask) | self._met[k]
        live = met
        for key, whole in self.whole.items():
            if wanted is not None and key not in wanted:
                continue
            first, every, always = self._bits[key]
            chosen = (live & every) | always
            if chosen == every:
                found: Iterable[re.Match[str]] = whole.finditer(text)
            elif chosen:
                found = _merged(self._chosen(chosen, first), text)
            else:
                continue  # none of its patterns can match
            for m in found:
                yield key, m

    def _chosen(self, bits: int, first: int) -> list[re.Pattern[str]]:
        """The patterns of ``bits`` (which start at bit ``first``), in their order."""
        bits >>= first
        out = []
        while bits:
            low = bits & -bits
            out.append(self._alone[first + low.bit_length() - 1])
            bits ^= low
        return out


def _merged(patterns: list[re.Pattern[str]], text: str) -> Iterator[re.Match[str]]:
    """``finditer`` of the alternation of ``patterns`` (none matching the empty string)."""
    if len(patterns) == 1:
        yield from patterns[0].finditer(text)
        return
    heads = [p.search(text) for p in patterns]
    while True:
        best = None
        for m in heads:
            if m is not None and (best is None or m.start() < best.start()):
                best = m
        if best is None:
            return
        yield best
        end = best.end()
        for k, m in enumerate(heads):
            if m is not None and m.start() < end:
                heads[k] = patterns[k].search(text, end)
