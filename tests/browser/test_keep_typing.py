"""Nothing typed is lost: a save after the session ended comes back after sign-in, the session
can be kept alive from the page, each step says when it was saved, and leaving with unsaved
changes asks first. In Debian's Chromium, at a phone's width and a laptop's."""

from __future__ import annotations

import re
import time

import pytest
from django.contrib.sessions.models import Session
from django.core.management import call_command
from django.urls import reverse

from screening import roles
from screening.models import Answer, HeldSave
from tests.browser.conftest import axe_violations, sign_in
from tests.factories import make_screening, make_user

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

NOTE = "Passport kept by the agency"
STEP_NOTES = "Interpreter: professional, by phone"
WIDTHS = [(360, 780), (1280, 900)]


def _dismissed_dialogs(page) -> list[str]:
    """The types of the dialogs the page opens from now on ("beforeunload"), each dismissed."""
    dialogs: list[str] = []

    def on_dialog(dialog):
        dialogs.append(dialog.type)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


def _show_steps(page) -> None:
    """On a phone the list of steps is folded behind "All steps": open it."""
    toggle = page.locator(".step-nav .phone-fold-toggle summary")
    if toggle.is_visible():
        toggle.click()


@pytest.fixture
def screening(transactional_db):
    call_command("load_reference")
    return make_screening(make_user("casey", roles.CASEWORKER))


def _type_on_step(page) -> None:
    page.locator("input[type=radio][value=yes]").first.check()
    page.locator("input[name^=note-]").first.fill(NOTE)
    page.fill("textarea[name=step_notes]", STEP_NOTES)


def _no_axe_violations(page, label: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{label}: {violations}"


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_brings_typing_back_through_sign_in_and_saves_it(
    page, live_server, screening, width, height
):
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server, "casey")
    step = f"{live_server.url}{screening.step_url(2)}"
    page.goto(step)
    assert page.locator("[data-save-status]").first.inner_text() == "Not saved yet"
    _no_axe_violations(page, f"step at {width}px")
    _type_on_step(page)

    Session.objects.all().delete()  # the session ends on the server while the person talks
    with page.expect_navigation():
        page.click("button[value=continue]")
    assert "/accounts/login/" in page.url
    assert "What you typed is kept" in page.content()
    assert NOTE.split()[0] not in page.url and "Interpreter" not in page.url
    assert HeldSave.objects.count() == 1

    page.fill("#id_username", "casey")
    page.fill("#id_password", "correct horse battery")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == step
    assert page.locator("input[type=radio][value=yes]").first.is_checked()
    assert page.locator("input[name^=note-]").first.input_value() == NOTE
    assert page.input_value("textarea[name=step_notes]") == STEP_NOTES
    assert "is shown below but is not saved yet" in page.content()
    assert not Answer.objects.exists() and not HeldSave.objects.exists()
    _no_axe_violations(page, f"step given back at {width}px")
    if width == 360:
        assert page.evaluate("document.documentElement.scrollWidth") <= 360
        page.screenshot(path="/tmp/shots/step-given-back-360.png", full_page=True)

    # Unsaved on arrival: leaving by a step link asks first.
    dialogs = _dismissed_dialogs(page)
    _show_steps(page)
    page.locator(".step-list a").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"]
    assert page.url == step

    # Saving does not ask, and stores what was typed.
    with page.expect_navigation():
        page.click("button[value=continue]")
    assert re.search(r"/step/3/$", page.url)
    assert dialogs == ["beforeunload"]
    answer = Answer.objects.get(indicator_slug=screening.group_for_step(2).indicators[0].slug)
    assert (answer.value, answer.note) == ("yes", NOTE)

    page.goto(step)
    status = page.locator("[data-save-status]").first.inner_text()
    assert re.fullmatch(r"Saved at \d{1,2}(:\d\d)? [ap]\.m\.|Saved at (noon|midnight)", status)
    _no_axe_violations(page, f"saved step at {width}px")


@pytest.mark.parametrize(("width", "height"), WIDTHS)
def test_it_offers_to_stay_signed_in_and_renews_the_session(
    page, live_server, screening, settings, width, height
):
    settings.SESSION_COOKIE_AGE = 5 * 60 + 4  # the notice is due four seconds after sign-in
    page.set_viewport_size({"width": width, "height": height})
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    notice = page.locator(".session-notice")
    assert notice.count() == 0
    notice.wait_for(timeout=15_000)
    assert notice.get_attribute("role") == "alert"
    button = notice.get_by_role("button", name="Stay signed in")
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"
    _no_axe_violations(page, f"notice at {width}px")

    before = Session.objects.get().expire_date
    time.sleep(1.1)
    button.press("Enter")
    notice.wait_for(state="detached")
    assert Session.objects.get().expire_date > before
    assert page.locator("[role=status]", has_text="You are still signed in.").count() == 1


def test_typing_keeps_the_session_alive_without_a_notice(page, live_server, screening, settings):
    """Typing counts as being there: the notice, due four seconds after sign-in here, never
    comes while the caseworker types, the session is renewed, and focus stays in the field."""
    settings.SESSION_COOKIE_AGE = 5 * 60 + 4
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    before = Session.objects.get().expire_date
    page.click("textarea[name=step_notes]")
    for _ in range(12):
        page.keyboard.type("typing ")
        page.wait_for_timeout(700)
    assert page.locator(".session-notice").count() == 0
    assert page.evaluate("document.activeElement.name") == "step_notes"
    assert Session.objects.get().expire_date > before


def test_the_notice_comes_once_typing_stops(page, live_server, screening, settings):
    settings.SESSION_COOKIE_AGE = 5 * 60 + 4
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    page.click("textarea[name=step_notes]")
    page.keyboard.type("The person says")
    page.locator(".session-notice").wait_for(timeout=15_000)
    assert page.evaluate("document.activeElement.name") == "step_notes"
    page.keyboard.press("Tab")  # the notice is the next stop after the field
    assert page.evaluate("document.activeElement.textContent") == "Stay signed in"


def test_it_asks_before_leaving_typed_changes_but_not_unchanged_ones(page, live_server, screening):
    sign_in(page, live_server, "casey")
    step = f"{live_server.url}{screening.step_url(2)}"
    page.goto(step)
    dialogs = _dismissed_dialogs(page)
    page.click("textarea[name=step_notes]")  # a click alone changes nothing
    _show_steps(page)
    with page.expect_navigation():
        page.locator(".step-list a").nth(2).click()
    assert dialogs == []

    page.goto(step)
    page.fill("textarea[name=step_notes]", "typed")
    _show_steps(page)
    page.locator(".step-list a").nth(2).click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and page.url == step
    page.evaluate("history.back()")  # Back; Playwright's go_back would wait for a load
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload", "beforeunload"] and page.url == step


def test_it_asks_before_leaving_a_new_screening_that_was_typed_in(page, live_server, screening):
    sign_in(page, live_server, "casey")
    start = f"{live_server.url}{reverse('screening:start')}"
    page.goto(start)
    dialogs = _dismissed_dialogs(page)
    page.fill("input[name=case_reference]", "HK-2611-TYPED")
    page.get_by_role("link", name="Definitions").first.click()
    page.wait_for_timeout(500)
    assert dialogs == ["beforeunload"] and page.url == start
    assert page.input_value("input[name=case_reference]") == "HK-2611-TYPED"
