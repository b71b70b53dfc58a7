"""Tasks and an e-mail backend for the worker's tests (importable by a worker process
started with PYTHONPATH=tests)."""

import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django_tasks import task


@task()
def slow_run(path: str, seconds: float) -> str:
    """Write 'start', wait, write 'done': a task long enough to be cut off."""
    log = Path(path)
    with log.open("a") as f:
        f.write("start\n")
    time.sleep(seconds)
    with log.open("a") as f:
        f.write("done\n")
    return "done"


class RefusingBackend(BaseEmailBackend):
    """A mail server that hangs up on every message."""

    def send_messages(self, email_messages):
        raise smtplib.SMTPServerDisconnected("Máy chủ thư ngắt kết nối")
