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
from typing import Any

from svcaudit.forms import Forms, Prefixes, contains, starts
from svcaudit.match import Norm, Sentence

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


class Paraphrase:
    """Restatement detection, configured from the ``forms`` section of the lexicon."""

    def __init__(self, config: Mapping[str, Any], forms: Forms) -> None:
        self.forms = forms
        self.framings = [" ".join(p.split()) for p in config["paraphrase_framings"]]
        self.reflect_verbs = frozenset(config["reflect_verbs"])
        self.not_paraphrase = Prefixes([tuple(p.split()) for p in config["not_paraphrase"]])
        self.valued = re.compile("|".join(f"(?:{p})" for p in config["paraphrase_patterns"]))
        self.stopwords = forms.stopwords

    def context(self, customer: Sequence[Norm]) -> frozenset[str]:
        """Stems of the content words of the customer's recent turns."""
        return frozenset(
            stem(w) for n in customer for w in n.words if w not in self.stopwords and len(w) > 2
        )

    def restates(self, sentence: Sentence, said: frozenset[str], asked: bool) -> str | None:
        """The phrase that shows ``sentence`` restating the customer, or None."""
        toks = self.forms.strip(sentence.tokens)
        if not toks or toks[0] in self.forms.wh:
            return None
        text = " " + " ".join(sentence.tokens) + " "
        framing = contains(text, self.framings)
        if framing:
            return framing
        if not asked and (valued := self.valued.search(text)):
            return valued.group(0).strip()
        if starts(toks, self.not_paraphrase) or toks[0] in _SELF:
            return None
        mine = [stem(w) for w in toks if w not in self.stopwords and len(w) > 2]
        shared = sum(1 for w in mine if w in said)
        # "your X is..." restates only what the customer said; otherwise it informs ("your
        # order is on its way"); "you feel / you have been..." reflects on its own
        reflects = shared or (toks[0] == "you" and not _has_facts(toks))
        if self._about_customer(toks) and reflects:
            return " ".join(toks[:8])
        if not _has_facts(toks) and (clause := self._customer_clause(sentence, said)):
            return clause
        summing = sentence.tokens[0] == "so" and len(mine) >= 2 and not _has_facts(toks)
        if summing and toks[0] not in self.forms.aux:
            return " ".join(toks[:8])  # "so, mostly weekends then"
        needed = 1 if asked or len(toks) <= 6 else 2
        if shared >= needed and shared * 2 >= len(mine) and len(mine) >= 3 - needed:
            return " ".join(toks[:8])
        return None

    def _customer_clause(self, sentence: Sentence, said: frozenset[str]) -> str | None:
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


def _has_facts(toks: Sequence[str]) -> bool:
    return any(any(c.isdigit() for c in t) for t in toks)
