"""Bad input gives a clear form error or a 404, never a 500, and writes nothing."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from screening.models import Answer, Screening
from tests.factories import sign_in, start_data, step_data


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"consent": ""}, "only be recorded with the person"),
        ({"case_reference": "x" * 10_000}, "at most 40 characters"),
        ({"case_reference": "Maria Santos"}, "no spaces"),
        ({"case_reference": ""}, "Enter a case reference"),
        ({"setting": "rooftop"}, "Select a valid choice"),
        ({"age_band": "42"}, "Select a valid choice"),
        ({"screened_on": "not a date"}, "Enter the date of the screening as a real date"),
        (
            {"screened_on": (timezone.localdate() + datetime.timedelta(days=2)).isoformat()},
            "cannot be in the future",
        ),
    ],
)
def test_it_explains_bad_start_input(client, alice, catalogue, overrides, message):
    sign_in(client, alice)
    response = client.post(reverse("screening:start"), start_data(**overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Screening.objects.exists()


@pytest.mark.parametrize(
    "extra",
    [
        {"answer-not-free-to-leave": "maybe"},
        {"version": "abc"},
        {"version": ""},
        {"step_notes": "x" * 5001},
    ],
)
def test_it_explains_bad_step_input(client, alice, alices_screening, extra):
    sign_in(client, alice)
    data = step_data(alices_screening, 2)
    first_slug = alices_screening.group_for_step(2).indicators[0].slug
    if "answer-not-free-to-leave" in extra:
        extra = {f"answer-{first_slug}": "maybe"}
    data.update(extra)
    response = client.post(alices_screening.step_url(2), data)
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert not Answer.objects.exists()


def test_it_rejects_an_overlong_note(client, alice, alices_screening):
    sign_in(client, alice)
    data = step_data(alices_screening, 2)
    first_slug = alices_screening.group_for_step(2).indicators[0].slug
    data[f"note-{first_slug}"] = "n" * 10_000
    response = client.post(alices_screening.step_url(2), data)
    assert response.status_code == 400
    assert "500 characters or fewer (it has 10000)" in response.content.decode()


@pytest.mark.parametrize("number", [0, 1, 7, 8, 99])
def test_it_gives_404_for_steps_that_do_not_exist(client, alice, alices_screening, number):
    sign_in(client, alice)
    assert (
        client.get(reverse("screening:step", args=[alices_screening.pk, number])).status_code == 404
    )


def test_it_gives_404_for_a_uuid_that_does_not_exist(client, alice, catalogue):
    sign_in(client, alice)
    url = reverse("screening:step", args=["3f1c1d0a-5c1e-4a9e-9f00-000000000000", 2])
    assert client.post(url, {"version": 1}).status_code == 404


def test_it_treats_a_bad_list_filter_as_a_form_error(client, alice, catalogue):
    sign_in(client, alice)
    client.post(reverse("screening:list"), {"date_from": "yesterday"})
    response = client.get(reverse("screening:list"), {"page": "x" * 50})
    assert response.status_code == 200
    assert "Enter a valid date" in response.content.decode()
