"""Checklist regular expressions: compile them, and refuse the ones that can hang.

Python's ``re`` backtracks and has no time limit, so a pattern such as
``(a+)+$`` takes exponential time on a line of a's followed by a "b". A
checklist comes from a user; its patterns are refused at load when an
unbounded repeat contains another unbounded repeat (star height above one),
the shape behind catastrophic backtracking. Bounded repeats (``{0,3}``) and
single-level repeats are allowed.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

try:  # Python 3.11+
    from re import _constants as sre_constants
    from re import _parser as sre_parse
except ImportError:  # Python 3.10
    import sre_constants  # type: ignore[no-redef]
    import sre_parse  # type: ignore[no-redef]

REPEATS = (sre_constants.MAX_REPEAT, sre_constants.MIN_REPEAT)


@lru_cache(maxsize=4096)
def parse(pattern: str) -> Any:
    """``pattern``'s parse tree, read only (remembered: the cue model reads each pattern's for
    its requirements, back-references, empty width and digit blindness). Raises what
    ``sre_parse.parse`` raises."""
    return sre_parse.parse(pattern)


_UNBOUNDED = sre_constants.MAXREPEAT


def problem(pattern: str) -> str | None:
    """Why ``pattern`` cannot be used, or None when it is fine."""
    try:
        re.compile(pattern)
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError) as err:
        return f"bad pattern {pattern!r}: {err}"
    if _nested(parsed, inside=False):
        return (
            f"pattern {pattern!r} may backtrack catastrophically: a repeated group "
            "contains a repeat (write it without the nested '+' or '*')"
        )
    return None


def _nested(items: Any, inside: bool) -> bool:
    """Is there an unbounded repeat inside an unbounded repeat?"""
    for op, arg in items:
        if op in REPEATS:
            _low, high, sub = arg
            unbounded = high == _UNBOUNDED
            if (unbounded and inside) or _nested(sub, inside or unbounded):
                return True
        elif any(_nested(child, inside) for child in children(op, arg)):
            return True
    return False


def children(op: Any, arg: Any) -> list[Any]:
    """The sub-patterns of a group, an alternation or a look-around."""
    if op is sre_constants.SUBPATTERN:
        return [arg[-1]]
    if op is sre_constants.BRANCH:
        return list(arg[1])
    if op in (sre_constants.ASSERT, sre_constants.ASSERT_NOT):
        return [arg[1]]
    return []
