"""Roles exist after migrate and carry the permissions the access table needs."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from screening import roles
from screening.roles import ROLE_PERMISSIONS


def test_it_creates_the_three_groups(db):
    names = set(Group.objects.values_list("name", flat=True))
    assert {"Caseworker", "Supervisor", "Volunteer"} <= names


def test_it_gives_each_group_exactly_the_permissions_of_its_role(db):
    for name, wanted in ROLE_PERMISSIONS.items():
        granted = Group.objects.get(name=name).permissions.values_list(
            "content_type__app_label", "codename"
        )
        assert set(granted) == set(wanted), name


def test_it_puts_the_groups_back_after_a_flush(transactional_db):
    # post_migrate is the one place groups are made; `manage.py flush` sends it too.
    call_command("flush", interactive=False, verbosity=0)
    assert set(Group.objects.values_list("name", flat=True)) == set(ROLE_PERMISSIONS)
    supervisor = Group.objects.get(name=roles.SUPERVISOR)
    assert supervisor.permissions.filter(codename="view_all_screenings").exists()


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
