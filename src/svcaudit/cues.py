"""Turn-level cue detectors: the cue vocabulary of CONTRACT.md.

``annotate(transcript)`` returns, for every turn, the cues detected in it.
Each turn is normalised once (:func:`svcaudit.match.normalise`); all phrases
and patterns of all cues are matched in one pass (:class:`svcaudit.match.Lexicon`);
then detectors that read more than phrases run:

* speaker: a cue counts only for its speaker (an agent's cue in a customer's
  turn is ignored: the customer's own "thank you" or "sorry" is not the agent's);
* position: ``greeting`` and ``offer_help`` only in the agent's first turns;
* negation and quotation: "I never said I was sorry", "I'm not sorry" and
  quoted speech cancel the phrase (:func:`_blocked`);
* question form (:mod:`svcaudit.forms`): open vs closed probes, with or without "?";
* paraphrase (:mod:`svcaudit.paraphrase`): restating recent customer content;
* name use (:mod:`svcaudit.names`): the customer's name (from labels or
  self-introduction) or an honorific with a surname;
* closing: "you too" answering the customer's goodbye, and the agent's last
  short courteous turn after the customer closes ("that's all, thanks"), are farewells;
* refusal: ``bare_refusal`` only when neither this turn nor the agent's next
  one offers an alternative;
* semantic (optional, ``CueModel.semantic``; :mod:`svcaudit.semantic`): ``empathy`` in
  statements close in meaning to prototype empathy statements.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from typing import Any

import yaml

from svcaudit import forms
from svcaudit.closing import farewell_reply
from svcaudit.forms import CACHE_SIZE
from svcaudit.match import Lexicon, Match, Norm, in_quotes, normalise, preceding_words
from svcaudit.model import CueHit, Role, Transcript
from svcaudit.names import customer_names, name_use
from svcaudit.paraphrase import Paraphrase, Said, combine
from svcaudit.shapes import digit_blind, has_digit

CUES: tuple[str, ...] = (
    "greeting", "offer_help", "use_name", "open_probe", "closed_probe", "paraphrase",
    "comprehension_check", "empathy", "apology", "explain_step", "hold", "alternative",
    "extra_info", "positive", "commitment", "availability", "thanks", "farewell", "jargon",
    "presumptive_feeling", "bare_refusal", "dismissive", "blame", "personal_need", "distress",
)  # fmt: skip
SPEAKER: Mapping[str, Role] = {
    cue: Role.CUSTOMER if cue in ("personal_need", "distress") else Role.AGENT for cue in CUES
}
NEGATORS = frozenset({"not", "never", "nor", "without", "hardly", "said", "told", "says", "quote"})
_COMMON_ACRONYMS = frozenset((
    "OK", "ID", "PIN", "USA", "US", "UK", "EU", "TV", "PC", "AM", "PM", "FAQ", "PDF", "ATM",
    "VIP", "SMS", "URL", "ASAP", "USB", "DVD", "CD", "GPS", "CEO", "IT", "HR", "NO", "YES",
    "HI", "OH", "NYC", "LA", "DC", "UPS", "FedEx", "DHL", "ZIP", "APR", "IRS", "VAT", "GST",
    "PST", "EST", "CST", "MST", "PT", "ET", "GMT", "UTC", "I", "II", "III",
    # currencies, prices and everyday travel and shopping words a customer reads every day
    "USD", "EUR", "GBP", "CAD", "AUD", "NZD", "JPY", "CHF", "INR", "MXN", "SEK", "NOK", "DKK",
    "BST", "CET", "EDT", "PDT", "WIFI", "AC", "BBQ", "ETA", "RSVP", "PS", "NB", "UAE", "NHS",
    "BBC", "MOT", "ISA", "SIM", "PAYG", "QR", "DIY", "XL", "XXL",
))  # fmt: skip
# not codes such as RF-77210; "(?<![\w-])[A-Z]{2,5}" with the look-behind moved past the first
# capital, so that the engine skips to capitals instead of trying each position
_ACRONYM = re.compile(r"[A-Z](?<![\w-][A-Z])[A-Z]{1,4}s?(?![\w-])")


@dataclass(frozen=True, slots=True)
class CueSpec:
    name: str
    speaker: Role
    first_turns: int | None
    negatable: bool
    after_turns: int
    exclude: re.Pattern[str] | None


class CueModel:
    """The compiled cue lexicon: built once per process, shared by every transcript."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        words = {k: _word_class(v) for k, v in config.get("words", {}).items()}
        cues = {k: v for k, v in config["cues"].items() if v}
        self.specs: dict[str, CueSpec] = {}
        phrases: dict[str, list[str]] = {}
        patterns: dict[str, list[str]] = {}
        for name, raw in cues.items():
            phrases[name] = list(raw.get("phrases", ()))
            patterns[name] = [_expand(p, words) for p in raw.get("patterns", ())]
            excl = [_expand(p, words) for p in raw.get("exclude", ())]
            self.specs[name] = CueSpec(
                name,
                Role(raw.get("speaker", "agent")),
                raw.get("first_turns"),
                raw.get("negatable", True),
                int(raw.get("after_turns", 0)),
                re.compile("|".join(f"(?:{p})" for p in excl)) if excl else None,
            )
        self.lexicon = Lexicon(phrases, patterns, common=frozenset(config["forms"]["stopwords"]))
        by_role: dict[Role, set[str]] = {}
        for name, spec in self.specs.items():
            by_role.setdefault(spec.speaker, set()).add(name)
        self.keys_by_role = {role: frozenset(names) for role, names in by_role.items()}
        cues_ = self.specs.values()
        # a turn's phrase cues depend on its position only up to the largest of these
        self._nth_cap = max((max(s.after_turns, s.first_turns or 0) for s in cues_), default=0)
        # a turn's phrase cues, by text (or shape, ``_digit_blind``), quoted spans, role and
        # capped position: (cues, settled sentences, spans of the phrases with digits)
        self._hits: dict[tuple[Any, ...], tuple[dict[str, CueHit], set[int], Any]] = {}
        self._blind: dict[str, bool] = {}
        # a cue's exclusions run as one alternation (group numbers shift in it): where one of
        # them is not digit-blind, the whole must not match a turn shared by shape
        self._telling_excludes = [
            spec.exclude
            for name, spec in self.specs.items()
            if spec.exclude is not None
            and not all(digit_blind(_expand(x, words)) for x in cues[name].get("exclude", ()))
        ]
        self.forms = forms.Forms(config["forms"])
        self.paraphrase = Paraphrase(config["forms"], self.forms)
        # optional semantic detector (svcaudit.semantic.SemanticCues), set by the caller;
        # None by default, and then nothing of svcaudit.semantic is ever imported
        self.semantic: Any = None

    def turn_hits(
        self, norm: Norm, role: Role, nth: int, settled: set[int] | None = None
    ) -> dict[str, CueHit]:
        """Phrase-level cues of one turn, spoken by ``role`` as its ``nth`` turn.

        ``settled`` collects the sentences that a non-probe question cue (availability,
        comprehension check, offer of help, greeting) already accounts for.
        Remembered by raw text, role and ``nth`` (capped where it stops mattering).
        """
        shaped = norm.shape is not norm.text and self._digit_blind(norm)
        text = norm.shape if shaped else norm.text
        key = (text, shaped, norm.quoted, role, min(nth, self._nth_cap))
        found = self._hits.get(key)
        if found is None:
            if len(self._hits) >= CACHE_SIZE:
                self._hits.clear()  # bounded: same footprint for any batch
            sentences: set[int] = set()
            spans: dict[str, tuple[int, int]] = {}
            hits = self._turn_hits(norm, role, nth, sentences, spans)
            found = self._hits[key] = (hits, sentences, spans or None)
        if settled is not None:
            settled.update(found[1])
        if shaped and found[2]:  # this turn's own digits in the phrases read from its text
            return {
                cue: replace(hit, phrase=norm.text[found[2][cue][0] : found[2][cue][1]].strip())
                if cue in found[2] else hit
                for cue, hit in found[0].items()
            }  # fmt: skip
        return dict(found[0])

    def _digit_blind(self, norm: Norm) -> bool:
        """Are a turn's phrase cues the same for every text of its shape that this holds for?
        (:meth:`svcaudit.lexicon.Lexicon.digit_blind`; the exclusions that name digits must
        not match.) Remembered by text."""
        blind = self._blind.get(norm.text)
        if blind is None:
            if len(self._blind) >= CACHE_SIZE:
                self._blind.clear()  # bounded: same footprint for any batch
            blind = self.lexicon.digit_blind(norm) and not any(
                p.search(text) for p in self._telling_excludes for text in (norm.text, norm.shape)
            )
            self._blind[norm.text] = blind
        return blind

    def _turn_hits(
        self,
        norm: Norm,
        role: Role,
        nth: int,
        settled: set[int],
        spans: dict[str, tuple[int, int]],
    ) -> dict[str, CueHit]:
        """The phrase cues of one turn (see ``turn_hits``); ``spans`` gets the span in
        ``norm.text`` of each cue's phrase that has a digit (a pattern's match: phrases
        with digits do not match a turn whose hits are shared by shape)."""
        keys = self.keys_by_role.get(role)
        if not keys:
            return {}  # system, bot and unknown turns carry no cue
        best: dict[str, CueHit] = {}
        first: dict[str, int] = {}  # the earliest sentence each cue is in, for order checks
        for match in self.lexicon.find(norm, keys):
            spec = self.specs[match.key]
            if spec.speaker is not role or nth < spec.after_turns:
                continue
            if spec.first_turns is not None and nth >= spec.first_turns:
                continue
            if _blocked(spec, norm, match):
                continue
            sentence = forms.sentence_of(norm, match.pos + 1)
            if match.key in _SETTLES:
                settled.add(sentence)
            first[match.key] = min(sentence, first.get(match.key, sentence))
            hit = CueHit(match.key, match.phrase, match.similarity)
            old = best.get(match.key)
            if old is None or (hit.similarity, len(hit.phrase)) > (old.similarity, len(old.phrase)):
                best[match.key] = hit
                if has_digit(hit.phrase):
                    spans[match.key] = (match.pos, match.end)
                else:
                    spans.pop(match.key, None)
        return {key: replace(hit, pos=first[key]) for key, hit in best.items()}


