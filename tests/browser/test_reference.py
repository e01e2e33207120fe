"""The public reference in Chromium: keyboard use, Quick exit, accessibility, small screens."""

from __future__ import annotations

import io
import re

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from tests.browser.conftest import axe_violations, press_tab_until

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NEUTRAL = "**hko.gov.hk/**"
PAGES = [
    "/",
    "/definitions/",
    "/indicators/",
    "/indicators/no-control-of-id-documents/",
    "/referrals/",
    "/indicators/card/",
    "/accounts/login/",
]


@pytest.fixture
def reference(transactional_db):
    call_command("load_reference")


@pytest.fixture
def neutral_site(page):
    """Stand in for the neutral site Quick exit goes to: the tests have no network."""
    page.route(
        NEUTRAL,
        lambda route: route.fulfill(body="<title>Weather</title>neutral", content_type="text/html"),
    )
    return page


def focused(page, expression: str = "el"):
    return page.evaluate(f"(() => {{ const el = document.activeElement; return {expression}; }})()")


def test_it_navigates_the_reference_with_the_keyboard_only(page, live_server, reference):
    page.goto(live_server.url + "/")

    page.keyboard.press("Tab")
    assert focused(page, "el.classList.contains('skip-link')")
    page.keyboard.press("Enter")
    assert focused(page, "el.id") == "main"

    # From the main content back up to the navigation.
    press_tab_until(page, "el.tagName === 'A' && el.textContent.trim() === 'Signs'", "Shift+Tab")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/indicators/$"))
    assert page.locator("h1").inner_text() == "Recognise the signs"

    press_tab_until(page, "el.getAttribute('href') === '/indicators/large-debt/'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/indicators/large-debt/$"))
    assert page.locator("h1").inner_text() == "Owes a large debt and is unable to pay it off"


def test_it_searches_the_signs_with_the_keyboard_and_without_javascript(
    browser, live_server, reference
):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": 1280, "height": 900}
    )
    page = context.new_page()
    page.goto(live_server.url + "/indicators/")
    press_tab_until(page, "el.id === 'id_q'")
    page.keyboard.type("passport")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"q=passport"))
    assert "1 sign found." in page.locator(".result-count").inner_text()
    context.close()


def test_it_quick_exits_by_button_and_back_does_not_return(neutral_site, live_server, reference):
    page = neutral_site
    page.goto(live_server.url + "/")
    page.goto(live_server.url + "/definitions/")
    page.click("[data-quick-exit]")
    page.wait_for_url(re.compile(r"hko\.gov\.hk"))
    assert page.title() == "Weather"
    page.go_back()
    assert not page.url.endswith("/definitions/")
    assert page.url == live_server.url + "/"


def test_it_quick_exits_with_the_escape_key(neutral_site, live_server, reference):
    page = neutral_site
    page.goto(live_server.url + "/indicators/")
    page.keyboard.press("Escape")
    page.wait_for_url(re.compile(r"hko\.gov\.hk"))
    page.go_back()
    assert "/indicators/" not in page.url
    assert page.url in ("about:blank", "")


@pytest.mark.parametrize("path", PAGES)
def test_it_has_no_accessibility_violations_at_desktop_and_phone_widths(
    page, live_server, reference, path
):
    page.goto(live_server.url + path)
    for width in (1280, 360):
        page.set_viewport_size({"width": width, "height": 900})
        assert axe_violations(page) == [], f"{path} at {width}px"
        if width == 360:
            assert page.evaluate("document.documentElement.scrollWidth") <= 360, path


def test_it_keeps_to_the_content_security_policy(browser, live_server, reference):
    context = browser.new_context(viewport={"width": 360, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on(
        "console",
        lambda message: problems.append(message.text) if message.type == "error" else None,
    )
    page.on("pageerror", lambda error: problems.append(str(error)))
    for path in PAGES:
        page.goto(live_server.url + path)
    context.close()
    assert problems == []


def test_it_downloads_the_card_as_a_one_page_pdf(page, live_server, reference):
    page.goto(live_server.url + "/indicators/card/")
    with page.expect_download() as download_info:
        page.click("text=Download the card as PDF")
    download = download_info.value
    assert download.suggested_filename == "recognise-the-signs.pdf"
    reader = PdfReader(download.path())
    assert len(reader.pages) == 1
    assert "connect@100storiesHK.org" in reader.pages[0].extract_text()


def test_it_prints_the_card_from_the_browser_on_one_page(page, live_server, reference):
    page.goto(live_server.url + "/indicators/card/")
    reader = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True)))
    assert len(reader.pages) == 1
    text = reader.pages[0].extract_text()
    assert "Quick exit" not in text and "Download the card" not in text
