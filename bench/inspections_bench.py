"""Inspections figures for `make bench`: building a quarter's inspection plan over 10,000
establishments (choosing those not inspected for 12 months, scheduling them), beside the
same targets chosen and written by one raw INSERT … SELECT."""

import time
from datetime import date


def plan_over_ten_thousand() -> dict:
    from tttt.establishments.models import BusinessType, Establishment
    from tttt.inspections import services
    from tttt.inspections.models import Inspection
    from tttt.org.models import Unit, User

    province = Unit.objects.get(source="vietnam-provinces", kind="province", code="24")
    communes = list(Unit.objects.filter(parent=province, kind="commune"))
    types = list(BusinessType.objects.filter(code__in=["game", "karaoke", "internet"]))
    admin, _ = User.objects.get_or_create(username="bench.admin", defaults={"is_superuser": True})
    rows = [
        Establishment(business_type=types[i % 3], name=f"Cơ sở {i}", owner_kind="person",
                      owner_name="Nguyễn Văn An", address="Thôn 1", unit=communes[i % len(communes)],
                      search_name=f"co so {i}")
        for i in range(10_000)
    ]  # fmt: skip
    Establishment.objects.bulk_create(rows, batch_size=2000)
    inspected = Establishment.objects.filter(unit__parent=province).order_by("pk")[:4000]
    Inspection.objects.bulk_create(
        [Inspection(establishment=e, inspected_on=date(2026, 3, 1 + i % 28), status="closed")
         for i, e in enumerate(inspected)],
        batch_size=2000,
    )  # fmt: skip
    started = time.perf_counter()
    plan = services.plan_create(user=admin, unit=province, title="Kế hoạch kiểm tra quý I/2027",
                                start=date(2027, 1, 1), end=date(2027, 3, 31))  # fmt: skip
    chosen = services.candidates(user=admin, plan=plan, not_inspected_months=12)
    added = services.plan_add_targets(user=admin, plan=plan, establishments=chosen)
    seconds = time.perf_counter() - started
    anchor = _raw_plan(plan, province.path)
    return {
        "inspections_plan_establishments_considered": Establishment.objects.filter(
            unit__parent=province
        ).count(),
        "inspections_plan_targets_added": added,
        "inspections_plan_build_ms": round(seconds * 1000, 1),
        "inspections_plan_anchor_raw_sql_ms": round(anchor * 1000, 1),
        "inspections_plan_to_raw_sql_ratio": round(anchor / seconds, 2),
    }


def _raw_plan(plan, path: str) -> float:
    """The anchor (seconds): the same targets chosen and written by one raw INSERT … SELECT
    (active establishments under the province, none inspected in the 12 months before the
    plan starts, one scheduled day for all), into a second plan, then removed."""
    from datetime import timedelta

    from django.db import connection, transaction

    from tttt.inspections.models import InspectionPlan, PlanTarget

    since = plan.period_start - timedelta(days=round(30.44 * 12))
    other = InspectionPlan.objects.create(unit=plan.unit, title="Bench", period_start=plan.period_start,
                                          period_end=plan.period_end)  # fmt: skip
    started = time.perf_counter()
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute(
            "INSERT INTO inspections_plantarget (plan_id, establishment_id, scheduled_on)"
            " SELECT %s, e.id, %s FROM establishments_establishment e"
            " JOIN org_unit u ON u.id = e.unit_id"
            " WHERE u.path LIKE %s AND e.status = 'active' AND NOT EXISTS ("
            "  SELECT 1 FROM inspections_inspection i"
            "  WHERE i.establishment_id = e.id AND i.inspected_on >= %s)",
            [other.pk, plan.period_start, path + "%", since],
        )
    seconds = time.perf_counter() - started
    assert PlanTarget.objects.filter(plan=other).count() == plan.targets.count()
    other.delete()
    return seconds