_SETTLES = frozenset({"availability", "comprehension_check"})
_PROBES = {forms.OPEN: "open_probe", forms.CLOSED: "closed_probe", forms.TAG: "closed_probe"}


def form_cues(
    model: CueModel, norm: Norm, said: Said, settled: set[int], heard: bool = True
) -> dict[str, CueHit]:
    """Question-form and paraphrase cues of one agent turn; ``said``: what the customer said
    recently (``paraphrase.combine`` of ``Paraphrase.said``).

    ``heard``: the customer has said something before this turn; if not, there is nothing to
    restate ("you're chatting with Mia" opens a chat, it reflects nothing).
    """
    out: dict[str, CueHit] = {}
    # "so you went through a breakup and... ? am I understanding correctly?": checked back
    last = len(norm.sentences) - 1
    checked = last > 0 and model.forms.checks_back(norm.sentences[last])
    for k, sentence in enumerate(norm.sentences):
        kind = None if k in settled else model.forms.question(sentence)
        if k == 0 and kind is not None and model.forms.backchannel(sentence):
            kind = None  # "oh really?" acknowledges; it asks nothing
        cue = _PROBES.get(kind or "")
        para = None
        if kind in (None, forms.DECLARATIVE, forms.TAG) and "paraphrase" not in out and heard:
            para = model.paraphrase.restates(
                sentence, said, asked=kind is not None, checked=checked and k < last
            )
            if para:
                out["paraphrase"] = CueHit("paraphrase", para, pos=k)
        if kind == forms.DECLARATIVE:
            cue = "closed_probe"
        if cue and cue not in out:
            out[cue] = CueHit(cue, " ".join(sentence.tokens[:8]), pos=k)
    return out


