"""Create one demo account per role for trying the app locally.

Refuses to run with DEBUG off: demo accounts with printed passwords must never reach production.
Passwords are generated and printed once, when an account is first created; running the command
again leaves existing accounts alone.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError

from screening import roles

DEMO_ACCOUNTS = [
    ("caseworker", roles.CASEWORKER, False),
    ("supervisor", roles.SUPERVISOR, False),
    ("volunteer", roles.VOLUNTEER, False),
    ("admin", None, True),
]


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("Demo accounts are for local use only (DEBUG is off).")
        User = get_user_model()
        created = []
        for username, role, is_admin in DEMO_ACCOUNTS:
            if User.objects.filter(username=username).exists():
                continue
            password = secrets.token_urlsafe(12)
            if is_admin:
                user = User.objects.create_superuser(username, password=password)
            else:
                user = User.objects.create_user(username, password=password)
                user.groups.add(Group.objects.get(name=role))
            created.append((username, role or "Administrator", password))
        if not created:
            self.stdout.write("Demo accounts exist already (passwords were printed when created).")
            return
        self.stdout.write(self.style.WARNING("Demo accounts (shown once, local use only):"))
        for username, role, password in created:
            self.stdout.write(f"  {role:<14} username: {username:<11} password: {password}")
