"""Roles exist after migrate and carry the permissions the access table needs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command


def test_it_creates_the_three_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Caseworker", "Supervisor", "Volunteer"} <= names


def test_it_gives_only_supervisors_the_supervisor_permissions(alice, sam, val):
    assert sam.has_perm("screening.view_all_screenings")
    assert sam.has_perm("screening.review_screening")
    assert not alice.has_perm("screening.view_all_screenings")
    assert alice.has_perm("screening.add_screening")
    assert not val.has_perm("screening.view_screening")


def test_it_refuses_demo_accounts_without_debug(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError):
        call_command("create_demo_accounts")


def test_it_creates_demo_accounts_once(db, settings, capsys):
    settings.DEBUG = True
    call_command("create_demo_accounts")
    first = capsys.readouterr().out
    call_command("create_demo_accounts")
    second = capsys.readouterr().out
    assert "password:" in first and "caseworker" in first
    assert "password:" not in second
