"""Digit shapes: turns that differ only in their digits share the work done on them.

Contact-centre turns are scripts with varying numbers ("your order 48213 ships on the
12th"): of the distinct turns of the generated benchmark, five in six differ from another
only in their digits. A text's *shape* is the text with every ASCII digit written as "0"
(:func:`shape`); the text caches of normalisation (:mod:`svcaudit.match`) and of a turn's
phrase cues (:mod:`svcaudit.cues`) are keyed by it, and what they remember is given back
with this turn's own digits, so that the results are exactly those of the real text.

That is sound only where the pipeline cannot tell one digit from another. A regular
expression cannot when no part of it names a digit apart from the others
(:func:`digit_blind`: "[0-9]", "\\d" and "\\w" treat all digits alike; a literal "24", a
class "[1-5]" or a back-reference do not); the callers prove the rest for each text (no
dropped or repeated digits in normalisation, no digit-bearing phrase or pattern that
could match) and otherwise key by the real text, as before.
"""

from __future__ import annotations

import re
from typing import Any

from svcaudit.patterns import REPEATS, parse, sre_constants

_TO_ZERO = str.maketrans("123456789", "000000000")
_DIGIT = re.compile("[0-9]")
DIGITS = frozenset("0123456789")


def shape(text: str) -> str:
    """``text`` with every ASCII digit written as "0" (same length, same positions); ``text``
    itself when it has none (a search is about twice as fast as the translation)."""
    return text.translate(_TO_ZERO) if _DIGIT.search(text) else text


def has_digit(text: str) -> bool:
    return _DIGIT.search(text) is not None


def digit_blind(pattern: str) -> bool:
    """Can ``pattern`` not tell ASCII digits apart? Then it finds the same spans in a text
    and in its shape. False when unsure (unparsable, an unknown construct)."""
    try:
        return _blind(parse(pattern))
    except (re.error, RecursionError, OverflowError):
        return False


_CODES = range(ord("0"), ord("9") + 1)
_PLAIN = (sre_constants.ANY, sre_constants.AT)


def _blind(items: Any) -> bool:
    for op, arg in items:
        if op in (sre_constants.LITERAL, sre_constants.NOT_LITERAL):
            if arg in _CODES:
                return False
        elif op is sre_constants.IN:
            if not _uniform(arg):
                return False
        elif op in _PLAIN:
            continue
        elif op in REPEATS or op is getattr(sre_constants, "POSSESSIVE_REPEAT", None):
            if not _blind(arg[2]):
                return False
        elif op is sre_constants.SUBPATTERN or op is getattr(sre_constants, "ATOMIC_GROUP", None):
            if not _blind(arg[-1]):
                return False
        elif op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
            if not _blind(arg[1]):
                return False
        elif op is sre_constants.BRANCH:
            if not all(_blind(branch) for branch in arg[1]):
                return False
        else:
            return False  # back-references, conditionals, anything not known to be blind
    return True


_ALL_DIGITS = frozenset(
    {
        sre_constants.CATEGORY_DIGIT,
        sre_constants.CATEGORY_WORD,
        sre_constants.CATEGORY_NOT_SPACE,
        sre_constants.CATEGORY_NOT_LINEBREAK,
    }
)
_NO_DIGITS = frozenset(
    {
        sre_constants.CATEGORY_NOT_DIGIT,
        sre_constants.CATEGORY_NOT_WORD,
        sre_constants.CATEGORY_SPACE,
        sre_constants.CATEGORY_LINEBREAK,
    }
)


def _uniform(items: Any) -> bool:
    """Does a character class hold all ten digits or none of them?"""
    held = set()
    for op, arg in items:
        if op is sre_constants.NEGATE:
            continue
        if op is sre_constants.LITERAL:
            held |= {arg} & set(_CODES)
        elif op is sre_constants.RANGE:
            held |= set(range(max(arg[0], _CODES[0]), min(arg[1], _CODES[-1]) + 1))
        elif op is sre_constants.CATEGORY:
            if arg in _ALL_DIGITS:
                held |= set(_CODES)
            elif arg not in _NO_DIGITS:
                return False
        else:
            return False
    return len(held) in (0, len(_CODES))
