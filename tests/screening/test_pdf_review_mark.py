"""A completed summary that no supervisor has reviewed yet says so on every page of its PDF, so
it is not taken for the final record (issue 26, item 8)."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from screening import pdf, services
from tests.factories import answer_all, make_screening


def _pages(screening, user) -> list[str]:
    reader = PdfReader(io.BytesIO(pdf.summary_pdf(screening, printed_by=user)))
    return [page.extract_text() for page in reader.pages]


@pytest.fixture
def completed(alice, catalogue):
    screening = make_screening(alice, case_reference="HK-2612-REVW")
    answer_all(screening, alice, "yes", note="seen at the office " * 10)
    screening.refresh_from_db()
    services.complete_screening(screening=screening, user=alice, version=screening.version)
    return screening


def test_it_marks_every_page_of_a_completed_unreviewed_summary(completed, alice):
    pages = _pages(completed, alice)
    assert len(pages) > 1
    assert all("Not yet reviewed" in page for page in pages)


def test_it_drops_the_mark_once_a_supervisor_has_reviewed_it(completed, alice, sam):
    services.review_screening(screening=completed, user=sam, version=completed.version, comment="")
    assert not any("Not yet reviewed" in page for page in _pages(completed, alice))


def test_a_draft_still_says_draft_on_every_page(alice, catalogue):
    draft = answer_all(make_screening(alice), alice, "yes", note="seen at the office " * 10)
    pages = _pages(draft, alice)
    assert all("DRAFT" in page for page in pages)
    assert not any("Not yet reviewed" in page for page in pages)
