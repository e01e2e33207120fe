"""A session ends SESSION_ABSOLUTE_HOURS after signing in, however busy, and no idle renewal
pushes it past that end."""

from __future__ import annotations

import datetime
import time

from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from accounts.sessions import SIGNED_IN_AT
from tests.factories import sign_in


def _edit_session(**changes) -> None:
    session = Session.objects.get()
    data = session.get_decoded()
    data.update(changes)
    session.session_data = Session.objects.encode(data)
    session.save()


def _signed_in_at() -> int:
    return Session.objects.get().get_decoded()[SIGNED_IN_AT]


def test_it_records_when_the_user_signed_in(client, alice):
    before = int(time.time())
    client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct horse battery"}
    )
    assert before <= _signed_in_at() <= int(time.time())


def test_it_defaults_to_twelve_hours(settings):
    assert settings.SESSION_ABSOLUTE_HOURS == 12


def test_it_signs_out_a_session_older_than_the_absolute_lifetime(
    client, alice, alices_screening, settings
):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    assert client.get(url).status_code == 200
    _edit_session(**{SIGNED_IN_AT: int(time.time()) - 12 * 60 * 60 - 1})
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Session.objects.exists()
    alices_screening.refresh_from_db()
    assert alices_screening.status == "draft"


def test_it_keeps_a_busy_session_open_until_then(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    _edit_session(**{SIGNED_IN_AT: int(time.time()) - 11 * 60 * 60})
    assert client.get(url).status_code == 200


def test_it_follows_the_setting(client, alice, alices_screening, settings):
    settings.SESSION_ABSOLUTE_HOURS = 1
    sign_in(client, alice)
    _edit_session(**{SIGNED_IN_AT: int(time.time()) - 60 * 60 - 1})
    assert client.get(alices_screening.step_url(2)).status_code == 302


def test_it_never_renews_the_idle_clock_past_the_absolute_end(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    # Ten minutes left of twelve hours; the idle clock is due for renewal (30 minutes).
    now = int(time.time())
    _edit_session(**{SIGNED_IN_AT: now - 12 * 60 * 60 + 10 * 60, "_idle_clock": now - 61})
    assert client.get(url).status_code == 200
    end = datetime.datetime.fromtimestamp(now + 10 * 60, tz=datetime.UTC)
    expiry = Session.objects.get().expire_date
    assert expiry <= end + datetime.timedelta(seconds=2)
    assert expiry >= end - datetime.timedelta(seconds=5)


def test_it_still_renews_the_full_idle_age_well_before_the_end(client, alice, alices_screening):
    sign_in(client, alice)
    _edit_session(**{"_idle_clock": int(time.time()) - 61})
    assert client.get(alices_screening.step_url(2)).status_code == 200
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)


def test_it_keeps_the_cookie_a_browser_session_cookie_after_a_renewal(
    client, alice, alices_screening
):
    client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct horse battery"}
    )
    _edit_session(**{"_idle_clock": int(time.time()) - 61})
    client.get(alices_screening.step_url(2))
    cookie = client.cookies["sessionid"]
    assert cookie.value
    assert not cookie["expires"] and not cookie["max-age"]


def test_it_starts_the_clock_for_a_session_from_before_the_limit(client, alice, alices_screening):
    # Sessions signed in before this change have no sign-in time: they get one, not a sign-out.
    sign_in(client, alice)
    session = Session.objects.get()
    data = session.get_decoded()
    del data[SIGNED_IN_AT]
    session.session_data = Session.objects.encode(data)
    session.save()
    assert client.get(alices_screening.step_url(2)).status_code == 200
    assert abs(_signed_in_at() - int(time.time())) <= 2
