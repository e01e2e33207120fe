"""The step pages on a phone and a laptop: Danger now, error summaries, tap targets, warnings.

Run at 360 × 780 (a small phone) and 1280 × 900. Screenshots go to /tmp/shots.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from referrals.models import ReferralContact
from screening import roles, services
from screening.models import Answer, Screening
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_screening, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 360, "height": 780}
LAPTOP = {"width": 1280, "height": 900}
SIZES = pytest.mark.parametrize("size", [PHONE, LAPTOP], ids=["360", "1280"])
SHOTS = Path("/tmp/shots")


@pytest.fixture
def draft(casey):
    return make_screening(casey, case_reference="HK-PHONE-01")


def shoot(page, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / name))


def assert_no_axe_violations(page, label: str) -> None:
    assert axe_violations(page) == [], label
    assert page.evaluate("document.documentElement.scrollWidth") <= page.viewport_size["width"]


@SIZES
def test_it_reports_danger_now_from_the_top_of_a_step(page, live_server, draft, size):
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    danger_now = page.get_by_role("button", name="Danger now")
    first_question = page.locator("fieldset.answer-card").first
    assert danger_now.bounding_box()["y"] < first_question.bounding_box()["y"]
    first_question.get_by_text("Not sure").click()
    # A person's pace: a click within a second of sending a form (here, signing in) is taken for
    # the second half of a double click and ignored (static/js/submit-once.js).
    page.wait_for_function("Date.now() - Number(sessionStorage.getItem('submitted-at')) > 1000")
    with page.expect_navigation():
        danger_now.click()

    assert re.search(r"/danger/\?step=2$", page.url), page.url
    emergency = ReferralContact.objects.get(kind="emergency")
    call = page.locator(f"main a[href='tel:{emergency.phone}']")  # the footer links it too
    assert call.is_visible()
    box = call.bounding_box()
    assert box["height"] >= 44 and box["y"] + box["height"] <= size["height"]
    assert emergency.how_to_refer[:60] in page.content()
    draft.refresh_from_db()
    assert draft.immediate_danger
    first = draft.group_for_step(2).indicators[0]
    assert Answer.objects.get(screening=draft, indicator_slug=first.slug).value == "not_sure"
    assert_no_axe_violations(page, f"stop page at {size['width']}")
    if size == PHONE:
        shoot(page, "stop-page-360.png")
    with page.expect_navigation():
        page.get_by_role("link", name="Back to the screening").click()
    assert page.url.endswith(draft.step_url(2))


def test_it_saves_and_continues_when_enter_is_pressed_in_a_note(page, live_server, draft):
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    page.locator("fieldset.answer-card input[type=text]").first.fill("seen at the door")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(draft.step_url(3)), page.url
    draft.refresh_from_db()
    assert not draft.immediate_danger


@SIZES
def test_it_focuses_the_error_summary_and_links_to_consent(page, live_server, casey, size):
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    page.check("#id_setting_0")
    page.select_option("#id_language", "id")
    page.check("#id_interpreter_1")
    page.check("#id_age_band_1")
    page.check("#id_immediate_danger_0")
    with page.expect_navigation():
        page.get_by_role("button", name="Start the screening").click()

    summary = page.locator("[data-error-summary]")
    page.wait_for_function("document.activeElement.hasAttribute('data-error-summary')")
    assert summary.get_attribute("role") == "alert"
    assert "There is a problem" in summary.inner_text()
    link = summary.locator("a[href='#id_consent']")
    assert link.count() == 1
    assert summary.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    assert_no_axe_violations(page, f"details with errors at {size['width']}")
    link.click()
    assert page.evaluate("document.activeElement.id") == "id_consent"
    assert not Screening.objects.exists()


@SIZES
def test_it_lays_out_the_four_answers_as_large_targets(page, live_server, draft, size):
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    boxes = [
        option.bounding_box()
        for option in page.locator("fieldset.answer-card").first.locator(".answer-option").all()
    ]
    assert len(boxes) == 4
    for box in boxes:
        assert box["width"] >= 44 and box["height"] >= 44, box
    rows = sorted({round(box["y"]) for box in boxes})
    if size == PHONE:
        assert len(rows) == 2, boxes  # 2 × 2
        assert round(boxes[0]["y"]) == round(boxes[1]["y"]) < round(boxes[2]["y"])
        assert round(boxes[0]["x"]) == round(boxes[2]["x"]) < round(boxes[1]["x"])
        # The first question's answers are on the first screen, list of steps folded.
        assert max(box["y"] + box["height"] for box in boxes) <= size["height"]
        assert not page.locator(".step-list").is_visible()
        page.get_by_text("All steps").click()
        assert page.locator(".step-list").is_visible()
        page.get_by_text("All steps").click()
        shoot(page, "step-360.png")
        page.screenshot(path=str(SHOTS / "step-360-full.png"), full_page=True)
    else:
        assert len(rows) == 1, boxes
        assert page.locator(".step-list").is_visible()
    assert_no_axe_violations(page, f"step at {size['width']}")


def test_it_warns_at_once_when_the_employer_or_agent_interprets(page, live_server, casey):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    warning = page.locator("[data-speak-freely]")
    assert not warning.is_visible()
    page.get_by_label("Employer or agent").check()
    assert warning.is_visible()
    assert "may not be able to speak freely" in warning.inner_text()
    warning.scroll_into_view_if_needed()
    shoot(page, "details-warning-360.png")
    page.get_by_label("Professional interpreter").check()
    assert not warning.is_visible()
    page.get_by_label("Friend, partner or relative").check()
    assert warning.is_visible()
    page.get_by_label("Professional interpreter").check()
    page.get_by_label("Another person (not the interpreter) was present").check()
    assert warning.is_visible()


@SIZES
def test_it_shows_the_summary_of_a_reopened_screening_accessibly(page, live_server, casey, size):
    supervisor = make_user("sam", roles.SUPERVISOR)
    screening = make_screening(casey, status=Screening.Status.COMPLETED)
    services.reopen_screening(
        screening=screening, user=supervisor, version=screening.version, reason="Ask about pay"
    )
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/{screening.pk}/summary/")
    assert "Reopened by sam on" in page.content() and "Ask about pay" in page.content()
    assert_no_axe_violations(page, f"summary at {size['width']}")
