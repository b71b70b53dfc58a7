"""Background work: django-tasks' database worker (django-tasks-db), and what production
needs beside it.

Why this library: Django's task API (standard from Django 6.0; the `django-tasks` backport
here, which Wagtail already uses) with a backend whose queue is a table of our own
database, so SQLite and PostgreSQL both work, enqueueing is part of the transaction that
decides the work (a refused write sends no e-mail), and no broker is one more service to
run and back up. The library runs tasks; this module adds:

- a heartbeat, written from a thread while a task runs, so that a worker cut off mid-task
  (killed, the machine rebooted) is seen as gone and its task put back in the queue (the
  task runs again: scheduled jobs and e-mail are safe to repeat);
- retries for tasks marked `retrying(...)`: a failure of the kinds named runs the task again
  later (1, 2, 4… minutes), up to a number of attempts; the last failure stays failed;
- the scheduler (`settings.TTTT_SCHEDULE`): each job's latest due slot is enqueued once,
  whatever the number of workers (`ScheduledRun`'s unique pair), so nothing needs cron;
- surviving the database going away: the worker waits and carries on when it is back.
"""

import contextlib
import logging
import os
import socket
import threading
import time
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, close_old_connections, connection, transaction
from django.db.utils import DatabaseError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django_tasks.base import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from django_tasks_db.models import DBTaskResult

from tttt.core.models import ScheduledRun, WorkerHeartbeat

logger = logging.getLogger("tttt.worker")

BEAT_SECONDS = 5


# ------------------------------------------------------------------------------ retries


@dataclass(frozen=True)
class Retry:
    on: tuple[type[BaseException], ...]
    attempts: int
    first_delay: int  # seconds; doubled for each further attempt


RETRIES: dict[str, Retry] = {}


def retrying(*, on: tuple[type[BaseException], ...], attempts: int = 6, first_delay: int = 60):
    """Mark a task (applied above `@task()`) to run again after a failure of a kind in `on`."""

    def mark(task):
        RETRIES[task.module_path] = Retry(on, attempts, first_delay)
        return task

    return mark


def _retry_later(row: DBTaskResult, now: datetime) -> bool:
    """Put a failed run back in the queue when its task's retry policy says so."""
    policy = RETRIES.get(row.task_path)
    if policy is None or len(row.worker_ids) >= policy.attempts:
        return False
    try:
        failed_with = import_string(row.exception_class_path)
    except ImportError:
        return False
    if not issubclass(failed_with, policy.on):
        return False
    delay = policy.first_delay * 2 ** (len(row.worker_ids) - 1)
    DBTaskResult.objects.filter(pk=row.pk, status=TaskResultStatus.FAILED).update(
        status=TaskResultStatus.READY, finished_at=None, run_after=now + timedelta(seconds=delay)
    )
    logger.warning(
        "task %s (%s) failed with %s, attempt %d of %d; again in %d s",
        row.pk, row.task_path, row.exception_class_path, len(row.worker_ids), policy.attempts, delay,
    )  # fmt: skip
    return True


# ---------------------------------------------------------------------------- schedule


