"""lib/database.py: which faults pass by themselves, and trying a write again until one does."""

from __future__ import annotations

import sqlite3

import psycopg
import pytest
from django.db import IntegrityError, OperationalError, transaction
from psycopg import errors

from lib import database
from lib.database import DatabaseUnavailable, is_unavailable, retry_while_busy


def _sqlite(message: str, code: int | None) -> sqlite3.OperationalError:
    error = sqlite3.OperationalError(message)
    if code is not None:
        error.sqlite_errorcode = code
    return error


def _wrapped(cause: BaseException) -> OperationalError:
    """As Django raises the driver's error: its own class, the driver's as the cause."""
    error = OperationalError(str(cause))
    error.__cause__ = cause
    return error


@pytest.mark.parametrize(
    ("cause", "unavailable"),
    [
        (_sqlite("database is locked", 5), True),
        (_sqlite("database is locked", 517), True),  # SQLITE_BUSY_SNAPSHOT, an extended code
        (_sqlite("database table is locked", 6), True),
        (_sqlite("database or disk is full", 13), True),
        (_sqlite("disk I/O error", 10), True),
        (_sqlite("database is locked", None), True),  # no code: read from the message
        (_sqlite("no such table: screening_answer", 1), False),
        (_sqlite('near "SELEC": syntax error', 1), False),
        (psycopg.OperationalError("connection failed: Connection refused"), True),
        (psycopg.OperationalError("consuming input failed: server closed the connection"), True),
        (errors.AdminShutdown("terminating connection due to administrator command"), True),
        (errors.CannotConnectNow("the database system is starting up"), True),
        (errors.SerializationFailure("could not serialize access"), True),
        (errors.DeadlockDetected("deadlock detected"), True),
        (errors.LockNotAvailable("canceling statement due to lock timeout"), True),
        (errors.TooManyConnections("too many clients already"), True),
        (errors.UndefinedTable('relation "screening_answer" does not exist'), False),
        (errors.UniqueViolation("duplicate key value"), False),
        (errors.QueryCanceled("canceling statement due to statement timeout"), False),
    ],
)
def test_it_tells_faults_that_pass_from_mistakes(cause, unavailable):
    assert is_unavailable(_wrapped(cause)) is unavailable
    assert is_unavailable(cause) is unavailable


def test_it_knows_its_own_exception_and_nothing_else():
    assert is_unavailable(DatabaseUnavailable("busy"))
    assert not is_unavailable(ValueError("a bug"))
    assert not is_unavailable(None)


class Flaky:
    """A write that fails `failures` times with `error`, then works."""

    def __init__(self, failures: int, error: Exception):
        self.failures, self.error, self.calls = failures, error, 0

    def __call__(self) -> str:
        self.calls += 1
        if self.calls <= self.failures:
            raise self.error
        return "saved"


@pytest.fixture
def pauses(monkeypatch):
    """The pauses taken, on a clock that moves only by them."""
    slept: list[float] = []
    monkeypatch.setattr(database, "sleep", slept.append)
    monkeypatch.setattr(database, "monotonic", lambda: sum(slept))
    return slept


LOCKED = _wrapped(_sqlite("database is locked", 5))


def test_it_tries_again_pausing_longer_each_time(pauses):
    write = Flaky(3, LOCKED)
    assert retry_while_busy(write) == "saved"
    assert write.calls == 4
    assert pauses == pytest.approx([0.1, 0.3, 0.9])


def test_it_gives_up_with_one_exception_once_its_time_is_used(pauses, settings):
    settings.DATABASE_RETRY_SECONDS = 1
    undone = []
    write = Flaky(100, LOCKED)
    with pytest.raises(DatabaseUnavailable) as raised:
        retry_while_busy(write, undo=lambda: undone.append(True))
    assert raised.value.__cause__ is LOCKED
    assert write.calls == 3  # at 0, then after 0.1 s and 0.3 s: 0.9 s more would pass 1 s
    assert len(undone) == 3


def test_it_never_tries_a_mistake_again(pauses):
    write = Flaky(1, IntegrityError("duplicate key"))
    with pytest.raises(IntegrityError):
        retry_while_busy(write)
    assert write.calls == 1 and pauses == []


@pytest.mark.django_db
def test_inside_a_transaction_it_says_so_at_once(pauses):
    # The outer transaction cannot be made again from in here: it must unwind.
    write = Flaky(1, LOCKED)
    with pytest.raises(DatabaseUnavailable), transaction.atomic():
        retry_while_busy(write)
    assert write.calls == 1 and pauses == []
