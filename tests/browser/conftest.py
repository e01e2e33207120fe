"""Playwright fixtures: one headless Debian Chromium per session, a fresh context per test.

The browser runs against pytest-django's `live_server`; tests that need data use the
transactional database (the live server's thread cannot see a test's open transaction).
Without /usr/bin/chromium the browser tests are skipped locally and fail in CI (CI set).
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
AXE = Path(__file__).parent / "vendor" / "axe.min.js"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.fixture(scope="session")
def browser():
    if not os.path.exists(CHROMIUM):
        message = f"Browser tests need Debian's Chromium at {CHROMIUM} (apt-get install chromium)."
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    # bypass_csp lets axe_violations inject axe-core; test CSP itself in a context without it.
    context = browser.new_context(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    page = context.new_page()
    yield page
    context.close()


def axe_violations(page) -> list[dict]:
    """Run axe-core's WCAG 2.1 A/AA rules on the page; return the violations (printed if any)."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_TAGS,
    )
    violations = result["violations"]
    for violation in violations:
        targets = [node["target"] for node in violation["nodes"]]
        print(f"axe: {violation['id']} ({violation['impact']}): {violation['help']} at {targets}")
    return violations


def press_tab_until(page, predicate_js: str, key: str = "Tab", limit: int = 200) -> None:
    """Press `key` (Tab, or Shift+Tab) until the focused element `el` satisfies a JS predicate."""
    for _ in range(limit):
        page.keyboard.press(key)
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"
        ):
            return
    raise AssertionError(f"{key} never reached an element where {predicate_js}")


def sign_in(page, live_server, username: str) -> None:
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "/accounts/login/" not in page.url


@pytest.fixture
def casey(transactional_db):
    """A caseworker in a live-server test, with the reference content loaded."""
    from django.core.management import call_command

    from screening import roles
    from tests.factories import make_user

    call_command("load_reference")
    return make_user("casey", roles.CASEWORKER)


# The widths the field-ready pages are checked at: a small phone, a desk.
PHONE = {"width": 360, "height": 780}
DESK = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")


@pytest.fixture
def boss(casey):
    """A supervisor with an enrolled authenticator app (`boss.device`), beside `casey`."""
    from screening import roles
    from tests.factories import make_user, make_verified_device

    boss = make_user("boss", roles.SUPERVISOR)
    boss.device = make_verified_device(boss)
    return boss


def sign_in_supervisor(page, live_server, device) -> None:
    """Password, then the code the supervisor's authenticator app would show now."""
    from django_otp.oath import totp

    sign_in(page, live_server, "boss")
    page.goto(f"{live_server.url}/screenings/")  # asks for the second factor first
    page.fill("#id_token", f"{totp(device.bin_key):06d}")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/screenings/"), page.url
