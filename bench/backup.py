"""How long a backup and its restore take, and how large the backup is, as an operator runs them.

The backup is `manage.py backup` called in process on the bench's database (the app's own code,
with no start-up to count). The restore is `manage.py restore` on the command line into a new,
empty database file, as in the restore drill, so its time includes starting Python and Django
(about a second); the restored database must hold every screening.
"""

from __future__ import annotations

import io
import os
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from django.core.management import call_command
from django.db import connection

from bench.environment import PROJECT


@dataclass
class BackupTiming:
    screenings: int
    database_mb: float
    backup_seconds: float
    backup_mb: float
    restore_seconds: float
    restored_screenings: int


def _screenings(path: Path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as database:
        return database.execute("SELECT COUNT(*) FROM screening_screening").fetchone()[0]


def time_backup_and_restore(workdir: Path) -> BackupTiming:
    database = Path(connection.settings_dict["NAME"])
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # the file holds everything
    output = workdir / "bench-backup.tar"
    output.unlink(missing_ok=True)
    started = time.monotonic()
    call_command("backup", output=output, stdout=io.StringIO())
    backup_seconds = time.monotonic() - started

    restored = workdir / "restored.sqlite3"
    for leftover in (restored, *restored.parent.glob(f"{restored.name}-*")):
        leftover.unlink(missing_ok=True)
    environment = {**os.environ, "DATABASE_URL": f"sqlite:///{restored}"}
    command = [sys.executable, "manage.py", "restore", str(output)]
    started = time.monotonic()
    result = subprocess.run(  # noqa: S603 - our own command line
        command, cwd=PROJECT, env=environment, capture_output=True, text=True, check=False
    )
    restore_seconds = time.monotonic() - started
    if result.returncode != 0:
        raise RuntimeError(f"manage.py restore failed: {result.stdout}{result.stderr}")
    return BackupTiming(
        screenings=_screenings(database),
        database_mb=database.stat().st_size / 1_000_000,
        backup_seconds=backup_seconds,
        backup_mb=output.stat().st_size / 1_000_000,
        restore_seconds=restore_seconds,
        restored_screenings=_screenings(restored),
    )
