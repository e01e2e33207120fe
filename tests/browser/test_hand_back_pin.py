"""The hand-back PIN and a sector's question set, in the browser at 360 px: set the PIN under
Your details, hand over the domestic-work questions, take the device back with the PIN; the same
pages in Chinese. axe-core on each page. Screenshots go to /tmp/shots."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from client_texts.models import SectorQuestionSet
from screening.models import AuditEvent
from tests.browser.conftest import PHONE, SHOTS, axe_violations, sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def texts(casey):
    call_command("load_client_texts", verbosity=0)


def _shot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def _set_pin(page, live_server, pin: str) -> None:
    page.goto(f"{live_server.url}/accounts/profile/")
    with page.expect_navigation():
        page.locator("a[href='/accounts/profile/pin/']").click()
    assert axe_violations(page) == []
    page.fill("#id_current_password", "correct horse battery")
    page.fill("#id_pin", pin)
    page.fill("#id_pin_again", pin)
    with page.expect_navigation():
        page.locator("button[name=save]").click()


def test_it_sets_a_pin_hands_over_a_sectors_questions_and_takes_it_back(
    page, live_server, casey, texts
):
    page.set_viewport_size(PHONE)
    screening = make_screening(casey, language="tl", case_reference="HK-PIN-27")
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/accounts/profile/pin/")
    page.fill("#id_current_password", "correct horse battery")
    page.fill("#id_pin", "1234")
    page.fill("#id_pin_again", "1234")
    page.locator("button[name=save]").click()
    page.wait_for_selector(".error-summary")
    assert "too easy to guess" in page.content()
    _shot(page, "pin-refused")
    _set_pin(page, live_server, "2580")
    assert "Your PIN is saved." in page.content()
    _shot(page, "profile-with-pin")

    page.goto(f"{live_server.url}{screening.step_url(2)}")
    page.locator(".hand-over summary").click()
    page.get_by_label("Domestic work: the questions chosen for this sector").check()
    _shot(page, "hand-over-sectors")
    with page.expect_navigation():
        page.get_by_role("button", name="Hand over").click()
    with page.expect_navigation():
        page.locator("button[name=action][value=start]").click()
    domestic = SectorQuestionSet.objects.get(slug="domestic-work")
    assert f"Tanong 1 sa {len(domestic.signs)}" in page.content()

    page.goto(f"{live_server.url}/screenings/")  # any other page: the hand-back page
    assert page.url.endswith(f"/screenings/{screening.pk}/hand-back/")
    assert page.get_by_label("Your password or PIN").count() == 1
    assert axe_violations(page) == []
    page.fill("input[name=password]", "9999")
    with page.expect_navigation():
        page.get_by_role("button", name="Take the device back").click()
    assert "That is not your password or PIN." in page.content()
    _shot(page, "hand-back-wrong-pin")
    page.fill("input[name=password]", "2580")
    with page.expect_navigation():
        page.get_by_role("button", name="Take the device back").click()
    assert "You have the device back." in page.content()
    assert AuditEvent.objects.filter(screening_id=screening.pk, action="handed_back").exists()


def test_it_shows_the_pin_pages_in_chinese(page, live_server, casey, texts):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "casey")
    page.context.add_cookies(
        [{"name": "django_language", "value": "zh-hant", "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/accounts/profile/pin/")
    body = page.content()
    assert "取回裝置的 PIN 碼" in body and "新 PIN 碼" in body
    assert axe_violations(page) == []
    _shot(page, "pin-zh-hant")
