"""Detectors that read the form of an agent turn, not only its words: questions.

A sentence is a question when it ends in "?", or, in text without punctuation
(speech-to-text, quick chat), when one of its clauses starts the way questions
start (an auxiliary and a subject: "do you...", "can i..."; a wh-word and an
auxiliary: "what is...", "how did..."). Sentences are read clause by clause
(commas, semicolons and dashes cut clauses), from the end: the question is the
last clause that opens like one, so that a preamble ("there are four trains,
would you like...", "on a scale of one to ten, how...") does not decide it.

* *open*: a wh-word that does not ask for one fact ("what happened", "how do
  you feel about..."), or a request to tell, describe or explain, as a
  question or an imperative ("tell me what happened"), also embedded ("i
  wonder what...", "can i ask you what...");
* *closed*: an auxiliary and a subject ("is it...", "did you..."), a wh-word
  asking for one fact ("how many", "what time", "which"), an embedded
  "if/whether" ("i was wondering whether..."), or a confirming tag ("..., right?");
* *offer*: an offer, a suggestion, a permission request or a pleasantry
  ("would you like me to...", "might i suggest...", "can i share...",
  "how are you") is neither;
* *declarative*: a statement said as a question ("so the charge appeared
  twice?"): a paraphrase when it restates the customer, else a closed probe
  (decided by the caller, see :mod:`svcaudit.paraphrase`).

Word lists come from the ``forms`` section of ``lexicons/cues.yaml``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from svcaudit.match import CACHE_SIZE, Norm, Sentence
from svcaudit.shapes import digit_blind, has_digit, shape

OPEN, CLOSED, OFFER, DECLARATIVE, TAG = "open", "closed", "offer", "declarative", "tag"
_INTRO = re.compile(r" (?:my name is|name is) ([a-z]+)(?: ([a-z]+))? ")
_INTRO_START = re.compile(
    r"^ (?:hi |hello |hey |yes |yeah )?(?:this is|it is|my name is) ([a-z]+)(?: ([a-z]+))? "
)
Phrases = Sequence[tuple[str, ...]]
_PRONOUNS = frozenset({"i", "you", "we", "he", "she", "they"})
_OPEN_ENDS = frozenset({"anything", "something", "whatever", "what", "so"})  # "..., or anything?"
_ASKED = frozenset({"i", "you", "we"})  # the subjects of a question run on after a statement
_ASKED_SEQ = (("i",), ("you",), ("we",))
_ABOUT = (("what", "about"), ("how", "about"))
_NOT_ASKING = frozenset({("do", "you", "know", "what"), ("you", "know", "what")})
_DOTTED_SUBJECTS = frozenset({"you", "we", "it", "that", "this", "there", "he", "she", "they"})
# what a request for a detail ends with: "order number?", "and your postcode, please?"
DETAILS = frozenset({
    "number", "name", "surname", "postcode", "zip", "address", "email", "reference", "id",
    "code", "details", "birth", "pin", "password", "username", "date", "dob", "model", "serial",
    "account", "phone", "mobile",
})  # fmt: skip
_COURTESY = frozenset({"please", "thanks", "thank", "you", "okay", "ok"})
_ASK_FOR = frozenset({"take", "have", "get", "grab", "give", "tell", "read", "spell", "send"})
_UNSEEN = object()
_ASKED_ABOUT = frozenset(
    {"you", "your", "yours", "yourself", "when", "in", "at", "during", "since", "like"}
)


class Prefixes:
    """Word sequences indexed by their first word: which one does a clause start with?"""

    def __init__(self, phrases: Phrases) -> None:
        self.by_first: dict[str, list[tuple[str, ...]]] = {}
        for phrase in sorted(phrases, key=len, reverse=True):  # longest first
            if phrase:
                self.by_first.setdefault(phrase[0], []).append(phrase)

    def __iter__(self) -> Iterator[tuple[str, ...]]:
        return (p for group in self.by_first.values() for p in group)

    def match(self, tokens: Sequence[str]) -> tuple[str, ...] | None:
        if not tokens:
            return None
        for phrase in self.by_first.get(tokens[0], ()):
            if tuple(tokens[: len(phrase)]) == phrase:
                return phrase
        return None


def starts(tokens: Sequence[str], phrases: Phrases | Prefixes) -> tuple[str, ...] | None:
    """The first of ``phrases`` (longest first) that ``tokens`` starts with."""
    if isinstance(phrases, Prefixes):
        return phrases.match(tokens)
    for phrase in phrases:
        if tuple(tokens[: len(phrase)]) == phrase:
            return phrase
    return None


def contains(text: str, phrases: Sequence[str]) -> str | None:
    """The first of ``phrases`` found in ``text`` (space-padded) as whole words."""
    for phrase in phrases:
        if f" {phrase} " in text:
            return phrase
    return None


def _seqs(items: Sequence[Any]) -> Prefixes:
    return Prefixes([tuple(str(p).split()) for p in items])


class Forms:
    """Question-form detection, configured from the lexicon file."""

    def __init__(self, config: Mapping[str, Any]) -> None:
        self.markers = frozenset(str(m) for m in config["markers"])
        self.marker_phrases = _seqs(config["marker_phrases"])
        self.wh = frozenset(config["wh"])
        self.aux = frozenset(config["aux"])
        self.subjects = frozenset(config["subjects"])
        self.specific = re.compile("|".join(rf"(?:{p})\b" for p in config["specific"]))
        self.open_requests = _seqs(config["open_requests"])
        self.open_inside = [" ".join(p) for p in _seqs(config["open_inside"])]
        self.requests_any = Prefixes([*_seqs(config["open_requests"]), *_seqs(config["requests"])])
        self.embeds = _seqs(config["embeds"])
        self.confirms = _seqs(config.get("confirms", ()))
        self.requests = _seqs(config["requests"])
        self.offers = _seqs(config["offers"])
        self.tags = _seqs(config["tags"])
        self.pleasantries = frozenset(" ".join(p.split()) for p in config["pleasantries"])
        self.stopwords = frozenset(config["stopwords"])
        self.honorifics = frozenset(config["honorifics"])
        # a sentence's form depends on its words alone: remembered across turns and calls
        self._kinds: dict[tuple[Any, ...], str | None] = {}
        self._shapes: dict[tuple[Any, ...], str | None] = {}  # the same, by digit shape
        # no word list names a digit, and the pattern cannot tell digits apart
        words = {k: v for k, v in config.items() if k != "specific"}
        self._digit_blind = not has_digit(repr(sorted(words.items()))) and digit_blind(
            self.specific.pattern
        )
        self.closings = [" ".join(p.split()) for p in config["closings"]]
        self.courtesies = [" ".join(p.split()) for p in config["courtesies"]]
        self.backchannels = frozenset(tuple(str(p).split()) for p in config["backchannels"])

    def backchannel(self, sentence: Sentence) -> bool:
        """A question that only acknowledges or asks for a repeat: "oh really?", "pardon?"."""
        if not sentence.question:
            return False
        toks = sentence.tokens
        return toks in self.backchannels or self.strip(toks) in self.backchannels

    def strip(self, tokens: Sequence[str]) -> tuple[str, ...]:
        """Drop leading discourse markers ("so", "okay", "you know", "and um"); keep one word."""
        i, n = 0, len(tokens)
        while i < n - 1:
            phrase = starts(tokens[i:], self.marker_phrases)
            if phrase and i + len(phrase) < n:
                i += len(phrase)
                continue
            tok = tokens[i]
            if tok not in self.markers or tok in self.wh:
                break
            if tok in self.aux and tokens[i + 1] in self.subjects:
                break
            i += 1
        return tuple(tokens[i:])

    # ------------------------------------------------------------------ one clause

    def clause_kind(self, clause: Sequence[str], asked: bool = False) -> str | None:
        """``open``, ``closed``, ``offer`` or None (not question-like) for one clause.

        ``asked``: the sentence ends in "?", so an auxiliary opening is enough.
        """
        toks = self.strip(clause)
        if not toks:
            return None
        if starts(toks, self.open_requests):
            return OPEN
        if toks[:2] in _ABOUT and (
            toks[2:3] and toks[2] in _ASKED_ABOUT or toks[2:4] in (("the", "last"), ("the", "rest"))
        ):
            return OPEN  # "what about you?", "how about at work?": the topic turned to them
        if toks == ("why", "not") and asked:
            return OPEN  # "why not?" on its own asks; "why not try..." suggests
        if starts(toks, self.offers) or " ".join(toks) in self.pleasantries:
            return OPEN if contains(" " + " ".join(toks) + " ", self.open_inside) else OFFER
        request = starts(toks, self.requests)
        if request:
            rest = toks[len(request) :]
            return self._wh_kind(rest) if rest and rest[0] in self.wh else CLOSED
        embed = starts(toks, self.embeds)
        if embed and len(toks) > len(embed):
            rest = toks[len(embed) :]
            if rest[0] in {"if", "whether"}:
                return CLOSED
            kind = self.clause_kind(rest) or (OPEN if rest[0] in self.wh else None)
            if kind is not None:
                return kind
        if toks[0] in self.wh:
            if len(toks) > 2 and toks[1] in _PRONOUNS:
                return None  # a relative clause: "what you are saying is..."
            return self._wh_kind(toks)
        if self._inverted(toks) or (asked and toks[0] in self.aux and len(toks) > 2):
            text = " " + " ".join(toks) + " "
            return OPEN if contains(text, self.open_inside) else CLOSED
        return None

    def _inverted(self, toks: Sequence[str]) -> bool:
        if len(toks) < 2 or toks[0] not in self.aux:
            return False
        return toks[1] in self.subjects or (toks[1] == "not" and len(toks) > 2)

    def _wh_kind(self, toks: Sequence[str]) -> str:
        if self.specific.match(" ".join(toks)):
            return CLOSED
        return OPEN

    def _tagged(self, toks: Sequence[str]) -> bool:
        """A statement closed by a confirming tag: "you are flying on monday right"."""
        return any(len(toks) > len(t) + 2 and tuple(toks[-len(t) :]) == t for t in self.tags)

    def _run_on(self, clause: Sequence[str]) -> str | None:
        """A question run on after a statement, without a comma: "it is at ten shall i book it"."""
        for i in range(len(clause) - 2, 1, -1):
            tok, nxt = clause[i], clause[i + 1]
            if (tok in self.aux and nxt in _ASKED) or (
                # an offer starts its own clause: "you have a lot on your mind" has no offer
                clause[i - 1] not in self.subjects
                and clause[i - 1] not in self.aux
                and starts(clause[i:], self.offers)
            ):
                return self.clause_kind(clause[i:], asked=True)
            if tok in self.wh and nxt in self.aux and clause[i + 2 : i + 3] in _ASKED_SEQ:
                return self.clause_kind(clause[i:], asked=True)
        return None

    def _looks_asked(self, toks: Sequence[str]) -> bool:
        """A clause without end punctuation that starts the way questions start."""
        toks = self.strip(toks)
        if len(toks) < 2:
            return False
        if self._inverted(toks) or starts(toks, self.embeds):
            return True
        if toks[0] in self.wh:
            return (
                toks[1] in self.aux
                or toks[1] in {"happened", "else", "about", "kind", "time"}
                or bool(self.specific.match(" ".join(toks[:3])))  # "how long ago did..."
            )
        return False

    # ------------------------------------------------------------------ one sentence

    def question(self, sentence: Sentence) -> str | None:
        """``open``, ``closed``, ``offer``, ``declarative``, ``tag`` or None for a sentence.

        A yes/no question left open at its end ("do you see them often, or...?") is open.
        """
        key = (sentence.tokens, sentence.question, sentence.ended, sentence.breaks)
        if key in self._kinds:
            return self._kinds[key]
        if len(self._kinds) >= CACHE_SIZE:
            self._kinds.clear()  # bounded: same footprint for any batch
        kind = self._kinds[key] = self._by_shape(sentence)
        return kind

    def checks_back(self, sentence: Sentence) -> bool:
        """A sentence that only asks whether what was just said is right: "is that right?",
        "am I understanding correctly?" (a bare "right?" or "okay?" is too weak to count)."""
        toks = self.strip(sentence.tokens)
        return len(toks) > 1 and starts(toks, self.tags) == toks

    def yes_no(self, sentence: Sentence) -> bool:
        """A closed question that seeks a yes or a no, or confirms ("is that the card ending in
        4411?", "so it drops every evening?", "..., right?"), not one that asks for a detail
        ("order number?", "what's your postcode?", "can I take your name?")."""
        if self.question(sentence) not in (CLOSED, TAG, DECLARATIVE):
            return False
        clauses = [c for c in sentence.clauses if any(w not in _COURTESY for w in c)]
        toks = self.strip(clauses[-1] if clauses else sentence.tokens)
        body = toks[:-1] if toks[-1:] == ("please",) and len(toks) > 1 else toks
        # "order date?", "your postcode?": a noun phrase alone asks for it; "is that your
        # account?" opens with a verb and asks yes or no
        elliptical = bool(body) and len(body) <= 5 and body[0] not in self.aux
        if not body or body[0] in self.wh or (elliptical and DETAILS & {body[0], body[-1]}):
            return False
        if len(body) > 3 and body[0] in {"can", "could", "may"} and body[1] in {"i", "you", "we"}:
            if body[2] in _ASK_FOR:
                return False  # "can i take your name?"
            if body[2] in {"confirm", "verify"} and body[3] not in {"that", "if", "whether", "you"}:
                return False  # "can you confirm your address?" asks for it
        return True

    def _by_shape(self, sentence: Sentence) -> str | None:
        """The form of a sentence not seen before, shared with the sentences of its digit
        shape (:mod:`svcaudit.shapes`; "is order 48213 the one?" reads as "is order 00000
        the one?") when no word list or pattern of the forms names a digit: then every test
        here (set membership, comparing words, whole-word substrings, the ``specific``
        pattern) treats all digits alike, and the form is a word such as "closed"."""
        text = " ".join(sentence.tokens)
        masked = shape(text)
        if masked is text or not self._digit_blind:
            return self._kind(sentence)
        key = (masked, sentence.question, sentence.ended, sentence.breaks)
        kind = self._shapes.get(key, _UNSEEN)
        if kind is _UNSEEN:
            if len(self._shapes) >= CACHE_SIZE:
                self._shapes.clear()  # bounded: same footprint for any batch
            kind = self._shapes[key] = self._kind(sentence)
        return kind  # type: ignore[return-value]

    def _kind(self, sentence: Sentence) -> str | None:
        kind = self._question(sentence)
        toks = sentence.tokens
        if kind == CLOSED and (
            toks[-1] == "or" or (toks[-2:-1] == ("or",) and toks[-1] in _OPEN_ENDS)
        ):
            return OPEN
        return kind

    def _question(self, sentence: Sentence) -> str | None:
        clauses = sentence.clauses
        if sentence.question:
            if len(clauses) > 1 and starts(clauses[-1], self.tags) == tuple(clauses[-1]):
                return TAG
            for clause in reversed(clauses):
                kind = self.clause_kind(clause, asked=True)
                if kind is not None:
                    return kind
            if self._tagged(sentence.tokens):
                return TAG
            inner = self._run_on(clauses[-1])
            if inner is not None:
                return inner
            toks = self.strip(sentence.tokens)
            return DECLARATIVE if len(toks) > 1 or toks[0] not in self.markers else None
        if self._confirming(sentence.tokens):
            return DECLARATIVE
        for clause in reversed(clauses):
            kind = self.clause_kind(clause)
            stripped = self.strip(clause)
            if kind in (OPEN, CLOSED) and starts(stripped, self.requests_any):
                return kind  # an imperative request: "tell me what happened.", "i need your name."
            if not sentence.ended and kind is not None and self._looks_asked(clause):
                return kind
        if sentence.ended:
            return self._misdotted(clauses[0])
        return self._unpunctuated(sentence)

    def _confirming(self, tokens: Sequence[str]) -> bool:
        """"just to confirm, you're at 12 high street": a statement about the customer after a
        confirming opening asks them to confirm it; "just to confirm, i have cancelled it" tells."""
        toks = self.strip(tokens)
        opening = starts(toks, self.confirms)
        if not opening:
            return False
        rest = toks[len(opening) :]
        rest = rest[1:] if rest[:1] == ("that",) else rest
        return len(rest) > 1 and rest[0] in {"you", "your"}

    def _misdotted(self, clause: Sequence[str]) -> str | None:
        """A question that speech-to-text ended with a full stop: "are you familiar with the
        plan." An inverted opening with a second or third person subject is a question;
        "so do i." and offers ("would you like me to...") are not."""
        toks = self.strip(clause)
        if len(toks) < 3 or toks[0] not in self.aux or toks[1] not in _DOTTED_SUBJECTS:
            return None
        if toks in _NOT_ASKING:
            return None  # "do you know what, ..."
        kind = self.clause_kind(clause, asked=True)
        if toks[2] in {"please", "kindly", "just"} and kind != OPEN:
            return None  # "could you please hold.", but "can you please tell me more."
        return kind if kind in (OPEN, CLOSED) else None

    def _unpunctuated(self, sentence: Sentence) -> str | None:
        """Speech-to-text without punctuation: a question run on mid-sentence ("sorry about
        that can you tell me what happens"), or a closing confirmation ("... is that right")."""
        for clause in reversed(sentence.clauses):
            inner = self._run_on(clause)
            if inner in (OPEN, CLOSED):
                return inner
        toks = sentence.tokens
        long_tags = [t for t in self.tags if len(t) > 1]  # a bare "right" or "okay" says little
        if any(len(toks) > len(t) + 2 and tuple(toks[-len(t) :]) == t for t in long_tags):
            return TAG
        return None


def sentence_of(norm: Norm, pos: int) -> int:
    """The index in ``norm.sentences`` of the sentence at character ``pos`` of ``norm.text``."""
    before = norm.text[:pos].split()
    return sum(1 for tok in before if tok in {".", "?", "!"})


def self_introductions(norm: Norm, stopwords: frozenset[str]) -> set[str]:
    """Names a customer gives for themselves: "my name is Ana Ruiz", "this is Ana"."""
    out: set[str] = set()
    found = [*_INTRO.finditer(norm.text), *_INTRO_START.finditer(norm.text)]
    for m in found:
        for i, name in enumerate(m.groups()):
            if not name or name in stopwords or name in _NOT_NAMES:
                break  # a second word only counts after a first name
            out.add(name)
            if i == 0 and len(name) < 2:
                break
    return out


_NOT_NAMES = frozenset({"calling", "ringing", "writing", "about", "regarding", "sick", "having"})
