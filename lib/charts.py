"""Bar charts rendered on the server as SVG: no JavaScript, nothing fetched, printable.

The CSP allows inline SVG elements (it forbids inline script and style attributes, and these
charts use neither: colours and sizes are SVG presentation attributes). Each chart is an image
with a title for screen readers; the page puts its data table right after it, which is what a
screen reader user reads and what a printout keeps exact. A hidden count (None) has no bar and
is labelled like the table ("<11").
"""

from __future__ import annotations

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Narrow, so that on a 360-pixel phone the text is scaled down little.
WIDTH = 480
ROW = 26
LABEL = 180  # the labels' column; long labels are cut with an ellipsis (the table has them whole)
VALUE = 44


def _cut(label: str, limit: int = 22) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def bar_chart(
    bars: list[tuple[str, int | None]], *, title: str, chart_id: str, hidden_label: str
) -> SafeString:
    """A horizontal bar chart of `bars` (label, count or None), scaled to the largest count."""
    largest = max([count for _label, count in bars if count] or [1])
    span = WIDTH - LABEL - VALUE
    height = ROW * len(bars) + 8
    rows = []
    for index, (label, count) in enumerate(bars):
        y = 2 + index * ROW
        length = round(span * (count or 0) / largest)
        rows.append(
            (
                y + 18,
                _cut(label),
                LABEL,
                y + 3,
                length,
                LABEL + length + 6,
                y + 18,
                hidden_label if count is None else count,
            )
        )
    body = format_html_join(
        "",
        '<text x="0" y="{}" class="chart-label">{}</text>'
        '<rect x="{}" y="{}" width="{}" height="18" class="chart-bar"></rect>'
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
