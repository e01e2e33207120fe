"""A double click or a double tap on Save saves once, lands on the next step and never raises
"Danger now", whose button sits where Save was on the page before (issue 26, item 1).

At 1366 × 657 (a laptop) and 360 × 640 (a phone), clicks 150 ms apart, as people double click.
"""

from __future__ import annotations

import pytest

from screening.models import Answer
from tests.browser.conftest import sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LAPTOP = {"width": 1366, "height": 657}
PHONE = {"width": 360, "height": 640}
SIZES = pytest.mark.parametrize("size", [LAPTOP, PHONE], ids=["1366", "360"])
GAP_MS = 150


@pytest.fixture
def draft(casey):
    return make_screening(casey, case_reference="HK-DOUBLE-01")


def _danger_now_point(page, live_server, draft) -> tuple[float, float]:
    """Where "Danger now" is on step 3 as it opens: where a click meant for step 2 would land."""
    page.goto(f"{live_server.url}{draft.step_url(3)}")
    box = page.get_by_role("button", name="Danger now").bounding_box()
    return box["x"] + min(20, box["width"] / 2), box["y"] + box["height"] / 2


def _save_under(page, point: tuple[float, float]) -> tuple[float, float]:
    """Scroll step 2 so that "Save and continue" is as near `point` as the page allows; the
    point on the button nearest to it."""
    save = page.locator(".step-buttons button[value=continue]")
    save.scroll_into_view_if_needed()
    box = save.bounding_box()
    page.mouse.wheel(0, box["y"] + box["height"] / 2 - point[1])
    page.wait_for_timeout(200)
    box = save.bounding_box()
    x = min(max(point[0], box["x"] + 4), box["x"] + box["width"] - 4)
    y = min(max(point[1], box["y"] + 4), box["y"] + box["height"] - 4)
    return x, y


def _open_step_two(page, live_server, draft, size) -> tuple[float, float]:
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    point = _danger_now_point(page, live_server, draft)
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    page.locator("fieldset.answer-card").first.get_by_text("Not sure").click()
    return _save_under(page, point)


def _assert_saved_once_without_danger(page, draft) -> None:
    page.wait_for_url(f"**{draft.step_url(3)}")
    page.wait_for_load_state()
    page.wait_for_timeout(1500)  # time for a stray click to have gone anywhere
    assert page.url.endswith(draft.step_url(3)), page.url
    assert "changed in another tab" not in page.content()
    draft.refresh_from_db()
    assert not draft.immediate_danger
    first = draft.group_for_step(2).indicators[0]
    assert Answer.objects.get(screening=draft, indicator_slug=first.slug).value == "not_sure"


@SIZES
def test_it_saves_once_on_a_double_click_and_raises_no_danger(page, live_server, draft, size):
    x, y = _open_step_two(page, live_server, draft, size)
    page.mouse.click(x, y)
    page.wait_for_timeout(GAP_MS)
    page.mouse.click(x, y)
    _assert_saved_once_without_danger(page, draft)


@SIZES
def test_it_saves_once_on_a_double_tap_and_raises_no_danger(browser, live_server, draft, size):
    context = browser.new_context(viewport=size, has_touch=True, is_mobile=size == PHONE)
    page = context.new_page()
    try:
        x, y = _open_step_two(page, live_server, draft, size)
        page.touchscreen.tap(x, y)
        page.wait_for_timeout(GAP_MS)
        page.touchscreen.tap(x, y)
        _assert_saved_once_without_danger(page, draft)
    finally:
        context.close()


@SIZES
def test_danger_now_ignores_the_second_click_but_takes_the_next(page, live_server, draft, size):
    """The second click of a double click on the new page itself, as on a fast connection;
    "Danger now" pressed a moment later still works at the first tap."""
    x, y = _open_step_two(page, live_server, draft, size)
    with page.expect_navigation(wait_until="commit"):
        page.mouse.click(x, y)
    danger_now = page.get_by_role("button", name="Danger now")
    danger_now.wait_for()
    box = danger_now.bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    since_sent = page.evaluate("Date.now() - Number(sessionStorage.getItem('submitted-at'))")
    assert since_sent < 1000, f"the page took {since_sent:.0f} ms: not a double click"
    _assert_saved_once_without_danger(page, draft)

    with page.expect_navigation():
        danger_now.click()
    assert "/danger/" in page.url
    draft.refresh_from_db()
    assert draft.immediate_danger
