"""One-stop-shop figures for `make bench`, each beside an anchor measured in the same run:
intakes through the API (two processes) beside plain ORM create() of the same rows; a
province-year's statistics over a million dossiers, live and from the rollup, beside a raw
SQL aggregate; the nation's year over ten million dossiers."""

import multiprocessing
import os
import statistics
import time

INTAKES_PER_PROCESS = 400
MILLION = 1_000_000


def _setup_intake():
    from tttt.onestop.models import Procedure, ProcedureField
    from tttt.org.models import Membership, Role, Unit, User
    from tttt.org.roles import CLERK

    commune = (
        Unit.objects.filter(source="vietnam-provinces", kind="commune").order_by("code").first()
    )
    field, _ = ProcedureField.objects.get_or_create(code="BENCH", defaults={"name": "Đo hiệu năng"})
    procedure, _ = Procedure.objects.get_or_create(
        code="BENCH.1",
        defaults={"name": "Đăng ký khai sinh", "field": field, "level": "commune", "duration": 3},
    )
    procedure.units.add(commune)
    clerk, _ = User.objects.get_or_create(username="bench.motcua", defaults={"full_name": "Bench"})
    Membership.objects.get_or_create(
        user=clerk, role=Role.objects.get(code=CLERK), unit=commune,
        defaults={"valid_from": "2020-01-01"},
    )  # fmt: skip
    return commune.pk, procedure.code, clerk.pk


def _intake_worker(args):
    from django.db import connections
    from django.test import Client

    unit_pk, procedure_code, key, worker = args
    connections.close_all()
    # Another system (the province's public service portal) sends its dossiers with a key;
    # production settings: HTTPS behind a proxy, a host from ALLOWED_HOSTS.
    client = Client(secure=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https",
                    HTTP_AUTHORIZATION=f"Bearer {key}")  # fmt: skip
    failures = 0
    for i in range(INTAKES_PER_PROCESS):
        response = client.post(
            "/api/v1/onestop/dossiers",
            {
                "procedure": procedure_code,
                "unit": unit_pk,
                "applicant": {
                    "applicant_name": f"Người nộp {worker}-{i}",
                    "citizen_id": "001090000001",
                    "phone": "0912345678",
                },
            },
            content_type="application/json",
        )
        failures += response.status_code != 201
    connections.close_all()
    return failures


def _orm_worker(args):
    """The anchor: the same rows written with plain ORM create() — the day's number, the
    dossier, its first event — one transaction each, nothing checked."""
    from datetime import timedelta

    from django.db import connections, transaction
    from django.utils import timezone

    from tttt.core.models import Sequence
    from tttt.onestop.models import Dossier, DossierEvent

    unit_pk, procedure_pk, worker = args
    connections.close_all()
    for i in range(INTAKES_PER_PROCESS):
        now = timezone.now()
        with transaction.atomic():
            row, _ = Sequence.objects.select_for_update().get_or_create(
                key=f"bench.orm:{unit_pk}:{now:%y%m%d}", defaults={"value": 0}
            )
            row.value += 1
            row.save(update_fields=["value"])
            number = row.value
            dossier = Dossier.objects.create(
                code=f"ORM-{now:%y%m%d}-{number:05d}", procedure_id=procedure_pk, unit_id=unit_pk,
                channel="counter", status="received", applicant_name=f"Người nộp {worker}-{i}",
                citizen_id="001090000001", phone="0912345678", received_at=now, counted_from=now,
                due_at=now + timedelta(days=3), deadline=now + timedelta(days=3),
            )  # fmt: skip
            DossierEvent.objects.create(dossier=dossier, action="receive", to_status="received",
                                        actor_name="Bench", at=now)  # fmt: skip
    connections.close_all()
    return 0


def _in_two_processes(worker, args) -> float:
    from django.db import connections

    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with ctx.Pool(2) as pool:
        failures = sum(pool.map(worker, [(*args, w) for w in range(2)]))
    assert failures == 0, failures
    return time.perf_counter() - started


