"""Erased content is gone from the database's storage, not only from its queries.

Notes are encrypted, so the markers looked for are the case reference (stored as typed) and the
notes' ciphertexts as stored. On SQLite the bytes are the database file and its write-ahead log;
on PostgreSQL, the tables' files as the server reads them (`pg_read_binary_file`, which needs
the superuser the CI server's test account is), after `--compact`.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest
import time_machine
from django.core.management import call_command
from django.db import connection

from screening.models import Answer, Screening, StepNote
from tests.factories import answer_all, make_screening

TABLES = ("screening_screening", "screening_answer", "screening_stepnote")


def stored_bytes(path: Path | None) -> bytes:
    if connection.vendor == "sqlite":
        wal = Path(f"{path}-wal")
        return path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")
    with connection.cursor() as cursor:
        cursor.execute("CHECKPOINT")
        found = b""
        for table in TABLES:
            cursor.execute("SELECT pg_read_binary_file(pg_relation_filepath(%s))", [table])
            found += bytes(cursor.fetchone()[0])
        return found


def stored_ciphertexts(screening: Screening) -> list[bytes]:
    """The notes as the database holds them (Fernet tokens), read past the field."""
    texts = []
    for model, column in ((Answer, "note"), (StepNote, "text")):
        rows = model.objects.filter(screening=screening).exclude(**{column: ""})
        sql, params = rows.values_list(column).query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute(sql, params)
            texts += [row[0].encode() for row in cursor.fetchall()]
    return texts


@pytest.fixture
def old_and_kept(file_database, catalogue, alice):
    with time_machine.travel(datetime.datetime.now() - datetime.timedelta(days=400)):
        old = make_screening(alice, case_reference="MARKER-OLD-7Q")
        answer_all(old, alice, "no", note="old words")
    kept = make_screening(alice, case_reference="MARKER-KEPT-3Z")
    answer_all(kept, alice, "no", note="kept words")
    return old, kept


def test_it_leaves_no_trace_of_an_erased_screening_in_the_stored_bytes(old_and_kept, file_database):
    old, kept = old_and_kept
    markers = [b"MARKER-OLD-7Q", *stored_ciphertexts(old)]
    kept_markers = [b"MARKER-KEPT-3Z", *stored_ciphertexts(kept)]
    assert len(markers) > 20
    before = stored_bytes(file_database)
    assert all(marker in before for marker in markers + kept_markers)

    # On PostgreSQL, VACUUM FULL: a plain VACUUM can leave freed bytes in the pages.
    call_command("apply_retention", "--compact")

    after = stored_bytes(file_database)
    assert [marker for marker in markers if marker in after] == []
    assert all(marker in after for marker in kept_markers)
