"""Consistent online backups of the whole database, and restoring them.

A backup is one tar file holding:
- `manifest.json`: what the backup is (engine, when it was made, the rows of every table) and a
  fingerprint of each notes key configured when it was made, never a key;
- the database: `database.sqlite3`, an SQLite copy made with SQLite's online backup API, or
  `database.pgdump`, `pg_dump`'s custom format. Either can be taken out with `tar -xf` and used
  with SQLite's or PostgreSQL's own tools.

Both are consistent while the app keeps writing: SQLite copies one read snapshot in a single step
(WAL lets writers go on meanwhile); PostgreSQL counts the rows and dumps them in one exported
snapshot. A save acknowledged before the backup began is in it; one made meanwhile is in it
whole or not at all.

The notes in a backup are encrypted with the keys that were configured when they were written,
and those keys are not in the backup (SECURITY.md): keep them apart, and keep every key that a
backup you may restore still needs. When BACKUP_ENCRYPTION_KEY is set, the whole file is
encrypted with it as well (`operations/sealing.py`), and read back with it.
"""

from __future__ import annotations

import glob
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from operations import sealing

FORMAT = 1
MANIFEST = "manifest.json"
DATA = {"sqlite": "database.sqlite3", "postgresql": "database.pgdump"}
# Tables that `migrate` fills by itself: rows there are not data a restore could lose.
MADE_BY_MIGRATE = frozenset(
    {
        "django_migrations",
        "django_content_type",
        "auth_permission",
        "auth_group",
        "auth_group_permissions",
    }
)


class BackupError(Exception):
    """A backup that cannot be made, read or restored here, with what to do about it."""


@dataclass
class Manifest:
    engine: str
    made_at: str
    tables: dict[str, int]
    key_fingerprints: list[str]
    format: int = FORMAT

    @property
    def rows(self) -> int:
        return sum(self.tables.values())

    def keys_missing(self, keys: list[str]) -> list[str]:
        """Fingerprints of keys configured when the backup was made and not in `keys`."""
        configured = set(key_fingerprints(keys))
        return [print_ for print_ in self.key_fingerprints if print_ not in configured]


def key_fingerprints(keys: list[str]) -> list[str]:
    """A short SHA-256 of each notes key: tells keys apart, and nothing about them."""
    return [
        hashlib.sha256(b"notes-key-fingerprint\0" + key.encode()).hexdigest()[:16] for key in keys
    ]


def engine() -> str:
    if connection.vendor not in DATA:
        raise BackupError(f"Backups are made of SQLite or PostgreSQL, not {connection.vendor}.")
    return connection.vendor


