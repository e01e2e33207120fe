"""Reading pages in tests the way a person reads them: entities decoded, whitespace collapsed."""

from __future__ import annotations

import html
import re


def squash(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def text_of(response) -> str:
    return squash(html.unescape(response.content.decode()))


def between(text: str, start: str, end: str) -> str:
    """The part of `text` from the first `start` to the next `end` after it."""
    head = text.index(start)
    return text[head : text.index(end, head)]
