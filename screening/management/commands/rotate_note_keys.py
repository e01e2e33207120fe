"""Re-encrypt every note with the newest key in NOTES_ENCRYPTION_KEYS.

Put the new key first in NOTES_ENCRYPTION_KEYS, keep the old ones after it, run this command, and
once it reports success the old keys can be removed. Rows are read with any configured key and
written back with the newest; `--dry-run` counts what would be re-encrypted and writes nothing.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand
from django.db import transaction

from screening.models import encrypted_fields

BATCH = 500


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("--dry-run", action="store_true", help="Count rows; change nothing.")

    def handle(self, *args, dry_run: bool = False, **options) -> None:
        for model, fields in encrypted_fields():
            rows = model.objects.only("pk", *fields).order_by("pk")
            count = 0
            batch = []
            for row in rows.iterator(chunk_size=BATCH):
                batch.append(row)
                if len(batch) == BATCH:
                    count += self._write(model, batch, fields, dry_run)
                    batch = []
            count += self._write(model, batch, fields, dry_run)
            verb = "would re-encrypt" if dry_run else "re-encrypted"
            self.stdout.write(f"{model._meta.label}: {verb} {count} rows")

    def _write(self, model, batch, fields, dry_run: bool) -> int:
        if batch and not dry_run:
            # Re-read the batch under a lock, so a note saved meanwhile is not put back to its
            # older text; saving writes each value through the field, with the newest key.
            with transaction.atomic():
                pks = [row.pk for row in batch]
                fresh = list(
                    model.objects.select_for_update().filter(pk__in=pks).only("pk", *fields)
                )
                model.objects.bulk_update(fresh, fields)
        return len(batch)
