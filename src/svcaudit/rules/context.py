"""What a rule sees of a transcript: its turns, their cues, and helpers to find them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from svcaudit.model import CueHit, Evidence, Role, Transcript, Turn, Window


@dataclass(frozen=True, slots=True)
class Found:
    """A cue found in a turn."""

    turn: Turn
    hit: CueHit

    def evidence(self) -> Evidence:
        t = self.turn
        return Evidence(t.index, t.role, t.text, self.hit.cue, self.hit.phrase,
                        self.hit.similarity, t.start)  # fmt: skip


@dataclass(frozen=True, slots=True)
class Context:
    transcript: Transcript
    hits: tuple[tuple[CueHit, ...], ...]

    def turns(self, role: Role = Role.AGENT, window: Window | None = None) -> list[Turn]:
        """The turns of ``role``, cut to ``window`` (first or last N of them)."""
        turns = [t for t in self.transcript.turns if t.role is role]
        if window is not None and window.first_turns is not None:
            turns = turns[: window.first_turns]
        if window is not None and window.last_turns is not None:
            turns = turns[-window.last_turns :] if window.last_turns else []
        return turns

    def find(self, cues: Iterable[str], turns: Iterable[Turn]) -> list[Found]:
        """Every hit of one of ``cues`` in ``turns``, in turn order."""
        wanted = set(cues)
        return [Found(t, h) for t in turns for h in self.hits[t.index] if h.cue in wanted]

    def agent_after(self, index: int, count: int) -> list[Turn]:
        """The agent's next ``count`` turns after turn ``index``."""
        later = [t for t in self.transcript.turns[index + 1 :] if t.role is Role.AGENT]
        return later[:count]

    def agent_before(self, index: int) -> Turn | None:
        """The agent's last turn before turn ``index``."""
        for t in reversed(self.transcript.turns[:index]):
            if t.role is Role.AGENT:
                return t
        return None


def evidence(found: Sequence[Found]) -> tuple[Evidence, ...]:
    """One evidence item per turn (its first hit), in turn order."""
    seen: dict[int, Evidence] = {}
    for f in found:
        seen.setdefault(f.turn.index, f.evidence())
    return tuple(seen[i] for i in sorted(seen))


def turn_list(found: Sequence[Found]) -> str:
    """"turn 3" or "turns 3, 7" for a reason."""
    idx = sorted({f.turn.index for f in found})
    return ("turn " if len(idx) == 1 else "turns ") + ", ".join(map(str, idx))


def cue_words(cues: Iterable[str]) -> str:
    """Cue names as words for a reason: "presumptive feeling or blame"."""
    return " or ".join(c.replace("_", " ") for c in cues)
