"""Farewells that answer the customer's own: "you too" after their goodbye, and the agent's
last short courteous turn ("you're welcome!") after the customer closes ("that's all, thanks").

Split out of :mod:`svcaudit.cues`, which calls :func:`farewell_reply` for each agent turn that
carries no farewell phrase of its own.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from svcaudit.forms import contains
from svcaudit.match import Norm
from svcaudit.model import CueHit, Role, Transcript

if TYPE_CHECKING:
    from svcaudit.cues import CueModel


def farewell_reply(
    model: CueModel,
    transcript: Transcript,
    norms: Sequence[Norm],
    index: int,
    last_agent: int,
    hits: dict[str, CueHit],
) -> None:
    """Farewells that answer the customer's: "you too", or a last "you're welcome"."""
    before = _last_customer(transcript, norms, index)
    norm = norms[index]
    if _returns_farewell(model, norm, before):
        hits["farewell"] = CueHit("farewell", "you too")
    elif index == last_agent and _closes(model, norm, before):
        hits["farewell"] = CueHit("farewell", " ".join(norm.words[:6]))


_RETURNS = (
    "you too", "same to you", "likewise", "and you", "you as well", "same here", "yours too",
    "me too", "and yours",
)  # fmt: skip


# as they appear in ``Norm.text``, in one search (most agent turns have none of them)
_RETURNS_PADDED = re.compile("|".join(re.escape(f" {r} ") for r in _RETURNS))


def _returns_farewell(model: CueModel, norm: Norm, before: Norm | None) -> bool:
    """ "You too" answering the customer's own goodbye is the agent's farewell."""
    if before is None or not _RETURNS_PADDED.search(norm.text):
        return False
    return bool(model.lexicon.find(before, keys=("farewell",)))


def _closes(model: CueModel, norm: Norm, before: Norm | None) -> bool:
    """The agent's last turn, a short answer to the customer's closing ("that's all, thanks")."""
    if before is None or len(norm.words) > 15 or any(s.question for s in norm.sentences):
        return False
    if not contains(norm.text, model.forms.courtesies):
        return False
    return bool(contains(before.text, model.forms.closings)) or bool(
        model.lexicon.find(before, keys=("farewell",))
    )


def _last_customer(transcript: Transcript, norms: Sequence[Norm], index: int) -> Norm | None:
    for j in range(index - 1, -1, -1):
        if transcript.turns[j].role is Role.CUSTOMER:
            return norms[j]
    return None
