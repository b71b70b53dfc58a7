"""Background work: the scheduler enqueues each job once per slot whatever the number of
workers, e-mail leaves through the queue with the transaction that decided it and is tried
again while the mail server refuses, and a worker killed mid-task loses no task."""

import os
import signal
import subprocess
import sys
import threading
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.db import close_old_connections, connection, transaction
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

import worker_tasks
from tttt.core.models import ScheduledRun, WorkerHeartbeat
from tttt.core.worker import enqueue_due, requeue_orphans, run_worker

VN = ZoneInfo("Asia/Ho_Chi_Minh")
TESTS = Path(__file__).resolve().parents[1]
SCHEDULE = {
    "publish-scheduled": {"task": "tttt.portal.tasks.publish_scheduled", "every": 60},
    "certificate-reminders": {"task": "tttt.infra.tasks.certificate_reminders", "at": "07:00"},
}


@pytest.fixture
def queue():
    """The database queue, as in production (the suite otherwise runs tasks at once)."""
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}},
                           TTTT_SCHEDULE=SCHEDULE):  # fmt: skip
        yield


def queued(path_end: str = "") -> list[DBTaskResult]:
    return [
        r for r in DBTaskResult.objects.order_by("enqueued_at") if r.task_path.endswith(path_end)
    ]


@pytest.mark.django_db
def test_each_job_is_enqueued_once_for_its_latest_slot(queue):
    morning = datetime(2026, 12, 1, 7, 3, 20, tzinfo=VN)
    assert sorted(enqueue_due(morning)) == ["certificate-reminders", "publish-scheduled"]
    assert enqueue_due(morning) == []  # a second worker, or the next loop, adds nothing
    assert enqueue_due(morning + timedelta(seconds=30)) == []  # same minute
    assert enqueue_due(morning + timedelta(minutes=1)) == ["publish-scheduled"]
    # Down all night: at 06:59 the latest reminder slot is yesterday's, already run.
    assert enqueue_due(datetime(2026, 12, 2, 6, 59, tzinfo=VN)) == ["publish-scheduled"]
    # Started at 09:00 after missing 07:00: today's slot runs once, late.
    assert enqueue_due(datetime(2026, 12, 2, 9, 0, tzinfo=VN)) == [
        "publish-scheduled", "certificate-reminders"
    ]  # fmt: skip
    slots = ScheduledRun.objects.filter(job="certificate-reminders").order_by("slot")
    assert [timezone.localtime(r.slot, VN).strftime("%d/%m %H:%M") for r in slots] == [
        "01/12 07:00", "02/12 07:00"
    ]  # fmt: skip
    assert len(queued(".certificate_reminders")) == 2
    assert len(queued(".publish_scheduled")) == 4
    assert {str(r.id) for r in queued()} == set(
        ScheduledRun.objects.values_list("task_id", flat=True)
    )


@pytest.mark.django_db(transaction=True)
def test_workers_racing_for_a_slot_enqueue_it_once(queue):
    at = datetime(2026, 12, 3, 8, 0, 5, tzinfo=VN)
    barrier, results = threading.Barrier(4), []

    def worker():
        try:
            barrier.wait()
            for _ in range(3):
                results.extend(enqueue_due(at))
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(results) == ["certificate-reminders", "publish-scheduled"]
    assert DBTaskResult.objects.count() == 2


@pytest.mark.django_db(transaction=True)
def test_mail_leaves_with_the_write_that_decided_it(queue):
    with override_settings(EMAIL_BACKEND="tttt.core.mail.QueuedEmailBackend",
                           TTTT_EMAIL_DELIVERY_BACKEND="django.core.mail.backends.locmem.EmailBackend"):  # fmt: skip
        with pytest.raises(RuntimeError), transaction.atomic():
            mail.send_mail("[TTTT] Không gửi", "Thao tác bị hủy.", None, ["a@tttt.vn"])
            raise RuntimeError("the write is refused")
        assert DBTaskResult.objects.count() == 0  # rolled back with the write
        mail.send_mail("[TTTT] 2 chứng thư số sắp hết hạn", "Đề nghị gia hạn.", None,
                       ["lanhdao@luongtai.bacninh.gov.vn"])  # fmt: skip
        assert mail.outbox == []  # queued, not sent yet
        run_worker(batch=True, schedule=False, interval=0)
    (row,) = queued(".send_email")
    assert row.status == TaskResultStatus.SUCCESSFUL
    (sent,) = mail.outbox
    assert sent.subject == "[TTTT] 2 chứng thư số sắp hết hạn"
    assert sent.to == ["lanhdao@luongtai.bacninh.gov.vn"]
    assert WorkerHeartbeat.objects.count() == 0  # a worker that stops says so


