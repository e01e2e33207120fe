"""A database that is really busy, for the fault tests: a lock held by another connection.

On SQLite, pytest-django's test database lives in memory, where connections share one cache and
a lock is refused at once rather than waited for. `on_file` moves the test's connection onto a
copy of it in a file, as in production (WAL, IMMEDIATE transactions, a busy timeout, here a
short one), and `held_lock` takes the write lock from a second connection with
`BEGIN IMMEDIATE`: every save then waits out the busy timeout and gets "database is locked".

On PostgreSQL the test database is a real server already. `held_lock` locks the screenings and
referrals tables from a second connection in EXCLUSIVE mode (reads go on, writes wait, as under
SQLite's lock), and the test's connection gives up after a short `lock_timeout`, as the app's
does after POSTGRES_LOCK_TIMEOUT.
"""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

from django.db import connection

WAIT_SECONDS = 0.3


@contextlib.contextmanager
def on_file(folder: Path):
    """Run the default connection on a file copy of the in-memory test database (SQLite);
    on PostgreSQL, with a short lock_timeout. Needs the transactional database fixture."""
    if connection.vendor != "sqlite":
        with connection.cursor() as cursor:
            cursor.execute(f"SET lock_timeout = '{int(WAIT_SECONDS * 1000)}ms'")
        try:
            yield None
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET lock_timeout")
        return
    settings_dict = connection.settings_dict
    name, options = settings_dict["NAME"], settings_dict["OPTIONS"]
    path = folder / "test.sqlite3"
    connection.ensure_connection()
    copy = sqlite3.connect(path)
    connection.connection.backup(copy)
    copy.close()
    # The in-memory database lives as long as a connection to it is open: keep this one aside.
    kept = connection.connection
    connection.connection = None
    settings_dict["NAME"] = str(path)
    settings_dict["OPTIONS"] = {**options, "timeout": WAIT_SECONDS}
    try:
        yield path
    finally:
        connection.close()
        settings_dict["NAME"], settings_dict["OPTIONS"] = name, options
        connection.connection = kept


@contextlib.contextmanager
def held_lock(path: Path | None):
    """Hold the database's write lock (SQLite) or the screenings and referrals tables
    (PostgreSQL) from a second connection until the block ends."""
    if connection.vendor == "sqlite":
        other = sqlite3.connect(path, isolation_level=None)
        other.execute("BEGIN IMMEDIATE")
    else:
        other = postgres_connection()
        other.execute("LOCK TABLE screening_screening, screening_referral IN EXCLUSIVE MODE")
    try:
        yield
    finally:
        other.rollback()
        other.close()


def postgres_connection():
    """A second, plain psycopg connection to the test database."""
    import psycopg

    db = connection.settings_dict
    return psycopg.connect(
        dbname=db["NAME"],
        user=db["USER"] or None,
        password=db["PASSWORD"] or None,
        host=db["HOST"] or None,
        port=db["PORT"] or None,
    )
