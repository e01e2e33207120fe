"""The Content Security Policy holds in Chromium: a whole screening raises no violation."""

from __future__ import annotations

import pytest
from django.core.management import call_command

from screening import roles
from tests.browser.conftest import CHROMIUM_ARGS, sign_in  # noqa: F401 - same browser
from tests.factories import make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_it_completes_a_screening_and_downloads_the_pdf_without_csp_violations(
    browser, live_server
):
    call_command("load_reference")
    make_user("casey", roles.CASEWORKER)
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    page = context.new_page()
    problems: list[str] = []
    page.on("console", lambda message: problems.append(message.text))
    page.on("pageerror", lambda error: problems.append(str(error)))
    headers: list[dict] = []
    page.on("response", lambda response: headers.append(response.headers))

    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    page.fill("#id_case_reference", "HK-CSP-01")
    page.check("#id_setting_0")
    page.select_option("#id_language", "th")
    page.check("#id_consent")
    page.check("#id_age_band_1")
    page.check("#id_interpreter_1")
    page.check("#id_immediate_danger_0")
    with page.expect_navigation():
        page.click('button:has-text("Start the screening")')
    for number in range(2, 7):
        assert page.url.endswith(f"/step/{number}/"), page.url
        page.locator("input[type=radio][value=yes]").first.check()
        page.fill(
            "textarea[name=step_notes]", "<style>body{display:none}</style><script>x()</script>"
        )
        with page.expect_navigation():
            page.click("button[value=continue]")
    page.check("#id_consent_to_share_0")
    with page.expect_navigation():
        page.click('button:has-text("Complete the screening")')
    assert page.url.endswith("/summary/")
    assert "HK-CSP-01" in page.content()
    with page.expect_download() as download:
        page.click("text=Download PDF")
    assert download.value.suggested_filename.startswith("screening-HK-CSP-01-")
    page.keyboard.press("Escape")  # the quick-exit script runs under the policy too

    csp = [
        h.get("content-security-policy", "")
        for h in headers
        if "text/html" in h.get("content-type", "")
    ]
    assert csp and all("script-src 'self'" in policy for policy in csp)
    assert not any("unsafe-inline" in policy or "unsafe-eval" in policy for policy in csp)
    assert all("camera=()" in h.get("permissions-policy", "camera=()") for h in headers)
    violations = [p for p in problems if "Content Security Policy" in p or "Refused to" in p]
    assert violations == []
    context.close()
