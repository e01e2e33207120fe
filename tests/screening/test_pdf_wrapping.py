"""The summary PDF keeps what was typed inside the page: a 120-character URL and a 4,900-character
string without a break wrap rather than run off the edge (issue 26, item 5). Read back with
pdftotext's word boxes."""

from __future__ import annotations

import re
import subprocess

import pytest

from screening import pdf
from tests.factories import make_screening, save_step

URL = "https://www.example.org/" + "a-very-long-path/" * 5 + "x" * 11
UNBROKEN = "W" * 4900


def _words(document: bytes, tmp_path) -> tuple[list[tuple[float, float, str]], list[float]]:
    """Each word's left and right edge and text, and each page's width, in points."""
    source = tmp_path / "summary.pdf"
    source.write_bytes(document)
    boxes = subprocess.run(
        ["pdftotext", "-bbox", str(source), "-"], capture_output=True, text=True, check=True
    ).stdout
    widths = [float(width) for width in re.findall(r'<page width="([\d.]+)"', boxes)]
    words = [
        (float(left), float(right), text)
        for left, right, text in re.findall(
            r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
            boxes,
        )
    ]
    return words, widths


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_it_wraps_long_unbroken_text_inside_the_page(alice, catalogue, tmp_path, language):
    from django.utils import translation

    screening = make_screening(alice, case_reference="HK-WIDE-PDF1")
    group = screening.groups[0]
    save_step(screening, alice, group.slug, {group.indicators[0].slug: ("yes", URL)}, UNBROKEN)
    with translation.override(language):
        document = pdf.summary_pdf(screening, printed_by=alice)

    words, widths = _words(document, tmp_path)
    assert widths and all(width == widths[0] for width in widths)
    outside = [text[:30] for left, right, text in words if left < 0 or right > widths[0]]
    assert outside == []
    typed = "".join(text for _left, _right, text in words)
    assert typed.count("W") >= len(UNBROKEN)  # all of it printed, none cut off
    assert "a-very-long-path" in typed