def _raw_executemany(unit_pk: int, procedure_pk: int, n: int) -> float:
    """The ceiling: the same dossier rows in one executemany, one transaction."""
    from django.db import connection, transaction
    from django.utils import timezone

    now = timezone.now()
    rows = [(f"RAW-{i}", procedure_pk, unit_pk, "counter", "received", "person", "Người nộp",
             "001090000001", "", "0912345678", "", "", "nguoi nop", now, now, now, now, 0, False,
             False, "", "", "", 1) for i in range(n)]  # fmt: skip
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.executemany(
            "INSERT INTO onestop_dossier (code, procedure_id, unit_id, channel, status, applicant_kind,"
            " applicant_name, citizen_id, organisation_code, phone, email, address, applicant_search,"
            " received_at, counted_from, due_at, deadline, fee, paid_online, digitised, decision_note,"
            " timing, rating_comment, version)"
            " VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s, %s,"
            " %s, %s, %s, %s)",
            rows,
        )
    return time.perf_counter() - started


def intake_rate() -> dict:
    """Intakes per second through the API (two processes, one commune: every intake takes
    the same day's number), beside the same rows written with plain ORM create() and with
    one raw executemany, in the same run."""
    from wagtail.models import APIToken

    from tttt.onestop.models import Dossier, Procedure
    from tttt.org.models import User

    unit_pk, code, clerk_pk = _setup_intake()
    procedure_pk = Procedure.objects.get(code=code).pk
    _token, key = APIToken.create_token(user=User.objects.get(pk=clerk_pk), name="Bench")
    n = 2 * INTAKES_PER_PROCESS
    before = Dossier.objects.count()
    api_seconds = _in_two_processes(_intake_worker, (unit_pk, code, key))
    made = Dossier.objects.count() - before
    codes_distinct = Dossier.objects.values("code").distinct().count() == Dossier.objects.count()
    orm_seconds = _in_two_processes(_orm_worker, (unit_pk, procedure_pk))
    raw_seconds = _raw_executemany(unit_pk, procedure_pk, n)
    Dossier.objects.filter(code__startswith="RAW-").delete()
    Dossier.objects.filter(code__startswith="ORM-").delete()
    api, orm, raw = made / api_seconds, n / orm_seconds, n / raw_seconds
    return {
        "onestop_intake": {
            "api_intakes": made,
            "api_codes_distinct": codes_distinct,
            "api_per_second_2_processes": round(api, 1),
            "anchor_orm_create_per_second_2_processes": round(orm, 1),
            "anchor_raw_executemany_rows_per_second": round(raw),
            "api_to_orm_ratio": round(api / orm, 2),
            "api_to_raw_ratio": round(api / raw, 3),
            "aim": "api_to_orm_ratio >= 0.5",
        }
    }


