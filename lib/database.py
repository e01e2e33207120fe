"""A database that is busy or briefly away: try again, then say so in one exception.

Faults that pass by themselves, and after which the same write can simply be made again:
- SQLite: "database is locked" / "busy" once the busy timeout has run out (a long import, a
  backup, a slow disk), and a full disk or an I/O error, which an operator must clear;
- PostgreSQL: the connection lost or refused (a restart, a failover), the server starting up or
  shutting down, too many connections, a lock not granted within `lock_timeout`, a
  serialization failure or a deadlock.

`retry_while_busy` makes a write again after such a fault, pausing longer each time, for at most
`DATABASE_RETRY_SECONDS`; then it raises `DatabaseUnavailable`, which the views answer with a 503
that gives back everything typed. Retrying is safe for our writes because each one is a single
transaction that checks the version it was built on: a try that failed wrote nothing, and a try
whose commit did land makes the next one stale rather than doubled.
"""

from __future__ import annotations

from collections.abc import Callable
from time import monotonic, sleep
from typing import TypeVar

from django.conf import settings
from django.db import connection

T = TypeVar("T")

# How long a browser or client is asked to wait before trying again (the Retry-After header).
RETRY_AFTER_SECONDS = 10
FIRST_PAUSE_SECONDS = 0.1

# SQLite's primary result codes (the extended code's low byte).
SQLITE_IOERR, SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL = 10, 5, 6, 13
SQLITE_MESSAGES = ("database is locked", "database is busy", "database table is locked")
# PostgreSQL SQLSTATEs: connection exceptions (class 08), serialization failure, deadlock, too
# many connections, lock not available (lock_timeout), shutting down, crashed, starting up.
POSTGRES_CLASSES = ("08",)
POSTGRES_STATES = {"40001", "40P01", "53300", "55P03", "57P01", "57P02", "57P03"}


class DatabaseUnavailable(Exception):
    """The database stayed busy or unreachable: nothing was written, and the same write may be
    made again in a moment."""


def is_unavailable(error: BaseException | None) -> bool:
    """Whether `error` (or what caused it: Django wraps the driver's errors) is a fault that
    passes, rather than a mistake in the query or the data."""
    seen = set()
    while error is not None and id(error) not in seen:
        seen.add(id(error))
        if isinstance(error, DatabaseUnavailable) or _driver_says_unavailable(error):
            return True
        error = error.__cause__
    return False


def _driver_says_unavailable(error: BaseException) -> bool:
    module = type(error).__module__
    if module == "sqlite3":
        code = getattr(error, "sqlite_errorcode", None)
        if code is not None:
            return code & 0xFF in (SQLITE_BUSY, SQLITE_LOCKED, SQLITE_FULL, SQLITE_IOERR)
        return any(message in str(error) for message in SQLITE_MESSAGES)
    if module.startswith(("psycopg", "psycopg2")):
        state = getattr(error, "sqlstate", None) or getattr(error, "pgcode", None)
        if state:
            return state in POSTGRES_STATES or state.startswith(POSTGRES_CLASSES)
        # No SQLSTATE: the client's own report of a connection refused, lost or closed.
        return type(error).__name__ in ("OperationalError", "InterfaceError")
    return False


def retry_while_busy(write: Callable[[], T], *, undo: Callable[[], None] | None = None) -> T:
    """Call `write()`; while the database is busy or away, pause (0.1 s, 0.3 s, 0.9 s, ...) and
    call it again, for at most `DATABASE_RETRY_SECONDS`, then raise `DatabaseUnavailable`.

    `write` must be one whole transaction (e.g. a function under `transaction.atomic`). Inside a
    transaction that is already open there is nothing to retry: the fault is raised at once as
    `DatabaseUnavailable`, and the outer transaction is rolled back as it unwinds. `undo`, if
    given, is called after each failed try, to put back what the try changed in memory.

    A try that itself waited out SQLite's busy timeout or PostgreSQL's lock_timeout usually
    uses up the allowance, so the user hears back within about that timeout, well before an app
    server's worker timeout would cut the request (and what was typed) off.
    """
    budget = getattr(settings, "DATABASE_RETRY_SECONDS", 5)
    started = monotonic()
    pause = FIRST_PAUSE_SECONDS
    while True:
        try:
            return write()
        except Exception as error:
            if not is_unavailable(error):
                raise
            if undo is not None:
                undo()
            if connection.in_atomic_block:
                raise DatabaseUnavailable(str(error)) from error
            _drop_broken_connection()
            if monotonic() - started + pause > budget:
                raise DatabaseUnavailable(str(error)) from error
        sleep(pause)
        pause *= 3


def _drop_broken_connection() -> None:
    """A connection the server has closed answers nothing again: the next try opens a new one."""
    if connection.connection is not None and not connection.is_usable():
        connection.close()
