"""Semantic ``empathy``: agent statements close in meaning to prototype empathy statements.

A sentence of an agent turn is a candidate when it is a statement (no question form), has
at least three words, is not about the agent itself ("my...", "we...", "I have..."; but
"I'm sorry...", "I understand..." are kept) and is not already a presumptive feeling ("you
must be furious"). All candidates of a transcript are embedded in one batch. A candidate is
``empathy`` when the mean of its ``top`` best cosines to the ``empathy`` prototypes is at
least the threshold (close to several prototypes, not to one by chance: a single best cosine
also passes ordinary service statements) and its best cosine to them beats its best cosine
to the ``other`` prototypes. Turns where the rules found empathy
are left alone; the hit's ``similarity`` is the cosine x 100.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import yaml

from svcaudit.forms import Forms
from svcaudit.match import Norm, Sentence
from svcaudit.model import CueHit, Role, Transcript
from svcaudit.semantic.encoder import Encoder

_MIN_WORDS = 3


class SemanticCues:
    """Adds semantic cues to a transcript's rule-based hits, one encoder batch per transcript."""

    def __init__(self, encoder: Encoder, config: Mapping[str, Any]) -> None:
        conf = config["empathy"]
        self.encoder = encoder
        self.threshold = float(conf["threshold"])
        self.top = int(conf["top"])
        self.self_words = frozenset(conf["self_words"])
        self.empathic_i = frozenset(conf["empathic_i"])
        self.prototypes = encoder.embed(conf["prototypes"])
        self.others = encoder.embed(conf["other"])

    @classmethod
    def bundled(cls) -> SemanticCues:
        text = resources.files("svcaudit").joinpath("lexicons/semantic.yaml").read_text("utf-8")
        return cls(Encoder(), yaml.safe_load(text))

    def add(
        self,
        transcript: Transcript,
        norms: Sequence[Norm],
        per_turn: Sequence[dict[str, CueHit]],
        forms: Forms,
    ) -> None:
        """Add ``empathy`` hits to ``per_turn`` (a dict of cue -> hit per turn) in place."""
        where: list[tuple[int, int]] = []
        texts: list[str] = []
        for turn, norm, hits in zip(transcript.turns, norms, per_turn, strict=True):
            if turn.role is not Role.AGENT or "empathy" in hits:
                continue
            skip = hits["presumptive_feeling"].pos if "presumptive_feeling" in hits else None
            for k, sentence in enumerate(norm.sentences):
                if k != skip and self.candidate(sentence, forms):
                    where.append((turn.index, k))
                    texts.append(sentence.text)
        if not texts:
            return
        vectors = self.encoder.embed(texts)
        cosines = vectors @ self.prototypes.T
        cosines.sort(axis=1)
        near = cosines[:, -self.top :].mean(axis=1)
        best = cosines[:, -1]
        rival = (vectors @ self.others.T).max(axis=1)
        for (index, k), text, score, top, other in zip(
            where, texts, near, best, rival, strict=True
        ):
            if score >= self.threshold and top > other and "empathy" not in per_turn[index]:
                phrase = " ".join(text.split()[:8])
                similarity = round(100 * float(score), 1)
                per_turn[index]["empathy"] = CueHit("empathy", phrase, similarity, k)

    def candidate(self, sentence: Sentence, forms: Forms) -> bool:
        """A statement of three or more words that is not about the agent itself."""
        toks = sentence.tokens
        if len(toks) < _MIN_WORDS or forms.question(sentence) is not None:
            return False
        if self.self_words.intersection(toks):
            return False
        return toks[0] != "i" or toks[1] in self.empathic_i
