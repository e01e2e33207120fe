"""Backup codes for the second factor: ten, shown once at enrolment, each good for one sign-in;
an administrator can reset someone's second factor, and the audit trail says so."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.second_factor import issue_backup_codes
from screening.models import AuditEvent
from tests.factories import admin_url, make_user, make_verified_device


@pytest.fixture
def boss(db):
    return make_user("boss", "Supervisor")


def test_it_shows_ten_codes_once_at_enrolment(client, boss):
    client.force_login(boss)
    client.get(reverse("accounts:two_factor"))
    code = f"{totp(boss.totpdevice_set.get().bin_key):06d}"
    response = client.post(reverse("accounts:two_factor"), {"token": code})
    page = client.get(response["Location"]).content.decode()
    codes = [token.token for token in StaticDevice.objects.get(user=boss).token_set.all()]
    assert len(codes) == 10 and all(code in page for code in codes)
    again = client.get(response["Location"]).content.decode()
    assert not any(code in again for code in codes)


def test_a_backup_code_signs_in_once_and_not_twice(client, boss):
    make_verified_device(boss)
    code = issue_backup_codes(boss)[0]
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), {"backup_code": code.upper()})
    assert response.status_code == 302
    assert client.get(reverse("screening:list")).status_code == 200
    client.logout()
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), {"backup_code": code})
    assert response.status_code == 200
    assert "not valid, or was used already" in response.content.decode()
    assert client.get(reverse("screening:list")).status_code == 302


def test_it_refuses_a_code_of_the_wrong_shape(client, boss):
    make_verified_device(boss)
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), {"backup_code": "<script>"})
    assert "eight letters and digits" in response.content.decode()


def test_it_offers_no_backup_code_before_enrolment(client, boss):
    client.force_login(boss)
    page = client.get(reverse("accounts:two_factor")).content.decode()
    assert 'name="backup_code"' not in page


def test_the_backup_codes_page_requires_sign_in(client, db):
    response = client.get(reverse("accounts:backup_codes"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_an_administrator_resets_a_second_factor_and_it_is_audited(admin_client, admin_user, boss):
    make_verified_device(boss)
    issue_backup_codes(boss)
    response = admin_client.post(
        admin_url(boss, "changelist"),
        {"action": "reset_second_factor", "_selected_action": [boss.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=boss).exists()
    assert not StaticDevice.objects.filter(user=boss).exists()
    event = AuditEvent.objects.get(action="second_factor_reset")
    assert event.username == admin_user.get_username() and event.detail == "for boss"
