"""Notes are encrypted at rest; keys rotate without losing old rows."""

from __future__ import annotations

from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from screening import services
from screening.fields import _fernet
from screening.models import Answer, StepNote, SupervisorNote
from tests.factories import answer_all, make_screening


def _raw(table: str, column: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table}")  # noqa: S608 - fixed names
        return [row[0] for row in cursor.fetchall()]


def test_it_never_stores_the_plain_text_of_a_note(alice, sam, catalogue):
    screening = make_screening(alice)
    answer_all(screening, alice, "", note="PLAIN-ANSWER-NOTE")
    services.complete_screening(screening=screening, user=alice, version=screening.version)
    services.review_screening(
        screening=screening, user=sam, version=screening.version, comment="PLAIN-REVIEW"
    )
    for table, column in [
        ("screening_answer", "note"),
        ("screening_stepnote", "text"),
        ("screening_supervisornote", "text"),
    ]:
        values = _raw(table, column)
        assert values
        assert not any("PLAIN" in value or "notes for" in value for value in values), table
    assert Answer.objects.first().note == "PLAIN-ANSWER-NOTE"
    assert SupervisorNote.objects.get().text == "PLAIN-REVIEW"


def test_it_rotates_keys_and_still_reads_old_rows(alice, catalogue, settings):
    screening = make_screening(alice)
    answer_all(screening, alice, "yes", note="written with the old key")
    old_key = settings.NOTES_ENCRYPTION_KEYS[0]
    old_token = _raw("screening_answer", "note")[0]

    new_key = Fernet.generate_key().decode()
    settings.NOTES_ENCRYPTION_KEYS = [new_key, old_key]
    _fernet.cache_clear()
    assert Answer.objects.first().note == "written with the old key"  # old rows still read

    call_command("rotate_note_keys")
    new_token = _raw("screening_answer", "note")[0]
    assert new_token != old_token
    assert Fernet(new_key.encode()).decrypt(new_token.encode()) == b"written with the old key"

    settings.NOTES_ENCRYPTION_KEYS = [new_key]  # the old key retired
    _fernet.cache_clear()
    assert {answer.note for answer in Answer.objects.all()} == {"written with the old key"}
    assert StepNote.objects.filter(group_slug=screening.groups[0].slug).get().text
    settings.NOTES_ENCRYPTION_KEYS = [old_key]
    _fernet.cache_clear()


def test_it_counts_without_writing_on_a_dry_run(alice, catalogue, capsys):
    screening = make_screening(alice)
    answer_all(screening, alice, "yes", note="x")
    before = _raw("screening_answer", "note")
    call_command("rotate_note_keys", "--dry-run")
    assert "would re-encrypt 24 rows" in capsys.readouterr().out
    assert _raw("screening_answer", "note") == before
