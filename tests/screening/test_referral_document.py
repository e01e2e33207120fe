"""The summary PDF as a referral document a partner can act on, read back page by page: who
refers and who screened, the danger and consent lines, DRAFT on every page of a draft, and "Not
for sharing" on every page without the person's consent."""

from __future__ import annotations

import pytest

from accounts.models import Profile
from screening import pdf, services
from tests.factories import answer_all, make_screening, make_user, make_verified_device
from tests.pdfs import read, text_of


def _pages(document: bytes) -> list[str]:
    return [" ".join(page.extract_text().split()) for page in read(document).pages]


@pytest.fixture
def screener(alice):
    Profile.objects.create(
        user=alice, full_name="Alice Chan", job_title="Senior caseworker", work_phone="3000 0000"
    )
    return alice


def _completed(alice, *, consent: bool | None, reference: str, **fields):
    screening = answer_all(make_screening(alice, case_reference=reference, **fields), alice, "yes")
    services.complete_screening(
        screening=screening, user=alice, version=screening.version, consent_to_share=consent
    )
    return screening


@pytest.mark.django_db
def test_it_names_who_refers_who_screened_and_the_danger_and_consent(screener, catalogue, settings):
    settings.ORGANISATION_NAME = "Harbour Outreach"
    boss = make_user("sam-reviewer", "Supervisor")
    make_verified_device(boss)
    screening = _completed(screener, consent=True, reference="HK-2611-REF1", immediate_danger=True)
    services.review_screening(screening=screening, user=boss, version=screening.version, comment="")
    text = text_of(pdf.summary_pdf(screening, printed_by=boss))
    assert "Referred by Harbour Outreach" in text
    assert "Alice Chan, Senior caseworker" in text and "Work phone: 3000 0000" in text
    assert "Immediate danger Yes" in text
    assert "Consent to share with the referral partner Yes" in text
    assert f"version {screening.catalogue_version}" in text
    assert screening.screened_on.strftime("%d/%m/%Y") in text  # one date format: 26/11/2026
    assert "DRAFT" not in text and "Not for sharing" not in text


@pytest.mark.django_db
def test_it_marks_every_page_of_a_draft(screener, catalogue):
    screening = answer_all(
        make_screening(screener, case_reference="HK-2611-DRF1"), screener, "yes", note="x" * 200
    )
    pages = _pages(pdf.summary_pdf(screening, printed_by=screener))
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "DRAFT — not reviewed" in page, f"page {number}"


@pytest.mark.django_db
@pytest.mark.parametrize("consent", [False, None], ids=["refused", "not asked"])
def test_it_says_not_for_sharing_on_every_page_without_consent(
    screener, catalogue, settings, consent
):
    settings.ORGANISATION_NAME = "Harbour Outreach"
    screening = _completed(screener, consent=consent, reference="HK-2611-NOSH")
    pages = _pages(pdf.summary_pdf(screening, printed_by=screener))
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        assert "Not for sharing outside Harbour Outreach" in page, f"page {number}"
    text = " ".join(pages)
    assert "do not send it" in text  # the guidance: share nothing that identifies the person
    expected = "No" if consent is False else "Not recorded"
    assert f"Consent to share with the referral partner {expected}" in text


@pytest.mark.django_db
def test_it_falls_back_to_the_username_and_a_plain_organisation(alice, catalogue, settings):
    settings.ORGANISATION_NAME = ""
    screening = _completed(alice, consent=True, reference="HK-2611-PLN1")
    text = text_of(pdf.summary_pdf(screening, printed_by=alice))
    assert "Screener alice" in text
    assert "Referred by the referring organisation" in text


@pytest.mark.django_db
@pytest.mark.parametrize(
    "age_band, consent, says",
    [("under_18", False, True), ("under_18", None, True), ("adult", False, False)],
)
def test_it_says_consent_never_blocks_a_child_protection_report(
    screener, catalogue, age_band, consent, says
):
    screening = make_screening(screener, case_reference="HK-2612-KID1", age_band=age_band)
    # Every sign Yes but the one that says the person is under 18: the age band decides.
    answers = {i.slug: "yes" for i in screening.indicators} | {"under-18-commercial-sex": "no"}
    answer_all(screening, screener, answers=answers)
    services.complete_screening(
        screening=screening, user=screener, version=screening.version, consent_to_share=consent
    )
    text = " ".join(_pages(pdf.summary_pdf(screening, printed_by=screener)))
    assert ("never blocks a child-protection report" in text) is says
