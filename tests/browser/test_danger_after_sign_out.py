""" "Danger now" after the session ended: the sign-in page says to call 999 first, and the danger
is recorded once the caseworker signs in again (issue 26, item 3). Screenshots in /tmp/shots."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session

from tests.browser.conftest import SHOTS, sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = [{"width": 1366, "height": 657}, {"width": 360, "height": 640}]


@pytest.mark.parametrize("size", SIZES, ids=["1366", "360"])
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_it_records_danger_now_pressed_after_the_session_ended(
    page, live_server, casey, size, language
):
    draft = make_screening(casey, case_reference="HK-EXPIRED-01")
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    if language != "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    page.locator("fieldset.answer-card input[type=radio][value=yes]").first.check()

    Session.objects.all().delete()  # signed out on the server while the person talks
    page.wait_for_timeout(1100)  # a real press, not the echo of the click that opened the page
    with page.expect_navigation():
        page.locator("button[value=danger]").click()
    assert "/accounts/login/" in page.url
    alert = page.locator("main .alert-danger")
    assert "999" in alert.inner_text()
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"sign-in-after-danger-{language}-{size['width']}.png"))
    draft.refresh_from_db()
    assert not draft.immediate_danger

    page.fill("#id_username", "casey")
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.wait_for_url("**/danger/**")
    draft.refresh_from_db()
    assert draft.immediate_danger
    assert draft.answers.filter(value="yes").count() == 1
