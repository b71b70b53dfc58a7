"""gunicorn's configuration for TTTT: `gunicorn -c python:tttt.gunicorn_conf tttt.wsgi`.

Processes: WEB_CONCURRENCY, default 2 x cores + 1, each with TTTT_THREADS threads (4):
a request waiting on PostgreSQL does not hold a whole process. Address: TTTT_BIND
(127.0.0.1:8000). The access log is the application's own (JSON, with the request id), so
gunicorn's is off; its errors go to stderr (the journal).
"""

import multiprocessing
import os

bind = os.environ.get("TTTT_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", multiprocessing.cpu_count() * 2 + 1))
worker_class = "gthread"
threads = int(os.environ.get("TTTT_THREADS", 4))
backlog = 2048  # connections wait in the queue rather than being refused
timeout = 60
graceful_timeout = 30
keepalive = 5
max_requests = 5000  # recycle processes now and then: memory stays flat
max_requests_jitter = 500
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108 — gunicorn heartbeat files, in memory
accesslog = None
errorlog = "-"
proc_name = "tttt-web"
control_socket_disable = True  # no socket in $HOME (systemd: ProtectHome); reload with HUP


def child_exit(server, worker):
    """A process's metrics files are merged into the totals when it ends."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(worker.pid)