def _fill_postgresql(units: list[int], procedure_id: int, total: int, prefix: str = "M"):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO onestop_dossier (code, procedure_id, unit_id, channel, status,
              applicant_kind, applicant_name, citizen_id, organisation_code, phone, email,
              address, applicant_search, received_at, counted_from, due_at, deadline, fee,
              paid_online, digitised, decision_note, finished_at, resolved_at, timing,
              returned_at, rating_comment, version)
            SELECT %s || '-' || g, %s, (%s::bigint[])[1 + g %% %s],
              CASE WHEN g %% 5 = 0 THEN 'online' ELSE 'counter' END, 'returned', 'person',
              'Nguyễn Văn An', '001090000001', '', '0912345678', '', '', 'nguyen van an',
              ts, ts, ts + interval '5 days', ts + interval '5 days', 50000,
              g %% 7 = 0, g %% 3 = 0, '', ts + (1 + g %% 7) * interval '1 day',
              ts + (1 + g %% 7) * interval '1 day',
              CASE WHEN g %% 7 < 3 THEN 'early' WHEN g %% 7 = 3 THEN 'on_time' ELSE 'late' END,
              ts + (2 + g %% 7) * interval '1 day', '', 1
            FROM (SELECT g, timestamptz '2024-01-01 08:00+07' + (g %% 1000) * interval '1 day'
                              + (g %% 9) * interval '1 hour' AS ts
                  FROM generate_series(1, %s) g) s
            """,
            [prefix, procedure_id, units, len(units), total],
        )
        cur.execute("ANALYZE onestop_dossier")


RAW_STATISTICS = """
SELECT count(*) FILTER (WHERE d.received_at >= %(s)s AND d.status <> 'refused'),
       count(*) FILTER (WHERE d.received_at >= %(s)s AND d.status <> 'refused' AND d.channel = 'online'),
       count(*) FILTER (WHERE d.received_at >= %(s)s AND d.status <> 'refused' AND d.fee > 0 AND d.paid_online),
       count(*) FILTER (WHERE d.received_at >= %(s)s AND d.status <> 'refused' AND d.digitised),
       count(*) FILTER (WHERE d.resolved_at >= %(s)s AND d.resolved_at < %(e)s),
       count(*) FILTER (WHERE d.resolved_at >= %(s)s AND d.resolved_at < %(e)s AND d.timing IN ('early', 'on_time')),
       count(*) FILTER (WHERE d.status <> 'refused' AND (d.finished_at IS NULL OR d.finished_at >= %(e)s))
FROM onestop_dossier d JOIN org_unit u ON u.id = d.unit_id
WHERE u.path LIKE %(path)s AND d.received_at < %(e)s
  AND (d.finished_at IS NULL OR d.finished_at >= %(s)s)
"""


def _timed(function, repeat: int = 5) -> tuple[float, float, object]:
    """(cold ms, warm median ms, the first result)."""
    t = time.perf_counter()
    result = function()
    cold = time.perf_counter() - t
    warm = []
    for _ in range(repeat):
        t = time.perf_counter()
        function()
        warm.append(time.perf_counter() - t)
    return round(cold * 1000, 1), round(statistics.median(warm) * 1000, 1), result


def _close_all_days() -> float:
    """The rollup's job over the whole table (seconds), then fresh planner statistics."""
    from django.db import connection

    from tttt.onestop.rollup import DOSSIERS

    started = time.perf_counter()
    DOSSIERS.close_days()
    seconds = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("ANALYZE onestop_dossierrollup")
    return seconds


