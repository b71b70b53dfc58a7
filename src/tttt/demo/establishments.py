"""Establishments demo (seeds 000 and 004), counted from records:

- Thị xã Cửa Lò, 2014: 28 Internet points and 22 karaoke businesses operating;
- Lương Tài, 9 months of 2019: game points, Internet points, karaoke and photocopy shops,
  with 2 temporary game-point certificates issued in the period;
- today's Trung Chính and Lương Tài communes: a small register whose certificates expire
  soon or are missing, so the warnings have something to show.
"""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from django.utils import timezone

from tttt.establishments.models import BusinessType, Certificate, Establishment, StatusChange
from tttt.org.models import Unit

from .onestop import FAMILY, GIVEN, MIDDLE

STREETS = {
    "cualo": ["Đường Bình Minh", "Đường Sào Nam", "Đường Nguyễn Sinh Cung", "Đường Hồ Xuân Hương",
              "Đường Mai Thúc Loan", "Đường Nguyễn Huệ", "Đường Lý Tự Trọng"],
    "luongtai": ["Phố Thứa", "Thôn Ngọc Quan", "Thôn Phú Thọ", "Thôn Lai Hạ", "Thôn Hương Triện",
                 "Thôn Quảng Bố", "Thôn Trung Kênh"],
}  # fmt: skip
BRANDS = {
    "internet": ["Internet {}", "Đại lý Internet {}", "Net {}"],
    "game": ["Game {}", "Điểm trò chơi {}", "Cyber Game {}"],
    "karaoke": ["Karaoke {}", "Karaoke Family {}", "Karaoke {} Star"],
    "printing": ["Photocopy {}", "In ấn – photo {}"],
}
NAMES = ("Hoàng Long", "Minh Anh", "Thành Đạt", "Sao Mai", "Biển Xanh", "Hoa Sen", "Phương Đông",
         "Tuổi Trẻ", "Bình Minh", "Hải Âu", "Ngọc Trai", "Thiên Phú", "Hồng Hà", "Việt Hưng",
         "An Khang", "Kim Ngân", "Đông Á", "Nam Việt", "Hương Giang", "Trường Thịnh", "Hải Yến",
         "Lạc Hồng", "Phú Quý", "Quang Minh", "Thanh Bình", "Vạn Xuân", "Hưng Thịnh", "Tân Tiến")  # fmt: skip


def _owner(rng):
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _make(rng, *, type_code, unit, street_key, lat, lon, opened, idx, former=None, closed=None):
    btype = BusinessType.objects.get(code=type_code)
    brand = rng.choice(BRANDS[type_code]).format(NAMES[idx % len(NAMES)])
    e = Establishment(
        business_type=btype,
        name=brand if idx < len(NAMES) else f"{brand} {idx // len(NAMES) + 1}",
        owner_kind="person",
        owner_name=_owner(rng),
        owner_id_number=f"0{rng.randint(1, 96):02d}0{rng.randint(60, 99)}{rng.randint(0, 999_999):06d}",
        registration_number=f"{rng.randint(10, 99)}A{rng.randint(100_000, 999_999)}",
        address=f"Số {rng.randint(1, 250)}, {rng.choice(STREETS[street_key])}",
        unit=unit,
        former_unit=former,
        latitude=Decimal(str(round(lat + rng.uniform(-0.02, 0.02), 6))),
        longitude=Decimal(str(round(lon + rng.uniform(-0.02, 0.02), 6))),
        floor_area=Decimal(rng.randint(40, 200)),
        machines=rng.randint(12, 40) if type_code in ("internet", "game") else None,
        rooms=rng.randint(3, 10) if type_code == "karaoke" else None,
        opening_hours={"karaoke": "08:00-24:00", "printing": "07:00-20:00"}.get(
            type_code, "08:00-22:00"
        ),
        status=Establishment.Status.CLOSED if closed else Establishment.Status.ACTIVE,
        opened_on=opened,
        closed_on=closed,
    )
    e.save()
    StatusChange.objects.create(establishment=e, status="active", on=opened, reason="Dữ liệu mẫu")
    if closed:
        StatusChange.objects.create(
            establishment=e, status="closed", on=closed, reason="Chủ cơ sở ngừng kinh doanh"
        )
    return e


