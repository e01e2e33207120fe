"""No page scrolls sideways on a 360 px phone, whatever was typed: a 120-character URL in a note
and a 4,900-character string without a break (issue 26, item 5). Measured as
document.documentElement.scrollWidth. Screenshots in /tmp/shots."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from referrals.models import ReferralContact
from screening import services
from screening.models import Referral
from tests.browser.conftest import SHOTS, sign_in, sign_in_supervisor
from tests.factories import make_screening, save_step

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 640}
URL = "https://www.example.org/" + "a-very-long-path/" * 5 + "x" * 11
UNBROKEN = "W" * 4900
assert len(URL) == 120


@pytest.fixture
def typed(casey):
    """A screening whose notes hold the URL and the unbroken string, on every step."""
    screening = make_screening(casey, case_reference="HK-WIDE-0001")
    for group in screening.groups:
        first = group.indicators[0].slug
        save_step(screening, casey, group.slug, {first: ("yes", URL)}, UNBROKEN)
    return screening


def _complete(screening, user):
    screening.refresh_from_db()
    services.complete_screening(screening=screening, user=user, version=screening.version)
    contact = ReferralContact.objects.filter(active=True).first()
    Referral.objects.create(
        screening=screening,
        contact=contact,
        sent_on=timezone.localdate(),
        channel=Referral.Channel.choices[0][0],
        consent_confirmed=True,
        follow_up_on=timezone.localdate() - datetime.timedelta(days=3),
        note=URL + " " + "N" * 400,
        recorded_by=user,
    )


def _assert_fits(page, url: str, name: str) -> None:
    page.goto(url)
    width = page.evaluate("document.documentElement.scrollWidth")
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"wide-{name}-360.png"))
    assert width <= PHONE["width"], f"{name} is {width} px wide"


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_no_caseworker_page_scrolls_sideways(page, live_server, typed, casey, language):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "casey")
    if language != "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    base = live_server.url
    _assert_fits(page, f"{base}{typed.step_url(2)}", f"step-{language}")
    _assert_fits(page, f"{base}{typed.step_url(typed.complete_step)}", f"complete-{language}")
    _complete(typed, casey)
    _assert_fits(page, f"{base}/screenings/{typed.pk}/summary/", f"summary-{language}")
    _assert_fits(page, f"{base}/screenings/", f"list-{language}")
    referral = typed.referrals.get()
    _assert_fits(
        page, f"{base}/screenings/{typed.pk}/referral/?id={referral.pk}", f"referral-{language}"
    )


def test_no_supervisor_page_scrolls_sideways(page, live_server, typed, casey, boss):
    _complete(typed, casey)
    page.set_viewport_size(PHONE)
    sign_in_supervisor(page, live_server, boss.device)
    base = live_server.url
    _assert_fits(page, f"{base}/screenings/{typed.pk}/summary/", "summary-supervisor")
    _assert_fits(page, f"{base}/screenings/audit/", "audit")
    _assert_fits(page, f"{base}/screenings/", "list-supervisor")
    _assert_fits(page, f"{base}/screenings/statistics/", "statistics")
