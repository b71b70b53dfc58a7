"""Operators see what is wrong: /readyz names each failing part, /metrics gives Prometheus
the figures an alert needs, and neither answers anyone but an operator; every request's
log line carries an id the response gives back."""

import io
import json
import logging
from datetime import timedelta

import pytest
from django.test.utils import override_settings
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from pythonjsonlogger.json import JsonFormatter

from tttt.core.logs import RequestIdFilter
from tttt.core.models import WorkerHeartbeat

pytestmark = pytest.mark.django_db(transaction=True)  # the checks run in threads


@pytest.fixture(autouse=True)
def _disk_never_full_here():
    with override_settings(TTTT_DISK_FULL_PERCENT=100.0):
        yield


def ready(client, **extra) -> tuple[int, dict]:
    response = client.get("/readyz", {"format": "json"}, **extra)
    return response.status_code, (response.json() if response.status_code != 404 else {})


def beat(seconds_ago=0):
    now = timezone.now()
    WorkerHeartbeat.objects.create(worker_id=f"may-chu-1-{seconds_ago}", host="may-chu-1",
                                   pid=7001, started_at=now - timedelta(hours=2),
                                   seen_at=now - timedelta(seconds=seconds_ago))  # fmt: skip


def test_ready_when_database_cache_worker_queue_and_migrations_are(client):
    beat()
    status, checks = ready(client)
    assert status == 200, checks
    assert set(checks.values()) == {"OK"}
    assert {name.split("(")[0] for name in checks} == {
        "Database", "Cache", "Worker", "Queue", "Migrations", "Disk"
    }  # fmt: skip


def test_not_ready_without_a_live_worker_and_says_so(client):
    beat(seconds_ago=600)  # stopped ten minutes ago
    status, checks = ready(client)
    assert status == 500
    assert checks["Worker()"].startswith("Unavailable")
    assert [v for k, v in checks.items() if k != "Worker()"] == ["OK"] * 5


def test_a_queue_left_waiting_is_reported(client):
    beat()
    from tttt.portal.tasks import publish_scheduled

    with override_settings(TASKS={"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}):
        result = publish_scheduled.enqueue()
    DBTaskResult.objects.filter(pk=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=25)
    )
    status, checks = ready(client)
    assert status == 500
    assert checks["Queue()"].startswith("Warning")


@pytest.mark.parametrize("url", ["/readyz", "/metrics"])
def test_only_operators_reach_readiness_and_metrics(client, url):
    assert client.get(url, REMOTE_ADDR="203.113.131.7").status_code == 404  # the Internet
    relayed = client.get(url, HTTP_X_FORWARDED_FOR="203.113.131.7")  # through Varnish
    assert relayed.status_code == 404
    assert client.get("/healthz", REMOTE_ADDR="203.113.131.7").status_code == 200


def test_metrics_give_requests_queue_workers_and_sign_in_failures(client):
    beat()
    client.post("/admin/login/", {"username": "khong.co", "password": "sai-mat-khau-1"})
    client.get("/don-vi/?q=trung+chinh")
    text = client.get("/metrics").content.decode()
    figures = dict(
        line.rsplit(" ", 1) for line in text.splitlines() if line and not line.startswith("#")
    )
    assert float(figures["tttt_login_failures_last_hour"]) == 1
    assert float(figures["tttt_workers"]) == 1
    assert float(figures['tttt_tasks{status="ready"}']) == 0
    assert float(figures["tttt_queue_oldest_seconds"]) == 0
    assert float(figures['django_http_requests_total_by_method_total{method="GET"}']) >= 1
    assert any(k.startswith("django_http_requests_latency_seconds_by_view_method_bucket")
               for k in figures)  # fmt: skip


def test_each_request_is_logged_as_json_with_its_id(client):
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(RequestIdFilter())
    handler.setFormatter(JsonFormatter(["levelname", "name", "request_id", "message"]))
    logger = logging.getLogger("tttt.request")
    logger.addHandler(handler)
    old_level = logger.level
    logger.setLevel(logging.INFO)
    try:
        mine = client.get("/don-vi/", HTTP_X_REQUEST_ID="varnish-4f1c2a9e")
        fresh = client.get("/khong-co-trang-nay/", HTTP_X_REQUEST_ID="x\n{bad}")
    finally:
        logger.removeHandler(handler)
        logger.setLevel(old_level)
    assert mine["X-Request-ID"] == "varnish-4f1c2a9e"  # a proxy's id is kept
    assert fresh["X-Request-ID"] != "x\n{bad}" and len(fresh["X-Request-ID"]) == 32
    lines = [json.loads(line) for line in stream.getvalue().splitlines()]
    assert [(r["request_id"], r["status"], r["path"]) for r in lines] == [
        ("varnish-4f1c2a9e", 200, "/don-vi/"),
        (fresh["X-Request-ID"], 404, "/khong-co-trang-nay/"),
    ]