def build_establishments(
    write, *, cua_lo: Unit, luong_tai: Unit, today_communes: list[Unit]
) -> None:
    if Establishment.objects.exists():
        return
    rng = random.Random(2014)
    made = 0
    # Cửa Lò, 2014: 28 Internet points and 22 karaoke; a few closed later, after 2014.
    for kind, count, licence in (
        ("internet", 28, None),
        ("karaoke", 22, "Giấy phép kinh doanh karaoke"),
    ):
        for i in range(count):
            opened = date(2008 + i % 6, 1 + i % 12, 1 + i % 27)
            closed = date(2019, 6, 30) if i % 9 == 4 else None
            e = _make(rng, type_code=kind, unit=cua_lo, street_key="cualo", lat=18.815, lon=105.715,
                      opened=opened, idx=i + (0 if kind == "internet" else 7), closed=closed)  # fmt: skip
            if licence:
                Certificate.objects.create(
                    establishment=e, kind=licence, number=f"{i + 1:02d}/GP-VHTT",
                    issuer="UBND thị xã Cửa Lò", issued_on=opened,
                )  # fmt: skip
            made += 1
    # Lương Tài, 2019: game points (two with temporary certificates issued in 9M 2019).
    communes = list(luong_tai.children.filter(kind=Unit.Kind.COMMUNE)) or [luong_tai]
    plan = [("game", 16), ("internet", 6), ("karaoke", 10), ("printing", 4)]
    temporary_left = 2
    for kind, count in plan:
        for i in range(count):
            unit = communes[i % len(communes)]
            opened = date(2015 + i % 4, 1 + (i * 5) % 12, 5)
            e = _make(rng, type_code=kind, unit=unit, street_key="luongtai", lat=21.03, lon=106.22,
                      opened=opened, idx=i + len(plan) * 3)  # fmt: skip
            made += 1
            if kind == "game":
                temporary = temporary_left > 0 and i >= count - 2
                issued = date(2019, 4 + i % 5, 12) if temporary else opened
                temporary_left -= int(temporary)
                Certificate.objects.create(
                    establishment=e,
                    kind="Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
                    number=f"{i + 1:02d}/GCN-UBND",
                    issuer="UBND huyện Lương Tài",
                    issued_on=issued,
                    valid_until=issued + timedelta(days=180 if temporary else 3 * 365),
                    is_temporary=temporary,
                )
            elif kind == "karaoke":
                Certificate.objects.create(establishment=e, kind="Giấy phép kinh doanh karaoke",
                                           number=f"{i + 1:02d}/GP-UBND", issuer="UBND huyện Lương Tài",
                                           issued_on=opened)  # fmt: skip
    # Today's communes: certificates under Decree 147/2024, some about to expire.
    today = timezone.localdate()
    for c_idx, commune in enumerate(today_communes):
        for i, (kind, expires_in) in enumerate([("game", 25), ("game", 50), ("game", 400), ("karaoke", None),
                                                 ("karaoke", -1), ("internet", None)]):  # fmt: skip
            e = _make(rng, type_code=kind, unit=commune, street_key="luongtai", lat=21.03, lon=106.2,
                      opened=date(2022, 3 + i, 1), idx=i + 10 * c_idx)  # fmt: skip
            made += 1
            if kind == "internet" or expires_in == -1:
                continue  # an Internet point needs no certificate; one karaoke has none
            Certificate.objects.create(
                establishment=e,
                kind=e.business_type.certificate_name,
                number=f"{i + 1:02d}/{'GCN' if kind == 'game' else 'GP'}-UBND",
                issuer=f"UBND {commune.name}",
                issued_on=today - timedelta(days=200),
                valid_until=today + timedelta(days=expires_in) if expires_in else None,
            )
    write(f"Cơ sở kinh doanh: {made}.")
