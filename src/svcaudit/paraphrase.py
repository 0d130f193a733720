"""Paraphrase: the agent restates what the customer has said, in its own words.

A sentence of an agent turn is a paraphrase (a restatement or a reflection) when

* it carries a framing of restatement ("so what you're saying is", "it sounds
  like", "if i understand you", "in other words", "my sense is that you"); or
* it is a statement about the customer: the subject is the customer ("you",
  "your ...", "so you ...") with a verb of feeling, wanting, thinking or doing,
  not an instruction, a permission or a promise ("you will...", "you can...",
  "you need to..."); a statement carrying new facts (numbers, references) is
  information, not a restatement, unless it shares content with the customer; or
* it is a statement (or a statement said as a question) whose content words come
  mostly from the customer's recent turns, compared by crude stems ("worried" and
  "worry", "cancelled" and "cancel").

Questions that ask ("what...", "do you...") are not paraphrases; their framing
may be ("so you're saying it stopped, is that right?" is both).
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from functools import lru_cache
from typing import Any, NamedTuple

from svcaudit.forms import DETAILS, Forms, Prefixes, contains, starts
from svcaudit.match import BOUNDARIES, CACHE_SIZE, Norm, Sentence

_SUFFIXES = ("ingly", "ation", "ness", "ment", "ing", "ied", "ies", "ed", "es", "ly", "s", "e", "y")
_SELF = frozenset({"i", "we", "let", "please", "our", "my", "us", "here", "thank", "thanks"})


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """A crude stem: enough to pair "worried"/"worry", "cancelled"/"cancel", "booking"/"book"."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            break
    if len(word) > 3 and word[-1] == word[-2]:
        word = word[:-1]  # cancell -> cancel, stopp -> stop
    return word


class Said(NamedTuple):
    """Stems of the content words of the customer's recent turns."""

    words: frozenset[str]  # all of them
    stated: frozenset[str]  # those of sentences that were not questions


def combine(parts: Sequence[Said]) -> Said:
    """What several customer turns said, from what each said."""
    if len(parts) == 1:
        return parts[0]
    return Said(
        frozenset().union(*(p.words for p in parts)),
        frozenset().union(*(p.stated for p in parts)),
    )


class _Plan(NamedTuple):
    """What a sentence's restating depends on, besides the stems the customer said."""

    mine: tuple[str, ...]  # stems of the sentence's content words
    about: bool  # a statement about the customer, with a verb that reflects
    you_plain: bool  # starts with "you" and carries no facts
    fallback: str | None  # the answer when the first test fails (a clause, a summing "so")
    needed: int  # shared stems needed to count as restating
    head: str  # the first eight words, the evidence phrase


_UNSEEN = object()


