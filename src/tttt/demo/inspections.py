"""Inspections demo (seeds 000 and 004), through the services, counted from records:

- Thị xã Cửa Lò, 2014: the inter-agency team checks the 22 karaoke businesses; some do
  not keep the closing hours and some rooms lack the required lighting;
- Lương Tài, 9 months of 2019: 25 establishments inspected, 5 of them penalised.
"""

from __future__ import annotations

import random
from datetime import date, timedelta

from tttt.establishments.models import Establishment
from tttt.inspections import services
from tttt.inspections.models import Inspection, PenaltyDecision
from tttt.org.models import Unit, User


def _fill(user, record, failures: dict[str, str]):
    items = {}
    for item in record.items.select_related("regulation"):
        code = item.regulation.code
        if code in failures:
            items[str(item.pk)] = {"result": "fail", "observed": failures[code]}
        elif code.startswith("nd72-dien-tich") and code != "nd72-dien-tich-noi-khac":
            items[str(item.pk)] = {"result": "na", "note": "Không thuộc loại đô thị này"}
        else:
            items[str(item.pk)] = {"result": "pass"}
    record = services.inspection_save(user=user, inspection=record, version=record.version, items=items,
                                      findings="Cơ sở chấp hành cơ bản các quy định." if not failures
                                      else "Cơ sở có vi phạm như đã ghi nhận.")  # fmt: skip
    return services.inspection_close(user=user, inspection=record)


def build_inspections(write, *, cua_lo: Unit, luong_tai: Unit) -> None:
    if Inspection.objects.exists():
        return
    rng = random.Random(2019)
    admin = User.objects.get(username="admin")
    # Cửa Lò 2014: 22 karaoke checked; 5 outside the closing hours, 3 with dark rooms.
    plan = services.plan_create(user=admin, unit=cua_lo, title="Kế hoạch kiểm tra dịch vụ karaoke năm 2014",
                                start=date(2014, 3, 1), end=date(2014, 11, 30),
                                agencies="Phòng Văn hóa và Thông tin, Công an thị xã, Đội Quản lý thị trường")  # fmt: skip
    karaoke = list(
        Establishment.objects.filter(unit=cua_lo, business_type__code="karaoke").order_by("pk")
    )
    services.plan_add_targets(user=admin, plan=plan, establishments=karaoke)
    for i, target in enumerate(plan.targets.select_related("establishment").order_by("pk")):
        failures = {}
        if i % 4 == 1:
            failures["nd103-gio-hoat-dong"] = f"Còn hoạt động lúc 0 giờ {10 + i} phút"
        if i % 7 == 3:
            failures["nd103-anh-sang"] = "Phòng số 2 không bảo đảm ánh sáng"
        record = services.inspection_start(user=admin, establishment=target.establishment,
                                           on=target.scheduled_on, target=target)  # fmt: skip
        _fill(admin, record, failures)
    # Lương Tài, 9 months of 2019: 25 inspected (16 game points, 9 karaoke), 5 penalised.
    inspector = User.objects.get(username="luongtai.thanhtra")
    places = list(Establishment.objects.filter(unit__path__startswith=luong_tai.path, business_type__code="game")
                  .order_by("pk"))[:16] + list(Establishment.objects.filter(
                      unit__path__startswith=luong_tai.path, business_type__code="karaoke").order_by("pk"))[:9]  # fmt: skip
    plan = services.plan_create(user=inspector, unit=luong_tai, title="Kế hoạch kiểm tra dịch vụ trò chơi điện tử, karaoke 9 tháng 2019",
                                start=date(2019, 2, 11), end=date(2019, 9, 20),
                                agencies="Phòng Văn hóa và Thông tin, Công an huyện")  # fmt: skip
    services.plan_add_targets(user=inspector, plan=plan, establishments=places)
    penalised = 0
    for i, target in enumerate(
        plan.targets.select_related("establishment__business_type").order_by("pk")
    ):
        e = target.establishment
        failures = {}
        if e.business_type.code == "game" and penalised < 5 and i % 3 == 0:
            failures["nd72-dien-tich-noi-khac"] = f"Phòng máy {rng.randint(20, 28)} m²"
        record = services.inspection_start(
            user=inspector, establishment=e, on=target.scheduled_on, target=target
        )
        record = _fill(inspector, record, failures)
        if failures:
            penalised += 1
            violation = record.violations.get()
            decision = services.penalty_issue(
                user=inspector, violation=violation, number=f"{penalised:02d}/QĐ-XPVPHC", issued_on=record.inspected_on,
                authority=PenaltyDecision.Authority.DISTRICT_CHAIR, amount=rng.choice([2_500_000, 3_000_000, 4_000_000]),
                organisation=False, payment_due=record.inspected_on + timedelta(days=10),
                extra_measures="Buộc bố trí lại phòng máy đủ diện tích theo quy định",
                follow_up_on=record.inspected_on + timedelta(days=60),
            )  # fmt: skip
            services.penalty_mark_paid(user=inspector, decision=decision,
                                       paid_on=record.inspected_on + timedelta(days=3 + penalised))  # fmt: skip
    write(
        f"Biên bản kiểm tra: {Inspection.objects.count()}; quyết định xử phạt: {PenaltyDecision.objects.count()}."
    )
