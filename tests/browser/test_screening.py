"""A caseworker completes a whole screening with the keyboard only, in Chromium."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from screening import roles
from tests.browser.conftest import axe_violations, press_tab_until, sign_in
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def caseworker(transactional_db):
    call_command("load_reference")
    return make_user("casey", roles.CASEWORKER)


def assert_accessible(page, label: str) -> None:
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert violations == [], f"{label} at {width}px: {violations}"
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, label
    page.set_viewport_size({"width": 1280, "height": 900})


def test_it_completes_a_screening_with_the_keyboard_only(page, live_server, caseworker):
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    assert_accessible(page, "start")

    # Details: type into fields reached by Tab, choose radios with the arrow keys and Space.
    press_tab_until(page, "el.id === 'id_case_reference'")
    page.keyboard.press("Control+A")
    page.keyboard.type("HK-KEYS-01")
    press_tab_until(page, "el.name === 'setting'")
    page.keyboard.press("Space")
    press_tab_until(page, "el.id === 'id_language'")
    page.keyboard.press("Alt+ArrowDown")
    page.select_option("#id_language", "id")  # a native select: arrow keys are flaky headless
    press_tab_until(page, "el.name === 'interpreter'")
    page.keyboard.press("Space")
    press_tab_until(page, "el.id === 'id_consent'")
    page.keyboard.press("Space")
    press_tab_until(page, "el.name === 'age_band'")
    page.keyboard.press("Space")
    press_tab_until(page, "el.name === 'immediate_danger'")
    page.keyboard.press("Space")  # the first choice: No
    press_tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.screenshot(path="/tmp/shots/start-submitted.png", full_page=True)
    assert re.search(r"/step/2/$", page.url), page.url

    for number in range(2, 7):
        assert f"Step {number} of 7" in page.content()
        assert_accessible(page, f"step {number}")
        if number == 3:  # Danger now, the stop page, and back to the step
            press_tab_until(page, "el.value === 'danger'")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert "/danger/" in page.url
            press_tab_until(page, "el.textContent.trim() === 'Back to the screening'")
            with page.expect_navigation():
                page.keyboard.press("Enter")
            assert re.search(r"/step/3/$", page.url), page.url
        press_tab_until(page, "el.type === 'radio'")
        page.keyboard.press("Space")  # the first choice of the first indicator: Yes
        press_tab_until(page, "el.value === 'continue'")
        with page.expect_navigation():
            page.keyboard.press("Enter")
        page.screenshot(path=f"/tmp/shots/after-step-{number}.png", full_page=True)
        if number >= 3:
            assert "Call 999 now" in page.content(), f"after step {number}"
        else:
            assert "Call 999 now" not in page.content()

    assert re.search(r"/complete/$", page.url), page.url
    assert "Step 7 of 7" in page.content()
    assert_accessible(page, "review")
    press_tab_until(page, "el.name === 'consent_to_share'")
    page.keyboard.press("Space")  # the first choice: they agree
    press_tab_until(page, "el.type === 'submit' && !!el.closest('main')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert re.search(r"/summary/$", page.url), page.url
    content = page.content()
    assert "Call 999 now" in content and "HK-KEYS-01" in content
    assert_accessible(page, "summary")

    with page.expect_download() as download_info:
        page.click("text=Download PDF")
    path = download_info.value.path()
    from pypdf import PdfReader

    text = " ".join(p.extract_text() for p in PdfReader(path).pages)
    assert "HK-KEYS-01" in text and "999" in text
