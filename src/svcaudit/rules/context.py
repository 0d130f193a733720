"""What a rule sees of a transcript: its turns, their cues, and helpers to find them."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from svcaudit.match import Lexicon, Norm, normalise
from svcaudit.model import CueHit, Evidence, Role, Transcript, Turn, Window


@lru_cache(maxsize=256)
def phrase_lexicon(phrases: tuple[str, ...], patterns: tuple[str, ...] = ()) -> Lexicon:
    """A lexicon for a rule's own phrases, compiled once per process."""
    return Lexicon({"phrase": phrases}, {"phrase": patterns} if patterns else None)


@dataclass(frozen=True, slots=True)
class Found:
    """A cue found in a turn."""

    turn: Turn
    hit: CueHit

    def evidence(self) -> Evidence:
        t = self.turn
        return Evidence(
            t.index, t.role, t.text, self.hit.cue, self.hit.phrase, self.hit.similarity, t.start
        )


@dataclass(frozen=True, slots=True)
class Context:
    transcript: Transcript
    hits: tuple[tuple[CueHit, ...], ...]
    norms: tuple[Norm, ...] = ()  # each turn normalised once, by the caller
    model: Any = None  # the cue model that made ``hits`` (svcaudit.cues.CueModel)
    # each role's turns, computed once: rules ask for them many times (10,000-turn calls too)
    by_role: dict[Role, list[Turn]] = field(default_factory=dict, compare=False, repr=False)
    # the turns each cue is in, computed once: ``find`` skips the turns without any asked for
    by_cue: dict[str, set[int]] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for turn in self.transcript.turns:
            self.by_role.setdefault(turn.role, []).append(turn)
        for index, hits in enumerate(self.hits):
            for hit in hits:
                self.by_cue.setdefault(hit.cue, set()).add(index)

    def said(self, cue: str, turns: Iterable[Turn]) -> list[Found]:
        """Turns whose words match ``cue``'s lexicon, before any detector's second thoughts.

        ``bare_refusal`` is dropped by the detector once an alternative follows;
        a refusal rule still needs to see that refusal.
        """
        if self.model is None:
            return self.find((cue,), turns)
        out = []
        for turn in turns:
            matches = self.model.lexicon.find(self.norm(turn), (cue,))
            if matches:
                m = matches[0]
                out.append(Found(turn, CueHit(cue, m.phrase, m.similarity, m.pos)))
        return out

    def yes_no(self, found: Found) -> bool:
        """Is the question of a probe hit one that seeks a yes or no (not a detail)?"""
        sentences = self.norm(found.turn).sentences
        if self.model is None or not 0 <= found.hit.pos < len(sentences):
            return True
        return bool(self.model.forms.yes_no(sentences[found.hit.pos]))

    def norm(self, turn: Turn) -> Norm:
        return self.norms[turn.index] if self.norms else normalise(turn.text)

    def find_phrases(
        self, phrases: tuple[str, ...], patterns: tuple[str, ...], turns: Iterable[Turn], label: str
    ) -> list[Found]:
        """Turns where one of a rule's own phrases or patterns is said (fuzzily)."""
        if not phrases and not patterns:
            return []
        lexicon = phrase_lexicon(phrases, patterns)
        out = []
        for turn in turns:
            matches = lexicon.find(self.norm(turn))
            if matches:
                best = max(matches, key=lambda m: m.similarity)
                out.append(Found(turn, CueHit(label, best.phrase, best.similarity, best.pos)))
        return out

    def turns(self, role: Role = Role.AGENT, window: Window | None = None) -> list[Turn]:
        """The turns of ``role``, cut to ``window`` (first or last N of them)."""
        turns = self.by_role.get(role, [])
        if window is not None and window.first_turns is not None:
            turns = turns[: window.first_turns]
        if window is not None and window.last_turns is not None:
            turns = turns[-window.last_turns :] if window.last_turns else []
        return list(turns)

    def find(self, cues: Iterable[str], turns: Iterable[Turn]) -> list[Found]:
        """Every hit of one of ``cues`` in ``turns``, in turn order."""
        wanted = set(cues)
        where = [self.by_cue[c] for c in wanted if c in self.by_cue]
        if not where:
            return []
        has = where[0] if len(where) == 1 else set().union(*where)
        return [
            Found(t, h)
            for t in turns
            if t.index in has
            for h in self.hits[t.index]
            if h.cue in wanted
        ]

    def agent_after(self, index: int, count: int) -> list[Turn]:
        """The agent's next ``count`` turns after turn ``index``."""
        agent = self.by_role.get(Role.AGENT, [])
        start = bisect_right(agent, index, key=_index)
        return agent[start : start + count]

    def agent_before(self, index: int) -> Turn | None:
        """The agent's last turn before turn ``index``."""
        agent = self.by_role.get(Role.AGENT, [])
        before = bisect_left(agent, index, key=_index)
        return agent[before - 1] if before else None


def _index(turn: Turn) -> int:
    return turn.index


def evidence(found: Sequence[Found]) -> tuple[Evidence, ...]:
    """One evidence item per turn (its first hit), in turn order."""
    seen: dict[int, Evidence] = {}
    for f in found:
        seen.setdefault(f.turn.index, f.evidence())
    return tuple(seen[i] for i in sorted(seen))


def turn_list(found: Sequence[Found]) -> str:
    """ "turn 3" or "turns 3, 7" for a reason."""
    idx = sorted({f.turn.index for f in found})
    return ("turn " if len(idx) == 1 else "turns ") + ", ".join(map(str, idx))


def cue_words(cues: Iterable[str]) -> str:
    """Cue names as words for a reason: "presumptive feeling or blame"."""
    return " or ".join(c.replace("_", " ") for c in cues)