@pytest.mark.django_db(transaction=True)
def test_a_refusing_mail_server_is_tried_again_later_then_given_up(queue):
    with override_settings(EMAIL_BACKEND="tttt.core.mail.QueuedEmailBackend",
                           TTTT_EMAIL_DELIVERY_BACKEND="worker_tasks.RefusingBackend"):  # fmt: skip
        mail.send_mail("[TTTT] Nhắc hạn báo cáo", "Còn 7 ngày.", None, ["a@tttt.vn"])
        delays = []
        for _ in range(6):
            before = timezone.now()
            run_worker(batch=True, schedule=False, interval=0)
            (row,) = queued(".send_email")
            if row.status == TaskResultStatus.READY:
                delays.append(round((row.run_after - before).total_seconds() / 60))
                DBTaskResult.objects.filter(pk=row.pk).update(run_after=timezone.now())
    assert delays == [1, 2, 4, 8, 16]  # minutes, doubling
    assert row.status == TaskResultStatus.FAILED  # the sixth attempt is the last
    assert len(row.worker_ids) == 6
    assert row.exception_class_path == "smtplib.SMTPServerDisconnected"


@pytest.mark.django_db
def test_a_running_task_whose_worker_stopped_beating_is_queued_again(queue):
    now = timezone.now()
    gone = worker_tasks.slow_run.enqueue("/dev/null", 0)
    alive = worker_tasks.slow_run.enqueue("/dev/null", 0)
    for result, worker_id in ((gone, "may-1-bi-tat"), (alive, "may-2-dang-chay")):
        DBTaskResult.objects.get(pk=result.id).claim(worker_id)
    WorkerHeartbeat.objects.create(worker_id="may-1-bi-tat", host="may-1", pid=4242,
                                   started_at=now - timedelta(hours=1),
                                   seen_at=now - timedelta(minutes=5))  # fmt: skip
    WorkerHeartbeat.objects.create(worker_id="may-2-dang-chay", host="may-2", pid=4343,
                                   started_at=now - timedelta(hours=1), seen_at=now)  # fmt: skip
    assert requeue_orphans(now) == 1
    assert DBTaskResult.objects.get(pk=gone.id).status == TaskResultStatus.READY
    assert DBTaskResult.objects.get(pk=alive.id).status == TaskResultStatus.RUNNING


def _worker_process(stale_seconds: int) -> subprocess.Popen:
    db = connection.settings_dict
    if connection.vendor == "sqlite":
        url = f"sqlite:///{db['NAME']}"
    else:
        url = f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}"
    env = {**os.environ, "DATABASE_URL": url, "DJANGO_SETTINGS_MODULE": "tttt.settings",
           "PYTHONPATH": str(TESTS), "TTTT_WORKER_STALE_SECONDS": str(stale_seconds)}  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "tttt", "worker", "--no-schedule", "--interval", "0.2"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip


def _wait(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, what
        time.sleep(0.1)


@pytest.mark.django_db(transaction=True)
def test_a_worker_killed_mid_task_loses_no_task(queue, tmp_path):
    log = tmp_path / "runs.txt"
    result = worker_tasks.slow_run.enqueue(str(log), 3)
    first = _worker_process(stale_seconds=3)
    try:
        _wait(lambda: log.exists(), 30, "the first worker never started the task")
        first.send_signal(signal.SIGKILL)  # cut off: no goodbye, the heartbeat just stops
        first.wait(timeout=10)
    finally:
        first.kill()
    assert DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.RUNNING
    second = _worker_process(stale_seconds=3)
    try:
        _wait(lambda: DBTaskResult.objects.get(pk=result.id).status == TaskResultStatus.SUCCESSFUL,
              40, "the task was not run again")  # fmt: skip
        second.send_signal(signal.SIGTERM)
        assert second.wait(timeout=15) == 0, second.stderr.read().decode()
    finally:
        second.kill()
    row = DBTaskResult.objects.get(pk=result.id)
    assert log.read_text() == "start\nstart\ndone\n"
    assert len(set(row.worker_ids)) == 2
    assert row.return_value == "done"
    assert WorkerHeartbeat.objects.count() == 1  # the killed one's, stale; the other said goodbye
