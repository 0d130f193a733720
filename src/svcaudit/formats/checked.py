"""Required fields and times of vendor JSON, checked on top of `jsondoc.Doc`.

The speech and contact-centre readers (Transcribe, Call Analytics, Contact Lens, CCAI, Azure
Speech) read their files through these: a missing field or a value of the wrong type is an
error that names the JSON path and points at it (`results.items[12]: missing 'alternatives'`).
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

from svcaudit.formats.jsondoc import Doc, Key, show
from svcaudit.formats.markup import html_to_text

_MARKDOWN = re.compile(r"\[([^\]]*)\]\([^)]*\)|\*\*|__|`|^#{1,6}\s+", re.M)
_HTML = re.compile(r"<[a-zA-Z/][^<>]*>|&#?\w+;")


def need(doc: Doc, obj: dict[str, Any], keys: Sequence[Key], key: str) -> Any:
    """`obj[key]`, which must be there and not null."""
    if obj.get(key) is None:
        raise doc.error(keys, f"missing {key!r}")
    return obj[key]


def text(doc: Doc, obj: dict[str, Any], keys: Sequence[Key], key: str) -> str:
    """The string `obj[key]`, which must be there."""
    value = need(doc, obj, keys, key)
    if not isinstance(value, str):
        raise doc.error([*keys, key], f"expected a string, got {show(value)}")
    return value


def objects(doc: Doc, obj: dict[str, Any], keys: Sequence[Key], key: str) -> list[dict[str, Any]]:
    """The list of objects `obj[key]`, which must be there."""
    return [doc.obj(item, [*keys, key, i]) for i, item in enumerate(doc.items(obj, keys, key))]


def child(doc: Doc, obj: dict[str, Any], keys: Sequence[Key], key: str) -> dict[str, Any]:
    """The object `obj[key]`, which must be there."""
    return doc.obj(need(doc, obj, keys, key), [*keys, key])


def seconds(
    doc: Doc, obj: dict[str, Any], keys: Sequence[Key], key: str, *, unit: float = 1.0
) -> float | None:
    """A time `obj[key]` in `unit`s (0.001 for milliseconds) as seconds; absent is None.

    Numbers written as strings ("0.49", as Transcribe writes them) are numbers too.
    """
    value = obj.get(key)
    if value is None:
        return None
    try:
        number = float(value) if isinstance(value, (int, float, str)) else math.nan
    except ValueError:
        number = math.nan
    if isinstance(value, bool) or not math.isfinite(number):
        raise doc.error([*keys, key], f"expected a number, got {show(value)}")
    return round(number * unit, 3)


def must(doc: Doc, value: float | None, keys: Sequence[Key], key: str) -> float:
    """A time that the schema requires."""
    if value is None:
        raise doc.error(keys, f"missing {key!r}")
    return value


def plain(content: str, content_type: str = "") -> str:
    """Message text without HTML or markdown marks, spaces collapsed."""
    if "markdown" in content_type:
        content = _MARKDOWN.sub(lambda match: match[1] or "", content)
    if _HTML.search(content):
        content = html_to_text(content)
    return " ".join(content.split())
