"""Immediate danger: the summary and its PDF say "Call 999 now" once, in the words of the rules;
the step pages' banner takes its number from the emergency contact."""

from __future__ import annotations

import io
import re

from django.urls import reverse
from pypdf import PdfReader

from referrals.models import ReferralContact
from screening import pdf
from screening.summary import ScreeningSummary
from tests.factories import answer_all, make_screening, sign_in


def _summary_page(client, screening) -> str:
    return client.get(reverse("screening:summary", args=[screening.pk])).content.decode()


def _pdf_text(screening, user) -> str:
    reader = PdfReader(io.BytesIO(pdf.summary_pdf(screening, printed_by=user)))
    return re.sub(r"\s+", " ", "\n".join(page.extract_text() for page in reader.pages))


def _set_emergency_phone(phone: str) -> None:
    contact = ReferralContact.objects.get(slug="emergency-999")
    contact.phone = phone
    contact.save()


def test_it_says_call_999_once_on_the_summary_page_before_what_to_do(client, alice, catalogue):
    screening = answer_all(make_screening(alice, immediate_danger=True), alice, "yes")
    sign_in(client, alice)
    page = _summary_page(client, screening)
    assert page.count("Call 999 now") == 1
    assert page.index("Call 999 now") < page.index("What to do now")
    # The rest of the guidance is still listed, referral first.
    assert page.index("What to do now") < page.index("Refer to 100storiesHK")


def test_it_says_call_999_once_in_the_summary_pdf(alice, catalogue):
    screening = answer_all(make_screening(alice, immediate_danger=True), alice, "yes")
    text = _pdf_text(screening, alice)
    assert text.count("Call 999 now") == 1
    assert text.index("Call 999 now") < text.index("What to do now")


def test_it_words_the_summary_banner_as_the_rules_do(client, alice, catalogue):
    _set_emergency_phone("999-TEST")
    screening = answer_all(make_screening(alice, immediate_danger=True), alice, "no")
    danger = ScreeningSummary(screening).danger
    assert danger.code == "call-999"
    assert danger.title == "Call 999-TEST now"
    sign_in(client, alice)
    page = _summary_page(client, screening)
    assert page.count(danger.title) == 1
    assert danger.body in page
    assert "Call 999 now" not in page
    assert _pdf_text(screening, alice).count(danger.title) == 1


def test_it_leaves_the_banner_out_without_danger(client, alice, catalogue):
    screening = answer_all(make_screening(alice), alice, "yes")
    assert ScreeningSummary(screening).danger is None
    sign_in(client, alice)
    assert "Call 999 now" not in _summary_page(client, screening)


def test_it_takes_the_step_pages_number_from_the_emergency_contact(client, alice, catalogue):
    screening = make_screening(alice, immediate_danger=True)
    sign_in(client, alice)
    page = client.get(screening.step_url(2)).content.decode()
    assert page.count("Call 999 now") == 1
    assert 'href="tel:999"' in page
    _set_emergency_phone("999 TEST")
    page = client.get(screening.step_url(2)).content.decode()
    assert "Call 999 TEST now" in page
    assert 'href="tel:999TEST"' in page
    assert "Call 999 now" not in page


def test_it_keeps_999_without_an_active_emergency_contact(client, alice, catalogue):
    contact = ReferralContact.objects.get(slug="emergency-999")
    contact.active = False
    contact.save()
    screening = make_screening(alice, immediate_danger=True)
    sign_in(client, alice)
    assert "Call 999 now" in client.get(screening.step_url(2)).content.decode()
    assert _summary_page(client, screening).count("Call 999 now") == 1


def test_it_puts_call_999_above_the_supervisors_actions(client, sam, alice, catalogue):
    screening = make_screening(alice, immediate_danger=True, status="completed")
    sign_in(client, sam)
    page = _summary_page(client, screening)
    assert page.count("Call 999 now") == 1
    assert page.index("Call 999 now") < page.index("Mark reviewed and lock")
