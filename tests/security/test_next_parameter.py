"""A user-supplied `next` is a path on this site or nothing: never a 500, never off the site."""

from __future__ import annotations

import pytest
from django.urls import reverse

HOSTILE = [
    "foo",
    "//evil.example",
    "https://evil.example/",
    "javascript:alert(1)",
    "accounts:password_change",
    "http://[",
    "/\\evil.example",
    "\x00",
    "%",
    "",
]
CREDENTIALS = {"username": "alice", "password": "correct horse battery"}


@pytest.mark.parametrize("target", HOSTILE)
def test_it_shows_the_sign_in_page_with_any_next(client, db, target):
    response = client.get(reverse("accounts:login"), {"next": target})
    assert response.status_code == 200


@pytest.mark.parametrize("target", HOSTILE)
def test_it_goes_home_after_signing_in_with_a_next_that_is_not_a_local_path(client, alice, target):
    response = client.post(reverse("accounts:login"), {**CREDENTIALS, "next": target})
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


@pytest.mark.parametrize("target", HOSTILE)
def test_it_reads_next_from_the_query_too(client, alice, target):
    response = client.post(f"{reverse('accounts:login')}?next={target}", CREDENTIALS)
    assert response.status_code == 302
    assert response["Location"] == reverse("home")


def test_it_goes_on_to_a_local_next_after_signing_in(client, alice):
    response = client.post(reverse("accounts:login"), {**CREDENTIALS, "next": "/screenings/"})
    assert response["Location"] == "/screenings/"


@pytest.mark.parametrize("target", HOSTILE)
def test_it_signs_out_whatever_next_says(client, alice, target):
    client.force_login(alice)
    response = client.post(f"{reverse('accounts:logout')}?next={target}")
    assert response.status_code == 302
    assert "evil" not in response["Location"] and "javascript" not in response["Location"]
