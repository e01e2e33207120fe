"""A caseworker who enrolled an authenticator app is asked for it at sign-in (issue 30,
finding 10): enrolling must not be a lock that is never used."""

from __future__ import annotations

from django.urls import reverse

from tests.factories import make_verified_device, sign_in


def test_it_asks_an_enrolled_caseworker_for_the_code(client, alice, alices_screening):
    make_verified_device(alice)
    client.force_login(alice)  # the password alone
    for url in (reverse("screening:list"), alices_screening.step_url(2)):
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_it_lets_an_enrolled_caseworker_in_after_the_code(client, alice, alices_screening):
    make_verified_device(alice)
    sign_in(client, alice)  # password and code
    assert client.get(alices_screening.step_url(2)).status_code == 200


def test_it_asks_nothing_of_a_caseworker_who_never_enrolled(client, alice, alices_screening):
    client.force_login(alice)
    assert client.get(alices_screening.step_url(2)).status_code == 200


def test_it_lets_an_enrolled_caseworker_reach_the_code_page_and_quick_exit(client, alice):
    make_verified_device(alice)
    client.force_login(alice)
    assert client.get(reverse("accounts:two_factor")).status_code == 200
    assert client.post(reverse("accounts:quick_exit")).status_code == 303
