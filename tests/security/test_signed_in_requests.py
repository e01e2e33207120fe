"""A signed-in request reads its session and user through Django's own session store and
ModelBackend: the same permissions, expiry and sign-out rules as any Django project."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import Group, Permission
from django.contrib.sessions.models import Session
from django.urls import reverse
from django.utils import timezone

from screening import roles
from tests.factories import make_user, sign_in


def test_it_opens_a_caseworkers_own_screening_and_refuses_a_volunteer(
    client, alice, val, alices_screening
):
    sign_in(client, alice)
    assert client.get(alices_screening.step_url(2)).status_code == 200
    client.logout()
    sign_in(client, val)
    assert client.get(alices_screening.step_url(2)).status_code == 403


def test_it_refuses_a_removed_role_on_the_next_request(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    assert client.get(url).status_code == 200
    alice.groups.remove(Group.objects.get(name=roles.CASEWORKER))
    assert client.get(url).status_code == 403


def test_it_counts_a_permission_given_to_the_user_directly(client, catalogue):
    dora = make_user("dora", roles.VOLUNTEER)
    sign_in(client, dora)
    assert client.get(reverse("screening:start")).status_code == 403
    dora.user_permissions.add(Permission.objects.get(codename="add_screening"))
    assert client.get(reverse("screening:start")).status_code == 200


def test_it_signs_out_a_deactivated_account_on_the_next_request(client, alice, alices_screening):
    sign_in(client, alice)
    alice.is_active = False
    alice.save()
    response = client.get(alices_screening.step_url(2))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_treats_an_expired_session_as_signed_out(client, alice, alices_screening):
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    Session.objects.update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_it_ends_other_sessions_when_the_password_changes(client, alice, alices_screening):
    from django.test import Client

    other = Client()
    sign_in(other, alice)
    sign_in(client, alice)
    url = alices_screening.step_url(2)
    assert other.get(url).status_code == 200
    response = client.post(
        reverse("accounts:password_change"),
        {
            "old_password": "correct horse battery",
            "new_password1": "a new and long passphrase",
            "new_password2": "a new and long passphrase",
        },
    )
    assert response.status_code == 302
    # The device that changed it stays signed in; the other one is signed out.
    assert client.get(url).status_code == 200
    assert other.get(url).status_code == 302


def test_it_keeps_the_session_cookie_to_the_browser_session(client, alice):
    response = client.post(
        reverse("accounts:login"), {"username": "alice", "password": "correct horse battery"}
    )
    cookie = response.cookies["sessionid"]
    # No Max-Age or Expires: the browser forgets it when it closes.
    assert not cookie["max-age"] and not cookie["expires"]
