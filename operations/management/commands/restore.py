"""Restore a backup made by `manage.py backup` into the configured database.

It replaces the database's tables with the backup's, in one go, and then checks that every table
holds the rows the backup was made with. It refuses a database that already holds data (beyond
what `migrate` puts there by itself) unless given `--force`; `--dry-run` says what it would do
and changes nothing. It warns when the backup was made while notes keys were configured that are
not configured now: notes encrypted with those keys cannot be read until they are added back.
An encrypted backup is read with BACKUP_ENCRYPTION_KEY, and refused whole if it was changed,
cut short or made with another key. Then it applies the retention policy (`apply_retention`), so
that nothing erased since the backup was made comes back.
Stop the app servers first, or expect their saves to wait or fail while it runs.
"""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection

from operations.backups import (
    BackupError,
    migrations_to_apply,
    read_manifest,
    readable,
    restore,
    rows_at_risk,
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument("backup", type=Path, help="A file written by `manage.py backup`.")
        parser.add_argument(
            "--force", action="store_true", help="Replace a database that holds data."
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Say what would happen; change nothing."
        )

    def handle(self, *args, backup: Path, **options) -> None:
        try:
            with readable(backup, settings.BACKUP_ENCRYPTION_KEY) as plain:
                self._restore(backup, plain, **options)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def _restore(self, backup: Path, plain: Path, *, force: bool, dry_run: bool, **options):
        manifest = read_manifest(plain)
        self.stdout.write(
            f"{backup}: a {manifest.engine} backup made at {manifest.made_at}, "
            f"{manifest.rows:,} rows in {len(manifest.tables)} tables."
        )
        missing = manifest.keys_missing(settings.NOTES_ENCRYPTION_KEYS)
        if missing:
            self.stderr.write(
                f"Warning: this backup was made while {len(missing)} notes key(s) were "
                f"configured that NOTES_ENCRYPTION_KEYS does not hold now (fingerprints "
                f"{', '.join(missing)}). Notes encrypted with them cannot be read until those "
                "keys are added back, after the current ones."
            )
        at_risk = rows_at_risk()
        target = f"the {connection.vendor} database {connection.settings_dict['NAME']}"
        if at_risk and not force:
            raise CommandError(
                f"Not restoring: {target} holds data ({_rows(at_risk)}). Restore into an empty "
                "database, or give --force to replace it."
            )
        if dry_run:
            replaced = f", replacing {_rows(at_risk)}" if at_risk else ""
            self.stdout.write(f"Would restore it into {target}{replaced}. Nothing was changed.")
            return
        started = time.monotonic()
        restored = restore(plain, manifest)
        self.stdout.write(
            f"Restored {sum(restored.values()):,} rows in {len(restored)} tables into {target} "
            f"in {time.monotonic() - started:.1f} s; every table holds the backup's rows."
        )
        pending = migrations_to_apply()
        if pending:
            self.stdout.write(
                f"The backup predates {pending} migration(s) of this version: run "
                "`manage.py migrate`, then `manage.py apply_retention`, before starting the app."
            )
            return
        # A backup holds what was due for erasure since it was made: erase it again at once.
        call_command("apply_retention", stdout=self.stdout, stderr=self.stderr)


def _rows(counts: dict[str, int]) -> str:
    listed = ", ".join(f"{table}: {rows:,}" for table, rows in sorted(counts.items())[:6])
    more = f" and {len(counts) - 6} more tables" if len(counts) > 6 else ""
    return f"{sum(counts.values()):,} rows; {listed}{more}"
