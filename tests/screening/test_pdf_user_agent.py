"""PDFs are rendered with our cut-down user-agent stylesheet, which styles every element used."""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from pathlib import Path
from unittest import mock

from django.template.loader import render_to_string
from django.test import RequestFactory
from pypdf import PdfReader

from definitions.views import _card_context
from lib import pdf as pdf_renderer
from screening import pdf, personal_data_copy
from screening.models import DataAccessRequest, SupervisorNote
from tests.factories import answer_all, make_screening

# Inline elements need no rule of their own to be laid out as inline text.
INLINE = {"a", "b", "br", "em", "i", "small", "span", "strong"}


class Tags(HTMLParser):
    def __init__(self):
        super().__init__()
        self.seen: set[str] = set()

    def handle_starttag(self, tag, attrs):
        self.seen.add(tag)


def _styled_elements() -> set[str]:
    """The element names the user-agent sheet gives a `display`, read from the sheet itself."""
    css = Path(pdf_renderer.__file__).with_name("pdf_user_agent.css").read_text()
    rules = re.findall(r"^([a-z0-9\[\]=, ]+?)\s*\{\s*display:", css, flags=re.M)
    return {name.strip() for rule in rules for name in rule.split(",") if name.strip()[0] != "["}


def _tags(html: str) -> set[str]:
    parser = Tags()
    parser.feed(html)
    return parser.seen


def _summary_html(screening, user) -> str:
    captured: list[str] = []
    with mock.patch.object(pdf, "render_pdf", side_effect=captured.append):
        pdf.summary_pdf(screening, printed_by=user)
    return captured[0]


def test_it_styles_every_element_the_summary_pdf_uses(alice, catalogue):
    screening = make_screening(alice, immediate_danger=True, age_band="under_18")
    answer_all(screening, alice, "yes", note="seen", step_notes="first line\n\nsecond")
    used = _tags(_summary_html(screening, alice))
    assert {"h1", "h2", "li", "dd"} <= used
    assert used <= _styled_elements() | INLINE


def test_it_styles_every_element_the_card_pdf_uses(catalogue):
    request = RequestFactory().get("/indicators/card.pdf")
    context = _card_context(request, "pdf_base.html")
    html = render_to_string("definitions/card.html", context, request=request)
    assert _tags(html) <= _styled_elements() | INLINE


def _titles(outline) -> list[str]:
    return [
        t for item in outline for t in (_titles(item) if isinstance(item, list) else [item.title])
    ]


def test_it_hands_our_stylesheet_to_weasyprint(alice, catalogue):
    screening = answer_all(make_screening(alice), alice, "yes", note="seen")
    with mock.patch.object(
        pdf_renderer.OurHTML,
        "_ua_stylesheets",
        autospec=True,
        side_effect=lambda self, forms=False: [pdf_renderer.USER_AGENT_STYLESHEET],
    ) as asked:
        document = pdf.summary_pdf(screening, printed_by=alice)
    assert asked.called
    reader = PdfReader(io.BytesIO(document))
    # What the full stylesheet gave and ours keeps: an outline from the headings, no <head> text.
    assert "What to do now" in _titles(reader.outline)


def test_it_styles_every_element_the_personal_data_copy_uses(alice, sam, catalogue):
    screening = make_screening(alice, language="yue")
    answer_all(screening, alice, "yes", note="seen", step_notes="first line\n\nsecond")
    SupervisorNote.objects.create(screening=screening, kind="correction", text="x", written_by=sam)
    request = DataAccessRequest.objects.create(kind="access", case_references="X", recorded_by=sam)
    request.screenings.add(screening)
    captured: list[str] = []
    with mock.patch.object(personal_data_copy, "render_pdf", side_effect=captured.append):
        personal_data_copy.copy_pdf(request, produced_by=sam)
    used = _tags(captured[0])
    assert {"h1", "h2", "h4", "li", "dd", "section"} <= used
    assert used <= _styled_elements() | INLINE
