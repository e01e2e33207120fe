"""Hand the device over, in the browser at 360 px: the person answers every question alone in
Tagalog, sees nothing of the case and no way out, Back and every other address land on the
hand-back page, the password takes it back, and the answers show as the person's on the summary
and in the PDF. Urdu right to left; axe-core on the person's view in every language; a recorded
tone plays to its end. Screenshots go to /tmp/shots."""

from __future__ import annotations

import io

import pytest
from django.core.management import call_command
from pypdf import PdfReader

from client_texts.audio import check_audio
from client_texts.models import CONTENT_LANGUAGES, ClientText, Recording, text_hash
from screening.self_answer import SELF_QUESTIONS
from tests.browser.conftest import PHONE, SHOTS, axe_violations, sign_in
from tests.client_texts.test_recordings import tone_wav
from tests.factories import make_screening

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BUTTONS = ["Oo", "Hindi", "Hindi ko alam", "Mas gusto kong hindi sabihin"]


@pytest.fixture
def texts(casey):
    call_command("load_client_texts", verbosity=0)


def _hand_over(page, live_server, screening, language: str | None = None) -> None:
    page.goto(f"{live_server.url}{screening.step_url(2)}")
    page.locator(".hand-over summary").click()
    if language:
        page.select_option("select[name=language]", language)
    with page.expect_navigation():
        page.get_by_role("button", name="Hand over").click()
    assert page.url.endswith(f"/screenings/{screening.pk}/self/"), page.url


def _hand_back(page) -> None:
    page.fill("input[name=password]", "correct horse battery")
    with page.expect_navigation():
        page.get_by_role("button", name="Take the device back").click()


def _nothing_of_the_case(page, reference: str) -> None:
    assert reference not in page.content()
    assert page.locator("a[href]").count() == 0
    assert page.locator("nav, footer, textarea").count() == 0


def test_it_hands_over_in_tagalog_takes_every_answer_and_hands_back(
    page, live_server, casey, texts
):
    page.set_viewport_size(PHONE)
    screening = make_screening(casey, language="tl", case_reference="HK-TAG-27")
    sign_in(page, live_server, "casey")
    _hand_over(page, live_server, screening)
    assert page.locator("html").get_attribute("lang") == "tl"
    _nothing_of_the_case(page, "HK-TAG-27")
    with page.expect_navigation():
        page.get_by_role("button", name="Magsimula").click()
    total = len(SELF_QUESTIONS)
    for number in range(1, total + 1):
        assert page.locator(".self-progress").inner_text() == f"Tanong {number} sa {total}"
        _nothing_of_the_case(page, "HK-TAG-27")
        assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
        if number == 1:
            SHOTS.mkdir(exist_ok=True)
            page.screenshot(path=str(SHOTS / "self-answer-tl-360.png"), full_page=True)
        with page.expect_navigation():
            page.get_by_role("button", name=BUTTONS[number % 4], exact=True).click()
    assert "Pakibalik ang device na ito sa caseworker." in page.inner_text("main")
    _nothing_of_the_case(page, "HK-TAG-27")
    assert axe_violations(page) == []
    page.screenshot(path=str(SHOTS / "self-answer-tl-closing-360.png"), full_page=True)

    # Back, and any other address of the app, answer with the hand-back page.
    for _ in range(total + 3):
        if not page.url.endswith("/self/"):
            break
        page.go_back()
    assert page.url.endswith(f"/screenings/{screening.pk}/hand-back/"), page.url
    for path in ["/screenings/", screening.step_url(3), f"/screenings/{screening.pk}/summary/"]:
        page.goto(f"{live_server.url}{path}")
        assert page.url.endswith(f"/screenings/{screening.pk}/hand-back/"), path
        _nothing_of_the_case(page, "HK-TAG-27")
    page.goto(f"{live_server.url}/")
    assert page.url.endswith("/hand-back/")
    page.screenshot(path=str(SHOTS / "hand-back-360.png"), full_page=True)

    _hand_back(page)
    assert page.url.endswith(screening.step_url(screening.complete_step))
    page.goto(f"{live_server.url}/screenings/{screening.pk}/summary/")
    summary = page.inner_text("main")
    assert "Answered by the person alone" in summary
    assert "answered by the person" in summary
    pdf = page.request.get(f"{live_server.url}/screenings/{screening.pk}/summary.pdf")
    assert pdf.ok
    text = "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf.body())).pages)
    assert "Answered by the person alone" in text
    assert "answered by the person" in " ".join(text.split())


def test_it_lays_the_persons_view_out_right_to_left_in_urdu(page, live_server, casey, texts):
    page.set_viewport_size(PHONE)
    screening = make_screening(casey, language="ur", case_reference="HK-URDU-27")
    sign_in(page, live_server, "casey")
    _hand_over(page, live_server, screening)
    html = page.locator("html")
    assert (html.get_attribute("lang"), html.get_attribute("dir")) == ("ur", "rtl")
    with page.expect_navigation():
        page.get_by_role("button", name="شروع کریں").click()
    question = page.locator(".self-question")
    assert question.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "؟" in question.inner_text()
    _nothing_of_the_case(page, "HK-URDU-27")
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    assert axe_violations(page) == []
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / "self-answer-ur-360.png"), full_page=True)


def test_it_passes_axe_on_the_persons_view_in_every_language(page, live_server, casey, texts):
    page.set_viewport_size(PHONE)
    sign_in(page, live_server, "casey")
    for code in CONTENT_LANGUAGES:
        screening = make_screening(casey, language="en")
        _hand_over(page, live_server, screening, language=code)
        assert page.locator("html").get_attribute("lang") == CONTENT_LANGUAGES[code].lang
        assert axe_violations(page) == [], f"{code} opening"
        with page.expect_navigation():
            page.locator("button[value=start]").click()
        assert page.locator(".self-button").count() == 4
        assert axe_violations(page) == [], f"{code} question"
        page.goto(f"{live_server.url}{screening.step_url(2)}")  # lands on hand-back
        assert axe_violations(page) == [], f"{code} hand back"
        _hand_back(page)


def test_it_plays_a_recorded_question_to_its_end(page, live_server, casey, texts):
    tone = tone_wav(0.5)
    text = ClientText.objects.get(key="self.opening", language="tl")
    Recording.objects.create(
        key="self.opening",
        language="tl",
        audio=tone,
        content_type="audio/wav",
        duration=check_audio(tone).duration,
        recorded_by="Maria Santos",
        recorded_on="2026-12-01",
        text_hash=text_hash(text.text),
    )
    screening = make_screening(casey, language="tl")
    sign_in(page, live_server, "casey")
    _hand_over(page, live_server, screening)
    audio = page.locator("audio.self-audio")
    assert audio.count() == 1
    page.locator(".self-text").click()  # a tap: the page may now play sound
    played = audio.evaluate(
        """el => new Promise((resolve, reject) => {
            el.addEventListener("ended", () => resolve(el.duration));
            el.addEventListener("error", () => reject(new Error("audio error")));
            el.play().catch(reject);
        })"""
    )
    assert played == pytest.approx(0.5, abs=0.05)
    with page.expect_navigation():
        page.locator("button[value=start]").click()
    assert page.locator("audio").count() == 0  # the first question has no recording: text only
