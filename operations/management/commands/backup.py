"""Write a consistent backup of the whole database to a new file, while the app keeps running.

SQLite is copied with its online backup API, PostgreSQL with `pg_dump --format=custom`, into one
tar file with a manifest: the rows of every table and a fingerprint of each notes key configured
now (never a key). With BACKUP_ENCRYPTION_KEY set the file is encrypted with it.

`--output FILE` writes one file. `--folder DIR`, as the daily timer runs it, writes
`screening-<date>-<time>.tar.sealed` there (encrypted: it needs BACKUP_ENCRYPTION_KEY) and then
deletes the folder's backups that the rotation keeps no longer (BACKUP_KEEP_DAILY, _WEEKLY,
_MONTHLY); `--dry-run` lists what that would delete and changes nothing. Restore a backup with
`manage.py restore FILE` (README, "Backups").
"""

from __future__ import annotations

import re
import time
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from operations.backups import BackupError, make_backup
from operations.rotation import to_keep

NAME = "screening-{:%Y%m%d-%H%M%S}.tar.sealed"
NAMED = re.compile(r"^screening-(\d{8}-\d{6})\.tar\.sealed$")


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        where = parser.add_mutually_exclusive_group(required=True)
        where.add_argument("--output", type=Path, help="The backup file to write (must be new).")
        where.add_argument(
            "--folder", type=Path, help="Write a dated, encrypted backup here and rotate."
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="With --folder: list the backups a new one would rotate away; write nothing.",
        )

    def handle(self, *args, output: Path | None, folder: Path | None, dry_run: bool, **options):
        key = settings.BACKUP_ENCRYPTION_KEY
        if key and key in settings.NOTES_ENCRYPTION_KEYS:
            raise CommandError(
                "BACKUP_ENCRYPTION_KEY is one of the NOTES_ENCRYPTION_KEYS: give backups a key "
                "of their own, so that whoever holds backups never holds the notes key."
            )
        if folder is not None:
            if not key:
                raise CommandError(
                    "--folder writes encrypted backups: set BACKUP_ENCRYPTION_KEY (README, "
                    "'Backups'), a key of its own, kept apart from the backups."
                )
            now = timezone.localtime()
            if dry_run:
                self._rotate(folder, now, dry_run=True)
                return
            output = folder / NAME.format(now)
        elif dry_run:
            raise CommandError("--dry-run goes with --folder.")
        started = time.monotonic()
        try:
            manifest = make_backup(output, key=key)
        except BackupError as error:
            raise CommandError(str(error)) from error
        size = output.stat().st_size / 1_000_000
        sealed = ", encrypted" if key else ""
        self.stdout.write(
            f"Backed up {manifest.engine}: {manifest.rows:,} rows in {len(manifest.tables)} "
            f"tables, {size:,.1f} MB{sealed}, in {time.monotonic() - started:.1f} s, to {output}"
        )
        if folder is not None:
            self._rotate(folder, now, dry_run=False)

    def _rotate(self, folder: Path, now: datetime, *, dry_run: bool) -> None:
        made = {
            datetime.strptime(match.group(1), "%Y%m%d-%H%M%S"): path
            for path in folder.iterdir()
            if (match := NAMED.match(path.name))
        }
        if dry_run:
            made[now.replace(tzinfo=None)] = folder / NAME.format(now)  # the one it would make
        kept = to_keep(
            made,
            daily=settings.BACKUP_KEEP_DAILY,
            weekly=settings.BACKUP_KEEP_WEEKLY,
            monthly=settings.BACKUP_KEEP_MONTHLY,
        )
        going = sorted(path.name for when, path in made.items() if when not in kept)
        verb = "Would delete" if dry_run else "Deleted"
        for name in going:
            if not dry_run:
                (folder / name).unlink()
        self.stdout.write(
            f"{verb} {len(going)} older backup(s){': ' + ', '.join(going) if going else ''}; "
            f"{len(kept)} kept in {folder}."
        )