def _word_class(value: str | Sequence[str]) -> str:
    """A word class of the lexicon: a folded alternation, or a list of pieces joined as they are."""
    if isinstance(value, str):
        return re.sub(r"\s*\|\s*", "|", " ".join(value.split()))
    return "".join(value)


def _expand(pattern: str, words: Mapping[str, str]) -> str:
    """Replace each ``{class}`` by its word class; a class may use an earlier one."""
    for _ in range(3):
        before = pattern
        for key, value in words.items():
            pattern = pattern.replace("{" + key + "}", value)
        if pattern == before:
            break
    return pattern


def _blocked(spec: CueSpec, norm: Norm, match: Match) -> bool:
    """Negated, reported, quoted or excluded: the phrase does not count."""
    if spec.exclude is not None:
        for m in spec.exclude.finditer(norm.text):
            if m.start() <= match.pos + 1 and m.end() >= match.pos + 1:
                return True
    if in_quotes(norm, match.pos + 1):
        return True
    if not spec.negatable:
        return False
    return any(w in NEGATORS for w in preceding_words(norm, match.pos + 1, 3))


@lru_cache(maxsize=1)
def default_model() -> CueModel:
    text = resources.files("svcaudit").joinpath("lexicons/cues.yaml").read_text("utf-8")
    return CueModel(yaml.safe_load(text))


