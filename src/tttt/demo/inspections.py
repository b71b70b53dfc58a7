"""Inspections demo (seeds 000 and 004), through the services, counted from records:

- Thị xã Cửa Lò, 2014: the inter-agency team checks the 22 karaoke businesses; some do
  not keep the closing hours and some rooms lack the required lighting;
- Lương Tài, 9 months of 2019: 25 establishments inspected, 5 of them penalised.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta

from django.utils import timezone

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


# ---------------------------------------------------------------- SIM sellers (seed 002)

LONG_AN_SIM = {  # district: (fixed points, mobile sellers)
    "Thành phố Tân An": (6, 2),
    "Huyện Bến Lức": (5, 1),
    "Huyện Cần Đước": (4, 1),
    "Huyện Đức Hòa": (5, 0),
}
OPERATORS = ("Viettel", "VinaPhone", "MobiFone", "Vietnamobile")


def _sim_point(rng, unit: Unit, i: int, *, mobile: bool, opened: date, where: str) -> Establishment:
    from tttt.establishments.models import BusinessType

    from .establishments import NAMES, _owner

    operator = OPERATORS[i % len(OPERATORS)]
    e = Establishment(
        business_type=BusinessType.objects.get(code="sim"),
        name=f"Người bán SIM lưu động {_owner(rng)}" if mobile else f"Cửa hàng điện thoại {NAMES[i % len(NAMES)]}",
        owner_kind="person", owner_name=_owner(rng), address=where, unit=unit, is_mobile=mobile,
        principal="" if mobile else f"Đại lý ủy quyền của {operator}", opened_on=opened,
    )  # fmt: skip
    e.save()
    return e


def build_sim_sellers(write, *, long_an: Unit, luong_tai: Unit) -> None:
    """Long An, Q1/2013: the province's inspectors check SIM sellers in four districts under
    Circular 04/2012 — sellers of cards registered to someone else, street sellers (seed
    002); Lương Tài, 2019: citizens report SIM sellers on the portal."""
    from tttt.core.text import fold
    from tttt.inspections.models import Tip

    if Tip.objects.exists():
        return
    rng = random.Random(2013)
    admin = User.objects.get(username="admin")
    plan = services.plan_create(user=admin, unit=long_an, start=date(2013, 1, 14), end=date(2013, 3, 29),
                                title="Kế hoạch kiểm tra việc thực hiện Thông tư 04/2012/TT-BTTTT quý I/2013",
                                agencies="Thanh tra Sở TT&TT, Công an tỉnh (PA83), Phòng VH&TT các huyện")  # fmt: skip
    points = []
    for district_name, (fixed, mobile) in LONG_AN_SIM.items():
        district = long_an.children.get(search_name=fold(district_name))
        for i in range(fixed + mobile):
            where = (f"Khu vực chợ {district.short_name or district.name}" if i >= fixed
                     else f"Số {rng.randint(1, 300)}, Quốc lộ 1A")  # fmt: skip
            points.append(_sim_point(rng, district, len(points), mobile=i >= fixed,
                                     opened=date(2010 + i % 3, 1 + i % 12, 10), where=where))  # fmt: skip
    checked = [p for i, p in enumerate(points) if i % 5 != 4]  # 20 sellers checked of 24
    services.plan_add_targets(user=admin, plan=plan, establishments=checked)
    violating = 0
    for i, target in enumerate(plan.targets.select_related("establishment").order_by("pk")):
        e, failures = target.establishment, {}
        if e.is_mobile:  # every street seller sells cards already registered, none has a contract
            failures["tt04-sim-nguoi-khac"] = (
                "Bán SIM đã kích hoạt, đăng ký sẵn thông tin thuê bao của người khác"
            )
            failures["tt04-hop-dong"] = "Không có hợp đồng với doanh nghiệp viễn thông"
            failures["tt04-dia-diem"] = "Bán lưu động, không có địa điểm"
        elif i % 4 == 1:
            failures["tt04-sim-nguoi-khac"] = (
                f"Thu giữ {rng.randint(15, 120)} SIM đã đăng ký thông tin của người khác"
            )
        violating += bool(failures)
        record = services.inspection_start(
            user=admin, establishment=e, on=target.scheduled_on, target=target
        )
        _fill(admin, record, failures)
    write(
        f"Điểm bán SIM Long An quý I/2013: {len(points)}, kiểm tra {len(checked)}, vi phạm {violating}."
    )

    # Lương Tài, 2019 and today: citizens' reports on the portal.
    thua = luong_tai.children.filter(kind=Unit.Kind.COMMUNE).order_by("code").first() or luong_tai
    known = _sim_point(rng, thua, 3, mobile=False, opened=date(2017, 5, 2), where="Phố Thứa")
    sim_plan = services.plan_create(user=admin, unit=luong_tai, start=date(2019, 10, 1), end=date(2019, 12, 20),
                                    title="Kế hoạch kiểm tra điểm bán SIM theo phản ánh quý IV/2019",
                                    agencies="Phòng Văn hóa và Thông tin, Công an huyện")  # fmt: skip
    report = services.TipReport
    first = services.tip_from_citizen(unit=luong_tai, now=_at(2019, 9, 16), report=report(
        business_type="sim", place=known.name, address="Phố Thứa, gần chợ Thứa",
        description="Cửa hàng bán SIM đã đăng ký sẵn thông tin, khách mua không phải xuất trình giấy tờ.",
        reporter_name="Nguyễn Thị Hạnh", reporter_contact="0912 000 111"))  # fmt: skip
    services.tip_target(user=admin, tip=first, plan=sim_plan, establishment=known)
    second = services.tip_from_citizen(unit=luong_tai, now=_at(2019, 8, 5), report=report(
        business_type="game", place="Quán game cạnh trường THCS", address="Thôn Ngọc Quan",
        description="Quán game mở đến nửa đêm, học sinh chơi nhiều.", reporter_name="Phạm Văn Toàn",
        reporter_contact="toan.pv@example.vn"))  # fmt: skip
    services.tip_dismiss(
        user=admin,
        tip=second,
        reason="Đã xác minh: quán đóng cửa từ tháng 6/2019, không còn hoạt động.",
    )
    services.tip_from_citizen(unit=luong_tai, now=timezone.now() - timedelta(hours=5), report=report(
        business_type="sim", place="Người bán SIM trước cổng chợ", address="Chợ Thứa",
        description="Bán SIM giá rẻ đã kích hoạt sẵn, nói không cần đăng ký thông tin.",
        reporter_name="Trần Minh Quang", reporter_contact="0987 000 222"))  # fmt: skip


def _at(year, month, day, hour=9):
    return timezone.make_aware(datetime(year, month, day, hour))


# ---------------------------------------------------------------- publication recalls (seed 004)


def build_recalls(write, *, luong_tai: Unit) -> None:
    """Lương Tài, 2019: a recall of a publication printed without a licence; the district
    checks its photocopy shops and booksellers (seed 004: "rà soát, kiểm tra, thu hồi các
    xuất bản phẩm sai phạm")."""
    from tttt.establishments.models import BusinessType
    from tttt.inspections.models import Recall, RecallCheck

    if Recall.objects.exists():
        return
    admin = User.objects.get(username="admin")
    communes = list(luong_tai.children.filter(kind=Unit.Kind.COMMUNE).order_by("code"))[:2] or [
        luong_tai
    ]
    bookshop = BusinessType.objects.get(code="publication")
    for i, (name, owner) in enumerate(
        [
            ("Nhà sách Tuổi Trẻ", "Lê Thị Thu"),
            ("Cửa hàng sách, văn phòng phẩm Hồng Hà", "Vũ Văn Nam"),
        ]
    ):
        Establishment(business_type=bookshop, name=name, owner_kind="person", owner_name=owner,
                      address=f"Số {12 + i * 30}, Phố Thứa", unit=communes[i % len(communes)],
                      opened_on=date(2016 + i, 3, 1)).save()  # fmt: skip
    recall = services.recall_create(user=admin, recall=Recall(
        unit=luong_tai, publication="Sách «Bí quyết làm giàu nhanh» (in lậu, không ghi giấy phép xuất bản)",
        publisher="Không rõ đơn vị liên kết", decision_number="45/QĐ-XBIPH",
        issuer="Cục Xuất bản, In và Phát hành", decided_on=date(2019, 5, 20), received_on=date(2019, 5, 27),
        reason="Xuất bản phẩm in, phát hành không có giấy phép xuất bản.",
    ))  # fmt: skip
    services.recall_add_sellers(
        user=admin, recall=recall, establishments=services.recall_candidates(recall)
    )
    withdrawn = {0: 35, 3: 12}
    for i, check in enumerate(recall.checks.order_by("pk")):
        copies = withdrawn.get(i, 0)
        services.recall_check(user=admin, check=check, on=date(2019, 6, 3 + i),
                              result=RecallCheck.Result.WITHDRAWN if copies else RecallCheck.Result.NONE_FOUND,
                              quantity=copies, note="Lập biên bản thu giữ" if copies else "")  # fmt: skip
    write(
        f"Thu hồi xuất bản phẩm: {recall.checks.count()} cơ sở kiểm tra, {sum(withdrawn.values())} bản."
    )
