"""A supervisor's tools in Chromium: recording a referral and finding it on the list's follow-up
filter, the statistics page's charts at 360 and 1280 pixels with axe-core, and a backup code that
signs in once and not twice."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from accounts.second_factor import issue_backup_codes
from referrals.models import ReferralContact
from tests.browser.conftest import DESK, PHONE, SHOTS, axe_violations, sign_in, sign_in_supervisor
from tests.factories import answer_all, make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def team(casey, boss):
    # Screened a fortnight ago: a referral cannot be dated before its screening.
    fortnight_ago = timezone.localdate() - datetime.timedelta(days=14)
    done = make_screening(
        casey, case_reference="HK-2611-DONE", status="completed", screened_on=fortnight_ago
    )
    make_screening(casey, case_reference="HK-2611-QUIET", status="completed")
    # Enough to draw bars: 14 completed with Yes answers, a few small counts to suppress.
    for number in range(14):
        counted = make_screening(casey, case_reference=f"HK-2611-C{number:02d}", setting="office")
        answer_all(counted, casey, "yes" if number % 2 else "not_sure")
        counted.__class__.objects.filter(pk=counted.pk).update(status="completed")
    for number in range(3):
        make_screening(
            casey,
            case_reference=f"HK-2611-S{number}",
            setting="shelter",
            status="completed",
            nationality="thai",
        )
    return {"done": done, "device": boss.device, "boss": boss}


def test_a_recorded_referral_shows_on_the_follow_up_filter(page, live_server, team):
    sign_in_supervisor(page, live_server, team["device"])
    page.goto(f"{live_server.url}/screenings/{team['done'].pk}/summary/")
    page.get_by_role("link", name="Record a referral").click()
    # Sent by e-mail, so to a contact that has an address (a phone line is refused).
    partner = ReferralContact.objects.filter(active=True).exclude(email="").first()
    page.select_option("#id_contact", str(partner.pk))
    page.select_option("#id_channel", "email")
    page.check("#id_consent_confirmed")
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    page.fill("#id_sent_on", (yesterday - datetime.timedelta(days=7)).isoformat())
    page.fill("#id_follow_up_on", yesterday.isoformat())
    page.get_by_role("button", name="Save the referral").click()
    page.wait_for_url("**/summary/")
    assert "Referral saved." in page.content()
    assert page.locator(".referrals").get_by_text("overdue").count() == 1
    page.goto(f"{live_server.url}/screenings/")
    page.locator("summary", has_text="Filter screenings").click()
    page.select_option("#id_follow_up", "due")
    page.get_by_role("button", name="Filter", exact=True).click()
    page.wait_for_load_state()
    cards = page.locator(".screening-card")
    assert cards.count() == 1
    assert "HK-2611-DONE" in cards.first.inner_text()
    assert "Referral follow-up overdue" in cards.first.inner_text()
    assert "HK-2611-DONE" not in page.url


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_the_statistics_page_draws_its_charts_accessibly(page, live_server, team, viewport):
    page.set_viewport_size(viewport)
    sign_in_supervisor(page, live_server, team["device"])
    page.goto(f"{live_server.url}/screenings/statistics/")
    charts = page.locator("svg.chart")
    assert charts.count() == page.locator("table.statistics").count() == 9
    assert page.locator("svg.chart rect.chart-bar").count() > 0
    assert "<11" in page.locator("table.statistics").first.inner_text() or "<11" in page.content()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"statistics-{viewport['width']}.png"), full_page=True)
    page.emulate_media(media="print")
    page.screenshot(path=str(SHOTS / f"statistics-{viewport['width']}-print.png"), full_page=True)
    assert page.locator("form").first.is_hidden()  # the range form does not print


def test_a_backup_code_signs_a_supervisor_in_once_and_not_twice(page, live_server, team):
    code = issue_backup_codes(team["boss"])[0]
    for attempt in ("first", "second"):
        sign_in(page, live_server, "boss")
        page.goto(f"{live_server.url}/screenings/")
        page.fill("#id_backup_code", code)
        page.get_by_role("button", name="Confirm").click()
        page.wait_for_load_state()
        if attempt == "first":
            assert page.url.endswith("/screenings/"), page.url
            assert "1 backup code" not in page.content() and "9 backup codes left" in page.content()
            with page.expect_navigation():
                page.get_by_role("button", name="Sign out").click()
        else:
            assert "/accounts/two-factor/" in page.url
            assert "not valid, or was used already" in page.content()