def annotate(
    transcript: Transcript,
    model: CueModel | None = None,
    norms: Sequence[Norm] | None = None,
) -> tuple[tuple[CueHit, ...], ...]:
    """The cues of every turn of ``transcript``, in turn order."""
    model = model or default_model()
    norms = norms if norms is not None else [normalise(t.text) for t in transcript.turns]
    counts: dict[Role, int] = {}
    per_turn: list[dict[str, CueHit]] = []
    names = customer_names(transcript, norms, model.forms)
    agents = [t.index for t in transcript.turns if t.role is Role.AGENT]
    last_agent = agents[-1] if agents else -1
    previous: Role | None = None
    theirs: set[str] = set()  # the words the customer has used so far (none: nothing heard)
    # what each customer turn said (its stems): the agent's next few turns all read it
    said: dict[int, Said] = {}
    for turn, norm in zip(transcript.turns, norms, strict=False):
        # position counts a speaker's turns at talk, not messages: a chat opening sent as
        # three messages ("Hi!", "Thanks for contacting us.", "I'm Jo.") is one first turn
        if turn.role is not previous:
            counts[turn.role] = counts.get(turn.role, 0) + 1
        previous = turn.role
        nth = counts[turn.role] - 1
        settled: set[int] = set()
        hits = model.turn_hits(norm, turn.role, nth, settled)
        if turn.role is Role.AGENT:
            for j in (recent := _recent_customer(transcript, norms, turn.index)):
                if j not in said:
                    said[j] = model.paraphrase.said(norms[j])
            context = combine([said[j] for j in recent])
            hits.update(form_cues(model, norm, context, settled, heard=bool(theirs)))
            if "farewell" not in hits:
                farewell_reply(model, transcript, norms, turn.index, last_agent, hits)
            name_use(turn.text, norm, names, model.forms, hits)
            if "jargon" not in hits and (acronyms := jargon_acronyms(turn.text, theirs)):
                hits["jargon"] = CueHit("jargon", acronyms[0].lower())
        elif turn.role is Role.CUSTOMER:
            theirs.update(norm.words)
        per_turn.append(hits)
    if model.semantic is not None:
        model.semantic.add(transcript, norms, per_turn, model.forms)
    _resolve_refusals(transcript, per_turn)
    return tuple(_in_order(h) for h in per_turn)


_KNOWN = frozenset(CUES)


def _in_order(hits: dict[str, CueHit]) -> tuple[CueHit, ...]:
    """A turn's cues in the order of ``CUES`` (others dropped); most turns have none or one,
    which need no walk over the 25 cue names."""
    if not hits:
        return ()
    if len(hits) == 1:
        ((cue, hit),) = hits.items()
        return (hit,) if cue in _KNOWN else ()
    return tuple(hits[c] for c in CUES if c in hits)


def _recent_customer(transcript: Transcript, norms: Sequence[Norm], index: int) -> tuple[int, ...]:
    """The customer's recent turns (within the last 8 turns; at most 3 with content)."""
    out: list[int] = []
    for j in range(index - 1, max(-1, index - 9), -1):
        if transcript.turns[j].role is Role.CUSTOMER and len(norms[j].tokens) > 2:
            out.append(j)
            if len(out) == 3:
                break
    return tuple(out)


def _resolve_refusals(transcript: Transcript, per_turn: list[dict[str, CueHit]]) -> None:
    """A refusal is bare only if neither it nor the agent's next turn offers an alternative."""
    agent_turns = [i for i, t in enumerate(transcript.turns) if t.role is Role.AGENT]
    for k, i in enumerate(agent_turns):
        if "bare_refusal" not in per_turn[i]:
            continue
        nxt = agent_turns[k + 1] if k + 1 < len(agent_turns) else None
        if "alternative" in per_turn[i] or (nxt is not None and "alternative" in per_turn[nxt]):
            del per_turn[i]["bare_refusal"]


def jargon_acronyms(raw: str, theirs: AbstractSet[str] = frozenset()) -> list[str]:
    """Upper-case acronyms in raw text that a customer is unlikely to know; ``theirs``: the
    customer's own words (an acronym they used first, "GLX" on their statement, is theirs)."""
    found = _ACRONYM.findall(raw)
    if not found:
        return []  # most turns: no capitals in a row, nothing to count
    letters = [c for c in raw if c.isalpha()]
    if sum(c.isupper() for c in letters) * 3 > len(letters):
        return []  # shouted or all-caps text: capitals say nothing
    return [a for a in found if a.rstrip("s") not in _COMMON_ACRONYMS and a.lower() not in theirs]
