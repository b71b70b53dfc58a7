"""Health and metrics for operators.

- `/healthz`: liveness for the load balancer (the process answers; nothing else is asked).
- `/readyz`: readiness (django-health-check): the database, the cache, a worker's
  heartbeat, the queue, free disk where uploads and backups are written, and migrations
  not yet applied. 200 when all is well, 500 with what is wrong (text, JSON or HTML by
  `Accept`, or `?format=json`).
- `/metrics`: Prometheus (django-prometheus' request counts and latency, gathered across
  the WSGI server's processes when PROMETHEUS_MULTIPROC_DIR is set; plus the queue's depth
  and failures and sign-in failures read from the database at each scrape).

Both `/readyz` and `/metrics` answer only a request made straight to the application from
an operator's network (`TTTT_OPERATOR_NETWORKS`), never one relayed by the HTTP cache or a
proxy (those add X-Forwarded-For): anyone else gets a 404.
"""

import dataclasses
import ipaddress
from datetime import timedelta
from functools import wraps

import prometheus_client
from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections
from django.db.migrations.executor import MigrationExecutor
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from health_check import HealthCheck
from health_check.contrib.psutil import Disk
from health_check.exceptions import ServiceUnavailable, ServiceWarning
from health_check.views import HealthCheckView
from prometheus_client import multiprocess
from prometheus_client.core import GaugeMetricFamily

QUEUE_LATE = timedelta(minutes=10)  # a ready task waiting longer: the workers are behind


def operators_only(view):
    """A 404 for anyone but a direct request from TTTT_OPERATOR_NETWORKS."""
    networks = [ipaddress.ip_network(n) for n in settings.TTTT_OPERATOR_NETWORKS]

    @wraps(view)
    def guarded(request, *args, **kwargs):
        try:
            address = ipaddress.ip_address(request.META.get("REMOTE_ADDR", ""))
        except ValueError:
            address = None
        relayed = "HTTP_X_FORWARDED_FOR" in request.META
        if relayed or address is None or not any(address in n for n in networks):
            raise Http404("Không có trang này.")
        return view(request, *args, **kwargs)

    return guarded


@dataclasses.dataclass
class Worker(HealthCheck):
    """At least one background worker has written its heartbeat lately."""

    def run(self):
        from tttt.core.worker import live_workers

        if live_workers() == 0:
            raise ServiceUnavailable("Không có tiến trình nền (tttt worker) nào đang chạy.")


@dataclasses.dataclass
class Queue(HealthCheck):
    """The oldest task ready to run has not waited long."""

    def run(self):
        from django_tasks_db.models import DBTaskResult

        oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        if oldest and timezone.now() - oldest > QUEUE_LATE:
            raise ServiceWarning(f"Tác vụ chờ từ {timezone.localtime(oldest):%H:%M %d/%m/%Y}.")


@dataclasses.dataclass
class Migrations(HealthCheck):
    """Every migration of the code is applied to the database."""

    def run(self):
        connection = connections[DEFAULT_DB_ALIAS]
        executor = MigrationExecutor(connection)
        pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
        if pending:
            raise ServiceUnavailable(f"Còn {len(pending)} migration chưa áp dụng (tttt migrate).")


class ReadinessView(HealthCheckView):
    checks = (
        "health_check.checks.Database",
        "health_check.checks.Cache",
        Worker,
        Queue,
        Migrations,
        (
            Disk,
            {
                "path": str(settings.VAR_DIR),
                "max_disk_usage_percent": settings.TTTT_DISK_FULL_PERCENT,
            },
        ),  # fmt: skip
    )


readiness = operators_only(ReadinessView.as_view())


class DatabaseFigures:
    """Gauges read from the database at each scrape: the same figure in every process."""

    def collect(self):
        from django_tasks_db.models import DBTaskResult

        from tttt.org.models import SecurityEvent

        now = timezone.now()
        tasks = GaugeMetricFamily(
            "tttt_tasks",
            "Tác vụ nền theo trạng thái (đã xong: trong 24 giờ qua).",
            labels=["status"],
        )
        counts = dict(
            DBTaskResult.objects.filter(enqueued_at__gte=now - timedelta(days=1))
            .values_list("status")
            .annotate(n=Count("id"))
        )
        counts[TaskResultStatus.READY] = DBTaskResult.objects.ready().count()
        for status in TaskResultStatus.values:
            tasks.add_metric([status.lower()], counts.get(status, 0))
        yield tasks
        oldest = DBTaskResult.objects.ready().aggregate(at=Min("enqueued_at"))["at"]
        yield GaugeMetricFamily(
            "tttt_queue_oldest_seconds", "Tuổi của tác vụ chờ lâu nhất (giây).",
            value=(now - oldest).total_seconds() if oldest else 0,
        )  # fmt: skip
        from tttt.core.worker import live_workers

        yield GaugeMetricFamily("tttt_workers", "Tiến trình nền đang chạy.", value=live_workers())
        failures = SecurityEvent.objects.filter(
            kind=SecurityEvent.Kind.LOGIN_FAILED, created_at__gte=now - timedelta(hours=1)
        ).count()
        yield GaugeMetricFamily(
            "tttt_login_failures_last_hour", "Lần đăng nhập sai trong 60 phút qua.", value=failures
        )


@operators_only
def metrics(request):
    registry = prometheus_client.CollectorRegistry()
    if settings.PROMETHEUS_MULTIPROC_DIR:  # every process of the WSGI server, gathered
        multiprocess.MultiProcessCollector(registry)
    else:
        registry.register(prometheus_client.REGISTRY)
    registry.register(DatabaseFigures())
    return HttpResponse(
        prometheus_client.generate_latest(registry),
        content_type=prometheus_client.CONTENT_TYPE_LATEST,
    )
