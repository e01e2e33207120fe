"""`manage.py backup` and `manage.py restore`: one file, checked on the way back, and careful
with a database that already holds data. The whole drill is in test_restore_drill.py."""

from __future__ import annotations

import datetime
import io
import json
import stat
import tarfile

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.conf import settings
from django.core.management import CommandError, call_command
from django.utils import timezone

from operations.backups import MANIFEST, key_fingerprints, read_manifest
from screening.models import Answer, AuditEvent, Screening, StepNote
from tests.factories import answer_all, make_screening

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup(file_database, alice, catalogue, tmp_path):
    answer_all(make_screening(alice, case_reference="HK-BACKED-UP"), alice, note="Disclosed.")
    path = tmp_path / "backup.tar"
    call_command("backup", output=path, stdout=io.StringIO())
    return path


def test_it_writes_one_private_file_with_a_manifest_and_no_key(backup):
    manifest = read_manifest(backup)
    assert manifest.tables["screening_screening"] == 1
    assert manifest.tables["screening_answer"] == 24
    assert manifest.key_fingerprints == key_fingerprints(settings.NOTES_ENCRYPTION_KEYS)
    content = backup.read_bytes()
    assert all(key.encode() not in content for key in settings.NOTES_ENCRYPTION_KEYS)
    assert b"Disclosed." not in content  # notes stay encrypted in the copy
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    with tarfile.open(backup) as tar:
        assert sorted(tar.getnames()) == sorted([MANIFEST, f"database.{_data_suffix()}"])


def _data_suffix() -> str:
    from django.db import connection

    return "sqlite3" if connection.vendor == "sqlite" else "pgdump"


def test_it_never_writes_over_an_existing_file(backup):
    before = backup.read_bytes()
    with pytest.raises(CommandError, match="exists already"):
        call_command("backup", output=backup)
    assert backup.read_bytes() == before


def test_it_refuses_to_restore_over_data_without_force(backup, alice):
    make_screening(alice, case_reference="HK-MADE-SINCE")
    with pytest.raises(CommandError, match="holds data"):
        call_command("restore", str(backup), stdout=io.StringIO())
    assert Screening.objects.filter(case_reference="HK-MADE-SINCE").exists()

    out = io.StringIO()
    call_command("restore", str(backup), force=True, stdout=out)
    assert "every table holds the backup's rows" in out.getvalue()
    assert list(Screening.objects.values_list("case_reference", flat=True)) == ["HK-BACKED-UP"]
    assert {answer.note for answer in Answer.objects.all()} == {"Disclosed."}


def test_it_says_what_it_would_do_on_a_dry_run_and_changes_nothing(backup):
    call_command("flush", interactive=False)
    out = io.StringIO()
    call_command("restore", str(backup), dry_run=True, stdout=out)
    assert "Would restore it into" in out.getvalue()
    assert "Nothing was changed" in out.getvalue()
    assert not Screening.objects.exists()


def test_it_warns_when_the_backup_was_made_under_keys_no_longer_configured(backup, settings):
    old = list(settings.NOTES_ENCRYPTION_KEYS)
    settings.NOTES_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]
    err = io.StringIO()
    call_command("restore", str(backup), dry_run=True, force=True, stdout=io.StringIO(), stderr=err)
    assert "Warning" in err.getvalue()
    assert key_fingerprints(old)[0] in err.getvalue()

    settings.NOTES_ENCRYPTION_KEYS = [Fernet.generate_key().decode(), *old]  # rotated since
    err = io.StringIO()
    call_command("restore", str(backup), dry_run=True, force=True, stdout=io.StringIO(), stderr=err)
    assert err.getvalue() == ""


def test_it_refuses_a_file_that_is_not_a_backup(file_database, tmp_path):
    stray = tmp_path / "notes.txt"
    stray.write_text("not a backup")
    with pytest.raises(CommandError, match="not a backup"):
        call_command("restore", str(stray))


def test_it_refuses_a_backup_of_the_other_engine(backup, tmp_path):
    with tarfile.open(backup) as tar:
        manifest = json.load(tar.extractfile(MANIFEST))
    manifest["engine"] = "postgresql" if manifest["engine"] == "sqlite" else "sqlite"
    other = tmp_path / "other.tar"
    with tarfile.open(other, "w") as tar:
        text = json.dumps(manifest).encode()
        info = tarfile.TarInfo(MANIFEST)
        info.size = len(text)
        tar.addfile(info, io.BytesIO(text))
    call_command("flush", interactive=False)
    with pytest.raises(CommandError, match="backup and the database is"):
        call_command("restore", str(other), stdout=io.StringIO())


def test_it_tells_keys_apart_without_telling_them():
    keys = [Fernet.generate_key().decode() for _ in range(2)]
    prints = key_fingerprints(keys)
    assert len(set(prints)) == 2 and prints == key_fingerprints(keys)
    assert all(len(p) == 16 and p not in key for p, key in zip(prints, keys, strict=True))


def test_it_erases_at_once_what_became_due_since_the_backup_was_made(backup):
    # Restored a year later, when the draft in the backup is past RETENTION_DRAFT_DAYS (180).
    out = io.StringIO()
    with time_machine.travel(timezone.now() + datetime.timedelta(days=365)):
        call_command("restore", str(backup), "--force", stdout=out)
    assert "Erased 1 screenings" in out.getvalue()
    assert Screening.objects.get().case_reference == ""
    assert not StepNote.objects.exists()
    assert AuditEvent.objects.filter(action="erased").count() == 1
