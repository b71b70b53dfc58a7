"""`make bench`: figures as JSON. Not a test; run in a throw-away database."""

import json
import os
import statistics
import sys
import time
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import django


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tttt.settings")
    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection

    from tttt.core.calendar import get_calendar
    from tttt.org.importer import import_units
    from tttt.org.models import Unit
    from tttt.org.queries import subtree

    call_command("migrate", interactive=False, verbosity=0)
    started = time.perf_counter()
    import_units()
    import_seconds = time.perf_counter() - started
    started = time.perf_counter()
    import_units()
    reimport_seconds = time.perf_counter() - started
    write_anchor, read_anchor = _unit_rows_anchors(connection)

    hanoi = Unit.objects.get(source="vietnam-provinces", kind="province", code="01")
    old_nghe_an = Unit.objects.get(source="vietnamadminunits", kind="province", code="40")
    timings, raw_timings = [], []
    raw = "SELECT count(*) FROM org_unit WHERE path LIKE %s AND kind = 'commune'"
    for _ in range(50):
        t = time.perf_counter()
        n_new = subtree(hanoi, kinds=["commune"]).count()
        n_old = subtree(old_nghe_an, kinds=["commune"]).count()
        timings.append((time.perf_counter() - t) / 2)
        t = time.perf_counter()
        with connection.cursor() as cursor:  # the anchor: the same count in raw SQL
            for unit in (hanoi, old_nghe_an):
                cursor.execute(raw, [unit.path + "%"])
                cursor.fetchone()
        raw_timings.append((time.perf_counter() - t) / 2)

    cal = get_calendar()
    tz = ZoneInfo("Asia/Ho_Chi_Minh")
    start = datetime(2026, 1, 5, 8, 0, tzinfo=tz)
    ops = 20000
    t = time.perf_counter()
    for i in range(ops):
        cal.add(start + timedelta(minutes=37 * i), timedelta(hours=1 + i % 60))
    add_rate = ops / (time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(ops):
        cal.between(start + timedelta(minutes=37 * i), start + timedelta(minutes=37 * i, hours=30))
    between_rate = ops / (time.perf_counter() - t)
    t = time.perf_counter()
    for i in range(ops):  # the anchor: the same moments added as plain clock time
        start + timedelta(minutes=37 * i) + timedelta(hours=1 + i % 60)
    plain_rate = ops / (time.perf_counter() - t)

    sys.path.insert(0, os.path.dirname(__file__))
    import inspections_bench
    import listening_bench
    import onestop_bench
    import portal_bench
    import reporting_bench

    onestop = {**onestop_bench.intake_rate(), **onestop_bench.statistics_over_a_million()}
    onestop.update(inspections_bench.plan_over_ten_thousand())
    onestop.update(reporting_bench.aggregate_and_completeness())
    onestop.update(portal_bench.http_figures())
    onestop.update(listening_bench.sentiment_on_the_labelled_sample())
    onestop.update(onestop_bench.nation_year())  # last: it adds millions of dossiers

    print(
        json.dumps(
            {
                **onestop,
                "database": connection.vendor,
                "national_import_seconds": round(import_seconds, 2),
                "national_import_anchor_raw_executemany_seconds": round(write_anchor, 2),
                "national_import_to_raw_ratio": round(write_anchor / import_seconds, 3),
                "national_reimport_unchanged_seconds": round(reimport_seconds, 2),
                "national_reimport_anchor_read_every_unit_seconds": round(read_anchor, 3),
                "national_reimport_to_read_ratio": round(read_anchor / reimport_seconds, 3),
                "units_imported": Unit.objects.count(),
                "province_subtree_count_ms_median": round(statistics.median(timings) * 1000, 3),
                "province_subtree_anchor_raw_sql_ms_median": round(
                    statistics.median(raw_timings) * 1000, 3
                ),
                "province_subtree_to_raw_sql_ratio": round(
                    statistics.median(raw_timings) / statistics.median(timings), 2
                ),
                "province_subtree_communes": {"Hà Nội (2025)": n_new, "Nghệ An (former)": n_old},
                "calendar_add_per_second": round(add_rate),
                "calendar_between_per_second": round(between_rate),
                "calendar_anchor_plain_datetime_add_per_second": round(plain_rate),
                "calendar_add_to_plain_ratio": round(add_rate / plain_rate, 3),
                "calendar_between_to_plain_ratio": round(between_rate / plain_rate, 3),
                "working_hours": settings.TTTT_WORKING_HOURS,
            },
            ensure_ascii=False,
            indent=2,
        )
    )


def _unit_rows_anchors(connection) -> tuple[float, float]:
    """The national import's anchors, in seconds: the rows it wrote (every unit, as stored)
    written again with one raw executemany into an empty copy of the table, in one
    transaction; and every unit row read once (the least an unchanged re-import must do)."""
    from django.db import transaction

    from tttt.org.models import Unit

    table = Unit._meta.db_table
    columns = [f.column for f in Unit._meta.concrete_fields if not f.primary_key]
    names = ", ".join(connection.ops.quote_name(c) for c in columns)
    with connection.cursor() as cur:
        started = time.perf_counter()
        cur.execute(f"SELECT {names} FROM {table}")
        rows = cur.fetchall()
        read_seconds = time.perf_counter() - started
        if connection.vendor == "postgresql":
            cur.execute(f"CREATE TEMP TABLE bench_units (LIKE {table} INCLUDING ALL)")
        else:
            cur.execute(f"CREATE TEMP TABLE bench_units AS SELECT * FROM {table} WHERE 0")
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        marks = ", ".join(["%s"] * len(columns))
        cur.executemany(f"INSERT INTO bench_units ({names}) VALUES ({marks})", rows)
    write_seconds = time.perf_counter() - started
    with connection.cursor() as cur:
        cur.execute("DROP TABLE bench_units")
    return write_seconds, read_seconds


if __name__ == "__main__":
    sys.exit(main())
