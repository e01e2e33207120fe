"""The safety answers on the details page are asked, never pre-filled, and warn when they must."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from screening.forms import DetailsForm
from screening.models import Screening
from tests.factories import make_screening, sign_in, start_data

WARNING = "may not be able to speak freely"


def _checked(page: str, name: str) -> list[str]:
    return re.findall(rf'<input type="radio"[^>]*name="{name}"[^>]*checked', page)


def test_it_preselects_neither_danger_nor_interpreter_on_a_new_screening(client, alice, catalogue):
    sign_in(client, alice)
    page = client.get(reverse("screening:start")).content.decode()
    assert 'name="immediate_danger"' in page and 'name="interpreter"' in page
    assert _checked(page, "immediate_danger") == []
    assert _checked(page, "interpreter") == []
    assert DetailsForm()["interpreter"].value() is None


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("immediate_danger", "Choose Yes or No. If you are not sure, choose Yes."),
        ("interpreter", "Choose who interpreted, or “No interpreter”."),
    ],
)
def test_it_requires_each_safety_answer_and_says_why(client, alice, catalogue, missing, message):
    sign_in(client, alice)
    data = start_data()
    del data[missing]
    response = client.post(reverse("screening:start"), data)
    assert message in response.content.decode()
    assert not Screening.objects.exists()


def test_it_shows_what_an_existing_screening_saved(client, alice, catalogue):
    screening = make_screening(alice, interpreter="professional")
    sign_in(client, alice)
    page = client.get(reverse("screening:details", args=[screening.pk])).content.decode()
    assert len(_checked(page, "interpreter")) == 1 and 'value="professional"' in page
    assert len(_checked(page, "immediate_danger")) == 1


def test_it_has_the_warning_ready_but_hidden_for_the_script(client, alice, catalogue):
    sign_in(client, alice)
    page = client.get(reverse("screening:start")).content.decode()
    assert WARNING in page
    assert "data-speak-freely hidden" in page
    assert 'data-warn-interpreter="employer_agent friend_family"' in page
    assert "js/details.js" in page


@pytest.mark.parametrize(
    "overrides",
    [
        {"interpreter": "employer_agent"},
        {"interpreter": "friend_family"},
        {"third_party_present": "on"},
    ],
)
def test_it_shows_the_warning_without_javascript_after_the_page(
    client, alice, catalogue, overrides
):
    sign_in(client, alice)
    # The details come back with an error: the warning shows from what was chosen.
    page = client.post(reverse("screening:start"), start_data(consent="", **overrides))
    assert "data-speak-freely hidden" not in page.content.decode()
    # Saved: the first step shows it.
    response = client.post(reverse("screening:start"), start_data(**overrides), follow=True)
    step = response.content.decode()
    assert response.redirect_chain[-1][0].endswith("/step/2/")
    assert WARNING in step and "data-speak-freely hidden" not in step
    screening = Screening.objects.get()
    assert WARNING not in client.get(screening.step_url(3)).content.decode()


def test_it_gives_no_warning_with_a_professional_interpreter_alone(client, alice, catalogue):
    sign_in(client, alice)
    response = client.post(reverse("screening:start"), start_data(), follow=True)
    assert WARNING not in response.content.decode()
