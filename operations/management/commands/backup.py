"""Write a consistent backup of the whole database to a new file, while the app keeps running.

SQLite is copied with its online backup API, PostgreSQL with `pg_dump --format=custom`, into one
tar file with a manifest: the rows of every table and a fingerprint of each notes key configured
now (never a key). Run it daily (README, "Backups"); restore it with `manage.py restore FILE`.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations.backups import BackupError, make_backup


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--output", required=True, type=Path, help="The backup file to write (must be new)."
        )

    def handle(self, *args, output: Path, **options) -> None:
        started = time.monotonic()
        try:
            manifest = make_backup(output)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size / 1_000_000
        self.stdout.write(
            f"Backed up {manifest.engine}: {manifest.rows:,} rows in {len(manifest.tables)} "
            f"tables, {size:,.1f} MB, in {time.monotonic() - started:.1f} s, to {output}"
        )
