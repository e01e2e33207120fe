"""Erase the content of every screening whose retention period has ended; run it daily.

The periods are the NGO's retention policy, set in the environment (`RETENTION_DRAFT_DAYS`,
`RETENTION_NO_SIGNS_DAYS`, `RETENTION_CASE_DAYS`; README "Retention"): the PDPO (Cap. 486,
s. 26) asks that personal data no longer required for its purpose be erased. Screenings on
legal hold, reopened or awaiting review are kept. Each screening is erased in a transaction of
its own, so saves go on while it runs, and leaves a tombstone that keeps the statistics true
(screening/retention.py); the audit trail records each erasure, without content. Held saves
nobody came back for are deleted too. `--dry-run` lists what would be erased and why, and
changes nothing.

Nothing here prints a case reference: the output goes to the system's journal.
"""

from __future__ import annotations

import time

from django.core.management import call_command, get_commands
from django.core.management.base import BaseCommand
from django.db import connection
from django.utils import timezone

from screening import retention
from screening.models import AuditEvent, HeldSave, Screening

MAX_PAUSE_SECONDS = 0.05
ERASED_TABLES = (
    "screening_screening",
    "screening_answer",
    "screening_stepnote",
    "screening_supervisornote",
    "screening_heldsave",
    "screening_referral",
    "screening_auditevent",
)


class Command(BaseCommand):
    help = __doc__

    def add_arguments(self, parser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="List what would be erased; change nothing."
        )
        parser.add_argument(
            "--compact",
            action="store_true",
            help="PostgreSQL: rewrite the tables (VACUUM FULL) so no erased bytes stay on disk.",
        )

    def handle(self, *args, dry_run: bool = False, compact: bool = False, **options) -> None:
        now = timezone.now()
        due = Screening.objects.due_for_erasure(now).order_by("erase_after", "pk")
        if dry_run:
            listed = 0
            for pk, rule, last_change, erase_after in due.values_list(
                "pk", "retention_rule", "last_change", "erase_after"
            ):
                listed += 1
                self.stdout.write(
                    f"{pk}  {retention.RULES[rule]}: last changed {last_change:%Y-%m-%d}, "
                    f"due {erase_after:%Y-%m-%d}"
                )
            self.stdout.write(f"Would erase {listed} screenings. Nothing was changed.")
            self.stdout.write(f"Would delete {HeldSave.objects.expired().count()} held saves.")
            return
        erased = 0
        for pk, rule, last_change in list(due.values_list("pk", "retention_rule", "last_change")):
            started = time.monotonic()
            erased += retention.erase(
                screening_id=pk,
                user=None,
                action=AuditEvent.Action.ERASED,
                detail=f"retention: {rule}",
                unchanged_since=last_change,
            )
            # SQLite hands its write lock to no one in turn: a save waiting for it retries on
            # its own clock. Leaving the lock free as long as it was held lets that save in.
            time.sleep(min(time.monotonic() - started, MAX_PAUSE_SECONDS))
        self.stdout.write(f"Erased {erased} screenings past their retention period.")
        self._expire_held_saves()
        self._drop_old_pages(compact)

    def _expire_held_saves(self) -> None:
        if "expire_held_saves" in get_commands():
            call_command("expire_held_saves", stdout=self.stdout, stderr=self.stderr)
            return
        deleted, _ = HeldSave.objects.expired().delete()
        self.stdout.write(f"Deleted {deleted} held saves nobody came back for.")

    def _drop_old_pages(self, compact: bool) -> None:
        """SQLite overwrites deleted rows (secure_delete, settings), but the write-ahead log
        still holds the pages as they were until a checkpoint: copy it in and empty it.
        PostgreSQL keeps dead rows until a VACUUM."""
        if connection.vendor == "sqlite" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                busy, _log, _copied = cursor.fetchone()
            if busy:
                self.stderr.write("The write-ahead log is in use: it is emptied on the next run.")
        elif connection.vendor == "postgresql" and not connection.in_atomic_block:
            # VACUUM frees the erased rows' space, but their bytes can stay in it until reused;
            # VACUUM FULL rewrites each table (and its indexes) without them, holding the table
            # locked meanwhile: hence only when asked, in the quiet hours (README "Retention").
            vacuum = "VACUUM FULL" if compact else "VACUUM"
            with connection.cursor() as cursor:
                for table in ERASED_TABLES:
                    cursor.execute(f"{vacuum} {connection.ops.quote_name(table)}")
