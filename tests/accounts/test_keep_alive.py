"""POST /accounts/keep-alive/: "Stay signed in" renews the session's idle clock."""

from __future__ import annotations

import datetime

from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import reverse

from tests.factories import sign_in

URL = reverse("accounts:keep_alive")


def _expiry() -> datetime.datetime:
    return Session.objects.get().expire_date


def test_it_renews_the_session_and_answers_204(client, alice):
    sign_in(client, alice)
    Session.objects.update(
        expire_date=Session.objects.get().expire_date - datetime.timedelta(minutes=25)
    )
    before = _expiry()
    response = client.post(URL)
    assert response.status_code == 204
    assert response.content == b""
    assert _expiry() - before >= datetime.timedelta(minutes=24)


def test_it_renews_even_within_the_minute_the_clock_is_not_renewed(client, alice):
    sign_in(client, alice)
    client.get(reverse("screening:list"))  # renews the clock, which then holds for a minute
    Session.objects.update(
        expire_date=Session.objects.get().expire_date - datetime.timedelta(minutes=1)
    )
    before = _expiry()
    client.post(URL)
    assert _expiry() > before


def test_it_requires_sign_in(client, db):
    response = client.post(URL)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert not Session.objects.exists()


def test_it_takes_post_only(client, alice):
    sign_in(client, alice)
    assert client.get(URL).status_code == 405


def test_it_checks_the_csrf_token(alice):
    browser = Client(enforce_csrf_checks=True)
    sign_in(browser, alice)
    assert browser.post(URL).status_code == 403
    token = str(browser.get(reverse("screening:list")).context["csrf_token"])
    assert browser.post(URL, headers={"X-CSRFToken": token}).status_code == 204


def test_it_tells_signed_in_pages_how_long_the_session_has_left(client, alice, settings):
    settings.SESSION_COOKIE_AGE = 600
    sign_in(client, alice)
    page = client.get(reverse("screening:list")).content.decode()
    assert 'data-session-seconds-left="600"' in page
    assert f'data-keep-alive-url="{URL}"' in page
    # Within the minute the clock is not renewed, what is left is counted down.
    session = client.session
    import time

    session["_idle_clock"] = int(time.time()) - 30
    session.save()
    page = client.get(reverse("screening:list")).content.decode()
    assert 'data-session-seconds-left="57' in page or 'data-session-seconds-left="570"' in page


def test_it_tells_anonymous_pages_nothing(client, db):
    page = client.get(reverse("accounts:login")).content.decode()
    assert "data-session-seconds-left" not in page
    assert "data-keep-alive-url" not in page
