"""Show to the person: a step's questions in their language only, large, with nothing of the
case on it, behind the same access as the step."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.urls import reverse

from client_texts.models import ClientText
from tests.factories import answer_all, make_screening, sign_in, step_data


@pytest.fixture
def urdu_screening(catalogue, alice):
    call_command("load_client_texts", verbosity=0)
    screening = make_screening(alice, language="ur", case_reference="HK-SHOW-7QX4")
    answer_all(screening, alice, "yes", note="note that must not show")
    return screening


def _url(screening, number=2):
    return reverse("screening:show_to_person", args=[screening.pk, number])


def test_it_shows_the_steps_questions_in_the_persons_language_only(client, alice, urdu_screening):
    sign_in(client, alice)
    response = client.get(_url(urdu_screening))
    html = response.content.decode()
    assert response.status_code == 200
    assert 'class="show-person person-text" lang="ur" dir="rtl"' in html
    for indicator in urdu_screening.group_for_step(2).indicators:
        assert (
            ClientText.objects.get(key=f"question.{indicator.slug}.1", language="ur").text in html
        )
        assert indicator.questions[0] not in html  # not the English question
    assert "HK-SHOW-7QX4" not in html
    assert "note that must not show" not in html and "notes for" not in html
    assert "Yes (observed or disclosed)" not in html
    assert "data-quick-exit" in html
    assert urdu_screening.step_url(2) in html
    assert (
        response["Cache-Control"].startswith("no-store") or "no-store" in response["Cache-Control"]
    )


def test_it_is_reached_by_a_button_in_the_steps_form(client, alice, urdu_screening):
    sign_in(client, alice)
    html = client.get(urdu_screening.step_url(3)).content.decode()
    form = html[html.index('<form method="post" novalidate class="step-form"') :]
    assert 'name="action" value="show"' in form[: form.index("</form>")]


def test_it_saves_what_was_typed_before_showing_the_questions(client, alice, urdu_screening):
    # The screen is turned to the person half-way down a step: "Back to the step" must find
    # what the caseworker had chosen and typed, not what was saved before.
    sign_in(client, alice)
    indicator = urdu_screening.group_for_step(3).indicators[0]
    data = step_data(urdu_screening, 3, action="show")
    data[f"answer-{indicator.slug}"], data[f"note-{indicator.slug}"] = "no", "typed, then shown"
    response = client.post(urdu_screening.step_url(3), data)
    assert response.status_code == 302 and response["Location"] == _url(urdu_screening, 3)
    answer = urdu_screening.answers.get(indicator_slug=indicator.slug)
    assert (answer.value, answer.note) == ("no", "typed, then shown")


def test_it_asks_anonymous_visitors_to_sign_in(client, urdu_screening):
    response = client.get(_url(urdu_screening))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_it_refuses_volunteers(client, val, urdu_screening):
    sign_in(client, val)
    assert client.get(_url(urdu_screening)).status_code == 403


def test_it_hides_other_caseworkers_screenings(client, bob, urdu_screening):
    sign_in(client, bob)
    assert client.get(_url(urdu_screening)).status_code == 404


def test_it_lets_supervisors_see_it(client, sam, urdu_screening):
    sign_in(client, sam)
    assert client.get(_url(urdu_screening)).status_code == 200


@pytest.mark.parametrize("number", [1, 7, 99])
def test_it_has_no_page_for_a_step_without_signs(client, alice, urdu_screening, number):
    sign_in(client, alice)
    assert client.get(_url(urdu_screening, number)).status_code == 404


def test_it_has_no_page_in_a_language_without_texts(client, alice, catalogue):
    screening = make_screening(alice, language="bn")
    sign_in(client, alice)
    assert client.get(_url(screening)).status_code == 404


def test_it_refuses_posts(client, alice, urdu_screening):
    sign_in(client, alice)
    assert client.post(_url(urdu_screening)).status_code == 405
