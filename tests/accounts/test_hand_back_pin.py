"""Your details: the short PIN that takes a handed-over device back, set, changed or removed."""

from __future__ import annotations

import pytest
from django.urls import reverse

from accounts.models import Profile, is_trivial_pin
from tests.factories import sign_in

URL = reverse("accounts:hand_back_pin")
PASSWORD = "correct horse battery"


def _set(client, pin: str, again: str | None = None, password: str = PASSWORD):
    data = {"current_password": password, "pin": pin, "pin_again": pin if again is None else again}
    return client.post(URL, data)


@pytest.mark.django_db
def test_it_sets_a_pin_kept_hashed(client, alice):
    sign_in(client, alice)
    assert "Set a PIN" in client.get(reverse("accounts:profile")).content.decode()
    response = _set(client, "2580")
    assert response.status_code == 302 and response["Location"] == reverse("accounts:profile")
    stored = Profile.objects.get(user=alice).hand_back_pin
    assert stored and stored != "2580" and "2580" not in stored
    assert Profile.pin_matches("2580", stored) and not Profile.pin_matches("2581", stored)
    page = client.get(reverse("accounts:profile")).content.decode()
    assert "Your PIN is saved." in page and "Change or remove your PIN" in page


@pytest.mark.django_db
def test_it_changes_the_pin(client, alice):
    sign_in(client, alice)
    _set(client, "2580")
    _set(client, "97310")
    stored = Profile.objects.get(user=alice).hand_back_pin
    assert Profile.pin_matches("97310", stored) and not Profile.pin_matches("2580", stored)


@pytest.mark.django_db
def test_it_removes_the_pin_with_the_current_password(client, alice):
    sign_in(client, alice)
    _set(client, "2580")
    assert "Remove the PIN" in client.get(URL).content.decode()
    client.post(URL, {"current_password": "guess", "remove": ""})
    assert Profile.objects.get(user=alice).hand_back_pin
    response = client.post(URL, {"current_password": PASSWORD, "remove": ""})
    assert response.status_code == 302
    assert Profile.objects.get(user=alice).hand_back_pin == ""
    assert "Your PIN is removed." in client.get(reverse("accounts:profile")).content.decode()


@pytest.mark.django_db
def test_it_refuses_a_wrong_current_password(client, alice):
    sign_in(client, alice)
    response = _set(client, "2580", password="guess")
    assert response.status_code == 200
    assert "That is not your current password." in response.content.decode()
    assert not Profile.objects.filter(user=alice).exclude(hand_back_pin="").exists()


@pytest.mark.parametrize(
    ("pin", "again", "message"),
    [
        ("1111", None, "too easy to guess"),
        ("1234", None, "too easy to guess"),
        ("87654321", None, "too easy to guess"),
        ("123", None, "A PIN has 4 to 8 digits"),
        ("123456789", None, "A PIN has 4 to 8 digits"),
        ("25a0", None, "A PIN has 4 to 8 digits"),
        ("", None, "Enter a PIN of 4 to 8 digits."),
        ("2580", "2581", "The two PINs are not the same."),
    ],
)
@pytest.mark.django_db
def test_it_refuses_a_pin_that_is_trivial_or_malformed(client, alice, pin, again, message):
    sign_in(client, alice)
    response = _set(client, pin, again)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Profile.objects.filter(user=alice).exclude(hand_back_pin="").exists()


@pytest.mark.parametrize(
    ("pin", "trivial"),
    [("0000", True), ("0123", True), ("9876", True), ("2580", False), ("1235", False)],
)
def test_it_knows_the_first_pins_guessed(pin, trivial):
    assert is_trivial_pin(pin) is trivial


def test_it_needs_a_sign_in(client, db):
    response = client.get(URL)
    assert response.status_code == 302 and reverse("accounts:login") in response.url


@pytest.mark.django_db
def test_it_is_never_cached(client, alice):
    sign_in(client, alice)
    assert "no-store" in client.get(URL)["Cache-Control"]
