"""The database goes away and comes back: the web processes and the worker carry on
without a restart (connections are checked before use; the worker waits and retries).

A PostgreSQL cluster of the test's own, in a temporary folder, is the one stopped and
restarted; the machine's server is left alone. Runs in the PostgreSQL leg."""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psycopg
import pytest
import requests
from django.db import connection

BIN = Path("/usr/lib/postgresql/15/bin")
TESTS = Path(__file__).resolve().parents[1]


def free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def as_postgres(args: list[str], **kwargs):
    """Run a PostgreSQL tool as the postgres account when we are root (initdb refuses root)."""
    if os.geteuid() == 0:
        args = ["runuser", "-u", "postgres", "--", *args]
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


class Cluster:
    def __init__(self, folder: Path):
        self.folder, self.port = folder, free_port()
        folder.mkdir()
        if os.geteuid() == 0:
            shutil.chown(folder, "postgres", "postgres")
        as_postgres([str(BIN / "initdb"), "-D", str(folder / "data"), "-A", "trust", "-U", "postgres",
                     "--no-sync", "-E", "UTF8"])  # fmt: skip
        self.url = f"postgres://postgres@127.0.0.1:{self.port}/tttt"

    def ctl(self, *args: str):
        options = f"-p {self.port} -k {self.folder} -c listen_addresses=127.0.0.1 -c fsync=off"
        as_postgres([str(BIN / "pg_ctl"), "-D", str(self.folder / "data"), "-o", options, "-w",
                     "-l", str(self.folder / "log"), *args])  # fmt: skip


@pytest.fixture
def cluster(db):
    if connection.vendor != "postgresql":
        pytest.skip("runs in the PostgreSQL leg")
    if not (BIN / "initdb").exists():
        pytest.skip("PostgreSQL 15's server tools are not installed")
    # Not under tmp_path: pytest's folder is root's alone, and the server runs as postgres.
    top = Path(tempfile.mkdtemp(prefix="tttt-pg-"))
    top.chmod(0o755)
    own = Cluster(top / "pg")
    own.ctl("start")
    try:
        with psycopg.connect(own.url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as c:
            c.execute("CREATE DATABASE tttt")
        d = connection.settings_dict
        schema = subprocess.run(["pg_dump", "--schema-only", "--no-owner",
                                 f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}/{d['NAME']}"],
                                check=True, capture_output=True, text=True).stdout  # fmt: skip
        migrations = subprocess.run(["pg_dump", "--data-only", "-t", "django_migrations",
                                     "-t", "django_content_type",
                                     f"postgres://{d['USER']}@{d['HOST']}:{d['PORT']}/{d['NAME']}"],
                                    check=True, capture_output=True, text=True).stdout  # fmt: skip
        subprocess.run(["psql", "-q", "-v", "ON_ERROR_STOP=1", own.url], input=schema + migrations,
                       check=True, capture_output=True, text=True)  # fmt: skip
        yield own
    finally:
        with contextlib.suppress(subprocess.CalledProcessError):
            own.ctl("stop", "-m", "immediate")
        shutil.rmtree(top, ignore_errors=True)


def test_web_and_worker_carry_on_after_the_database_restarts(cluster, tmp_path):
    port = free_port()
    env = {**os.environ, "DATABASE_URL": cluster.url, "TTTT_VAR_DIR": str(tmp_path / "var"),
           "PYTHONPATH": str(TESTS), "TTTT_BIND": f"127.0.0.1:{port}", "WEB_CONCURRENCY": "1",
           "TTTT_HTTPS": "0", "DATABASE_CONN_MAX_AGE": "600"}  # fmt: skip
    env.pop("REDIS_URL", None)
    web = subprocess.Popen([sys.executable, "-m", "gunicorn", "-c", "python:tttt.gunicorn_conf",
                            "tttt.wsgi:application"],
                           env={**env, "DJANGO_SETTINGS_MODULE": "settings_for_tests"},
                           stderr=subprocess.DEVNULL)  # fmt: skip
    worker_env = {
        **env,
        "DJANGO_SETTINGS_MODULE": "tttt.settings",
        "TTTT_WORKER_STALE_SECONDS": "5",
    }
    worker = subprocess.Popen([sys.executable, "-m", "tttt", "worker", "--no-schedule",
                               "--interval", "0.2"], env=worker_env, stderr=subprocess.DEVNULL)  # fmt: skip
    page = f"http://127.0.0.1:{port}/don-vi/?q=trung+chinh"
    log = tmp_path / "runs.txt"

    def enqueue():
        subprocess.run([sys.executable, "-m", "tttt", "shell", "-c",
                        f"from worker_tasks import slow_run; slow_run.enqueue({str(log)!r}, 0)"],
                       env=worker_env, check=True, capture_output=True)  # fmt: skip

    try:
        _wait(lambda: _answers(page) == 200, 30, "the web process did not start")
        enqueue()
        _wait(lambda: log.exists() and log.read_text().count("done") == 1, 30, "first task")

        cluster.ctl("stop", "-m", "fast")  # every connection is cut
        assert _answers(page) == 500  # an error page while it is down, not a hang
        cluster.ctl("start")

        assert _answers(page) == 200  # the same process, a new connection
        enqueue()
        _wait(lambda: log.read_text().count("done") == 2, 60, "the worker did not carry on")
        assert web.poll() is None and worker.poll() is None  # neither was restarted
    finally:
        for process in (web, worker):
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.2)


def _answers(url: str) -> int | None:
    try:
        return requests.get(url, timeout=10).status_code
    except requests.RequestException:
        return None
    finally:
        time.sleep(0.2)
