"""Delete typing held after a session ended that nobody came back for within twelve hours.

A held save (screening.models.HeldSave) is given back only for twelve hours; after that it is
unreachable, and holds encrypted notes that should not stay. Run it daily, or more often, beside
the retention job. `--dry-run` reports how many would go and deletes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand

from screening.models import HeldSave


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Report; delete nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        expired = HeldSave.objects.expired()
        if dry_run:
            self.stdout.write(f"Would delete {expired.count()} held saves nobody came back for.")
            return
        deleted, _ = expired.delete()
        self.stdout.write(f"Deleted {deleted} held saves nobody came back for.")
