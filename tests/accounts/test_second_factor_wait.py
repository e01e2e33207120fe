"""After wrong codes, the second-factor page says how long every code is refused, and why."""

from __future__ import annotations

import datetime
import re

import pytest
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp

from accounts.second_factor import backup_device, issue_backup_codes
from tests.factories import make_user, make_verified_device

WAIT = re.compile(r"no code is accepted for (\d+)\s(seconds?|minutes?)")


@pytest.fixture
def boss(db):
    return make_user("boss", "Supervisor")


def _throttle(device, failures: int, ago_seconds: float = 0) -> None:
    device.throttling_failure_count = failures
    device.throttling_failure_timestamp = timezone.now() - datetime.timedelta(seconds=ago_seconds)
    device.save()


def _right_code(device) -> dict[str, str]:
    return {"token": f"{totp(device.bin_key):06d}"}


def _wait(page: str) -> tuple[int, str]:
    found = WAIT.search(page)
    assert found, "no wait in the page"
    return int(found[1]), found[2]


def test_it_says_how_long_to_wait_and_refuses_even_the_right_code(client, boss):
    device = make_verified_device(boss)
    _throttle(device, failures=4)  # the fourth wrong code: 8 seconds
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), _right_code(device))
    page = response.content.decode()
    number, unit = _wait(page)
    assert unit == "seconds" and 1 <= number <= 8
    assert "did not match. Check the time" not in page  # not blamed on the code or the phone
    assert "ask an administrator to reset your second factor" in page
    assert client.get(reverse("screening:list")).status_code == 302


def test_it_gives_a_long_wait_in_minutes(client, boss):
    device = make_verified_device(boss)
    _throttle(device, failures=10)  # 512 seconds
    client.force_login(boss)
    page = client.post(reverse("accounts:two_factor"), _right_code(device)).content.decode()
    assert _wait(page) == (8, "minutes")


def test_it_accepts_the_right_code_once_the_wait_is_over(client, boss):
    device = make_verified_device(boss)
    _throttle(device, failures=4, ago_seconds=9)
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), _right_code(device))
    assert response.status_code == 302
    assert client.get(reverse("screening:list")).status_code == 200


def test_a_wrong_code_says_it_did_not_match_and_starts_the_wait(client, boss):
    device = make_verified_device(boss)
    client.force_login(boss)
    wrong = {"token": f"{(totp(device.bin_key) + 1) % 1_000_000:06d}"}
    first = client.post(reverse("accounts:two_factor"), wrong).content.decode()
    assert "did not match" in first and not WAIT.search(first)
    device.refresh_from_db()
    assert device.throttling_failure_count == 1


def test_it_says_how_long_to_wait_for_a_backup_code(client, boss):
    make_verified_device(boss)
    code = issue_backup_codes(boss)[0]
    _throttle(backup_device(boss), failures=6)  # 32 seconds
    client.force_login(boss)
    response = client.post(reverse("accounts:two_factor"), {"backup_code": code})
    page = response.content.decode()
    assert _wait(page)[1] == "seconds"
    assert "not valid, or was used already" not in page
    assert backup_device(boss).token_set.filter(token=code).exists()  # not used up


def test_it_says_it_in_chinese(client, boss):
    device = make_verified_device(boss)
    _throttle(device, failures=4)
    client.force_login(boss)
    response = client.post(
        reverse("accounts:two_factor"), _right_code(device), HTTP_ACCEPT_LANGUAGE="zh-HK"
    )
    page = response.content.decode()
    assert re.search(r"\d+\s?秒", page)
    assert "不會接受任何代碼" in page and "管理員" in page
