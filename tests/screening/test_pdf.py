"""The summary PDF, read back: what it must say, and that hostile notes fetch nothing."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from screening import pdf
from screening.models import AuditEvent
from tests.factories import answer_all, make_screening, sign_in


def _text(document: bytes) -> tuple[str, PdfReader]:
    reader = PdfReader(io.BytesIO(document))
    text = "\n".join(page.extract_text() for page in reader.pages)
    return re.sub(r"\s+", " ", text), reader


def _squash(text: str) -> str:
    return re.sub(r"\s+", " ", text)


@pytest.fixture
def full_screening(alice, catalogue):
    screening = make_screening(alice, case_reference="HK-2611-PDF1", immediate_danger=True)
    return answer_all(screening, alice, "yes", note="seen at the office")


def test_it_says_everything_the_file_needs(full_screening, alice):
    text, reader = _text(pdf.summary_pdf(full_screening, printed_by=alice))
    assert "HK-2611-PDF1" in text
    assert "CONFIDENTIAL" in text.upper()
    assert "Call 999 now" in text
    assert "connect@100storiesHK.org" in text
    assert "Printed by alice" in text
    for indicator in full_screening.indicators:
        assert _squash(indicator.wording) in text, indicator.slug
    assert f"Page 1 of {len(reader.pages)}" in text
    assert reader.metadata.title == "HK-2611-PDF1"


def test_it_serves_the_pdf_as_an_attachment_and_audits_it(client, full_screening, alice):
    sign_in(client, alice)
    response = client.get(reverse("screening:pdf", args=[full_screening.pk]))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert "no-store" in response["Cache-Control"]
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f"screening-HK-2611-PDF1-{full_screening.screened_on:%Y-%m-%d}.pdf" in disposition
    assert AuditEvent.objects.filter(screening_id=full_screening.pk, action="printed").exists()


def test_it_leaves_the_999_line_out_when_there_was_no_danger(alice, catalogue):
    screening = make_screening(alice)
    answer_all(screening, alice, "no")
    text, _ = _text(pdf.summary_pdf(screening, printed_by=alice))
    assert "Call 999 now" not in text
    assert "No referral" in text or "no referral" in text


def test_it_prints_hostile_notes_as_text_and_fetches_nothing(alice, catalogue, listener):
    port = listener  # the fixture fails the test if anything connects
    hostile = [
        '<img src="http://127.0.0.1:9/x">',
        '<link href="file:///etc/passwd">',
        "url(file:///etc/passwd)",
        f'<img src="http://127.0.0.1:{port}/spy">',
        f"<style>body {{ background: url(http://127.0.0.1:{port}/css) }}</style>",
    ]
    screening = make_screening(alice)
    answer_all(screening, alice, "yes", note=" ".join(hostile[:3]))
    for number, note in enumerate(hostile[3:]):
        answer = screening.answers.all()[number]
        answer.note = note
        answer.save()
    text, _ = _text(pdf.summary_pdf(screening, printed_by=alice))
    assert '<img src="http://127.0.0.1:9/x">' in text
    assert "url(file:///etc/passwd)" in text
    assert "root:x:0:0" not in text
