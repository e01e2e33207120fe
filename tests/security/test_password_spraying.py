"""Password spraying from one address (issue 30, finding 8).

django-axes counts failures per username and address, so one wrong guess on each of forty
usernames went unanswered. Alongside it, an address is paused after AXES_ADDRESS_FAILURE_LIMIT
failures within the cool-off, with the same page as the per-account pause.
"""

from __future__ import annotations

import datetime

from axes.models import AccessAttempt
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from tests.factories import make_user


def _attempt(client, username: str, password: str = "wrong password", address="203.0.113.7"):
    return client.post(
        reverse("accounts:login"),
        {"username": username, "password": password},
        REMOTE_ADDR=address,
    )


def test_it_pauses_an_address_that_sprays_many_usernames(client, alice, settings):
    limit = settings.AXES_ADDRESS_FAILURE_LIMIT
    for number in range(limit - 1):
        assert _attempt(client, f"user{number}").status_code == 200
    response = _attempt(client, "one-more")  # the limit: paused from here
    assert response.status_code == 429
    # Even the right password of a real account, from that address, waits.
    response = _attempt(client, "alice", "correct horse battery")
    assert response.status_code == 429
    page = response.content.decode()
    assert "Too many failed sign-in attempts" in page
    assert "alice" not in page and "address" not in page  # names neither the account nor why


def test_it_uses_the_same_page_as_the_pause_of_one_account(client, alice):
    for _ in range(5):
        locked = _attempt(client, "alice")
    sprayed = Client()
    for number in range(40):
        _attempt(sprayed, f"user{number}", address="198.51.100.9")
    spray_locked = _attempt(sprayed, "user-last", address="198.51.100.9")
    assert locked.status_code == spray_locked.status_code == 429

    def body(response):
        return response.content.decode().split("<main", 1)[1].split("</main>", 1)[0]

    assert body(locked) == body(spray_locked)


def test_it_leaves_other_addresses_alone(client, alice, settings):
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        _attempt(client, f"user{number}")
    response = _attempt(Client(), "alice", "correct horse battery", address="192.0.2.1")
    assert response.status_code == 302


def test_it_counts_only_failures_within_the_cool_off(client, alice, settings):
    for number in range(settings.AXES_ADDRESS_FAILURE_LIMIT):
        _attempt(client, f"user{number}")
    AccessAttempt.objects.update(attempt_time=timezone.now() - datetime.timedelta(minutes=16))
    assert _attempt(client, "alice", "correct horse battery").status_code == 302


def test_an_office_of_typists_stays_below_it(client, catalogue, settings):
    # Thirty colleagues behind one address, each mistyping once before signing in.
    for number in range(30):
        make_user(f"colleague{number}", "Caseworker")
        _attempt(Client(), f"colleague{number}")
        response = _attempt(Client(), f"colleague{number}", "correct horse battery")
        assert response.status_code == 302
