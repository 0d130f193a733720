"""Roles: speaker labels to `Role`, and roles for speakers that no label names.

`parse_label` maps what an export calls a speaker ("Agent 1", "CSR", "agent (Dana)", "Caller")
to a role. Anything else (a person's name, `spk_0`, `ch_1`, "A") is `Role.UNKNOWN` and keeps
the label as the turn's name, for `resolve` to settle: by `--agent NAME`, or by a heuristic
that looks for the agent's opening phrases, always with a warning.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from svcaudit.model import Role, Transcript, Turn

_AGENT_LABELS = (
    "agent",
    "rep",
    "representative",
    "csr",
    "advisor",
    "adviser",
    "support",
    "associate",
    "operator",
    "specialist",
    "staff",
    "assistant",
    "host",
    "wizard",
    "customer service",
    "customer care",
    "customer support",
    "help desk",
    "helpdesk",
)
_CUSTOMER_LABELS = (
    "customer",
    "caller",
    "client",
    "user",
    "member",
    "guest",
    "visitor",
    "patient",
    "seeker",
    "end user",
    "consumer",
    "subscriber",
)
_BOT_LABELS = ("bot", "chatbot", "virtual agent", "virtual assistant", "fin", "ivr")
_LABELS: dict[str, Role] = {
    **dict.fromkeys(_AGENT_LABELS, Role.AGENT),
    **dict.fromkeys(_CUSTOMER_LABELS, Role.CUSTOMER),
    **dict.fromkeys(_BOT_LABELS, Role.BOT),
    "system": Role.SYSTEM,
}
# last words that make a team of the agent's side: "Member Services", "Support Team"
_AGENT_TAILS = frozenset({"service", "services", "care", "team", "desk"})
_PAREN = re.compile(r"(?P<outer>[^()\[\]]*?)\s*[(\[](?P<inner>[^()\[\]]*)[)\]]\s*")
_NUMBERED = re.compile(r"[\s#]*\d+$")
_CHANNEL = re.compile(r"(?:ch|channel)?[\s_#-]*(\d+)", re.I)  # `ch_0`, `Channel 1`, `1`

# (pattern, weight, reason) for the agent heuristic: phrases an agent opens with
_AGENT_CUES: tuple[tuple[re.Pattern[str], float, str], ...] = (
    (re.compile(r"\bthanks?(?: you)? for (?:calling|contacting)\b", re.I), 2.0, "greets"),
    (re.compile(r"\bwelcome to\b", re.I), 2.0, "greets"),
    (re.compile(r"\bhow (?:can|may) i (?:help|assist)\b", re.I), 2.0, "offers help"),
    (re.compile(r"\b[Tt]his is [A-Z][a-z]+"), 1.0, "introduces themself"),
    (re.compile(r"\bmy name is\b", re.I), 1.0, "introduces themself"),
    (re.compile(r"\bspeaking\b", re.I), 1.0, "introduces themself"),
    (re.compile(r"\bcalling from\b", re.I), 1.0, "names the company"),
)
_FIRST_BONUS = 0.5  # who speaks first is more often the agent, but this only breaks ties
_OPENING = 3  # turns of each speaker the heuristic reads


def parse_label(label: str) -> tuple[Role, str | None]:
    """The role a speaker label names, and the person's name if the label has one.

    >>> parse_label("agent (Dana)")
    (<Role.AGENT: 'agent'>, 'Dana')
    >>> parse_label("spk_0")
    (<Role.UNKNOWN: 'unknown'>, 'spk_0')
    """
    text = " ".join(label.split())
    paren = _PAREN.fullmatch(text)
    if paren:
        outer, inner = paren["outer"], paren["inner"].strip()
        for word, name in ((outer, inner), (inner, outer)):
            role = _lookup(word)
            if role is not None:
                return role, name or None
    role = _lookup(text)
    if role is not None:
        return role, None
    return _role_and_name(text)


def _lookup(label: str) -> Role | None:
    key = _NUMBERED.sub("", label.casefold().replace("_", " ").replace("-", " ")).strip()
    key = " ".join(key.split())
    if key in _LABELS:
        return _LABELS[key]
    tail = key.rpartition(" ")[2]
    if " " in key and tail in _AGENT_TAILS:
        return Role.AGENT
    return _LABELS.get(tail) if " " in key else None


def _role_and_name(text: str) -> tuple[Role, str | None]:
    """ "Agent Dana" is the agent called Dana; anything else is a name or an id."""
    first, _, rest = text.partition(" ")
    role = _lookup(first)
    if role is not None and rest[:1].isupper() and _lookup(rest) is None:
        return role, rest
    return Role.UNKNOWN, text or None


def channel_number(label: str) -> int | None:
    """The number of an audio channel label (`ch_1`, `channel 1`, `1`), else None.

    >>> channel_number("ch_1"), channel_number("spk_1")
    (1, None)
    """
    match = _CHANNEL.fullmatch(label.strip())
    return int(match[1]) if match else None


def assign_channel(transcript: Transcript, channel: str | int) -> Transcript:
    """The agent by audio channel (`--agent-channel ch_0`, or `0`), before `resolve`.

    Turns without a role whose name is that channel become the agent's; those named by any
    other channel the customer's. A channel that no turn names leaves the roles to `resolve`,
    with a warning.
    """
    wanted = channel_number(str(channel))
    numbers = {
        turn.name: channel_number(turn.name)
        for turn in transcript.turns
        if turn.role is Role.UNKNOWN and turn.name
    }
    channels = {name: number for name, number in numbers.items() if number is not None}
    if wanted is None or wanted not in channels.values():
        warning = f"agent channel {channel!r} names no channel in this transcript"
        return replace(transcript, warnings=(*transcript.warnings, warning))
    turns = tuple(
        replace(turn, role=Role.AGENT if channels[turn.name] == wanted else Role.CUSTOMER)
        if turn.role is Role.UNKNOWN and turn.name in channels
        else turn
        for turn in transcript.turns
    )
    return replace(transcript, turns=turns)


def resolve(transcript: Transcript, agent: str | None = None) -> Transcript:
    """Give a role to each speaker that its label did not name, and name the agent.

    `agent` (from `--agent`) names the agent among the speakers; without it, or when it names
    none of them, a heuristic guesses. Every guess or miss adds a warning.
    """
    speakers = _unknown_speakers(transcript.turns)
    if not speakers and all(turn.role is not Role.UNKNOWN for turn in transcript.turns):
        return _name_agent(transcript)
    known = _labelled_names(transcript.turns, speakers)
    rest = [s for s in speakers if s not in known]
    roles, warnings = _assign(transcript, rest, agent) if rest else ({}, [])
    roles = {**known, **roles}
    turns = tuple(
        replace(turn, role=roles[turn.name])
        if turn.role is Role.UNKNOWN and turn.name in roles
        else turn
        for turn in transcript.turns
    )
    left = sum(turn.role is Role.UNKNOWN for turn in turns)
    if left:
        warnings.append(f"{left} turn{'s' if left > 1 else ''} without a role")
    resolved = replace(transcript, turns=turns, warnings=(*transcript.warnings, *warnings))
    return _name_agent(resolved)


def _labelled_names(turns: Sequence[Turn], speakers: list[str]) -> dict[str, Role]:
    """Speakers a labelled turn already named: "Agent (Rachel)" then "Rachel"."""
    named: dict[str, Role] = {}
    for turn in turns:
        if turn.role is not Role.UNKNOWN and turn.name:
            named.setdefault(turn.name.casefold(), turn.role)
    return {s: named[s.casefold()] for s in speakers if s.casefold() in named}


def _unknown_speakers(turns: Sequence[Turn]) -> list[str]:
    """Names of speakers without a role, in order of their first turn."""
    names = (turn.name for turn in turns if turn.role is Role.UNKNOWN and turn.name)
    return list(dict.fromkeys(names))


def _assign(
    transcript: Transcript, speakers: list[str], agent: str | None
) -> tuple[dict[str, Role], list[str]]:
    """Roles by the agent's name, given (`agent`) or in the file; else by a guess."""
    warnings: list[str] = []
    for name, given in ((agent, True), (transcript.agent, False)):
        if name is None:
            continue
        match = next((s for s in speakers if s.casefold() == name.casefold()), None)
        if match is not None:
            roles = dict.fromkeys(speakers, Role.CUSTOMER)
            roles[match] = Role.AGENT
            return roles, warnings
        named = {(turn.name or "").casefold() for turn in transcript.turns}
        if given and name.casefold() not in named:
            warnings.append(f"agent {name!r} names no speaker in this transcript")
    roles, note = _guess(transcript, speakers)
    return roles, [*warnings, note]


