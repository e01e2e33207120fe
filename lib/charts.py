"""Bar charts rendered on the server as SVG: no JavaScript, nothing fetched, printable.

The CSP allows inline SVG elements (it forbids inline script and style attributes, and these
charts use neither: colours and sizes are SVG presentation attributes). Each chart is an image
with a title for screen readers; the page puts its data table right after it, which is what a
screen reader user reads and what a printout keeps exact. A hidden count (None) has no bar and
is labelled like the table ("<11").
"""

from __future__ import annotations

import re

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Narrow, so that on a 360-pixel phone the text is scaled down little.
WIDTH = 480
ROW = 26
LINE = 17  # a label's lines: long labels wrap, whole, so that no two read the same
LABEL = 180  # the labels' column
LABEL_UNITS = 22  # what fits in it: a Latin character is one unit, a Chinese one two
VALUE = 44
WIDE = re.compile(
    r"[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60]"
)
TOKENS = re.compile(r"\s+|" + WIDE.pattern + r"|[^\s" + WIDE.pattern[1:-1] + r"]+")


def _units(text: str) -> int:
    return sum(2 if WIDE.match(character) else 1 for character in text)


def label_lines(label: str, limit: int = LABEL_UNITS) -> list[str]:
    """`label` in lines that fit the labels' column: at spaces, between Chinese characters, or
    inside a word longer than a line."""
    lines, line = [], ""
    for token in TOKENS.findall(label):
        if token.isspace():
            line += " " if line else ""
            continue
        while _units(token) > limit:  # a word longer than a line: cut it across lines
            if line.strip():
                lines.append(line.strip())
                line = ""
            cut = max(index for index in range(1, len(token) + 1) if _units(token[:index]) <= limit)
            lines.append(token[:cut])
            token = token[cut:]
        if _units(line + token) > limit and line.strip():
            lines.append(line.strip())
            line = ""
        line += token
    if line.strip():
        lines.append(line.strip())
    return lines or [""]


def _label(lines: list[str], y: int) -> SafeString:
    spans = format_html_join(
        "",
        '<tspan x="0" dy="{}">{}</tspan>',
        ((0 if index == 0 else LINE, line) for index, line in enumerate(lines)),
    )
    return format_html('<text x="0" y="{}" class="chart-label">{}</text>', y, spans)


def bar_chart(
    bars: list[tuple[str, int | None]], *, title: str, chart_id: str, hidden_label: str
) -> SafeString:
    """A horizontal bar chart of `bars` (label, count or None), scaled to the largest count.
    Each label is whole, over as many lines as it needs."""
    largest = max([count for _label, count in bars if count] or [1])
    span = WIDTH - LABEL - VALUE
    rows = []
    y = 2
    for label, count in bars:
        lines = label_lines(label)
        length = round(span * (count or 0) / largest)
        rows.append(
            (
                _label(lines, y + 18),
                LABEL,
                y + 3,
                length,
                LABEL + length + 6,
                y + 18,
                hidden_label if count is None else count,
            )
        )
        y += max(ROW, ROW + LINE * (len(lines) - 1))
    height = y + 6
    body = format_html_join(
        "",
        '{}<rect x="{}" y="{}" width="{}" height="18" class="chart-bar"></rect>'
        '<text x="{}" y="{}" class="chart-value">{}</text>',
        rows,
    )
    return format_html(
        '<svg class="chart" role="img" aria-labelledby="{id}-title" viewBox="0 0 {w} {h}" '
        'width="100%" preserveAspectRatio="xMinYMin meet" xmlns="http://www.w3.org/2000/svg">'
        '<title id="{id}-title">{title}</title>{body}</svg>',
        id=chart_id,
        w=WIDTH,
        h=height,
        title=title,
        body=body,
    )
