"""A supervisor records an access request at phone width, with axe-core on each page."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from screening.models import DataAccessRequest
from tests.browser.conftest import PHONE, SHOTS, axe_violations, sign_in_supervisor
from tests.factories import answer_all, make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_supervisor_records_a_request_and_finds_its_copy(page, live_server, casey, boss):
    answer_all(make_screening(casey, case_reference="HK-2612-DARQ"), casey, "yes")
    # An older request, due in 5 days: the list says so.
    DataAccessRequest.objects.create(
        kind="correction",
        received_on=timezone.localdate() - datetime.timedelta(days=35),
        case_references="HK-2612-OLD",
        recorded_by=boss,
    )
    page.set_viewport_size(PHONE)
    sign_in_supervisor(page, live_server, boss.device)
    assert page.get_by_text("is due within 7 days").is_visible()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=SHOTS / "data-requests-list-notice.png")
    page.get_by_role("link", name="See the requests").click()
    assert axe_violations(page) == []
    page.screenshot(path=SHOTS / "data-requests-register.png", full_page=True)

    page.get_by_role("link", name="Record a request").click()
    page.get_by_label("Access (a copy of the data)").check()
    page.get_by_label("Case references asked about").fill("HK-2612-DARQ")
    page.get_by_role("button", name="Find the screenings").click()
    assert page.get_by_text("HK-2612-DARQ, screened on").is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=SHOTS / "data-request-new.png", full_page=True)

    page.get_by_role("button", name="Record the request").click()
    assert page.get_by_role("link", name="Download the copy (PDF)").is_visible()
    assert axe_violations(page) == []
    page.screenshot(path=SHOTS / "data-request.png", full_page=True)
    assert DataAccessRequest.objects.filter(case_references="HK-2612-DARQ").exists()
