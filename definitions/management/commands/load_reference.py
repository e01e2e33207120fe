"""Load (or refresh) the shipped reference content: definitions, indicators, referral contacts.

The fixtures use natural keys, so running this again updates rows in place and never duplicates
them; content an administrator added in the admin under other slugs is left alone.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand

FIXTURES = ["reference.json", "referral_contacts.json"]


class Command(BaseCommand):
    help = __doc__

    def handle(self, *args, **options) -> None:
        for name in FIXTURES:
            call_command("loaddata", str(settings.BASE_DIR / "fixtures" / name), verbosity=0)
        self.stdout.write(self.style.SUCCESS("Reference content loaded."))