def statistics_over_a_million() -> dict:
    """A province-year's statistics over a million dossiers: live (no day closed), a raw
    SQL aggregate of the main figures over the same dossiers (the anchor), then read from
    the rollup once the job has closed every day; the figures must be equal."""
    from django.db import connection

    from tttt.core.periods import Period
    from tttt.onestop import indicators, queries
    from tttt.onestop.models import Dossier, DossierRollup, Procedure
    from tttt.onestop.rollup import DOSSIERS
    from tttt.org.models import Unit
    from tttt.org.queries import units_for_territory

    provinces = list(
        Unit.objects.filter(
            source="vietnam-provinces", kind="province", code__in=["01", "24", "40"]
        )
    )
    communes = list(
        Unit.objects.filter(kind="commune", parent__in=provinces).values_list("pk", flat=True)
    )
    procedure = Procedure.objects.get(code="BENCH.1")
    if connection.vendor != "postgresql":
        return {"onestop_statistics_note": "chỉ đo trên PostgreSQL"}
    DOSSIERS.reset()
    started = time.perf_counter()
    _fill_postgresql(communes, procedure.pk, MILLION)
    fill_seconds = time.perf_counter() - started
    hanoi = next(p for p in provinces if p.code == "01")
    period = Period.year(2025)
    used = units_for_territory(hanoi, period.end)
    start, end = indicators.bounds(period)

    def raw():
        with connection.cursor() as cur:
            cur.execute(RAW_STATISTICS, {"s": start, "e": end, "path": hanoi.path + "%"})
            return cur.fetchone()

    live_cold, live_warm, live = _timed(lambda: queries.statistics(used, period))
    live_child_cold, live_child, _ = _timed(lambda: queries.statistics_by_child(used, period), 2)
    raw_cold, raw_warm, raw_row = _timed(raw)
    rollup_seconds = _close_all_days()
    cold, warm, rolled = _timed(lambda: queries.statistics(used, period))
    child_cold, child, children = _timed(lambda: queries.statistics_by_child(used, period), 2)
    assert rolled == live, "rollup and live disagree"
    assert raw_row[0] == live["received"] and raw_row[4] == live["resolved"], (raw_row, live)
    return {
        "onestop_dossiers_in_table": Dossier.objects.count(),
        "onestop_fill_seconds": round(fill_seconds, 1),
        "onestop_province_year_received": live["received"],
        "onestop_province_year_on_time_rate": float(live["on_time_rate"] or 0),
        "onestop_province_year_statistics": {
            "live_ms": {"cold": live_cold, "warm_median": live_warm},
            "anchor_raw_sql_aggregate_ms": {"cold": raw_cold, "warm_median": raw_warm},
            "rollup_ms": {"cold": cold, "warm_median": warm},
            "rollup_equals_live": rolled == live,
            "live_to_rollup_ratio": round(live_warm / warm, 1),
            "anchor_to_rollup_ratio": round(raw_warm / warm, 1),
            "aim": "live_to_rollup_ratio >= 10",
        },
        "onestop_province_year_by_commune": {
            "communes": len(children),
            "live_ms": live_child,
            "rollup_ms": child,
            "live_to_rollup_ratio": round(live_child / child, 1),
        },
        "onestop_rollup": {
            "close_all_days_seconds": round(rollup_seconds, 1),
            "cells": DossierRollup.objects.count(),
            "last_day": str(DOSSIERS.last_day()),
        },
    }


NATION = int(os.environ.get("TTTT_BENCH_NATION_DOSSIERS", 10_000_000))


def nation_year() -> dict:
    """The nation's year over `NATION` dossiers (TTTT_BENCH_NATION_DOSSIERS, 10 million):
    the one-stop statistics of the 34 provinces together, live and from the rollup."""
    from django.db import connection

    from tttt.core.periods import Period
    from tttt.onestop import queries
    from tttt.onestop.models import Dossier, Procedure
    from tttt.onestop.rollup import DOSSIERS
    from tttt.org.models import Unit

    if connection.vendor != "postgresql" or not NATION:
        return {}
    provinces = list(Unit.objects.filter(source="vietnam-provinces", kind="province"))
    communes = list(
        Unit.objects.filter(kind="commune", parent__in=provinces).values_list("pk", flat=True)
    )
    procedure = Procedure.objects.get(code="BENCH.1")
    more = NATION - Dossier.objects.count()
    DOSSIERS.reset()
    started = time.perf_counter()
    if more > 0:
        _fill_postgresql(communes, procedure.pk, more, prefix="N")
    fill = time.perf_counter() - started
    period = Period.year(2025)
    t = time.perf_counter()
    live = queries.statistics(provinces, period)
    live_ms = (time.perf_counter() - t) * 1000
    rollup_seconds = _close_all_days()
    cold, warm, rolled = _timed(lambda: queries.statistics(provinces, period))
    assert rolled == live, "rollup and live disagree"
    return {
        "onestop_nation_year": {
            "dossiers_in_table": Dossier.objects.count(),
            "provinces": len(provinces),
            "communes": len(communes),
            "received": live["received"],
            "fill_seconds": round(fill, 1),
            "close_all_days_seconds": round(rollup_seconds, 1),
            "live_ms": round(live_ms, 1),
            "rollup_ms": {"cold": cold, "warm_median": warm},
            "live_to_rollup_ratio": round(live_ms / warm, 1),
            "aim": "rollup warm < 1000 ms",
        }
    }
