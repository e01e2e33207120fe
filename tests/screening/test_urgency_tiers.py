"""Each escalation tier says the same in three places: the stored urgency the list shows and
filters, the summary page, and the PDF for the file (read back with pypdf)."""

from __future__ import annotations

import io
import re

import pytest
from django.urls import reverse
from pypdf import PdfReader

from screening import pdf
from screening.models import Screening
from tests.factories import answer_all, make_screening, sign_in

U = Screening.Urgency


def _pdf_text(document: bytes) -> str:
    reader = PdfReader(io.BytesIO(document))
    return re.sub(r"\s+", " ", " ".join(page.extract_text() for page in reader.pages))


def _page_text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).replace("&#x27;", "'")


@pytest.mark.parametrize(
    "age_band, danger, yes, not_sure, urgency, heading",
    [
        pytest.param("adult", True, [], [], U.EMERGENCY, "Call 999 now", id="danger"),
        pytest.param(
            "under_18",
            False,
            ["avoids-eye-contact"],
            [],
            U.URGENT,
            "Urgent: treat the person as a child at risk",
            id="child",
        ),
        pytest.param(
            "adult",
            False,
            ["not-free-to-leave", "no-control-of-id-documents"],
            [],
            U.URGENT,
            "Urgent: check the person's safety today",
            id="adult coercion",
        ),
        pytest.param(
            "adult",
            False,
            ["threat-of-penalty"],
            [],
            U.URGENT,
            "Urgent: check the person's safety today",
            id="adult, the threat of a penalty",
        ),
        pytest.param(
            "adult",
            False,
            ["commercial-sex-with-pimp"],
            [],
            U.REFER,
            "Commercial sex: take care before involving the police or Immigration",
            id="adult with a manager only",
        ),
        pytest.param(
            "adult", False, ["large-debt"], [], U.REFER, "Refer to 100storiesHK", id="refer"
        ),
        pytest.param(
            "adult",
            False,
            ["avoids-eye-contact"],
            [],
            U.FOLLOW_UP,
            "Follow-up recommended",
            id="only weak signs",
        ),
        pytest.param(
            "unknown",
            False,
            ["unpaid-or-underpaid"],
            [],
            U.REFER,
            "First, establish the person's age",
            id="age unknown, a medium sign",
        ),
        pytest.param(
            "adult",
            False,
            [],
            ["large-debt"],
            U.FOLLOW_UP,
            "Follow-up recommended",
            id="only not sure",
        ),
        pytest.param("adult", False, [], [], U.NONE, "No referral indicated now", id="none"),
    ],
)
def test_the_summary_the_pdf_and_the_stored_urgency_agree(
    client, alice, catalogue, age_band, danger, yes, not_sure, urgency, heading
):
    screening = make_screening(alice, age_band=age_band, immediate_danger=danger)
    answers = {indicator.slug: "no" for indicator in screening.indicators}
    answers |= dict.fromkeys(yes, "yes") | dict.fromkeys(not_sure, "not_sure")
    answer_all(screening, alice, answers=answers)
    screening.refresh_from_db()
    assert screening.urgency == urgency

    sign_in(client, alice)
    page = _page_text(
        client.get(reverse("screening:summary", args=[screening.pk])).content.decode()
    )
    document = _pdf_text(pdf.summary_pdf(screening, printed_by=alice))
    for text in (page, document):
        assert f"Urgency {urgency.label}" in text
        assert heading in text