def _guess(transcript: Transcript, speakers: list[str]) -> tuple[dict[str, Role], str]:
    present = {turn.role for turn in transcript.turns}
    who = ", ".join(repr(name) for name in speakers)
    if Role.AGENT in present and Role.CUSTOMER in present:
        return {}, f"no role for {who}: labels name both the agent and the customer"
    if Role.AGENT in present:
        verb = "is the customer" if len(speakers) == 1 else "are customers"
        return dict.fromkeys(speakers, Role.CUSTOMER), f"roles guessed: {who} {verb}"
    scores = {name: _score(transcript.turns, name, speakers[0]) for name in speakers}
    best = max(speakers, key=lambda name: scores[name][0])  # ties: who speaks first
    roles = dict.fromkeys(speakers, Role.CUSTOMER)
    roles[best] = Role.AGENT
    return roles, f"roles guessed: {best!r} is the agent ({scores[best][1]})"


def _score(turns: Sequence[Turn], name: str, first: str) -> tuple[float, str]:
    """How agent-like a speaker's first turns are, and why, in words."""
    texts = [t.text for t in turns if t.role is Role.UNKNOWN and t.name == name][:_OPENING]
    score = 0.0
    reasons: list[str] = []
    for pattern, weight, reason in _AGENT_CUES:
        if any(pattern.search(text) for text in texts):
            score += weight
            reasons.append(reason)
    if name == first:
        score += _FIRST_BONUS
        reasons.append("speaks first")
    return score, _and(list(dict.fromkeys(reasons))) or "no agent phrase"


def _and(words: list[str]) -> str:
    return ", ".join(words[:-1]) + " and " + words[-1] if len(words) > 1 else "".join(words)


def _name_agent(transcript: Transcript) -> Transcript:
    """Set `Transcript.agent` from the agent's turns when the file did not say."""
    if transcript.agent is not None:
        return transcript
    names = (t.name for t in transcript.turns if t.role is Role.AGENT and t.name)
    name = next(names, None)
    return transcript if name is None else replace(transcript, agent=name)
