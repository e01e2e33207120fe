"""Quick exit in Chromium, on a phone and a desktop: always on screen, Shift three times from
anywhere, Esc never from inside a field, the session ended so Back shows nothing, and the
no-JavaScript form reaching the neutral site under our Content Security Policy."""

from __future__ import annotations

import http.server
import re
import threading
import time

import pytest
from django.contrib.sessions.models import Session

from config.settings import origin_of
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
DESKTOP = {"width": 1280, "height": 900}
VIEWPORTS = [pytest.param(PHONE, id="360px"), pytest.param(DESKTOP, id="1280px")]
SHOTS = "/tmp/shots"


class _NeutralPage(http.server.BaseHTTPRequestHandler):
    def do_GET(self):  # noqa: N802 - the name http.server calls
        body = b"<!doctype html><title>Weather</title><p>Fine and dry.</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def neutral_site(settings):
    """A neutral page on another origin (the tests have no network), set as QUICK_EXIT_URL, with
    the policy settings.py builds for it."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _NeutralPage)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/weather/"
    settings.QUICK_EXIT_URL = url
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "form-action": ["'self'", origin_of(url)]}
    settings.CONTENT_SECURITY_POLICY = policy
    yield url
    server.shutdown()
    server.server_close()


@pytest.fixture
def screening(casey):
    return make_screening(casey, case_reference="HK-EXIT-0001")


def _context(browser, viewport, **options):
    context = browser.new_context(viewport=viewport, **options)
    page = context.new_page()
    problems: list[str] = []  # script errors and Content Security Policy refusals

    def on_console(message) -> None:
        if "Content Security Policy" in message.text or "violates" in message.text:
            problems.append(message.text)

    page.on("console", on_console)
    page.on("pageerror", lambda error: problems.append(str(error)))
    return context, page, problems


def _wait_until(predicate, timeout: float = 5.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if predicate():
            return True
        time.sleep(0.05)
    return predicate()


def _signed_in_sessions() -> int:
    return sum(1 for s in Session.objects.all() if "_auth_user_id" in s.get_decoded())


def _button_on_screen(page, viewport) -> bool:
    box = page.locator("[data-quick-exit]").bounding_box()
    inside = (
        box["x"] >= 0
        and box["y"] >= 0
        and box["x"] + box["width"] <= viewport["width"]
        and box["y"] + box["height"] <= viewport["height"]
    )
    # Nothing drawn over it: the point at its centre belongs to the button.
    on_top = page.evaluate(
        """([x, y]) => !!document.elementFromPoint(x, y)?.closest('[data-quick-exit]')""",
        [box["x"] + box["width"] / 2, box["y"] + box["height"] / 2],
    )
    return inside and on_top


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_keeps_quick_exit_on_screen_at_the_bottom_of_a_step(
    browser, live_server, screening, viewport
):
    context, page, problems = _context(browser, viewport)
    sign_in(page, live_server, "casey")
    page.goto(live_server.url + screening.step_url(2))
    width = viewport["width"]
    page.screenshot(path=f"{SHOTS}/quick-exit-step-{width}-top.png")
    assert _button_on_screen(page, viewport)

    page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
    page.wait_for_function("window.scrollY > 0")
    page.screenshot(path=f"{SHOTS}/quick-exit-step-{width}-bottom.png")
    assert page.evaluate("window.scrollY + window.innerHeight") >= page.evaluate(
        "document.documentElement.scrollHeight - 1"
    )
    assert _button_on_screen(page, viewport)
    # The footer's 999 is reachable at the bottom, not hidden under the header.
    assert page.locator("footer a[href='tel:999']").is_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    assert problems == []
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_exits_with_shift_three_times_in_the_notes_but_not_with_esc(
    browser, live_server, screening, neutral_site, viewport
):
    context, page, problems = _context(browser, viewport)
    sign_in(page, live_server, "casey")
    step = live_server.url + screening.step_url(2)
    page.goto(step)
    notes = page.locator("textarea[name=step_notes]")
    notes.click()
    page.keyboard.type("Met at the bus stop")

    page.keyboard.press("Escape")  # closes an input method's candidates; must not leave
    for _ in range(3):  # Shift held to type capitals is not a press of its own
        page.keyboard.down("Shift")
        page.keyboard.press("KeyA")
        page.keyboard.up("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("Shift")
    page.keyboard.press("x")  # another key starts the count again
    page.wait_for_timeout(300)
    assert page.url == step
    assert notes.input_value() == "Met at the bus stopAAAx"

    for _ in range(3):
        page.keyboard.press("Shift")
    page.wait_for_url(neutral_site)
    assert page.title() == "Weather"
    assert _wait_until(lambda: _signed_in_sessions() == 0)
    assert problems == []  # no CSP refusal: the fetch stays on our own origin
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_exits_with_esc_outside_a_field(browser, live_server, screening, neutral_site, viewport):
    context, page, _ = _context(browser, viewport)
    sign_in(page, live_server, "casey")
    page.goto(live_server.url + screening.step_url(2))
    page.locator("h1").click()
    page.keyboard.press("Escape")
    page.wait_for_url(neutral_site)
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_covers_the_page_before_navigating(
    browser, live_server, screening, neutral_site, viewport
):
    context, page, _ = _context(browser, viewport)
    sign_in(page, live_server, "casey")
    page.goto(live_server.url + screening.step_url(2))
    # Three Shift releases, then a look at the page in the same task, before any navigation.
    seen = page.evaluate(
        """() => {
            for (let i = 0; i < 3; i++) {
                document.dispatchEvent(new KeyboardEvent("keyup", {key: "Shift"}));
            }
            const cover = document.querySelector(".quick-exit-cover");
            const box = cover && cover.getBoundingClientRect();
            return {
                covered: !!box && box.width === innerWidth && box.height === innerHeight
                    && document.elementFromPoint(innerWidth / 2, innerHeight / 2) === cover,
                main: getComputedStyle(document.querySelector("main")).visibility,
                title: document.title,
            };
        }"""
    )
    assert seen == {"covered": True, "main": "hidden", "title": ""}
    page.wait_for_url(neutral_site)
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_ends_the_session_so_back_and_reload_show_no_case_reference(
    browser, live_server, screening, neutral_site, viewport
):
    context, page, _ = _context(browser, viewport)
    sign_in(page, live_server, "casey")
    page.goto(live_server.url + "/screenings/")
    assert "HK-EXIT-0001" in page.content()
    page.goto(live_server.url + screening.step_url(2))
    assert "HK-EXIT-0001" in page.content()
    assert _signed_in_sessions() == 1

    page.locator("[data-quick-exit]").click()
    page.wait_for_url(neutral_site)
    assert _wait_until(lambda: _signed_in_sessions() == 0)

    page.go_back()
    assert re.search(r"/accounts/login/\?next=/screenings/$", page.url), page.url
    assert "HK-EXIT-0001" not in page.content()
    page.reload()
    assert "HK-EXIT-0001" not in page.content()
    page.goto(live_server.url + "/screenings/")
    assert "/accounts/login/" in page.url
    assert "HK-EXIT-0001" not in page.content()
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_signs_out_and_reaches_the_neutral_site_without_javascript(
    browser, live_server, screening, neutral_site, viewport
):
    context, page, problems = _context(browser, viewport, java_script_enabled=False)
    sign_in(page, live_server, "casey")
    page.goto(live_server.url + screening.step_url(2))
    with page.expect_navigation(url=neutral_site):
        page.locator("[data-quick-exit]").click()
    assert page.title() == "Weather"
    assert _signed_in_sessions() == 0
    assert problems == []
    page.goto(live_server.url + "/screenings/")
    assert "/accounts/login/" in page.url
    assert "HK-EXIT-0001" not in page.content()
    context.close()


def test_chromium_blocks_the_form_without_the_neutral_origin_in_form_action(
    browser, live_server, screening, neutral_site, settings
):
    # Why settings.py adds QUICK_EXIT_URL's origin to form-action: Chromium applies the
    # directive to the redirect after a form, so with 'self' alone the exit stops here.
    policy = {**settings.CONTENT_SECURITY_POLICY}
    policy["DIRECTIVES"] = {**policy["DIRECTIVES"], "form-action": ["'self'"]}
    settings.CONTENT_SECURITY_POLICY = policy
    context, page, problems = _context(browser, DESKTOP, java_script_enabled=False)
    page.goto(live_server.url + "/")
    page.locator("[data-quick-exit]").click()
    page.wait_for_timeout(500)
    assert page.url != neutral_site
    assert any("form-action" in problem for problem in problems), problems
    context.close()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_it_has_no_accessibility_violations_on_the_pages_it_changed(
    browser, live_server, screening, viewport
):
    context, page, _ = _context(browser, viewport, bypass_csp=True)  # to inject axe-core
    page.goto(live_server.url + "/")
    assert axe_violations(page) == [], "home"
    page.goto(live_server.url + "/accounts/login/")
    assert axe_violations(page) == [], "sign-in"
    sign_in(page, live_server, "casey")
    for path in ("/screenings/", screening.step_url(2)):
        page.goto(live_server.url + path)
        assert axe_violations(page) == [], path
        page.evaluate("window.scrollTo(0, document.documentElement.scrollHeight)")
        assert axe_violations(page) == [], f"{path} scrolled"
    context.close()
