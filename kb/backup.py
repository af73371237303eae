"""Whole-database backups: SQLite's online backup API, or pg_dump/pg_restore on PostgreSQL.

Both are safe while the site serves: SQLite's backup copies a consistent snapshot page by page,
and pg_dump reads inside one repeatable-read transaction.
"""

import os
import shutil
import sqlite3
import subprocess
from pathlib import Path

from django.db import connection


class BackupError(Exception):
    """Something an operator can fix; the message says what."""


def backup(path):
    path = Path(path)
    if not path.parent.is_dir():
        raise BackupError(f"The folder {path.parent} does not exist.")
    if connection.vendor == "sqlite":
        backup_sqlite(path)
    elif connection.vendor == "postgresql":
        run_postgres_tool("pg_dump", "--format=custom", "--no-owner", f"--file={path}")
    else:
        raise BackupError(f"Backups are not supported on {connection.vendor}.")


def restore(path):
    path = Path(path)
    if not path.is_file():
        raise BackupError(f"There is no backup file at {path}.")
    if connection.vendor == "sqlite":
        restore_sqlite(path)
    elif connection.vendor == "postgresql":
        check_postgres_dump(path)
        connection.close()
        run_postgres_tool(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--single-transaction", str(path)
        )
    else:
        raise BackupError(f"Restoring is not supported on {connection.vendor}.")


def backup_sqlite(path):
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()


def restore_sqlite(path):
    source = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        check_sqlite_backup(source, path)
        connection.ensure_connection()
        source.backup(connection.connection)
    finally:
        source.close()


def check_sqlite_backup(source, path):
    try:
        tables = {row[0] for row in source.execute("SELECT name FROM sqlite_master")}
    except sqlite3.DatabaseError as error:
        raise BackupError(f"{path} is not an SQLite backup ({error}).") from error
    if "kb_casestudy" not in tables or "django_migrations" not in tables:
        raise BackupError(f"{path} is an SQLite file, but not a backup of this knowledge base.")


def check_postgres_dump(path):
    with open(path, "rb") as dump:
        if dump.read(5) != b"PGDMP":
            raise BackupError(f"{path} is not a PostgreSQL backup made by `manage.py backup`.")
    contents = list_postgres_dump(path)
    if " kb_casestudy " not in contents or " django_migrations " not in contents:
        raise BackupError(
            f"{path} is a PostgreSQL backup, but not a backup of this knowledge base."
        )


def list_postgres_dump(path):
    """pg_restore's table of contents of a dump (it reads the file, not the database)."""
    executable = shutil.which("pg_restore")
    if executable is None:
        raise BackupError("pg_restore is not installed (it comes with PostgreSQL's client tools).")
    result = subprocess.run([executable, "--list", str(path)], capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{path} cannot be read as a PostgreSQL backup: {result.stderr.strip()}")
    return result.stdout


def run_postgres_tool(tool, *args):
    """Run pg_dump or pg_restore against the configured database."""
    executable = shutil.which(tool)
    if executable is None:
        raise BackupError(f"{tool} is not installed (it comes with PostgreSQL's client tools).")
    database = connection.settings_dict
    env = {**os.environ, "PGPASSWORD": str(database.get("PASSWORD") or "")}
    command = [
        executable,
        f"--host={database.get('HOST') or 'localhost'}",
        f"--port={database.get('PORT') or 5432}",
        f"--username={database.get('USER') or os.environ.get('USER', 'postgres')}",
        f"--dbname={database['NAME']}",
        *args,
    ]
    result = subprocess.run(command, env=env, capture_output=True, text=True)
    if result.returncode != 0:
        raise BackupError(f"{tool} failed: {result.stderr.strip()}")
