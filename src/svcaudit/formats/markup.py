"""Markup to text: HTML bodies (Intercom, Zendesk) and cue text (WebVTT, SRT).

`html_to_text` keeps `<br>`, `<p>` and other blocks as line breaks, drops `<script>`/`<style>`,
unescapes entities and collapses the spaces of each line; blank lines are dropped.
"""

from __future__ import annotations

import html
import re
from html.parser import HTMLParser

_BLOCKS = frozenset({
    "address", "article", "blockquote", "br", "dd", "div", "dl", "dt", "footer", "h1", "h2", "h3",
    "h4", "h5", "h6", "header", "hr", "li", "ol", "p", "pre", "section", "table", "tr", "ul",
})  # fmt: skip
_HIDDEN = frozenset({"script", "style", "head", "title", "template"})
_TAG = re.compile(r"<[^<>]*>")


class _TextParser(HTMLParser):
    """Collects the text of an HTML fragment, a newline for each block boundary."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.hidden = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HIDDEN:
            self.hidden += 1
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _HIDDEN:
            self.hidden = max(0, self.hidden - 1)
        elif tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.hidden:
            self.parts.append(data)


def html_to_text(markup: str) -> str:
    """The text of an HTML body, one line for each paragraph or line break."""
    parser = _TextParser()
    parser.feed(markup)
    parser.close()
    return tidy("".join(parser.parts))


def tidy(text: str) -> str:
    """Spaces collapsed in each line (no-break spaces too), blank lines dropped."""
    lines = (" ".join(line.split()) for line in text.splitlines())
    return "\n".join(line for line in lines if line)


def strip_tags(text: str) -> str:
    """Cue text without its tags (`<i>`, `<c.red>`, `<00:01.000>`), entities unescaped."""
    return tidy(html.unescape(_TAG.sub("", text)))
