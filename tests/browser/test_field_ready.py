"""Field-ready intake in Chromium: a supervisor's list and summary on a phone, and the signs page
searched and jumped through, at 360 and 1280 pixels wide, with axe-core on every page."""

from __future__ import annotations

import re

import pytest

from screening import services
from tests.browser.conftest import DESK, PHONE, SHOTS, axe_violations, sign_in_supervisor
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def screenings(casey, boss):
    make_screening(casey, case_reference="HK-2611-DRFT")
    make_screening(casey, case_reference="HK-2611-LOCK", status="reviewed")
    reopened = make_screening(casey, case_reference="HK-2611-BACK", status="reviewed")
    services.reopen_screening(
        screening=reopened, user=boss, version=reopened.version, reason="Check the age band."
    )
    awaiting = make_screening(casey, case_reference="HK-2611-WAIT", status="completed")
    return {"awaiting": awaiting, "device": boss.device}


def reference_of(card) -> str:
    """The case reference a card links by (its visible text, without the hidden "(summary)")."""
    return card.get_by_role("link").inner_text().splitlines()[0].strip()


def assert_accessible(page, label: str) -> None:
    violations = axe_violations(page)
    assert violations == [], f"{label}: {violations}"
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width, label


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_it_shows_a_supervisor_cards_with_what_awaits_review_first(
    page, live_server, screenings, viewport
):
    page.set_viewport_size(viewport)
    sign_in_supervisor(page, live_server, screenings["device"])
    page.goto(f"{live_server.url}/screenings/")

    cards = page.locator(".screening-card")
    assert cards.count() == 4
    first = cards.nth(0)
    assert reference_of(first) == "HK-2611-WAIT"
    assert "Awaiting review" in first.inner_text()
    references = [reference_of(cards.nth(n)) for n in range(4)]
    assert references == ["HK-2611-WAIT", "HK-2611-BACK", "HK-2611-DRFT", "HK-2611-LOCK"]
    assert "Reopened" in cards.nth(1).inner_text()
    assert "Reopened" not in cards.nth(2).inner_text()
    # The filters are folded away: their fields take no room until opened.
    assert page.locator("details.list-filters").get_attribute("open") is None
    assert not page.locator("#id_q").is_visible()
    if viewport is PHONE:
        box = first.bounding_box()
        assert box["width"] <= 360 and box["x"] >= 0
        assert page.locator(".screening-card").nth(1).bounding_box()["y"] > box["y"]
        page.screenshot(path=str(SHOTS / "supervisor-list-360.png"), full_page=True)
    assert_accessible(page, f"list at {viewport['width']}")

    page.locator("details.list-filters > summary").click()
    assert page.locator("#id_q").is_visible()
    assert_accessible(page, f"list with filters open at {viewport['width']}")
    page.select_option("#id_status", "completed")
    with page.expect_navigation():
        page.get_by_role("button", name="Filter", exact=True).click()
    assert page.locator("details.list-filters").get_attribute("open") is not None
    assert page.locator(".screening-card").count() == 1

    with page.expect_navigation():
        page.get_by_role("link", name=re.compile("HK-2611-WAIT")).click()
    review = page.get_by_role("link", name="Mark reviewed and lock")
    assert review.is_visible()
    assert review.bounding_box()["y"] < page.locator("h1").bounding_box()["y"]
    if viewport is PHONE:
        assert review.bounding_box()["y"] < viewport["height"]  # no scrolling to act
        page.screenshot(path=str(SHOTS / "supervisor-summary-360.png"))
    assert_accessible(page, f"summary at {viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_it_finds_the_identity_documents_sign_by_passports(page, live_server, screenings, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/indicators/")
    page.fill("#id_q", "passports")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    headings = page.locator(".indicator-card h3").all_inner_texts()
    assert headings == [
        "Is not in control of his/her own identification documents (ID or passport)"
    ]
    assert "1 sign found." in page.locator(".result-count").inner_text()
    assert_accessible(page, f"search at {viewport['width']}")

    page.fill("#id_q", "zebras")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.get_by_role("heading", name="No signs match your search").is_visible()
    assert_accessible(page, f"empty search at {viewport['width']}")


@pytest.mark.parametrize("viewport", [PHONE, DESK], ids=["360", "1280"])
def test_it_jumps_to_a_group_and_back_to_the_top(page, live_server, screenings, viewport):
    page.set_viewport_size(viewport)
    page.goto(f"{live_server.url}/indicators/")
    jump_list = page.get_by_role("navigation", name="Jump to a group of signs")
    links = jump_list.get_by_role("link")
    assert links.count() == 5
    assert_accessible(page, f"signs page at {viewport['width']}")

    links.filter(has_text="Lack of control").click()
    page.wait_for_url(re.compile("#group-lack-of-control$"))
    # Bootstrap scrolls smoothly: wait until the group's heading has arrived at the top.
    page.wait_for_function(
        "() => { const top = document.getElementById('group-lack-of-control')"
        ".getBoundingClientRect().top; return top >= 0 && top < 100; }"
    )
    assert page.evaluate("window.scrollY") > 0

    back = page.locator("#group-lack-of-control").locator("xpath=..").locator(".back-to-top a")
    back.click()
    page.wait_for_url(re.compile("#signs-top$"))
    page.wait_for_function("() => window.scrollY < 200")
    assert jump_list.is_visible()
    assert jump_list.bounding_box()["y"] < viewport["height"]
    box = links.first.bounding_box()
    assert box["height"] >= 24 and box["x"] + box["width"] <= viewport["width"]
