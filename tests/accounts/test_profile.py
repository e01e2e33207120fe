"""Your details: the full name, role and work phone a referral document names, and a language."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from accounts.models import Profile

URL = reverse("accounts:profile")


def details(**overrides) -> dict:
    data = {
        "full_name": "Alice Chan",
        "job_title": "Caseworker",
        "work_phone": "2345 6789",
        "language": "",
    }
    return {**data, **overrides}


@pytest.mark.django_db
def test_it_saves_the_details_a_referral_document_names(client, alice):
    client.force_login(alice)
    assert client.get(URL).status_code == 200
    response = client.post(URL, details())
    assert response.status_code == 302 and response["Location"] == URL
    profile = Profile.objects.get(user=alice)
    assert (profile.full_name, profile.job_title, profile.work_phone) == (
        "Alice Chan",
        "Caseworker",
        "2345 6789",
    )
    page = client.get(URL).content.decode()
    assert 'value="Alice Chan"' in page and "Your details are saved." in page


@pytest.mark.django_db
def test_it_applies_a_chosen_language_at_once(client, alice):
    client.force_login(alice)
    response = client.post(URL, details(language="zh-hant"))
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hant"
    assert Profile.language_of(alice) == "zh-hant"
    assert client.get(URL)["Content-Language"] == "zh-hant"


@pytest.mark.django_db
def test_it_edits_only_your_own_details(client, alice, bob):
    Profile.objects.create(user=bob, full_name="Bob Wong")
    client.force_login(alice)
    client.post(URL, details(full_name="Not Bob"))
    assert Profile.objects.get(user=bob).full_name == "Bob Wong"
    assert "Bob Wong" not in client.get(URL).content.decode()


@pytest.mark.django_db
def test_it_needs_a_sign_in(client):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


@pytest.mark.django_db
def test_it_refuses_other_methods(client, alice):
    client.force_login(alice)
    assert client.put(URL).status_code == 405


@pytest.mark.django_db
@pytest.mark.parametrize(
    "field, value", [("full_name", "x" * 151), ("work_phone", "1" * 41), ("language", "xx")]
)
def test_it_explains_bad_input_and_saves_nothing(client, alice, field, value):
    client.force_login(alice)
    response = client.post(URL, details(**{field: value}))
    assert response.status_code == 200
    assert f'href="#id_{field}"' in response.content.decode()
    assert not Profile.objects.filter(user=alice).exists()


@pytest.mark.django_db
def test_it_is_never_cached(client, alice):
    client.force_login(alice)
    assert "no-store" in client.get(URL)["Cache-Control"]
