"""One-stop-shop demo: a procedure catalog and dossiers from which the statistics
reproduce the seed figures by counting records.

- Lương Tài, first 9 months of 2019 (seed 004): 10.847 dossiers received, all resolved by
  30/9, 10.494 of them early or on time (96,75%); 213 procedures in the district's catalog
  (district-level procedures plus the commune-level ones of its communes).
- Long An, Q1/2013 (seed 002): the province's on-time rate 61%, with Châu Thành, Đức Hòa,
  Mộc Hóa and Cần Giuộc above 80%.
- Today's communes: a few dozen live dossiers in every state, so the work queues have work.
"""

from __future__ import annotations

import random
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from tttt.core.calendar import get_calendar
from tttt.onestop import services
from tttt.onestop.models import (
    Channel,
    Dossier,
    DossierEvent,
    Procedure,
    ProcedureDocument,
    ProcedureField,
    ProcedureStep,
    Status,
)
from tttt.org.models import Unit, User

from .procedures import DEFAULT_LEGAL_BASIS, FIELDS, LEGAL_BASIS, national_code

LUONG_TAI_RECEIVED, LUONG_TAI_IN_TIME = 10_847, 10_494
LONG_AN_PLAN = {  # district: (received and resolved in Q1/2013, of which early or on time)
    "Huyện Châu Thành": (600, 510),
    "Huyện Đức Hòa": (900, 792),
    "Huyện Mộc Hóa": (300, 246),
    "Huyện Cần Giuộc": (700, 588),
    "Thành phố Tân An": (900, 380),
    "Huyện Bến Lức": (650, 350),
    "Huyện Cần Đước": (700, 330),
    "Huyện Đức Huệ": (400, 200),
    "Huyện Tân Hưng": (350, 160),
    "Huyện Tân Thạnh": (500, 260),
    "Huyện Tân Trụ": (450, 270),
    "Huyện Thạnh Hóa": (450, 210),
    "Huyện Thủ Thừa": (600, 300),
    "Huyện Vĩnh Hưng": (500, 284),
}  # 8.000 dossiers, 4.880 in time: 61,00%
# Processing time (working days; 0 = within the day, 4 working hours), fee, popularity.
FIELD_PROFILE = {
    "HT": (3, 8_000, 30), "CT": (0, 10_000, 30), "DD": (20, 100_000, 8), "XD": (15, 75_000, 4),
    "KD": (3, 100_000, 6), "HTX": (5, 100_000, 1), "VH": (5, 0, 2), "TTTT": (5, 200_000, 1),
    "GD": (5, 0, 3), "LD": (7, 0, 6), "TNMT": (10, 0, 1), "NN": (7, 0, 1), "YT": (10, 500_000, 1),
    "CNTM": (10, 200_000, 1), "TP": (5, 0, 1), "TG": (5, 0, 1), "TC": (5, 0, 1), "NV": (10, 0, 1),
    "GT": (7, 0, 1), "KNTC": (15, 0, 1), "TDTT": (7, 0, 1), "GDVN": (7, 0, 1), "TE": (5, 0, 1),
    "NoV": (10, 0, 1), "TL": (10, 0, 1), "DT": (5, 0, 1), "QS": (3, 0, 1),
}  # fmt: skip
FAMILY = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Vũ",
    "Đặng",
    "Bùi",
    "Đỗ",
    "Ngô",
    "Dương",
    "Lý",
    "Phan",
    "Trịnh",
    "Đinh",
]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thu", "Hồng", "Quang", "Ngọc", "Xuân", "Thanh", "Hữu"]
GIVEN = [
    "An",
    "Bình",
    "Cường",
    "Dũng",
    "Giang",
    "Hà",
    "Hải",
    "Hạnh",
    "Hiếu",
    "Hoa",
    "Hùng",
    "Hương",
    "Lan",
    "Long",
    "Mai",
    "Nam",
    "Ngân",
    "Phong",
    "Phương",
    "Quân",
    "Sơn",
    "Tâm",
    "Thảo",
    "Trang",
    "Tuấn",
    "Việt",
    "Yến",
    "Khánh",
    "Linh",
    "Thắng",
]
HAMLETS = [
    "Thôn Ngọc Quan",
    "Thôn Phú Thọ",
    "Khu Đông",
    "Thôn Hương Triện",
    "Thôn Lai Hạ",
    "Khu phố 1",
    "Ấp 2",
    "Ấp Bình Hòa",
]


