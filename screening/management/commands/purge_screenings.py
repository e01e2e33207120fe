"""Delete screenings older than the retention period, with their answers and notes.

Personal data should not be kept longer than needed (PDPO, Cap. 486, Data Protection Principle 2).
Age is counted from the date of the screening. The audit trail keeps its rows (they hold no
answers, notes or case references) and gains one "deleted after retention period" row per
screening. `--dry-run` reports what would go and deletes nothing.
"""

from __future__ import annotations

import datetime

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from screening.models import AuditEvent, HeldSave, Screening


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--older-than",
            type=int,
            default=settings.RETENTION_DAYS,
            metavar="DAYS",
            help="Delete screenings dated more than DAYS days ago (default: RETENTION_DAYS).",
        )
        parser.add_argument("--dry-run", action="store_true", help="Report; delete nothing.")

    def handle(self, *args, older_than: int, dry_run: bool = False, **options) -> None:
        if older_than < 1:
            raise CommandError("--older-than must be at least 1 day.")
        cutoff = timezone.localdate() - datetime.timedelta(days=older_than)
        expired = Screening.objects.filter(screened_on__lt=cutoff)
        count = expired.count()
        held = HeldSave.objects.expired()
        if dry_run:
            self.stdout.write(f"Would delete {count} screenings dated before {cutoff}.")
            self.stdout.write(f"Would delete {held.count()} held saves nobody came back for.")
            return
        unclaimed, _ = held.delete()
        with transaction.atomic():
            ids = list(expired.values_list("pk", flat=True))
            AuditEvent.objects.bulk_create(
                [AuditEvent(screening_id=pk, action=AuditEvent.Action.PURGED) for pk in ids]
            )
            _, per_model = Screening.objects.filter(pk__in=ids).delete()
        answers = per_model.get("screening.Answer", 0)
        notes = per_model.get("screening.StepNote", 0) + per_model.get(
            "screening.SupervisorNote", 0
        )
        self.stdout.write(
            f"Deleted {len(ids)} screenings dated before {cutoff}, "
            f"with {answers} answers and {notes} notes. The audit trail is kept."
        )
        self.stdout.write(f"Deleted {unclaimed} held saves nobody came back for.")
