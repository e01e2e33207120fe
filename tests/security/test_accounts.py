"""Sign-in protections: lockout after failures, idle expiry, a second factor for supervisors."""

from __future__ import annotations

import datetime
import html
import re

import pytest
from django.contrib.sessions.models import Session
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from tests.factories import make_user, make_verified_device, sign_in


def _attempt(client, username: str, password: str):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


def test_it_locks_out_after_five_failed_logins(client, alice):
    for _ in range(4):
        response = _attempt(client, "alice", "wrong password")
        assert response.status_code == 200
        # Once, in the error summary, not again in a box of the form's own.
        assert response.content.decode().count("Please enter a correct username and password") == 1
    assert _attempt(client, "alice", "wrong password").status_code == 429  # the fifth
    response = _attempt(client, "alice", "correct horse battery")
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_it_still_lets_a_correct_password_in_before_the_limit(client, alice):
    for _ in range(4):
        _attempt(client, "alice", "wrong password")
    response = _attempt(client, "alice", "correct horse battery")
    assert response.status_code == 302


def test_it_expires_idle_sessions_and_keeps_the_draft(client, alice, alices_screening, settings):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    assert client.get(url).status_code == 200
    assert settings.SESSION_COOKIE_AGE == 30 * 60
    session = Session.objects.get()
    session.expire_date = timezone.now() - datetime.timedelta(seconds=1)
    session.save()
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    alices_screening.refresh_from_db()
    assert alices_screening.status == "draft"


def _session_writes(queries) -> list[str]:
    return [
        q["sql"]
        for q in queries
        if q["sql"].startswith(("UPDATE", "INSERT")) and "django_session" in q["sql"]
    ]


def test_it_renews_the_idle_clock_of_a_session_in_use(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    client.get(url)
    # Nearly idle for 30 minutes: the last renewal was over a minute ago, 10 seconds remain.
    session = Session.objects.get()
    data = session.get_decoded()
    data["_idle_clock"] -= 61
    session.session_data = Session.objects.encode(data)
    session.expire_date = timezone.now() + datetime.timedelta(seconds=10)
    session.save()
    assert client.get(url).status_code == 200
    remaining = Session.objects.get().expire_date - timezone.now()
    assert remaining > datetime.timedelta(minutes=29)
    assert client.get(url).status_code == 200


def test_it_writes_the_session_at_most_once_a_minute(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    client.get(url)
    with CaptureQueriesContext(connection) as queries:
        for _ in range(3):
            assert client.get(url).status_code == 200
    assert _session_writes(queries.captured_queries) == []


def test_it_never_starts_a_session_for_an_anonymous_reader(client, catalogue):
    for name in ("home", "definitions:indicators", "accounts:login"):
        client.get(reverse(name))
    assert "sessionid" not in client.cookies
    assert not Session.objects.exists()


def test_it_ends_sessions_when_the_browser_closes(client, alice, settings):
    assert settings.SESSION_EXPIRE_AT_BROWSER_CLOSE
    _attempt(client, "alice", "correct horse battery")
    cookie = client.cookies["sessionid"]
    assert not cookie["expires"] and not cookie["max-age"]


def test_it_keeps_supervisors_without_a_second_factor_out(client, catalogue, alices_screening):
    boss = make_user("boss", "Supervisor")
    client.force_login(boss)
    for url in [
        reverse("screening:list"),
        reverse("screening:summary", args=[alices_screening.pk]),
    ]:
        response = client.get(url)
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_it_enrols_a_supervisor_with_a_qr_code_and_a_code(client, catalogue):
    boss = make_user("boss", "Supervisor")
    client.force_login(boss)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "<svg" in page and "authenticator app" in page
    device = boss.totpdevice_set.get()
    assert not device.confirmed
    response = client.post(
        reverse("accounts:two_factor") + "?next=/screenings/",
        {"token": f"{totp(device.bin_key):06d}"},
    )
    # The backup codes come first, shown once, then the page asked for.
    assert response["Location"] == reverse("accounts:backup_codes") + "?next=%2Fscreenings%2F"
    page = client.get(response["Location"]).content.decode()
    assert page.count("<li>") >= 10 and 'href="/screenings/"' in page
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("screening:list")).status_code == 200


def test_it_asks_an_enrolled_supervisor_for_a_code_without_showing_the_secret(client, catalogue):
    boss = make_user("boss", "Supervisor")
    make_verified_device(boss)
    client.force_login(boss)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert "<svg" not in page
    assert "Enter the six-digit code" in page


def test_it_refuses_a_wrong_code(client, catalogue):
    boss = make_user("boss", "Supervisor")
    client.force_login(boss)
    client.get(reverse("accounts:two_factor"))
    device = boss.totpdevice_set.get()
    wrong = f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"
    response = client.post(reverse("accounts:two_factor"), {"token": wrong})
    assert "did not match" in response.content.decode()
    device.refresh_from_db()
    assert not device.confirmed
    assert client.get(reverse("screening:list")).status_code == 302


def test_it_refuses_codes_that_are_not_six_digits(client, alice):
    client.force_login(alice)
    response = client.post(reverse("accounts:two_factor"), {"token": "<script>"})
    assert "Enter the six digits" in response.content.decode()


def _enrol_with(client, query: str):
    """A new supervisor enters a right code on the two-factor page opened with this query."""
    boss = make_user("boss", "Supervisor")
    client.force_login(boss)
    client.get(reverse("accounts:two_factor"))
    code = f"{totp(boss.totpdevice_set.get().bin_key):06d}"
    response = client.post(f"{reverse('accounts:two_factor')}?{query}", {"token": code})
    # First the backup codes, shown once; their page's Continue goes where the code would have.
    assert response["Location"].startswith(reverse("accounts:backup_codes"))
    page = client.get(response["Location"]).content.decode()
    return html.unescape(re.search(r'<a class="btn btn-primary[^"]*" href="([^"]*)"', page)[1])


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/"])
def test_it_does_not_redirect_off_site_after_the_code(client, db, target):
    assert _enrol_with(client, f"next={target}") == reverse("screening:list")


@pytest.mark.parametrize(
    "query", ["next=foo", "next=accounts:password_change", "next=javascript:alert(1)", ""]
)
def test_it_sends_a_next_that_is_not_a_local_path_to_the_screening_list(client, db, query):
    # `next` is taken as a path or not at all: it used to be reversed as a URL name ("foo" gave
    # a 500, "accounts:password_change" went to that page).
    assert _enrol_with(client, query) == reverse("screening:list")


def test_it_goes_on_to_a_local_next_with_its_query_after_the_code(client, db):
    assert _enrol_with(client, "next=/screenings/%3Fpage%3D2") == "/screenings/?page=2"


def test_it_survives_an_overlong_username(client, alice):
    # Found by the fuzz test on PostgreSQL: axes stored the raw username past its column.
    for _ in range(6):
        response = _attempt(client, "<" * 1500, "wrong")
        assert response.status_code in (200, 429)


def test_it_keeps_staff_without_a_second_factor_out_of_the_admin(client, db):
    admin_user = make_user("root", is_staff=True, is_superuser=True)
    client.force_login(admin_user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:two_factor"))


def test_it_applies_2fa_and_no_store_under_a_url_prefix(client, catalogue, alices_screening):
    boss = make_user("boss", "Supervisor")
    client.force_login(boss)
    url = reverse("screening:summary", args=[alices_screening.pk])
    response = client.get(url, SCRIPT_NAME="/app")
    assert response.status_code == 302
    assert "no-store" in response["Cache-Control"]
