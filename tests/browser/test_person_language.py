"""The person's language in the browser: Urdu question blocks right to left on every step, the
"Show to the person" page with nothing of the case on it, and axe-core on steps in Urdu and in
Bahasa Indonesia on a phone and a laptop. Screenshots go to /tmp/shots."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 900}
SHOTS = Path("/tmp/shots")


@pytest.fixture
def texts(casey):
    call_command("load_client_texts", verbosity=0)


def test_it_shows_urdu_question_blocks_right_to_left_on_every_step(page, live_server, casey, texts):
    screening = make_screening(casey, language="ur", case_reference="HK-URDU-01")
    sign_in(page, live_server, "casey")
    for number, group in enumerate(screening.groups, start=2):
        page.goto(f"{live_server.url}{screening.step_url(number)}")
        blocks = page.locator('ul.person-questions[lang="ur"][dir="rtl"]')
        assert blocks.count() == len(group.indicators), number
        assert blocks.first.evaluate("el => getComputedStyle(el).direction") == "rtl"


@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360", "1280"])
def test_it_shows_the_person_their_questions_without_the_case(
    page, live_server, casey, texts, size
):
    page.set_viewport_size(size)
    screening = make_screening(casey, language="ur", case_reference="HK-URDU-02")
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    page.locator(".answer-option", has_text="Not sure").first.click()  # chosen, not yet saved
    with page.expect_navigation():
        page.get_by_role("button", name="Show the questions to the person").click()
    body = page.locator("body").inner_text()
    assert "HK-URDU-02" not in body and "HK-URDU-02" not in page.title()
    assert page.locator('.show-person[lang="ur"][dir="rtl"]').is_visible()
    assert page.locator("[data-quick-exit]").is_visible()
    assert page.locator("textarea, input[type=radio]").count() == 0
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"show-to-person-ur-{size['width']}.png"), full_page=True)
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the step").click()
    assert page.url.endswith(screening.step_url(2))
    assert page.locator(".answer-option input[value=not_sure]").first.is_checked()  # kept


@pytest.mark.parametrize("language", ["ur", "id"])
@pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360", "1280"])
def test_it_passes_axe_on_a_step_in_the_persons_language(
    page, live_server, casey, texts, language, size
):
    page.set_viewport_size(size)
    screening = make_screening(casey, language=language)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    assert page.locator(f'ul.person-questions[lang="{language}"]').first.is_visible()
    assert axe_violations(page) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"step-{language}-{size['width']}.png"), full_page=True)


def test_it_shows_the_chosen_languages_opening_on_a_new_screening(page, live_server, casey, texts):
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    page.select_option("#id_language", "th")
    assert page.locator('[data-person-language="th"]').is_visible()
    assert not page.locator('[data-person-language="ur"]').is_visible()
    page.select_option("#id_language", "yue")
    assert page.locator('[data-person-language="zh-hant"]').is_visible()
    assert axe_violations(page) == []