@dataclass(frozen=True)
class Job:
    """A scheduled job: its task, run every `every` seconds or daily `at` HH:MM local time."""

    name: str
    task: str
    every: int | None = None
    at: str | None = None

    def latest_slot(self, now: datetime) -> datetime:
        """The latest time at or before `now` the job was due."""
        if self.every:
            return datetime.fromtimestamp(int(now.timestamp()) // self.every * self.every, UTC)
        hour, minute = (int(part) for part in self.at.split(":"))
        local = timezone.localtime(now)
        slot = local.replace(hour=hour, minute=minute, second=0, microsecond=0)
        return slot if slot <= local else slot - timedelta(days=1)


def jobs() -> list[Job]:
    found = []
    for name, spec in settings.TTTT_SCHEDULE.items():
        job = Job(name=name, **spec)
        if (job.every is None) == (job.at is None):
            raise ImproperlyConfigured(f"TTTT_SCHEDULE[{name!r}]: give either 'every' or 'at'.")
        found.append(job)
    return found


def enqueue_due(now: datetime | None = None) -> list[str]:
    """Enqueue each job whose latest slot has no run yet; the names of those enqueued."""
    now = now or timezone.now()
    enqueued = []
    for job in jobs():
        slot = job.latest_slot(now)
        if ScheduledRun.objects.filter(job=job.name, slot__gte=slot).exists():
            continue
        try:
            with transaction.atomic():
                run = ScheduledRun.objects.create(job=job.name, slot=slot)
                result = import_string(job.task).enqueue()
                run.task_id = str(result.id)
                run.save(update_fields=["task_id"])
        except IntegrityError:
            continue  # another worker enqueued this slot first
        enqueued.append(job.name)
    return enqueued


# ---------------------------------------------------------------- heartbeat, orphans


def stale_after() -> timedelta:
    return timedelta(seconds=settings.TTTT_WORKER_STALE_SECONDS)


def requeue_orphans(now: datetime | None = None) -> int:
    """Put back in the queue the running tasks whose worker stopped beating."""
    now = now or timezone.now()
    alive = set(
        WorkerHeartbeat.objects.filter(seen_at__gte=now - stale_after()).values_list(
            "worker_id", flat=True
        )
    )
    requeued = 0
    for row in DBTaskResult.objects.running().only("id", "worker_ids", "started_at"):
        if row.worker_ids and row.worker_ids[-1] in alive:
            continue
        requeued += DBTaskResult.objects.filter(
            pk=row.pk, status=TaskResultStatus.RUNNING, started_at=row.started_at
        ).update(status=TaskResultStatus.READY)
        logger.warning("task %s: its worker %s stopped; queued again", row.pk, row.worker_ids[-1:])
    WorkerHeartbeat.objects.filter(seen_at__lt=now - timedelta(days=1)).delete()
    return requeued


def live_workers(now: datetime | None = None) -> int:
    now = now or timezone.now()
    return WorkerHeartbeat.objects.filter(seen_at__gte=now - stale_after()).count()


class Housekeeper(threading.Thread):
    """Beside the worker's loop: heartbeat, orphaned tasks, the schedule."""

    def __init__(self, worker_id: str, schedule: bool):
        super().__init__(name="tttt-housekeeper", daemon=True)
        self.worker_id = worker_id
        self.schedule = schedule
        self.started_at = timezone.now()
        self.stopping = threading.Event()

    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={"host": socket.gethostname()[:255], "pid": os.getpid(),
                      "started_at": self.started_at, "seen_at": timezone.now()},
        )  # fmt: skip

    def run(self) -> None:
        stale = stale_after().total_seconds()
        beat_every, sweep_every = min(BEAT_SECONDS, stale / 3), min(30, stale)
        last_sweep = 0.0
        while not self.stopping.is_set():
            try:
                close_old_connections()
                self.beat()
                if time.monotonic() - last_sweep >= sweep_every:
                    requeue_orphans()
                    last_sweep = time.monotonic()
                if self.schedule:
                    enqueue_due()
            except DatabaseError:
                logger.exception("housekeeping: the database did not answer; trying again")
            self.stopping.wait(beat_every)
        connection.close()

    def stop(self) -> None:
        self.stopping.set()
        if self.is_alive():  # a beat under way would write the row again after the delete
            self.join(timeout=10)
        with contextlib.suppress(DatabaseError):  # else it goes stale on its own
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()


class Worker(DatabaseWorker):
    """django-tasks-db's worker with retries and a loop that outlives a database outage."""

    def run_task(self, db_task_result: DBTaskResult) -> None:
        super().run_task(db_task_result)
        if db_task_result.status == TaskResultStatus.FAILED:
            _retry_later(db_task_result, timezone.now())

    def run(self) -> None:
        while self.running:
            try:
                super().run()
                return
            except DatabaseError:
                logger.exception("worker: the database did not answer; trying again in 5 s")
                close_old_connections()
                time.sleep(5)


def run_worker(*, interval: float = 1.0, schedule: bool = True, max_tasks: int | None = None,
               batch: bool = False) -> None:  # fmt: skip
    """Run a worker in this process until it is told to stop (SIGTERM, SIGINT)."""
    worker_id = f"{socket.gethostname()[:40]}-{os.getpid()}-{get_random_string(6)}"
    housekeeper = Housekeeper(worker_id, schedule)
    worker = Worker(
        queue_names=["*"], interval=interval, batch=batch, backend_name="default",
        startup_delay=False, max_tasks=max_tasks, worker_id=worker_id, excluded_queue_names=[],
    )  # fmt: skip
    worker.configure_signals()
    housekeeper.beat()
    requeue_orphans()
    housekeeper.start()
    try:
        worker.run()
    finally:
        housekeeper.stop()
        housekeeper.join(timeout=10)
        worker.reset_signals()