def _name(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _citizen_id(rng, province_code: str) -> str:
    return f"{province_code}{rng.choice('0123')}{rng.randint(50, 99)}{rng.randint(0, 999_999):06d}"


def _phone(rng) -> str:
    return f"0{rng.choice('39')}{rng.randint(0, 99_999_999):08d}"


def build_catalog(luong_tai: Unit, long_an: Unit, today_communes: list[Unit]) -> list[Procedure]:
    if Procedure.objects.filter(code__startswith="1.").exists():
        return list(Procedure.objects.filter(code__startswith="1."))
    fields = {key: ProcedureField(code=key, name=name) for key, (name, _rows) in FIELDS.items()}
    ProcedureField.objects.bulk_create(fields.values())
    procedures = []
    taken: set[str] = set()
    for key, (_label, rows) in FIELDS.items():
        days, fee, _weight = FIELD_PROFILE[key]
        for name, levels in rows:
            for level in levels:
                procedures.append(
                    Procedure(
                        code=national_code(1, name, level, taken),
                        name=name,
                        field=fields[key],
                        level=Procedure.Level.DISTRICT if level == "h" else Procedure.Level.COMMUNE,
                        duration=days or 4,
                        duration_unit=Procedure.DurationUnit.DAY if days else Procedure.DurationUnit.HOUR,
                        fee=fee,
                        online_service=Procedure.OnlineService.FULL if key in ("HT", "TTTT", "VH", "KD")
                        else Procedure.OnlineService.PARTIAL,
                        legacy_level=3 if key in ("HT", "TTTT", "KD") else 2,
                        legal_basis=LEGAL_BASIS.get(key, DEFAULT_LEGAL_BASIS),
                    )
                )  # fmt: skip
    for p in procedures:
        p.search_name = ""
        p.save()  # small catalog: save() fills the search field
    ProcedureDocument.objects.bulk_create(
        doc
        for p in procedures
        for doc in (
            ProcedureDocument(procedure=p, order=1, name="Tờ khai, đơn đề nghị theo mẫu"),
            ProcedureDocument(
                procedure=p, order=2, name="Giấy tờ chứng minh nhân thân (xuất trình)", copies=0
            ),
        )
    )
    ProcedureStep.objects.bulk_create(
        step
        for p in procedures
        for step in (
            ProcedureStep(procedure=p, order=1, name="Tiếp nhận, chuyển hồ sơ", role="can-bo-mot-cua", share=5),
            ProcedureStep(procedure=p, order=2, name="Thẩm định, dự thảo kết quả", role="chuyen-vien", share=70),
            ProcedureStep(procedure=p, order=3, name="Lãnh đạo ký duyệt", role="lanh-dao", share=20),
            ProcedureStep(procedure=p, order=4, name="Trả kết quả", role="can-bo-mot-cua", share=5),
        )
    )  # fmt: skip
    lt_communes = list(luong_tai.children.filter(kind=Unit.Kind.COMMUNE))
    la_districts = list(long_an.children.filter(kind=Unit.Kind.DISTRICT))
    Through = Procedure.units.through
    links = []
    for p in procedures:
        if p.level == Procedure.Level.DISTRICT:
            targets = [luong_tai, *la_districts]
        else:
            targets = [*lt_communes, *today_communes]
        if p.level == Procedure.Level.DISTRICT and p.field.code in ("TTTT", "VH"):
            # Game-point certificates and karaoke licences moved to the commune in 2025.
            targets = [*targets, *today_communes]
        links.extend(Through(procedure_id=p.pk, unit_id=u.pk) for u in targets)
    Through.objects.bulk_create(links, ignore_conflicts=True)
    return procedures


def _working_days(start: date, end: date) -> list[date]:
    cal = get_calendar()
    return [
        start + timedelta(days=i)
        for i in range((end - start).days + 1)
        if cal.is_working_day(start + timedelta(days=i))
    ]


class _History:
    """Bulk-generated dossiers resolved in a past period."""

    def __init__(self, rng):
        self.rng = rng
        self.cal = get_calendar()
        self.dossiers: list[Dossier] = []
        self.tz = timezone.get_current_timezone()

    def add(
        self,
        *,
        procedure,
        unit,
        days,
        period_end,
        in_time,
        province_code,
        clerk=None,
        specialist=None,
    ):
        """One dossier received on one of `days`, resolved in or out of time by `period_end`."""
        rng, cal = self.rng, self.cal
        limit = datetime.combine(period_end, time(16, 30), tzinfo=self.tz)
        for _attempt in range(50):
            day = rng.choice(days)
            received = datetime.combine(day, time(7, 30), tzinfo=self.tz) + timedelta(
                minutes=rng.randint(0, 540)
            )
            start = services.counting_start(received)
            deadline = cal.add(start, services.processing_time(procedure))
            if in_time:
                span = cal.between(start, deadline)
                resolved = cal.add(start, span * rng.uniform(0.3, 1.0))
                if resolved <= limit:
                    break
            else:
                resolved = cal.add(deadline, timedelta(hours=rng.uniform(1, 30)))
                if resolved <= limit:
                    break
        else:
            raise RuntimeError("Không xếp được hồ sơ mẫu vào kỳ; hãy kiểm tra lịch.")
        returned = min(cal.add(resolved, timedelta(hours=rng.uniform(0.2, 6))), limit)
        returned = max(returned, resolved)
        channel = Channel.ONLINE if rng.random() < 0.06 else (Channel.POST if rng.random() < 0.01 else Channel.COUNTER)  # fmt: skip
        rated = rng.random() < 0.2
        # Four late dossiers in five were apologised for with a new appointment a day before
        # the deadline (form 04); decided without the generator, so the other draws stay.
        apologised = not in_time and len(self.dossiers) % 5 != 0
        self.dossiers.append(
            Dossier(
                procedure=procedure,
                unit=unit,
                channel=channel,
                status=Status.RETURNED,
                applicant_name=(name := _name(rng)),
                applicant_search="",
                citizen_id=_citizen_id(rng, province_code),
                phone=_phone(rng),
                address=f"{rng.choice(HAMLETS)}, {unit.name}",
                received_at=received,
                counted_from=start,
                due_at=cal.add(resolved, timedelta(hours=4)) if apologised else deadline,
                deadline=deadline,
                rescheduled_at=max(deadline - timedelta(days=1), received) if apologised else None,
                received_by=clerk,
                assignee=specialist,
                fee=procedure.fee,
                paid_online=channel == Channel.ONLINE and procedure.fee > 0 and rng.random() < 0.3,
                digitised=channel == Channel.ONLINE or rng.random() < 0.1,
                finished_at=resolved,
                resolved_at=resolved,
                timing=services.classify(resolved, deadline),
                returned_at=returned,
                rating=(3 if rng.random() < 0.6 else 2 if rng.random() < 0.9 else 1)
                if rated
                else None,
                rated_at=returned if rated else None,
            )
        )
        self.dossiers[-1].applicant_search = name.lower()

    def save(self):
        from tttt.core.text import fold

        rows = sorted(self.dossiers, key=lambda d: d.received_at)
        counters: dict[tuple[str, str], int] = {}
        for d in rows:
            day = timezone.localtime(d.received_at).strftime("%y%m%d")
            key = (d.unit.code, day)
            counters[key] = counters.get(key, 0) + 1
            d.code = f"{d.unit.code}-{day}-{counters[key]:04d}"
            d.applicant_search = fold(d.applicant_name)
        Dossier.objects.bulk_create(rows, batch_size=2000)
        events = []

        def who(user, unit):
            return user.get_full_name() if user else f"Bộ phận một cửa {unit.name}"

        for d in rows:
            clerk, specialist = d.received_by, d.assignee
            events.append(DossierEvent(dossier=d, action="receive", to_status=Status.RECEIVED, actor=clerk, actor_name=who(clerk, d.unit), at=d.received_at, note="Tiếp nhận hồ sơ"))  # fmt: skip
            events.append(DossierEvent(dossier=d, action="result_ready", from_status=Status.APPROVED, to_status=Status.RESULT_READY, actor=specialist, actor_name=who(specialist, d.unit), at=d.resolved_at))  # fmt: skip
            events.append(DossierEvent(dossier=d, action="return", from_status=Status.RESULT_READY, to_status=Status.RETURNED, actor=clerk, actor_name=who(clerk, d.unit), at=d.returned_at))  # fmt: skip
        DossierEvent.objects.bulk_create(events, batch_size=5000)
        return len(rows)


def _weighted(rng, procedures, k):
    weights = [FIELD_PROFILE[p.field.code][2] for p in procedures]
    return rng.choices(procedures, weights=weights, k=k)


def build_history(luong_tai: Unit, long_an: Unit, users: dict[str, User]) -> int:
    if Dossier.objects.filter(unit__path__startswith=luong_tai.path).exists():
        return 0
    rng = random.Random(2019)
    history = _History(rng)
    clerk, specialist = users["luongtai.motcua"], users["luongtai.chuyenvien"]
    catalog = list(Procedure.objects.filter(code__startswith="1.").select_related("field"))
    district_level = [p for p in catalog if p.level == Procedure.Level.DISTRICT]
    commune_level = [p for p in catalog if p.level == Procedure.Level.COMMUNE]
    communes = list(luong_tai.children.filter(kind=Unit.Kind.COMMUNE))
    days = _working_days(date(2019, 1, 2), date(2019, 9, 30))
    late = set(rng.sample(range(LUONG_TAI_RECEIVED), LUONG_TAI_RECEIVED - LUONG_TAI_IN_TIME))
    picks = _weighted(rng, district_level + commune_level, LUONG_TAI_RECEIVED)
    for i, procedure in enumerate(picks):
        unit = luong_tai if procedure.level == Procedure.Level.DISTRICT else rng.choice(communes)
        history.add(procedure=procedure, unit=unit, days=days, period_end=date(2019, 9, 30),
                    in_time=i not in late, province_code="027", clerk=clerk, specialist=specialist)  # fmt: skip
    q1 = _working_days(date(2013, 1, 2), date(2013, 3, 20))
    districts = {d.name: d for d in long_an.children.filter(kind=Unit.Kind.DISTRICT)}
    short = [p for p in district_level if FIELD_PROFILE[p.field.code][0] <= 7]
    for name, (received, in_time) in LONG_AN_PLAN.items():
        unit = districts[name]
        for i, procedure in enumerate(_weighted(rng, short, received)):
            history.add(procedure=procedure, unit=unit, days=q1, period_end=date(2013, 3, 31),
                        in_time=i < in_time, province_code="080")  # fmt: skip
    return history.save()


def build_live(communes: list[Unit], users: dict[str, User], slug) -> int:
    """A few dozen dossiers of today's communes in every state, through the services."""
    if Dossier.objects.filter(unit__in=communes).exists():
        return 0
    rng = random.Random(2026)
    cal = get_calendar()
    now = timezone.now()
    made = 0
    for commune in communes:
        s = "xa" + slug(commune)
        clerk, specialist, leader = (users[f"{s}.{r}"] for r in ("motcua", "chuyenvien", "lanhdao"))
        procedures = list(commune.procedures.filter(duration_unit="day", duration__lte=7))
        day = timezone.localdate()
        for _ in range(9):
            day = day - timedelta(days=1)
            while not cal.is_working_day(day):
                day -= timedelta(days=1)
        start = datetime.combine(day, time(8, 0), tzinfo=timezone.get_current_timezone())
        for i in range(14):
            received = cal.add(start, cal.day_length * (i * 0.6))
            if received > now:
                break
            d = services.receive_dossier(
                user=clerk,
                procedure=rng.choice(procedures),
                unit=commune,
                channel=rng.choice([Channel.COUNTER, Channel.COUNTER, Channel.ONLINE]),
                applicant={"applicant_name": _name(rng), "citizen_id": _citizen_id(rng, "024"),
                           "phone": _phone(rng), "address": f"{rng.choice(HAMLETS)}, {commune.name}"},
                now=received,
            )  # fmt: skip
            made += 1

            def step(action, user, hours, d=d, received=received, specialist=specialist, **kw):
                moment = min(cal.add(received, timedelta(hours=hours)), now)
                return services.act(user=user, dossier=d, action=action,
                                    assignee=specialist, now=moment, **kw)  # fmt: skip

            stage = i % 7
            if stage == 0:
                continue
            d = step("assign", clerk, 1)
            if stage == 1:
                continue
            if stage == 2:
                d = step(
                    "request_supplement",
                    specialist,
                    3,
                    reason="Bổ sung bản sao sổ hộ khẩu/giấy tờ chứng minh nơi cư trú",
                )
                continue
            d = step("submit", specialist, 6)
            if stage == 3:
                continue
            d = step("approve", leader, 8)
            d = step("result_ready", specialist, 9)
            if stage == 4:
                continue
            d = step("return", clerk, 10)
            if stage == 5:
                services.rate_dossier(
                    code=d.code, phone=d.phone, rating=3, comment="Cán bộ hướng dẫn tận tình."
                )
    return made


def build_onestop(write, *, luong_tai, long_an, today_communes, slug) -> None:
    users = {u.username: u for u in User.objects.all()}
    with transaction.atomic():
        catalog = build_catalog(luong_tai, long_an, today_communes)
    write(f"Danh mục thủ tục: {len(catalog)} thủ tục.")
    with transaction.atomic():
        made = build_history(luong_tai, long_an, users)
    if made:
        write(f"Hồ sơ một cửa đã giải quyết (Lương Tài 2019, Long An 2013): {made}.")
    made = build_live(today_communes, users, slug)
    if made:
        write(f"Hồ sơ một cửa đang xử lý ở các xã hiện nay: {made}.")