def make_backup(output: Path, *, key: str = "") -> Manifest:
    """Write a consistent backup of the database to `output`, a new file (mode 0600), encrypted
    with `key` (a BACKUP_ENCRYPTION_KEY) when one is given."""
    output = Path(output)
    if output.exists():
        raise BackupError(f"{output} exists already: give the backup a new name.")
    if not output.parent.is_dir():
        raise BackupError(f"{output.parent} is not a folder.")
    kind = engine()
    with tempfile.TemporaryDirectory(prefix=".backup-", dir=output.parent) as work:
        data = Path(work) / DATA[kind]
        tables = _sqlite_backup(data) if kind == "sqlite" else _postgres_backup(data)
        manifest = Manifest(
            engine=kind,
            made_at=timezone.now().isoformat(timespec="seconds"),
            tables=tables,
            key_fingerprints=key_fingerprints(settings.NOTES_ENCRYPTION_KEYS),
        )
        partial = Path(work) / "backup.tar"
        descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "wb") as stream:
            with tarfile.open(fileobj=stream, mode="w") as tar:
                text = json.dumps(asdict(manifest), indent=2, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime = len(text), int(timezone.now().timestamp())
                tar.addfile(_private(info), io.BytesIO(text))
                tar.add(data, arcname=data.name, filter=_private)
            stream.flush()
            os.fsync(stream.fileno())
        data.unlink()
        if key:
            sealed = Path(work) / "backup.sealed"
            try:
                sealing.seal(partial, sealed, key)
            except sealing.SealError as error:
                raise BackupError(str(error)) from error
            partial.unlink()
            partial = sealed
        # Only a whole backup ever carries the name asked for.
        os.replace(partial, output)
    return manifest


@contextmanager
def readable(backup: Path, key: str) -> Iterator[Path]:
    """The backup as a plain tar file: itself, or, when it is encrypted, a copy decrypted with
    `key` into a private folder beside it, removed afterwards."""
    backup = Path(backup)
    try:
        sealed = sealing.is_sealed(backup)
    except OSError as error:
        raise BackupError(f"{backup} cannot be read: {error}") from error
    if not sealed:
        yield backup
        return
    if not key:
        raise BackupError(
            f"{backup} is encrypted (backup key {sealing.sealed_with(backup)}): set "
            "BACKUP_ENCRYPTION_KEY to the key it was made with."
        )
    with tempfile.TemporaryDirectory(prefix=".unsealed-", dir=backup.parent) as work:
        plain = Path(work) / "backup.tar"
        try:
            sealing.unseal(backup, plain, key)
        except sealing.SealError as error:
            raise BackupError(str(error)) from error
        yield plain


def _private(member: tarfile.TarInfo) -> tarfile.TarInfo:
    """Read and written by its owner only, once taken out of the tar, whoever that is."""
    member.mode, member.uid, member.gid, member.uname, member.gname = 0o600, 0, 0, "", ""
    return member


def read_manifest(backup: Path) -> Manifest:
    try:
        with tarfile.open(backup, mode="r") as tar:
            member = tar.extractfile(MANIFEST)
            values = json.loads(member.read()) if member else {}
    except (OSError, tarfile.TarError, KeyError, ValueError) as error:
        raise BackupError(
            f"{backup} is not a backup made by `manage.py backup`: {error}"
        ) from error
    if values.get("format") != FORMAT:
        raise BackupError(f"{backup} is a backup in a format this version cannot read.")
    # Fields a later version adds are left aside: an incompatible change bumps FORMAT.
    known = {name: values[name] for name in Manifest.__dataclass_fields__ if name in values}
    try:
        return Manifest(**known)
    except TypeError as error:
        raise BackupError(f"{backup} has a manifest this version cannot read: {error}") from error


def rows_at_risk() -> dict[str, int]:
    """Rows the current database holds that a restore would replace (migrate's own aside)."""
    name = connection.settings_dict["NAME"]
    if (
        connection.vendor == "sqlite"
        and not connection.is_in_memory_db()
        and not Path(name).exists()
    ):
        return {}  # no database yet; connecting would create the file
    with connection.cursor() as cursor:
        tables = [
            t for t in connection.introspection.table_names(cursor) if t not in MADE_BY_MIGRATE
        ]
        counts = {table: _count(cursor, table) for table in tables}
    return {table: rows for table, rows in counts.items() if rows}


def restore(backup: Path, manifest: Manifest) -> dict[str, int]:
    """Replace the current database's tables with the backup's; return the rows now in them.

    Raises BackupError, having changed nothing, when the backup is for the other engine; and when
    the rows restored are not the rows the backup was made with.
    """
    kind = engine()
    if manifest.engine != kind:
        raise BackupError(
            f"This is a {manifest.engine} backup and the database is {kind}: restore it into a "
            f"{manifest.engine} database."
        )
    with tempfile.TemporaryDirectory(prefix=".restore-", dir=Path(backup).parent) as work:
        with tarfile.open(backup, mode="r") as tar:
            tar.extract(DATA[kind], path=work, filter="data")
        data = Path(work) / DATA[kind]
        if kind == "sqlite":
            _sqlite_restore(data)
        else:
            _postgres_restore(data)
    with connection.cursor() as cursor:
        restored = {table: _count(cursor, table) for table in manifest.tables}
    if restored != manifest.tables:
        wrong = sorted(t for t in restored if restored[t] != manifest.tables[t])
        raise BackupError(f"The restored tables do not hold the backup's rows: {', '.join(wrong)}")
    return restored


def migrations_to_apply() -> int:
    """Migrations of this version of the app that the (restored) database has not had."""
    executor = MigrationExecutor(connection)
    return len(executor.migration_plan(executor.loader.graph.leaf_nodes()))


def _count(cursor, table: str) -> int:
    # A table name from Django's own list of tables, quoted: no input reaches it.
    cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 # nosec
    return cursor.fetchone()[0]


# SQLite


def _sqlite_backup(target: Path) -> dict[str, int]:
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        # One step (pages=-1): the whole database as of one read snapshot. Under WAL, writers
        # carry on meanwhile; their saves land after the snapshot, in the next backup.
        connection.connection.backup(copy)
        # A copy of a WAL database says WAL in its header; one self-contained file is easier to
        # keep, move and check.
        copy.execute("PRAGMA journal_mode=DELETE")
        check = copy.execute("PRAGMA quick_check").fetchone()[0]
        if check != "ok":
            raise BackupError(f"The copy failed SQLite's check: {check}")
        names = copy.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
        # Names from the copy's own catalogue (sqlite_master): no input reaches them.
        return {
            name: copy.execute(f'SELECT COUNT(*) FROM "{name}"').fetchone()[0]  # noqa: S608 # nosec
            for (name,) in names
        }
    finally:
        copy.close()


def _sqlite_restore(source: Path) -> None:
    connection.ensure_connection()
    backup = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        # Page by page into the live database, under its write lock: other connections see the
        # old database or the restored one, never a mixture.
        backup.backup(connection.connection)
    finally:
        backup.close()


# PostgreSQL


def postgres_program(name: str) -> str:
    """`pg_dump` or `pg_restore`: on the PATH, else the newest in Debian's versioned folders."""
    found = shutil.which(name)
    if found:
        return found
    versions = sorted(
        glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
        key=lambda path: int(Path(path).parts[-3]) if Path(path).parts[-3].isdigit() else 0,
    )
    if not versions:
        raise BackupError(
            f"{name} is needed for PostgreSQL backups (apt-get install postgresql-client)."
        )
    return versions[-1]


def _postgres_environment() -> dict[str, str]:
    """The connection settings as libpq reads them, so no password is on a command line."""
    db = connection.settings_dict
    values = {
        "PGDATABASE": db["NAME"],
        "PGUSER": db.get("USER") or "",
        "PGPASSWORD": db.get("PASSWORD") or "",
        "PGHOST": db.get("HOST") or "",
        "PGPORT": str(db.get("PORT") or ""),
        "PGSSLMODE": str(db.get("OPTIONS", {}).get("sslmode", "")),
        "PGCONNECT_TIMEOUT": str(db.get("OPTIONS", {}).get("connect_timeout", "")),
    }
    return {**os.environ, **{name: value for name, value in values.items() if value}}


def _run(command: list[str]) -> None:
    result = subprocess.run(  # noqa: S603 - our own fixed programs and arguments
        command, env=_postgres_environment(), capture_output=True, text=True, check=False
    )
    if result.returncode != 0:
        raise BackupError(f"{Path(command[0]).name} failed: {result.stderr.strip()}")


def _postgres_backup(target: Path) -> dict[str, int]:
    # The row counts and the dump read the same exported snapshot.
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        tables = {
            table: _count(cursor, table) for table in connection.introspection.table_names(cursor)
        }
        dump = postgres_program("pg_dump")
        _run([dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}"])
    return tables


def _postgres_restore(source: Path) -> None:
    # One transaction: if anything fails, the database is left as it was.
    restore = postgres_program("pg_restore")
    _run(
        [
            restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={connection.settings_dict['NAME']}",
            str(source),
        ]
    )
    # Whatever this connection knew of the tables it held before is gone with them.
    connection.close()
