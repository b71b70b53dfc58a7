"""A test database migrated once, copied for every later leg and run.

Migrating a fresh test database takes about 35 seconds (some 200 migrations of Django,
Wagtail and TTTT), and `make test` needs four: SQLite and PostgreSQL, without and with a
browser. The first leg of an engine migrates as before and keeps a copy, named by the
engine and a hash of every migration file and of uv.lock; the others start from the copy,
so Django finds every migration applied (its post-migrate hooks still run). Processes
running at once (the PostgreSQL leg has two) may race for the copy: a loser migrates. A changed
migration or dependency gives a new name, so a stale schema is never reused.
"""

from __future__ import annotations

import hashlib
import os
import shutil
from pathlib import Path

from django.db import DatabaseError

ROOT = Path(__file__).resolve().parent.parent
SQLITE_COPIES = ROOT / ".pytest_cache" / "migrated"


def schema_key(engine: str) -> str:
    digest = hashlib.sha256(engine.encode())
    for path in sorted((ROOT / "src" / "tttt").glob("*/migrations/*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update((ROOT / "uv.lock").read_bytes())
    return digest.hexdigest()[:16]


def _pg_exists(connection, name: str) -> bool:
    with connection._nodb_cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name])
        return cursor.fetchone() is not None


def restore(connection) -> bool:
    """Put the kept copy in place of the test database; False when there is none yet."""
    key = schema_key(connection.settings_dict["ENGINE"])
    test_name = connection.creation._get_test_db_name()
    if connection.vendor == "sqlite":
        copy = SQLITE_COPIES / f"{key}.sqlite3"
        if not copy.exists() or test_name in ("", ":memory:") or "mode=memory" in test_name:
            return False
        shutil.copyfile(copy, test_name)
        return True
    if connection.vendor == "postgresql":
        template = f"tttt_migrated_{key}"
        if not _pg_exists(connection, template):
            return False
        quoted = connection.ops.quote_name
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted(test_name)} WITH (FORCE)")
                cursor.execute(f"CREATE DATABASE {quoted(test_name)} TEMPLATE {quoted(template)}")
        except DatabaseError:  # another process is keeping or replacing the copy: migrate
            return False
        return True
    return False


def keep(connection) -> None:
    """Keep a copy of the freshly migrated test database (before any test ran)."""
    from django.db import connections

    key = schema_key(connection.settings_dict["ENGINE"])
    test_name = connection.settings_dict["NAME"]
    connections.close_all()
    if connection.vendor == "sqlite" and os.path.exists(test_name):
        SQLITE_COPIES.mkdir(parents=True, exist_ok=True)
        partial = SQLITE_COPIES / f"{key}.{os.getpid()}.part"
        shutil.copyfile(test_name, partial)
        os.replace(partial, SQLITE_COPIES / f"{key}.sqlite3")
    elif connection.vendor == "postgresql":
        template, quoted = f"tttt_migrated_{key}", connection.ops.quote_name
        try:
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"DROP DATABASE IF EXISTS {quoted(template)}")
                cursor.execute(f"CREATE DATABASE {quoted(template)} TEMPLATE {quoted(test_name)}")
        except DatabaseError:  # a process beside this one is copying it: its copy serves
            pass
