"""Backup and restore: the database and the files (dossier attachments in `private`,
uploaded images and documents in `media`) together, in one compressed archive with a
manifest (`tttt backup`, `tttt restore`, and the scheduled job `backup`).

The database part is django-dbbackup's (pg_dump/pg_restore in PostgreSQL's custom
format; SQLite's online backup API), a maintained library for exactly that. Around it:

- consistency: on PostgreSQL the rows are counted in the snapshot pg_dump reads
  (`pg_export_snapshot`), on SQLite in the copy itself; files are read after the database,
  so every file a row names at that moment is in the archive;
- the manifest (`manifest.json`): time, TTTT and Django versions, engine, the migrations
  applied, the row count of every table, and each file's size and SHA-256;
- restore checks every hash before it changes anything, refuses a target that already
  holds data unless told (`--force`), and afterwards counts every table and hashes every
  file again against the manifest.
"""

import contextlib
import hashlib
import io
import json
import shutil
import tarfile
import tempfile
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path

import django
from django.conf import settings
from django.db import connection, connections, transaction
from django.utils import timezone

from tttt.core.errors import CoreError, refuse

FORMAT = 1
MANIFEST = "manifest.json"
ROOTS = {"private": lambda: Path(settings.STORAGES["private"]["OPTIONS"]["location"]),
         "media": lambda: Path(settings.MEDIA_ROOT)}  # fmt: skip


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _tables() -> list[str]:
    return sorted(connection.introspection.table_names(include_views=False))


def _count_rows(cursor, tables: list[str]) -> dict[str, int]:
    quote = connection.ops.quote_name
    counts = {}
    for table in tables:
        cursor.execute(f"SELECT COUNT(*) FROM {quote(table)}")  # noqa: S608 — names from the schema
        counts[table] = cursor.fetchone()[0]
    return counts


