"""Notes say how many characters are left as the limit nears, keep whatever is pasted, and are
counted by the page exactly as the server counts them (issue 26, item 4)."""

from __future__ import annotations

import pytest

from screening.models import StepNote
from tests.browser.conftest import SHOTS, sign_in
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# 100 lines, 99 line breaks and an emoji: 5,000 characters as both sides count them.
AT_LIMIT = "\n".join(["x" * 49] * 100) + "😀"


@pytest.fixture
def draft(casey):
    return make_screening(casey, case_reference="HK-COUNT-01")


def _count(page, name: str) -> str:
    field_id = page.locator(f"[name={name}]").get_attribute("id")
    return page.locator(f"#{field_id}_count").inner_text()


def test_it_counts_step_notes_as_the_server_does(page, live_server, draft):
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    assert _count(page, "step_notes") == "You have 5000 characters remaining"

    page.fill("textarea[name=step_notes]", AT_LIMIT)
    assert _count(page, "step_notes") == "You have 0 characters remaining"
    with page.expect_navigation():
        page.locator(".step-buttons button[value=exit]").click()
    note = StepNote.objects.get(screening=draft)
    assert len(note.text) == 5000 and note.text == AT_LIMIT

    page.goto(f"{live_server.url}{draft.step_url(2)}")
    page.locator("textarea[name=step_notes]").press("End")
    page.keyboard.type("z")
    assert _count(page, "step_notes") == "You have 1 character too many"
    page.wait_for_timeout(1100)  # not the echo of the click that opened the page
    with page.expect_navigation():
        page.locator(".step-buttons button[value=exit]").click()
    assert "(they have 5001)" in page.locator("main").inner_text()
    assert StepNote.objects.get(screening=draft).text == AT_LIMIT


@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_it_keeps_a_pasted_sign_note_whole_and_says_how_much_too_long(
    page, live_server, draft, language
):
    page.set_viewport_size({"width": 360, "height": 640})
    sign_in(page, live_server, "casey")
    if language != "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    page.goto(f"{live_server.url}{draft.step_url(2)}")
    note = page.locator("input[name^=note-]").first
    count = page.locator(f"#{note.get_attribute('id')}_count")
    assert count.is_hidden()  # far from the limit: nothing to say
    note.fill("p" * 612)
    assert page.input_value(f"#{note.get_attribute('id')}") == "p" * 612
    assert count.is_visible()
    if language == "en":
        assert count.inner_text() == "You have 112 characters too many"
    assert page.evaluate("document.documentElement.scrollWidth") <= 360
    SHOTS.mkdir(exist_ok=True)
    count.scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"sign-note-count-{language}-360.png"))
