"""One-stop-shop figures for `make bench`: intake rate through the API with two
processes, and a province-year's statistics over a million dossiers."""

import multiprocessing
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

    from tttt.org.models import User

    unit_pk, procedure_code, clerk_pk, worker = args
    connections.close_all()
    # Production settings: HTTPS behind a proxy, and a host from ALLOWED_HOSTS.
    client = Client(secure=True, HTTP_HOST="127.0.0.1", HTTP_X_FORWARDED_PROTO="https")
    client.force_login(User.objects.get(pk=clerk_pk))
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


def intake_rate() -> dict:
    from django.db import connections

    from tttt.onestop.models import Dossier

    unit_pk, code, clerk_pk = _setup_intake()
    before = Dossier.objects.count()
    connections.close_all()
    ctx = multiprocessing.get_context("fork")
    started = time.perf_counter()
    with ctx.Pool(2) as pool:
        failures = sum(pool.map(_intake_worker, [(unit_pk, code, clerk_pk, w) for w in range(2)]))
    seconds = time.perf_counter() - started
    made = Dossier.objects.count() - before
    codes = Dossier.objects.values("code").distinct().count()
    return {
        "onestop_api_intakes": made,
        "onestop_api_intake_failures": failures,
        "onestop_api_intake_codes_distinct": codes == Dossier.objects.count(),
        "onestop_api_intakes_per_second_2_processes": round(made / seconds, 1),
    }


def _fill_postgresql(units: list[int], procedure_id: int, total: int):
    from django.db import connection

    with connection.cursor() as cur:
        cur.execute(
            """
            INSERT INTO onestop_dossier (code, procedure_id, unit_id, channel, status,
              applicant_kind, applicant_name, citizen_id, organisation_code, phone, email,
              address, applicant_search, received_at, counted_from, due_at, deadline, fee,
              paid_online, digitised, decision_note, finished_at, resolved_at, timing,
              returned_at, rating_comment, version)
            SELECT 'M-' || g, %s, (%s::bigint[])[1 + g %% %s],
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
            [procedure_id, units, len(units), total],
        )
        cur.execute("ANALYZE onestop_dossier")


def statistics_over_a_million() -> dict:
    from django.db import connection

    from tttt.core.periods import Period
    from tttt.onestop import queries
    from tttt.onestop.models import Dossier, Procedure
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
    started = time.perf_counter()
    _fill_postgresql(communes, procedure.pk, MILLION)
    fill_seconds = time.perf_counter() - started
    hanoi = next(p for p in provinces if p.code == "01")
    period = Period.year(2025)
    used = units_for_territory(hanoi, period.end)
    t = time.perf_counter()
    figures = queries.statistics(used, period)
    cold = time.perf_counter() - t
    warm = []
    for _ in range(5):
        t = time.perf_counter()
        queries.statistics(used, period)
        warm.append(time.perf_counter() - t)
    t = time.perf_counter()
    children = queries.statistics_by_child(used, period)
    by_child = time.perf_counter() - t
    return {
        "onestop_dossiers_in_table": Dossier.objects.count(),
        "onestop_fill_seconds": round(fill_seconds, 1),
        "onestop_province_year_received": figures["received"],
        "onestop_province_year_on_time_rate": float(figures["on_time_rate"] or 0),
        "onestop_province_year_statistics_ms_cold": round(cold * 1000, 1),
        "onestop_province_year_statistics_ms_warm_median": round(statistics.median(warm) * 1000, 1),
        "onestop_province_year_by_commune_ms": round(by_child * 1000, 1),
        "onestop_province_communes": len(children),
    }
