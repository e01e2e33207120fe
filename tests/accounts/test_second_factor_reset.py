"""The admin's "Reset the second factor" action (issue 30, finding 3).

It needs the right to change users, never resets a superuser for anyone but a superuser, ends
the target's sessions (a thief signed in with the phone is out too), and is audited.
"""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.contrib.sessions.models import Session
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from screening.models import AuditEvent
from tests.factories import admin_url, make_user, make_verified_device, sign_in


def _staff(username: str, *codenames: str):
    user = make_user(username, is_staff=True)
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="auth", codename__in=codenames)
    )
    make_verified_device(user)
    return user


def _reset(client, target):
    return client.post(
        admin_url(target, "changelist"),
        {"action": "reset_second_factor", "_selected_action": [target.pk]},
    )


@pytest.fixture
def boss(db):
    boss = make_user("boss", "Supervisor")
    make_verified_device(boss)
    return boss


def test_a_staff_user_who_may_only_view_users_cannot_reset(client, boss, db):
    sign_in(client, _staff("viewer", "view_user"))
    assert client.get(admin_url(boss, "changelist")).status_code == 200
    _reset(client, boss)
    assert TOTPDevice.objects.filter(user=boss).exists()
    assert not AuditEvent.objects.filter(action="second_factor_reset").exists()
    page = client.get(admin_url(boss, "changelist")).content.decode()
    assert "reset_second_factor" not in page  # not offered either


def test_a_staff_user_who_may_change_users_resets_a_supervisor(client, boss, db):
    sign_in(client, _staff("helpdesk", "view_user", "change_user"))
    _reset(client, boss)
    assert not TOTPDevice.objects.filter(user=boss).exists()


def test_it_refuses_to_reset_a_superuser_for_someone_who_is_not_one(client, admin_user, db):
    make_verified_device(admin_user)
    sign_in(client, _staff("helpdesk", "view_user", "change_user"))
    response = _reset(client, admin_user)
    assert TOTPDevice.objects.filter(user=admin_user).exists()
    assert not AuditEvent.objects.filter(action="second_factor_reset").exists()
    page = client.get(response["Location"]).content.decode()
    assert "Only a superuser can reset the second factor of a superuser" in page


def test_a_superuser_resets_another_superuser(admin_client, db):
    other = make_user("root2", is_staff=True, is_superuser=True)
    make_verified_device(other)
    _reset(admin_client, other)
    assert not TOTPDevice.objects.filter(user=other).exists()


def test_it_ends_the_targets_sessions_and_no_one_elses(admin_client, boss, alice):
    bosses_phone, alices_laptop = Client(), Client()
    sign_in(bosses_phone, boss)
    sign_in(alices_laptop, alice)
    sessions = Session.objects.count()
    _reset(admin_client, boss)
    assert Session.objects.count() == sessions - 1
    assert bosses_phone.get("/screenings/").status_code == 302
    assert alices_laptop.get("/screenings/").status_code == 200
    event = AuditEvent.objects.get(action="second_factor_reset")
    assert event.detail == "for boss"