class Paraphrase:
    """Restatement detection, configured from the ``forms`` section of the lexicon."""

    def __init__(self, config: Mapping[str, Any], forms: Forms) -> None:
        self.forms = forms
        self.framings = [" ".join(p.split()) for p in config["paraphrase_framings"]]
        self.reflect_verbs = frozenset(config["reflect_verbs"])
        self.not_paraphrase = Prefixes([tuple(p.split()) for p in config["not_paraphrase"]])
        self.valued = re.compile("|".join(f"(?:{p})" for p in config["paraphrase_patterns"]))
        self.stopwords = forms.stopwords
        self._plans: dict[tuple[Any, ...], _Plan | str | None] = {}
        self._stem_cache: dict[tuple[str, ...], frozenset[str]] = {}

    def said(self, norm: Norm) -> Said:
        """Stems of the content words of one customer turn: all of them, and those of what the
        customer stated (not asked); several turns are put together by ``combine``."""
        words = self._stems(norm.tokens)
        if not any(s.question for s in norm.sentences):
            return Said(words, words)
        stated = [self._stems(s.tokens) for s in norm.sentences if not s.question]
        return Said(words, frozenset().union(*stated))

    def _stems(self, tokens: tuple[str, ...]) -> frozenset[str]:
        """Stems of the content words of one customer turn (remembered: an agent's next few
        turns all read it)."""
        found = self._stem_cache.get(tokens)
        if found is None:
            if len(self._stem_cache) >= CACHE_SIZE:
                self._stem_cache.clear()  # bounded: same footprint for any batch
            found = self._stem_cache[tokens] = frozenset(
                stem(w) for w in tokens if w not in BOUNDARIES and w not in self.stopwords
                and len(w) > 2
            )  # fmt: skip
        return found

    def restates(
        self, sentence: Sentence, said: Said, asked: bool, checked: bool = False
    ) -> str | None:
        """The phrase that shows ``sentence`` restating the customer, or None.

        A statement about a thing ("booking was successful", "they have free parking") restates
        only what the customer stated: sharing the words of their question makes it an answer.
        ``checked``: the agent then asks whether it is right ("...? am I understanding
        correctly?"): a sentence about the customer sharing one of their words restates them.
        """
        plan = self._plan(sentence, asked)
        if not isinstance(plan, _Plan):
            return plan  # decided by the sentence alone
        personal = asked or plan.about or plan.you_plain or sentence.tokens[0] in _SUMS
        pool = said.words if personal or sentence.tokens[0] in _SECOND else said.stated
        shared = sum(1 for w in plan.mine if w in pool)
        # "your X is..." restates only what the customer said; otherwise it informs ("your
        # order is on its way"); "you feel / you have been..." reflects on its own
        if plan.about and (shared or plan.you_plain):
            return plan.head
        if plan.fallback is not None:
            return plan.fallback
        if checked and shared and (plan.about or plan.you_plain):
            return plan.head
        needed, mine = plan.needed, len(plan.mine)
        if shared >= needed and shared * 2 >= mine and mine >= 3 - needed:
            return plan.head
        return None

    def _plan(self, sentence: Sentence, asked: bool) -> _Plan | str | None:
        """What ``restates`` can decide from the sentence alone, remembered by its words: the
        answer, or a `_Plan` that the customer's words (the shared stems) complete."""
        key = (sentence.tokens, sentence.breaks, asked)
        plan = self._plans.get(key, _UNSEEN)
        if plan is _UNSEEN:
            if len(self._plans) >= CACHE_SIZE:
                self._plans.clear()  # bounded: same footprint for any batch
            plan = self._plans[key] = self._read(sentence, asked)
        return plan  # type: ignore[return-value]

    def _read(self, sentence: Sentence, asked: bool) -> _Plan | str | None:
        toks = self.forms.strip(sentence.tokens)
        if not toks:
            return None
        text = " " + " ".join(sentence.tokens) + " "
        framing = contains(text, self.framings)
        if framing:
            return framing  # also "what I hear you saying is..."
        if toks[0] in self.forms.wh:  # "when you drink, you are...": a later clause may restate
            return None if sentence.question else self._customer_clause(sentence)
        if not asked and (valued := self.valued.search(text)):
            return valued.group(0).strip()
        if toks[0] == "i" and (inner := self._stance_you(toks)):
            mine = tuple(stem(w) for w in inner if w not in self.stopwords and len(w) > 2)
            return _Plan(mine, True, False, None, 1, " ".join(inner[:8]))
        if starts(toks, self.not_paraphrase) or toks[0] in _SELF or toks[0] in _IF or _found(toks):
            return None
        if asked and len(toks) <= 4 and toks[-1] in DETAILS:
            return None  # "order number?", "and your postcode?": asks for a detail
        mine = tuple(stem(w) for w in toks if w not in self.stopwords and len(w) > 2)
        facts = _has_facts(toks)
        head = " ".join(toks[:8])
        fallback = None
        if not facts and (clause := self._customer_clause(sentence)):
            fallback = clause
        elif sentence.tokens[0] == "so" and len(mine) >= 2 and not facts:
            fallback = None if toks[0] in self.forms.aux else head  # "so, mostly weekends then"
        if facts and toks[0] not in _SECOND and sentence.tokens[0] != "so":
            return None  # "the phone number is 0122...": an answer, whatever words it shares
        needed = 1 if asked or len(toks) <= 6 else 2
        you_plain = toks[0] == "you" and not facts
        return _Plan(mine, self._about_customer(toks), you_plain, fallback, needed, head)

    def _stance_you(self, toks: Sequence[str]) -> Sequence[str] | None:
        """The customer's situation embedded after the agent's stance: "I'm sorry you were
        charged twice", "I understand that you have waited all week"."""
        for i in range(1, min(len(toks) - 2, 5)):
            if toks[i] in _STANCE:
                j = i + 2 if toks[i + 1] == "that" else i + 1
                inner = toks[j:]
                if len(inner) >= 3 and inner[0] == "you" and self._about_customer(inner):
                    return None if starts(inner, self.not_paraphrase) else inner
                return None
        return None

    def _customer_clause(self, sentence: Sentence) -> str | None:
        """A later clause about the customer: "..., because you are noticing it"."""
        for clause in sentence.clauses:
            toks = self.forms.strip(clause)
            while toks and toks[0] in _JOINS:
                toks = self.forms.strip(toks[1:])
            if len(toks) < 3 or toks[0] != "you" or starts(toks, self.not_paraphrase):
                continue
            if toks is not sentence.tokens and self._about_customer(toks):
                return " ".join(toks[:8])
        return None

    def _about_customer(self, toks: Sequence[str]) -> bool:
        """A statement whose subject is the customer, with a verb that reflects."""
        i = 0
        if toks[0] == "your" and len(toks) > 2:
            i = next((k for k in range(1, min(len(toks), 5)) if toks[k] in _VERBS), 0)
            return bool(i) and toks[i] not in {"will", "can", "should", "must", "need"}
        if toks[0] != "you" or len(toks) < 2:
            return False
        rest = toks[1:4]
        return any(w in self.reflect_verbs for w in rest) or rest[0] in _BE


_JOINS = frozenset({"because", "cause", "and", "but", "that", "since", "while", "where", "when"})
_BE = frozenset({"are", "were", "have", "had", "did", "do", "would", "seem", "sound"})
_VERBS = frozenset({"is", "was", "has", "had", "does", "did", "are", "were", "have", "seems"})


_EXIST = frozenset({"is", "are", "was", "were"})
_SECOND = frozenset({"you", "your", "yours"})
_SUMS = frozenset({"so", "sounds", "seems"})
_IF = frozenset({"if", "unless", "once"})  # a condition sets terms ("if it is not there by...")
_STANCE = frozenset({
    "sorry", "understand", "see", "hear", "gather", "appreciate", "realise", "realize", "know",
    "notice", "noticed",
})  # fmt: skip
_COUNTS = frozenset({
    "no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
    "twelve", "twenty", "thirty", "forty", "fifty", "hundred", "several", "many", "multiple",
    "plenty", "lots", "dozens", "numerous", "only", "just", "currently", "still",
})  # fmt: skip


def _found(toks: Sequence[str]) -> bool:
    """A search result ("there are 18 moderate hotels", "there is no train at ten") informs;
    echoing the customer's request in it is not restating what they said."""
    return (
        len(toks) > 2
        and toks[0] == "there"
        and toks[1] in _EXIST
        and (toks[2] in _COUNTS or any(c.isdigit() for c in toks[2]))
    )


def _has_facts(toks: Sequence[str]) -> bool:
    return any(any(c.isdigit() for c in t) for t in toks)
