"""`manage.py backup --folder`: a dated, encrypted backup, and the folder rotated to the newest
of each of the last days, weeks and months."""

from __future__ import annotations

import io
from datetime import datetime, timedelta

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from operations import sealing
from operations.rotation import to_keep

DAY = timedelta(days=1)


def test_it_keeps_the_newest_of_each_day_week_and_month():
    start = datetime(2026, 1, 1, 2, 30)
    made = [start + n * DAY for n in range(400)] + [start + 399 * DAY + timedelta(hours=5)]
    kept = to_keep(made, daily=7, weekly=4, monthly=12)
    newest = made[-1]
    # 7 days (the newest twice that day counts once), 4 weeks, 12 months; overlapping.
    assert newest in kept
    assert start + 399 * DAY not in kept  # same day as a newer one
    assert {start + n * DAY for n in range(393, 399)} <= kept
    months = {(when.year, when.month) for when in kept}
    assert len(months) == 12
    assert min(kept) > newest - timedelta(days=366)
    assert len(kept) <= 7 + 4 + 12


@pytest.mark.parametrize(
    ("daily", "weekly", "monthly", "count"),
    [(7, 0, 0, 7), (0, 4, 0, 4), (0, 0, 12, 12), (0, 0, 0, 1), (30, 0, 0, 30)],
)
def test_it_keeps_as_many_as_each_rule_asks(daily, weekly, monthly, count):
    made = [datetime(2025, 1, 1) + n * DAY for n in range(500)]
    assert len(to_keep(made, daily=daily, weekly=weekly, monthly=monthly)) == count


@pytest.mark.django_db(transaction=True)
def test_it_writes_a_dated_encrypted_backup_and_deletes_what_rotation_drops(
    file_database, settings, tmp_path
):
    tmp_path = tmp_path / "backups"  # beside the test's database file
    tmp_path.mkdir()
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    settings.BACKUP_KEEP_DAILY, settings.BACKUP_KEEP_WEEKLY = 2, 0
    settings.BACKUP_KEEP_MONTHLY = 0
    for name in ("screening-20200101-023000.tar.sealed", "screening-20200102-023000.tar.sealed"):
        (tmp_path / name).write_bytes(b"old")
    (tmp_path / "notes.txt").write_text("not a backup: never deleted")

    out = io.StringIO()
    call_command("backup", folder=tmp_path, dry_run=True, stdout=out)
    assert "Would delete 1 older backup(s): screening-20200101-023000.tar.sealed" in out.getvalue()
    assert len(list(tmp_path.iterdir())) == 3

    call_command("backup", folder=tmp_path, stdout=out)
    names = sorted(p.name for p in tmp_path.iterdir())
    assert names[0] == "notes.txt"
    assert names[1] == "screening-20200102-023000.tar.sealed"
    assert len(names) == 3 and names[2].endswith(".tar.sealed")
    assert sealing.is_sealed(tmp_path / names[2])


@pytest.mark.django_db
def test_it_refuses_a_folder_backup_without_a_backup_key(settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="set BACKUP_ENCRYPTION_KEY"):
        call_command("backup", folder=tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_it_keeps_no_backup_older_than_35_days_with_the_default_settings(settings):
    # A backup holds what retention erased since it was made (README, "Retention").
    start = datetime(2026, 1, 1, 2, 30)
    for days in range(1, 120):
        made = [start + n * DAY for n in range(days)]
        kept = to_keep(
            made,
            daily=settings.BACKUP_KEEP_DAILY,
            weekly=settings.BACKUP_KEEP_WEEKLY,
            monthly=settings.BACKUP_KEEP_MONTHLY,
        )
        assert max(kept) - min(kept) <= timedelta(days=35)
