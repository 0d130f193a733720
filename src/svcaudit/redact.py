"""Masking personal data in what svcaudit writes: ``--redact``.

Transcripts hold customers' card numbers, account numbers, e-mail addresses,
phone numbers and national ids. Reports quote turns as evidence, so a report
that leaves the machine (a CI annotation, a JUnit file, a PR comment) must not
carry them. Redaction happens after scoring, on the text that is written:

* a card number: 13 to 19 digits, spaces or dashes between groups, that
  passes the Luhn check -> ``[card]``;
* an e-mail address -> ``[email]``;
* a US social security number (123-45-6789) or a UK national insurance
  number (AB 12 34 56 C) -> ``[id]``;
* a phone number: +country or (area) forms, or 10-11 digits in groups -> ``[phone]``;
* any other run of 6 or more digits (account, order, member numbers) -> ``[number]``.

Short numbers (amounts, times, "3-5 days") are left alone.
"""

from __future__ import annotations

import re
from dataclasses import replace

from svcaudit.model import ElementResult, Evidence, Scorecard, Transcript

_CARD = re.compile(r"(?<![\d-])(?:\d[ -]?){12,18}\d(?![\d-])")
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_SSN = re.compile(r"\b\d{3}-\d{2}-\d{4}\b")
_NINO = re.compile(r"\b[A-CEGHJ-PR-TW-Z]{2} ?\d{2} ?\d{2} ?\d{2} ?[A-D]\b", re.IGNORECASE)
_PHONE = re.compile(
    r"(?<![\w+])(?:\+\d{1,3}[ .-]?)?(?:\(\d{2,4}\)[ .-]?)?\d{2,5}(?:[ .-]\d{2,6}){1,3}(?![\w-])"
)
_DIGITS = re.compile(r"\d{6,}")


def luhn(digits: str) -> bool:
    """The Luhn checksum that every payment card number satisfies."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def _card(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group(0))
    return "[card]" if 13 <= len(digits) <= 19 and luhn(digits) else match.group(0)


def _phone(match: re.Match[str]) -> str:
    text = match.group(0)
    digits = re.sub(r"\D", "", text)
    return (
        "[phone]"
        if len(digits) >= 10 or (text.startswith(("+", "(")) and len(digits) >= 7)
        else text
    )


def text(value: str) -> str:
    """``value`` with personal data masked."""
    value = _CARD.sub(_card, value)
    value = _EMAIL.sub("[email]", value)
    value = _SSN.sub("[id]", value)
    value = _NINO.sub("[id]", value)
    value = _PHONE.sub(_phone, value)
    return _DIGITS.sub("[number]", value)


def transcript(item: Transcript) -> Transcript:
    turns = tuple(replace(t, text=text(t.text)) for t in item.turns)
    return replace(item, turns=turns)


def _evidence(item: Evidence) -> Evidence:
    return replace(item, text=text(item.text))


def _result(item: ElementResult) -> ElementResult:
    outcome = replace(item.outcome, evidence=tuple(_evidence(e) for e in item.outcome.evidence))
    return replace(item, outcome=outcome)


def scorecard(card: Scorecard) -> Scorecard:
    """The scorecard with every quoted turn masked (scores and verdicts unchanged)."""
    return replace(
        card,
        transcript=transcript(card.transcript),
        results=tuple(_result(r) for r in card.results),
    )