def _migrations(cursor) -> dict[str, str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    latest = {}
    for app, name in cursor.fetchall():
        latest[app] = name
    return latest


def _dump_database(target: Path) -> tuple[dict, dict, dict]:
    """Write the dump to `target`; (database entry, row counts, migrations) of one moment."""
    from dbbackup.db.base import get_connector

    connector = get_connector("default")
    tables = _tables()
    if connection.vendor == "postgresql":
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            connector.dump_suffix = f"--snapshot={cursor.fetchone()[0]}"
            rows, migrations = _count_rows(cursor, tables), _migrations(cursor)
            dump = connector.create_dump()  # pg_dump reads the snapshot this transaction holds
    else:
        dump = connector.create_dump()
        with target.open("wb") as f:
            shutil.copyfileobj(dump, f)
        dump = None
        import sqlite3

        with contextlib.closing(sqlite3.connect(target)) as copy:
            cursor = copy.cursor()
            rows, migrations = _count_rows(cursor, tables), _migrations(cursor)
    if dump is not None:
        with target.open("wb") as f:
            shutil.copyfileobj(dump, f)
    entry = {"file": target.name, "size": target.stat().st_size, "sha256": _sha256(target),
             "connector": f"{type(connector).__module__}.{type(connector).__name__}"}  # fmt: skip
    return entry, rows, migrations


def _files() -> dict[str, Path]:
    found = {}
    for root_name, root in ROOTS.items():
        base = root()
        if not base.exists():
            continue
        for path in sorted(base.rglob("*")):
            if path.is_file():
                found[f"{root_name}/{path.relative_to(base).as_posix()}"] = path
    return found


def create_backup(directory: Path) -> Path:
    """Write `tttt-YYYYmmdd-HHMMSS.tar.gz` into `directory`; its path."""
    directory.mkdir(parents=True, exist_ok=True)
    now = timezone.localtime()
    archive = directory / f"tttt-{now:%Y%m%d-%H%M%S}.tar.gz"
    with tempfile.TemporaryDirectory(dir=directory) as work:
        dump = (
            Path(work)
            / f"database.{'psql.bin' if connection.vendor == 'postgresql' else 'sqlite3'}"
        )
        database, rows, migrations = _dump_database(dump)
        files = _files()
        manifest = {
            "format": FORMAT, "created_at": now.isoformat(), "tttt": version("tttt"),
            "django": django.get_version(), "engine": connection.vendor, "database": database,
            "migrations": migrations, "rows": rows,
            "files": {name: {"size": p.stat().st_size, "sha256": _sha256(p)} for name, p in files.items()},
        }  # fmt: skip
        partial = archive.with_suffix(".partial")
        with tarfile.open(partial, "w:gz", compresslevel=6) as tar:
            body = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size, info.mtime = len(body), int(now.timestamp())
            tar.addfile(info, io.BytesIO(body))
            tar.add(dump, arcname=dump.name)
            for name, path in files.items():
                tar.add(path, arcname=f"files/{name}")
        partial.rename(archive)  # a backup cut off half-way never looks complete
    return archive


def prune_backups(directory: Path, keep: int) -> list[Path]:
    """Delete all but the `keep` newest archives of `directory`; those deleted."""
    archives = sorted(directory.glob("tttt-*.tar.gz"))
    doomed = archives[:-keep] if keep > 0 else []
    for path in doomed:
        path.unlink()
    return doomed


@dataclass
class Restored:
    manifest: dict
    tables: int
    rows: int
    files: int


def read_manifest(archive: Path) -> dict:
    try:
        with tarfile.open(archive, "r:gz") as tar:
            member = tar.extractfile(MANIFEST)
            manifest = json.load(member)
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise refuse(
            CoreError.FILE_CONTENT,
            f"«{archive.name}» không phải bản sao lưu TTTT đọc được ({exc}).",
        ) from exc
    if manifest.get("format") != FORMAT:
        raise refuse(
            CoreError.FILE_CONTENT,
            f"Bản sao lưu định dạng {manifest.get('format')}, bản này đọc định dạng {FORMAT}.",
        )
    return manifest


def _target_holds_data() -> list[str]:
    found = []
    tables = _tables()
    if tables:
        with connection.cursor() as cursor:
            counted = _count_rows(cursor, tables)
        if any(counted.values()):
            found.append(f"CSDL có {sum(1 for n in counted.values() if n)} bảng có dữ liệu")
    for name, root in ROOTS.items():
        base = root()
        if base.exists() and any(p.is_file() for p in base.rglob("*")):
            found.append(f"thư mục {name} ({base}) đã có tệp")
    return found


def _empty_database() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("DROP SCHEMA public CASCADE")
            cursor.execute("CREATE SCHEMA public")
    connection.close()


def restore_backup(archive: Path, *, force: bool = False) -> Restored:
    """Restore `archive` into this installation's database and file folders."""
    from dbbackup.db.base import get_connector

    manifest = read_manifest(archive)
    if manifest["engine"] != connection.vendor:
        raise refuse(
            CoreError.FILE_CONTENT,
            f"Bản sao lưu của CSDL {manifest['engine']}, nơi khôi phục là {connection.vendor}.",
        )
    with tempfile.TemporaryDirectory() as work:
        with tarfile.open(archive, "r:gz") as tar:
            tar.extractall(work, filter="data")
        work = Path(work)
        problems = []
        dump = work / manifest["database"]["file"]
        if not dump.exists() or _sha256(dump) != manifest["database"]["sha256"]:
            problems.append("bản sao CSDL không khớp mã băm trong manifest")
        for name, meta in manifest["files"].items():
            path = work / "files" / name
            if not path.exists() or _sha256(path) != meta["sha256"]:
                problems.append(f"tệp {name} thiếu hoặc không khớp mã băm")
        if problems:
            raise refuse(
                CoreError.FILE_CONTENT,
                "Bản sao lưu hỏng, chưa khôi phục gì: " + "; ".join(problems[:20]) + ".",
            )
        held = _target_holds_data()
        if held and not force:
            raise refuse(
                CoreError.CONFLICT,
                "Nơi khôi phục không trống (" + "; ".join(held) + "); dùng --force để ghi đè.",
            )
        _empty_database()
        if connection.vendor == "sqlite":
            name = Path(connection.settings_dict["NAME"])
            for leftover in (
                name.with_name(name.name + "-wal"),
                name.with_name(name.name + "-shm"),
            ):
                leftover.unlink(missing_ok=True)
        with dump.open("rb") as f:
            get_connector("default", connector_path=manifest["database"]["connector"]).restore_dump(
                f
            )
        connections.close_all()
        for root_name, root in ROOTS.items():
            base = root()
            if base.exists():
                shutil.rmtree(base)
            source = work / "files" / root_name
            if source.exists():
                shutil.copytree(source, base)
            else:
                base.mkdir(parents=True, exist_ok=True)
    return _check_restored(manifest)


def _check_restored(manifest: dict) -> Restored:
    with connection.cursor() as cursor:
        counted = _count_rows(cursor, sorted(manifest["rows"]))
    wrong = [
        f"{t}: {counted[t]} dòng, manifest {n}"
        for t, n in manifest["rows"].items()
        if counted[t] != n
    ]
    files = _files()
    for name, meta in manifest["files"].items():
        if name not in files or _sha256(files[name]) != meta["sha256"]:
            wrong.append(f"tệp {name}")
    if wrong:
        raise refuse(
            CoreError.FILE_CONTENT,
            "Khôi phục xong nhưng không khớp manifest: " + "; ".join(wrong[:20]) + ".",
        )
    return Restored(manifest, len(counted), sum(counted.values()), len(manifest["files"]))


def backup_directory() -> Path:
    return Path(settings.TTTT_BACKUP_DIR or Path(settings.VAR_DIR) / "backups")
