"""Backup and restore: the round trip finds every row of every table and every file byte
for byte; a damaged archive or a target that holds data is refused before anything
changes; retention keeps the newest archives."""

import contextlib
import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage, storages
from django.db import connection

from tttt.core.backup import MANIFEST, create_backup, prune_backups, read_manifest
from tttt.org.models import Unit
from tttt.org.roles import CLERK

pytestmark = pytest.mark.django_db(transaction=True)

PDF = b"%PDF-1.4\n% \xe2\xe3\xcf\xd3 don de nghi\n" + bytes(range(256)) * 40


@pytest.fixture
def target(tmp_path):
    """An empty installation to restore into: its own var folder and database."""
    var = tmp_path / "dich"
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "tttt.settings", "TTTT_VAR_DIR": str(var)}
    env.pop("DATABASE_URL", None)
    name = None
    if connection.vendor == "postgresql":
        d = connection.settings_dict
        server = f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}"
        name = f"tttt_restore_{os.getpid()}"
        with psycopg.connect(f"{server}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            c.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = f"{server}/{name}"
    yield {"env": env, "var": var}
    if name:
        with psycopg.connect(f"{server}/postgres", autocommit=True) as c:
            c.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restore(target, archive, *flags):
    return subprocess.run([sys.executable, "-m", "tttt", "restore", str(archive), *flags],
                          env=target["env"], capture_output=True, text=True, timeout=300)  # fmt: skip


@contextlib.contextmanager
def raw(env_or_none):
    """A plain DB-API connection: the test's database (None) or the target's."""
    if connection.vendor == "postgresql":
        if env_or_none is None:
            d = connection.settings_dict
            url = f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}/{d['NAME']}"
        else:
            url = env_or_none["env"]["DATABASE_URL"]
        with psycopg.connect(url) as c:
            yield c
    else:
        path = (
            connection.settings_dict["NAME"]
            if env_or_none is None
            else env_or_none["var"] / "tttt.sqlite3"
        )
        with contextlib.closing(sqlite3.connect(path)) as c:
            yield c


def every_row(conn) -> dict[str, list[tuple]]:
    quote = connection.ops.quote_name
    cur = conn.cursor()
    if connection.vendor == "postgresql":
        cur.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    else:
        cur.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        )
    tables = sorted(r[0] for r in cur.fetchall())
    rows = {}
    for table in tables:
        cur.execute(f"SELECT * FROM {quote(table)} ORDER BY 1")  # noqa: S608
        rows[table] = [tuple(r) for r in cur.fetchall()]
    return rows


def files_under(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}


def test_the_round_trip_gives_back_every_row_and_every_file(tree, member, tmp_path, target):
    member("tc.motcua", CLERK, tree.new_trung_chinh)
    private = storages["private"]
    private.save("onestop/2026/12/don-de-nghi-cap-phep.pdf", ContentFile(PDF))
    default_storage.save("original_images/tru-so-ubnd-xa.png", ContentFile(b"\x89PNG\r\n" + PDF))
    archive = create_backup(tmp_path / "saoluu")
    manifest = read_manifest(archive)
    assert manifest["engine"] == connection.vendor
    assert manifest["rows"]["org_unit"] == Unit.objects.count() > 10
    assert "private/onestop/2026/12/don-de-nghi-cap-phep.pdf" in manifest["files"]

    done = restore(target, archive)
    assert done.returncode == 0, done.stderr
    with raw(None) as source, raw(target) as restored:
        before, after = every_row(source), every_row(restored)
    assert after.keys() == before.keys()
    assert [t for t in before if before[t] != after[t]] == []
    assert sum(map(len, after.values())) > 1000
    assert any("Xã Trung Chính" in str(r) for r in after["org_unit"])
    for root in ("private", "media"):
        src = Path(private.location) if root == "private" else Path(default_storage.location)
        assert files_under(target["var"] / root) == files_under(src)

    again = restore(target, archive)  # the target now holds data
    assert again.returncode != 0 and "--force" in again.stderr
    forced = restore(target, archive, "--force")
    assert forced.returncode == 0, forced.stderr
    with raw(target) as restored:
        assert every_row(restored) == before


def test_a_damaged_archive_is_refused_before_anything_changes(tree, tmp_path, target):
    storages["private"].save("onestop/bien-nhan.pdf", ContentFile(PDF))
    archive = create_backup(tmp_path / "saoluu")
    damaged = tmp_path / "hong.tar.gz"
    with tarfile.open(archive, "r:gz") as src, tarfile.open(damaged, "w:gz") as dst:
        for member in src.getmembers():
            data = src.extractfile(member).read() if member.isfile() else None
            if member.name.endswith("bien-nhan.pdf"):
                data = data.replace(b"don de nghi", b"DON DE NGHI")
            dst.addfile(member, io.BytesIO(data) if data is not None else None)
    refused = restore(target, damaged)
    assert refused.returncode != 0
    assert "bien-nhan.pdf" in refused.stderr
    assert not (target["var"] / "private").exists()
    with raw(target) as restored:
        assert every_row(restored) == {}  # the target database is still empty

    not_ours = tmp_path / "khong-phai.tar.gz"
    not_ours.write_bytes(b"PK\x03\x04 khong phai tar")
    assert restore(target, not_ours).returncode != 0


def test_only_the_newest_archives_are_kept(tmp_path):
    folder = tmp_path / "saoluu"
    folder.mkdir()
    for day in range(1, 6):
        (folder / f"tttt-202612{day:02d}-020000.tar.gz").write_bytes(b"x")
    removed = prune_backups(folder, keep=3)
    assert [p.name for p in removed] == [
        "tttt-20261201-020000.tar.gz",
        "tttt-20261202-020000.tar.gz",
    ]
    assert sorted(p.name for p in folder.iterdir())[0] == "tttt-20261203-020000.tar.gz"


def test_the_manifest_is_first_and_says_what_it_holds(tmp_path):
    archive = create_backup(tmp_path / "saoluu")
    with tarfile.open(archive, "r:gz") as tar:
        first = tar.next()
        assert first.name == MANIFEST
        manifest = json.load(tar.extractfile(first))
    assert set(manifest) >= {
        "created_at",
        "tttt",
        "django",
        "engine",
        "database",
        "migrations",
        "rows",
        "files",
    }
    from django.db.migrations.loader import MigrationLoader

    latest = max(name for app, name in MigrationLoader(None).disk_migrations if app == "core")
    assert manifest["migrations"]["core"] == latest
