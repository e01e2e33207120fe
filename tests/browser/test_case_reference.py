"""A case reference typed into the start page is exactly what was typed; the suggested one goes
in only with "Use a suggested reference" (issue 26, item 2). At 1366 × 657 and 360 × 640."""

from __future__ import annotations

import pytest

from screening.models import Screening
from tests.browser.conftest import SHOTS, sign_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SIZES = pytest.mark.parametrize(
    "size", [{"width": 1366, "height": 657}, {"width": 360, "height": 640}], ids=["1366", "360"]
)
TYPED = "IDW-2026-117"


def _fill_the_rest(page) -> None:
    page.locator("input[name=setting]").first.check()
    page.select_option("#id_language", "id")
    page.locator("input[name=interpreter]").first.check()
    page.check("#id_consent")
    page.locator("input[name=age_band]").first.check()
    page.locator("input[name=immediate_danger][value=no]").check()


@SIZES
def test_it_keeps_a_typed_case_reference_exactly_as_typed(page, live_server, casey, size):
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    page.goto(f"{live_server.url}/screenings/new/")
    page.click("#id_case_reference")
    page.keyboard.type(TYPED)
    assert page.input_value("#id_case_reference") == TYPED
    _fill_the_rest(page)
    with page.expect_navigation():
        page.get_by_role("button", name="Start the screening").click()
    assert Screening.objects.get().case_reference == TYPED


@SIZES
@pytest.mark.parametrize("language", ["en", "zh-hant"])
def test_it_puts_the_suggested_reference_in_with_its_button(
    page, live_server, casey, size, language
):
    page.set_viewport_size(size)
    sign_in(page, live_server, "casey")
    if language != "en":
        page.context.add_cookies(
            [{"name": "django_language", "value": language, "url": live_server.url}]
        )
    page.goto(f"{live_server.url}/screenings/new/")
    button = page.locator("[data-use-reference]")
    suggested = button.get_attribute("data-use-reference")
    assert page.input_value("#id_case_reference") == ""
    button.click()
    assert page.input_value("#id_case_reference") == suggested
    assert page.evaluate("document.documentElement.scrollWidth") <= size["width"]
    SHOTS.mkdir(exist_ok=True)
    page.locator("#id_case_reference").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / f"suggested-reference-{language}-{size['width']}.png"))
    _fill_the_rest(page)
    with page.expect_navigation():
        page.locator("main button[type=submit]").last.click()
    assert Screening.objects.get().case_reference == suggested
