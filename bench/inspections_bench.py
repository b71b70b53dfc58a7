"""Inspections figures for `make bench`: building a quarter's inspection plan over 10,000
establishments (choosing those not inspected for 12 months, scheduling them)."""

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
    return {
        "inspections_plan_establishments_considered": Establishment.objects.filter(
            unit__parent=province
        ).count(),
        "inspections_plan_targets_added": added,
        "inspections_plan_build_ms": round(seconds * 1000, 1),
    }
