"""Name use: the customer's name, from turn labels, metadata or a self-introduction.

``customer_names`` collects the names a customer goes by (a speaker label, the
transcript's ``customer_name``, "my name is...", the answer to "can I get your
name?", or the name the agent addresses them by: "Hi Maria,"); ``name_use``
finds the agent addressing the customer by one of them, or by an honorific and a
surname ("Mr. Lee").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from svcaudit import forms
from svcaudit.match import Norm
from svcaudit.model import CueHit, Role, Transcript


def customer_names(
    transcript: Transcript, norms: Sequence[Norm], fm: forms.Forms
) -> frozenset[str]:
    """Names the customer goes by: from turn labels, metadata or a self-introduction."""
    names: set[str] = set()
    meta_name = transcript.meta.get("customer_name") if transcript.meta else None
    if isinstance(meta_name, str):
        names.update(meta_name.casefold().split())
    asked = False
    agent_texts = [t.text for t in transcript.turns if t.role is Role.AGENT]
    names.update(vocatives(agent_texts, fm.stopwords) - _agent_names(transcript))
    for turn, norm in zip(transcript.turns, norms, strict=False):
        if turn.role is Role.AGENT:
            asked = _asks_name(norm)
            continue
        if turn.role is not Role.CUSTOMER:
            continue
        if turn.name:
            names.update(w for w in turn.name.casefold().replace(".", " ").split() if len(w) > 1)
        names.update(forms.self_introductions(norm, fm.stopwords))
        if asked:
            names.update(_answered_name(turn.text, fm.stopwords))
            asked = False
    generic = {"customer", "caller", "client", "user", "member", "guest", "visitor"}
    return frozenset(n for n in names if n not in generic and len(n) > 1)


# "Hi Maria," / "Thank you, Maria": the agent knows the name from its system even when the
# customer never says it. A name only seen as "..., Maria." must recur to count: "Sure,
# Thursday." is no name.
_GREETED = re.compile(
    r"(?:^|[.!?]\s+)(?:Hi|Hello|Hey|Dear|Thanks|Thank you|Good (?:morning|afternoon|evening))"
    r",?\s+([^\W\d_][\w'\-]*)\b(?!\s+[A-Z])"
    # "Hi, Quickshop support." names the company, not the customer
    r"(?!\s+(?:support|team|service|services|customer|help|helpdesk|desk|care|sales|billing|"
    r"bank|energy|water|broadband|mobile|insurance|pharmacy|returns|here|speaking)\b)"
)
_TRAILING = re.compile(r",\s+([^\W\d_][\w'\-]*)\s*[.?!]")
_NOT_ADDRESSED = frozenset(
    [
        "bye", "goodbye", "thanks", "sir", "madam", "everyone", "team", "guys", "all", "there",
        "folks", "again", "too", "mr", "mrs", "ms", "miss", "mx", "dr", "monday", "tuesday",
        "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december",
    ]
)  # fmt: skip


def vocatives(texts: Sequence[str], stopwords: frozenset[str]) -> set[str]:
    """Names the agent addresses someone by in ``texts`` (its turns, capitalised raw text)."""
    greeted: set[str] = set()
    trailing: Counter[str] = Counter()
    for raw in texts:
        greeted |= _names(_GREETED, raw)
        trailing.update(_names(_TRAILING, raw))
    found = greeted | {name for name, turns in trailing.items() if turns > 1}
    return {n for n in found if n not in stopwords and n not in _NOT_ADDRESSED}


def _names(pattern: re.Pattern[str], raw: str) -> set[str]:
    return {m.group(1).casefold() for m in pattern.finditer(raw) if m.group(1)[0].isupper()}


def _agent_names(transcript: Transcript) -> set[str]:
    """The agent's own names, which a vocative must not be."""
    names = {transcript.agent} if transcript.agent else set()
    names |= {t.name for t in transcript.turns if t.role is Role.AGENT and t.name}
    return {w.casefold() for n in names for w in n.replace(".", " ").split()}


_ASKS_NAME = re.compile(
    r" (?:your|the|a|full) (?:first |last |full )?name | who (?:am i|do i have the pleasure)"
    r" (?:speaking|talking)| under what name | name (?:is it|on the|please)"
)
_ANSWER = re.compile(
    r"^\W*(?:(?:yes|yeah|sure|it's|it is|this is|my name is|that's|um|uh)\W+)*"
    r"([A-Z][a-z'\-]+)(?:\s+([A-Z][a-z'\-]+))?"
)


def _asks_name(norm: Norm) -> bool:
    """The agent asks who the customer is ("Can I get your name?")."""
    return bool(_ASKS_NAME.search(norm.text)) and any(s.question for s in norm.sentences)


def _answered_name(raw: str, stopwords: frozenset[str]) -> set[str]:
    """The capitalised name that opens a reply to "can I get your name?" ("Renee Whitfield.")."""
    match = _ANSWER.match(raw)
    if match is None:
        return set()
    return {w.casefold() for w in match.groups() if w and w.casefold() not in stopwords}


def name_use(
    raw: str, norm: Norm, names: frozenset[str], fm: forms.Forms, hits: dict[str, CueHit]
) -> None:
    words = norm.words
    for i, word in enumerate(words):
        if word in names and not (i > 0 and words[i - 1] in {"is", "am", "name"}):
            hits["use_name"] = CueHit("use_name", word)
            return
        if word in fm.honorifics and i + 1 < len(words) and word not in {"sir", "madam", "ma'am"}:
            nxt = words[i + 1]
            if nxt not in fm.stopwords and nxt.isalpha():
                hits["use_name"] = CueHit("use_name", f"{word} {nxt}")
                return
