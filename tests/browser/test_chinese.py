"""The product in Traditional Chinese, in Chromium: switched to with the keyboard, a whole
screening in Chinese as a caseworker, reviewed and printed in Chinese by a supervisor, and every
page checked with axe-core at 360 and 1280 pixels wide.

What each page should say is read from the shipped translations (gettext with zh-hant active),
so these tests follow the .po file, and fail when a string shown here is not translated.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import translation
from django_otp.oath import totp

from definitions.models import Indicator, IndicatorGroup
from screening import roles
from screening.models import Screening
from tests.browser.conftest import axe_violations, press_tab_until, sign_in
from tests.factories import make_user, make_verified_device

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
WIDTHS = (360, 1280)
PUBLIC = [
    "/",
    "/definitions/",
    "/indicators/",
    "/indicators/?q=%E8%AD%B7%E7%85%A7",
    "/indicators/no-control-of-id-documents/",
    "/indicators/card/",
    "/referrals/",
]


def chinese(english: str) -> str:
    """The shipped Chinese for an interface string; fails if it is not translated."""
    with translation.override("zh-hant"):
        text = translation.gettext(english)
    assert text != english, f"not translated: {english!r}"
    return text


def assert_accessible_in_chinese(page, label: str) -> None:
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-HK", label
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        violations = axe_violations(page)
        assert violations == [], f"{label} at {width}px: {violations}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width, f"{label} {width}"
        name = re.sub(r"\W+", "-", label).strip("-")
        page.screenshot(path=str(SHOTS / f"zh-{name}-{width}.png"), full_page=width == 360)
    page.set_viewport_size({"width": 1280, "height": 900})


@pytest.fixture
def people(transactional_db):
    SHOTS.mkdir(exist_ok=True)
    call_command("load_reference")
    casey = make_user("casey", roles.CASEWORKER)
    boss = make_user("boss", roles.SUPERVISOR)
    return {"casey": casey, "device": make_verified_device(boss)}


def chinese_context(browser):
    """A browser whose reader asks for Hong Kong Chinese (Accept-Language: zh-HK)."""
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, bypass_csp=True, locale="zh-HK"
    )
    context.set_default_timeout(15_000)
    return context


@pytest.fixture
def chinese_page(browser):
    context = chinese_context(browser)
    yield context.new_page()
    context.close()


def test_it_switches_to_chinese_with_the_keyboard_only(page, live_server, people):
    page.goto(f"{live_server.url}/indicators/")
    assert page.evaluate("document.documentElement.lang") == "en"
    press_tab_until(page, "el.name === 'language' && el.value === 'zh-hant'")
    assert page.evaluate("document.activeElement.textContent.trim()") == "中文"
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith("/indicators/"), page.url  # back to the same page
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-HK"
    nav = page.locator("nav.site-nav").inner_text()
    assert chinese("Definitions") in nav and chinese("Signs") in nav
    assert chinese("Quick exit") in page.locator(".quick-exit").inner_text()
    # The choice is remembered: another page, and the switcher now offers English.
    page.goto(f"{live_server.url}/definitions/")
    assert page.evaluate("document.documentElement.lang") == "zh-Hant-HK"
    press_tab_until(page, "el.name === 'language' && el.value === 'en'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.evaluate("document.documentElement.lang") == "en"


@pytest.mark.parametrize("path", PUBLIC)
def test_it_has_no_accessibility_violations_on_public_pages_in_chinese(
    chinese_page, live_server, people, path
):
    chinese_page.goto(live_server.url + path)
    assert_accessible_in_chinese(chinese_page, f"public {path}")


def test_it_finds_a_sign_by_a_chinese_word(chinese_page, live_server, people):
    chinese_page.goto(f"{live_server.url}/indicators/")
    chinese_page.fill("input[name=q]", "護照")
    with chinese_page.expect_navigation():
        chinese_page.keyboard.press("Enter")
    documents = Indicator.objects.get(slug="no-control-of-id-documents")
    with translation.override("zh-hant"):
        wording = documents.wording
    assert wording in chinese_page.content()


def test_it_runs_a_whole_screening_in_chinese_then_a_supervisor_reviews_and_prints_it(
    chinese_page, browser, live_server, people
):
    page = chinese_page
    page.goto(f"{live_server.url}/accounts/login/")
    assert_accessible_in_chinese(page, "sign in")
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/")
    assert_accessible_in_chinese(page, "list")
    page.goto(f"{live_server.url}/screenings/new/")
    assert chinese("Case reference") in page.content()
    assert_accessible_in_chinese(page, "details")
    page.fill("#id_case_reference", "HK-ZH-01")
    for name in ("setting", "interpreter", "age_band"):
        page.locator(f"input[name={name}]").first.check()
    page.select_option("#id_language", index=1)
    page.check("#id_consent")
    page.locator("input[name=immediate_danger]").first.check()  # No
    with page.expect_navigation():
        page.locator("main button[type=submit]").last.click()
    assert re.search(r"/step/2/$", page.url), page.url

    screening = Screening.objects.get(case_reference="HK-ZH-01")
    for number in range(2, screening.complete_step):
        page_text = page.content()
        assert (
            chinese("Step %(step)s of %(total)s")
            % {
                "step": number,
                "total": screening.total_steps,
            }
            in page_text
        )
        group = screening.group_for_step(number)
        with translation.override("zh-hant"):
            first = Indicator.objects.get(slug=group.indicators[0].slug).wording
        assert first in page_text, f"step {number} shows its signs in Chinese"
        with translation.override("zh-hant"):
            title = IndicatorGroup.objects.get(slug=group.slug).title
        assert f'<h1 class="step-title">{title}</h1>' in page_text, "the step's title in Chinese"
        assert chinese("No answer saved yet") in page_text
        assert_accessible_in_chinese(page, f"step {number}")
        page.locator("fieldset.answer-card input[type=radio]").first.check()  # Yes
        page.locator("fieldset.answer-card input[type=text]").first.fill("僱主保管護照")
        with page.expect_navigation():
            page.locator("button[value=continue]").click()

    assert re.search(r"/complete/$", page.url), page.url
    assert_accessible_in_chinese(page, "check and complete")
    page.locator("input[name=consent_to_share]").first.check()
    with page.expect_navigation():
        page.locator("main button[type=submit]").last.click()
    assert re.search(r"/summary/$", page.url), page.url
    assert "HK-ZH-01" in page.content()
    assert_accessible_in_chinese(page, "summary (caseworker)")

    # The supervisor reads Chinese too: a fresh browser asking for zh-HK, password then code.
    boss = chinese_context(browser)
    supervisor = boss.new_page()
    sign_in(supervisor, live_server, "boss")
    supervisor.goto(f"{live_server.url}/screenings/")
    assert_accessible_in_chinese(supervisor, "second factor")
    supervisor.fill("#id_token", f"{totp(people['device'].bin_key):06d}")
    with supervisor.expect_navigation():
        supervisor.keyboard.press("Enter")
    assert_accessible_in_chinese(supervisor, "list (supervisor)")
    supervisor.goto(f"{live_server.url}/screenings/{screening.pk}/summary/")
    assert_accessible_in_chinese(supervisor, "summary (supervisor)")
    supervisor.goto(f"{live_server.url}/screenings/{screening.pk}/review/")
    assert chinese("Mark reviewed and lock") in supervisor.content()
    assert_accessible_in_chinese(supervisor, "review")
    supervisor.fill("#id_comment", "已核對")
    with supervisor.expect_navigation():
        supervisor.locator("main button[type=submit]").click()
    screening.refresh_from_db()
    assert screening.status == Screening.Status.REVIEWED

    with supervisor.expect_download() as download:
        supervisor.locator(f"a[href$='{screening.pk}/summary.pdf']").click()
    pdf = download.value.path()
    text = subprocess.run(
        ["pdftotext", "-layout", pdf, "-"], capture_output=True, text=True, check=True
    ).stdout
    assert "HK-ZH-01" in text
    assert chinese("Confidential") in text
    fonts = subprocess.run(["pdffonts", pdf], capture_output=True, text=True, check=True).stdout
    assert re.search(r"Noto-Sans-CJK-(HK|TC)", fonts), fonts
    assert not re.search(r"Noto-Sans-CJK-(JP|SC|KR)", fonts), fonts
    boss.close()


def test_it_has_no_accessibility_violations_on_the_other_private_pages_in_chinese(
    chinese_page, browser, live_server, people
):
    from screening import services
    from tests.factories import make_screening

    casey = people["casey"]
    at_risk = make_screening(casey, case_reference="HK-ZH-DNGR", immediate_danger=True)
    done = make_screening(casey, case_reference="HK-ZH-DONE")
    services.complete_screening(screening=done, user=casey, version=done.version)
    page = chinese_page
    sign_in(page, live_server, "casey")
    for label, path in [
        ("danger", f"/screenings/{at_risk.pk}/danger/"),
        ("your details", "/accounts/profile/"),
        ("password", "/accounts/password/"),
    ]:
        page.goto(live_server.url + path)
        assert page.url.endswith(path), page.url
        assert_accessible_in_chinese(page, label)

    boss = chinese_context(browser)
    supervisor = boss.new_page()
    sign_in(supervisor, live_server, "boss")
    supervisor.goto(f"{live_server.url}/screenings/")
    supervisor.fill("#id_token", f"{totp(people['device'].bin_key):06d}")
    with supervisor.expect_navigation():
        supervisor.keyboard.press("Enter")
    supervisor.goto(f"{live_server.url}/screenings/{done.pk}/reopen/")
    assert chinese("Reason for reopening") in supervisor.content()
    assert_accessible_in_chinese(supervisor, "reopen")
    for label, path in [
        ("referral", f"/screenings/{done.pk}/referral/"),
        ("statistics", "/screenings/statistics/"),
        ("audit trail", "/screenings/audit/"),
    ]:
        supervisor.goto(live_server.url + path)
        assert supervisor.url.endswith(path), supervisor.url
        assert_accessible_in_chinese(supervisor, label)
    boss.close()


@pytest.mark.parametrize("code", ["zh-hant", "ur"])
def test_it_has_no_accessibility_violations_on_the_question_sheets_in_chinese(
    chinese_page, live_server, people, code
):
    from django.core.management import call_command

    call_command("load_client_texts", verbosity=0)
    chinese_page.goto(f"{live_server.url}/indicators/questions/{code}/")
    assert_accessible_in_chinese(chinese_page, f"question sheet {code}")
