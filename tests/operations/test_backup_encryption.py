"""Backups encrypted at rest with BACKUP_ENCRYPTION_KEY: read back only with that key, and
refused whole when changed, cut short or made with another key."""

from __future__ import annotations

import io
import stat

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command

from operations import sealing
from screening.models import Answer, Screening
from tests.factories import answer_all, make_screening

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def backup_key(settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    return settings.BACKUP_ENCRYPTION_KEY


@pytest.fixture
def sealed_backup(file_database, alice, catalogue, tmp_path, backup_key):
    answer_all(make_screening(alice, case_reference="HK-SEALED"), alice, note="Disclosed.")
    path = tmp_path / "backup.tar.sealed"
    call_command("backup", output=path, stdout=io.StringIO())
    return path


def test_it_encrypts_the_whole_file_with_the_backup_key(sealed_backup, backup_key):
    content = sealed_backup.read_bytes()
    assert content.startswith(sealing.MAGIC)
    assert b"HK-SEALED" not in content
    assert b"manifest.json" not in content
    assert backup_key.encode() not in content
    assert sealing.sealed_with(sealed_backup) == sealing.fingerprint(backup_key)
    assert stat.S_IMODE(sealed_backup.stat().st_mode) == 0o600


def test_it_restores_an_encrypted_backup_with_its_key(sealed_backup):
    call_command("flush", interactive=False)
    out = io.StringIO()
    call_command("restore", str(sealed_backup), stdout=out)
    assert "every table holds the backup's rows" in out.getvalue()
    assert list(Screening.objects.values_list("case_reference", flat=True)) == ["HK-SEALED"]
    assert {answer.note for answer in Answer.objects.all()} == {"Disclosed."}
    # The decrypted copy is gone with its private folder.
    assert not [p for p in sealed_backup.parent.iterdir() if p.name.startswith(".unsealed-")]


def test_it_refuses_an_encrypted_backup_without_the_key(sealed_backup, settings):
    settings.BACKUP_ENCRYPTION_KEY = ""
    with pytest.raises(CommandError, match="is encrypted .*set BACKUP_ENCRYPTION_KEY"):
        call_command("restore", str(sealed_backup), stdout=io.StringIO())


def test_it_names_the_key_a_backup_needs_when_given_another(sealed_backup, backup_key, settings):
    settings.BACKUP_ENCRYPTION_KEY = Fernet.generate_key().decode()
    with pytest.raises(CommandError, match=sealing.fingerprint(backup_key)):
        call_command("restore", str(sealed_backup), stdout=io.StringIO())


@pytest.mark.parametrize("damage", ["flip a byte", "cut the end", "add a byte"])
def test_it_refuses_a_backup_that_was_changed(sealed_backup, damage):
    content = bytearray(sealed_backup.read_bytes())
    if damage == "flip a byte":
        content[len(content) // 2] ^= 1
    elif damage == "cut the end":
        del content[-100:]
    else:
        content += b"x"
    sealed_backup.write_bytes(bytes(content))
    call_command("flush", interactive=False)
    with pytest.raises(CommandError, match="changed|cut short|after its last part"):
        call_command("restore", str(sealed_backup), stdout=io.StringIO())
    assert not Screening.objects.exists()


def test_it_reads_back_a_file_of_many_chunks_and_refuses_them_reordered(tmp_path, backup_key):
    plain = tmp_path / "plain"
    plain.write_bytes(bytes(range(256)) * (sealing.CHUNK // 256 * 2 + 7))
    sealing.seal(plain, tmp_path / "sealed", backup_key)
    sealing.unseal(tmp_path / "sealed", tmp_path / "back", backup_key)
    assert (tmp_path / "back").read_bytes() == plain.read_bytes()

    sealed = (tmp_path / "sealed").read_bytes()
    header = len(sealing.MAGIC) + 16
    first = header + 4 + int.from_bytes(sealed[header : header + 4], "big")
    second = first + 4 + int.from_bytes(sealed[first : first + 4], "big")
    (tmp_path / "swapped").write_bytes(
        sealed[:header] + sealed[first:second] + sealed[header:first] + sealed[second:]
    )
    with pytest.raises(sealing.SealError, match="changed"):
        sealing.unseal(tmp_path / "swapped", tmp_path / "back2", backup_key)


def test_it_refuses_a_backup_key_that_is_a_notes_key(file_database, settings, tmp_path):
    settings.BACKUP_ENCRYPTION_KEY = settings.NOTES_ENCRYPTION_KEYS[0]
    with pytest.raises(CommandError, match="a key of their own"):
        call_command("backup", output=tmp_path / "b.tar")
    assert not (tmp_path / "b.tar").exists()
