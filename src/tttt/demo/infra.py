"""Infrastructure demo (seeds 000, 002, 003, 004), counted from records:

- Long An, Q1/2013 (seed 002): 175 commune postal cultural points (one per xã and thị
  trấn), 26 of them suspended for lack of staff; three routes in Tân An and one in Bến Lức
  whose cable undergrounding was extended to 30/6/2013 and not started in Q1 (overdue from
  July), beside two routes finished in 2012;
- Nghệ An cluster I, 2011–2015 (seed 003): BTS stations growing fast each year; commune
  radio stations with their staff allowances;
- Lương Tài, 9 months of 2019 (seed 004): the district radio station's output (nearly 300
  news programmes, over 3,400 items, 4 relays, over 300 TV clips, over 39 TV features, 260
  programmes posted online) and 103 specialised digital certificates received;
- Cửa Lò, 2014 (seed 000): official e-mail accounts per office and a survey in which 55% of
  officials use e-mail proficiently and 45% regularly;
- today's Bắc Ninh communes: stations with 4G/5G, certificates that expire soon.

Decision numbers and road sections are illustrative; the counts are the seeds'.
"""

from __future__ import annotations

import random
from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.utils import timezone

from tttt.core.text import fold
from tttt.infra.models import (
    BtsStation,
    DigitalCertificate,
    EmailAccounts,
    EmailSurvey,
    Operator,
    PostalPoint,
    PostalPointStatus,
    RadioOutput,
    RadioStation,
    SpeakerCluster,
    UndergroundingExtension,
    UndergroundingProgress,
    UndergroundingProject,
)
from tttt.org.models import Unit

from .builder import _office
from .onestop import FAMILY, GIVEN, MIDDLE

MOBILE = ["viettel", "vnpt", "mobifone", "vietnamobile"]
# New stations per year in each unit of Nghệ An's cluster I ("số lượng trạm BTS tăng nhanh").
BTS_GROWTH = {2010: 14, 2011: 18, 2012: 23, 2013: 29, 2014: 36, 2015: 44}
# The cluster's units differ in size (Vinh, Cửa Lò, Yên Thành, Diễn Châu, Nghi Lộc, Hưng
# Nguyên, Nam Đàn), so their counts differ; each still builds the 40 new stations of 2015
# that the cluster's BTS criterion asks (seed 003's totals give every unit its 20 points).
BTS_SCALE = [2.4, 1.0, 1.2, 1.4, 1.1, 0.95, 1.05]
LONG_AN_SUSPENDED = 26
# Lương Tài's district station, January–September 2019, month by month.
RADIO_2019 = {
    "news_programmes": [33, 31, 34, 33, 34, 33, 33, 34, 33],  # 298: "gần 300"
    "items_used": [378, 352, 381, 380, 384, 379, 380, 386, 392],  # 3.412: "trên 3.400"
    "relays": [1, 1, 0, 0, 0, 0, 0, 0, 2],  # 4
    "tv_clips": [34, 32, 34, 35, 34, 34, 34, 35, 34],  # 306: "trên 300"
    "tv_features": [4, 4, 5, 4, 5, 4, 5, 4, 5],  # 40: "trên 39"
    "posted_online": [29, 27, 29, 29, 29, 29, 29, 30, 29],  # 260
}
CERTIFICATES_2019 = 103
EMAIL_SURVEY_2014 = (220, 121, 99)  # respondents, proficient (55%), regular (45%)


def _person(rng) -> str:
    return f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"


def _near(rng, unit: Unit, spread=0.03):
    lat, lon = float(unit.latitude or 21.0), float(unit.longitude or 106.0)
    return (Decimal(str(round(lat + rng.uniform(-spread, spread), 6))),
            Decimal(str(round(lon + rng.uniform(-spread, spread), 6))))  # fmt: skip


def _searchable(records):
    for r in records:
        r.search_name = fold(" ".join(p for p in r.search_parts() if p))[:600]
    return records


def _communes(unit: Unit) -> list[Unit]:
    return list(
        Unit.objects.filter(path__startswith=unit.path, kind=Unit.Kind.COMMUNE).order_by("code")
    )


def _stations(rng, operators, *, district, communes, year_counts, prefix, today=None):
    stations = []
    n = 0
    for year, count in year_counts.items():
        for _ in range(count):
            n += 1
            commune = rng.choice(communes)
            lat, lon = _near(rng, commune, 0.01)
            tech = {"has_2g": year < 2020, "has_3g": 2010 <= year < 2024, "has_4g": year >= 2016,
                    "has_5g": year >= 2024}  # fmt: skip
            if not any(tech.values()):
                tech["has_2g"] = True
            commissioned = date(year, rng.randint(1, 12), rng.randint(1, 28))
            if today and commissioned > today:
                commissioned = today - timedelta(days=rng.randint(1, 60))
            stations.append(BtsStation(
                operator=operators[rng.choice(MOBILE)], code=f"{prefix}{n:04d}",
                name=f"Trạm {commune.short_name or commune.name} {n}",
                address=f"{commune.name}, {district.name}", unit=commune,
                latitude=lat, longitude=lon, height_m=Decimal(rng.choice([18, 24, 30, 36, 42, 45])),
                mast=rng.choice(["ground", "ground", "rooftop", "camouflaged"]),
                permit_number=f"{rng.randint(10, 480)}/GPXD", permit_date=commissioned - timedelta(days=90),
                status="operating", commissioned_on=commissioned, **tech,
            ))  # fmt: skip
    return stations


def build_infra(write, *, luong_tai: Unit, long_an: Unit, cluster: list[Unit], cua_lo: Unit,
                today_communes: list[Unit]) -> None:  # fmt: skip
    if BtsStation.objects.exists():
        return
    write("Hạ tầng: trạm BTS, ngầm hóa cáp, bưu điện văn hóa xã, truyền thanh, chứng thư số…")
    rng = random.Random(2013)
    today = timezone.localdate()
    operators = {o.code: o for o in Operator.objects.all()}

    # BTS: Nghệ An cluster I (2010–2015), Lương Tài (2012–2019), today's communes.
    stations = []
    for i, district in enumerate(cluster):
        growth = {
            y: round(n * BTS_SCALE[i % len(BTS_SCALE)]) + rng.randint(0, 3)
            for y, n in BTS_GROWTH.items()
        }
        stations += _stations(rng, operators, district=district, communes=_communes(district) or [district],
                              year_counts=growth, prefix=f"NAN{i}")  # fmt: skip
    stations += _stations(rng, operators, district=luong_tai, communes=_communes(luong_tai),
                          year_counts={y: 6 + y % 5 for y in range(2012, 2020)}, prefix="LTI")  # fmt: skip
    for i, commune in enumerate(today_communes):
        stations += _stations(rng, operators, district=commune.parent, communes=[commune],
                              year_counts={2025: 3, 2026: 4}, prefix=f"BNH{i}", today=today)  # fmt: skip
    for s in stations[::9]:  # some stations stopped or were dismantled when 4G replaced them
        if s.commissioned_on.year < 2014:
            s.status, s.stopped_on = "dismantled", date(2019, 6, 30)
    BtsStation.objects.bulk_create(_searchable(stations))
    shared = BtsStation.shared_with.through
    saved = list(BtsStation.objects.values_list("pk", "operator__code"))
    shared.objects.bulk_create([
        shared(btsstation_id=pk, operator_id=operators[rng.choice([c for c in MOBILE if c != code])].pk)
        for pk, code in saved[::4]
    ])  # fmt: skip

    # Long An (seed 002): undergrounding and postal cultural points.
    tan_an = long_an.children.get(search_name=fold("Thành phố Tân An"))
    ben_luc = long_an.children.get(search_name=fold("Huyện Bến Lức"))
    routes = [
        (tan_an, "Đường Hùng Vương", "từ cầu Tân An đến vòng xoay Long An", 2300),
        (tan_an, "Đường Trương Định", "toàn tuyến", 1250),
        (tan_an, "Đường Nguyễn Huệ", "từ Hùng Vương đến Nguyễn Đình Chiểu", 900),
        (ben_luc, "Quốc lộ 1A", "đoạn qua thị trấn Bến Lức", 1800),
    ]
    for unit, name, section, length in routes:
        p = UndergroundingProject(
            name=name, section=section, unit=unit, length_m=length,
            decision_number="1734/QĐ-UBND", decided_on=date(2011, 6, 15),
            original_deadline=date(2012, 12, 31), deadline=date(2013, 6, 30),
            note="Chưa triển khai trong quý I/2013; có nguy cơ không hoàn thành theo tiến độ.",
        )  # fmt: skip
        p.save()
        p.operators.set([operators["vnpt"], operators["viettel"], operators["sctv"]])
        UndergroundingExtension.objects.create(
            project=p, decision_number="3312/QĐ-UBND", decided_on=date(2012, 12, 20),
            previous_deadline=date(2012, 12, 31), new_deadline=date(2013, 6, 30),
            reason="Doanh nghiệp đề nghị gia hạn do chưa thống nhất phương án dùng chung hạ tầng.",
        )  # fmt: skip
    for name, length in (("Đường Bảo Định", 1100), ("Đường Nguyễn Đình Chiểu", 750)):
        p = UndergroundingProject(
            name=name, section="toàn tuyến", unit=tan_an, length_m=length,
            decision_number="1734/QĐ-UBND", decided_on=date(2011, 6, 15),
            original_deadline=date(2012, 12, 31), deadline=date(2012, 12, 31),
            progress_percent=100, status="completed", completed_on=date(2012, 11, 20),
        )  # fmt: skip
        p.save()
        p.operators.set([operators["vnpt"], operators["viettel"]])
        UndergroundingProgress.objects.create(project=p, on=date(2012, 6, 30), percent=60)
        UndergroundingProgress.objects.create(project=p, on=date(2012, 11, 20), percent=100,
                                              note="Đã nghiệm thu, thu hồi cột cũ")  # fmt: skip
    communes = [
        c for c in _communes(long_an) if c.type_word in (Unit.TypeWord.XA, Unit.TypeWord.THI_TRAN)
    ]
    points = []
    for commune in communes:
        points.append(PostalPoint(
            name=f"Điểm Bưu điện văn hóa xã {commune.short_name or commune.name}"
            if commune.type_word == Unit.TypeWord.XA else f"Điểm Bưu điện văn hóa {commune.name}",
            address=f"Trung tâm {commune.name}", unit=commune, operator=operators["vnpost"],
            opened_on=date(rng.randint(1998, 2004), rng.randint(1, 12), 1), staff=1,
            has_internet=rng.random() < 0.4,
        ))  # fmt: skip
    PostalPoint.objects.bulk_create(_searchable(points))
    points = list(PostalPoint.objects.filter(unit__in=communes).order_by("pk"))
    suspended = set(rng.sample(range(len(points)), LONG_AN_SUSPENDED))
    history = [PostalPointStatus(point=p, status="operating", since=p.opened_on) for p in points]
    for i in sorted(suspended):
        history.append(PostalPointStatus(
            point=points[i], status="suspended", since=date(2012, rng.randint(7, 12), rng.randint(1, 28)),
            reason="Không có nhân viên phục vụ"))  # fmt: skip
        points[i].status, points[i].staff = "suspended", 0
    PostalPointStatus.objects.bulk_create(history)
    PostalPoint.objects.bulk_update(points, ["status", "staff"])

    # Radio: Lương Tài's district station and communes; Nghệ An cluster communes.
    district_station = RadioStation.objects.create(
        name="Đài Phát thanh huyện Lương Tài", unit=luong_tai, technology="fm",
        frequency_mhz=Decimal("99.60"), staff=6, monthly_allowance=0, established_on=date(1998, 1, 1),
        search_name=fold("Đài Phát thanh huyện Lương Tài"),
    )  # fmt: skip
    RadioOutput.objects.bulk_create([
        RadioOutput(station=district_station, period_start=date(2019, m, 1),
                    period_end=(date(2019, m + 1, 1) - timedelta(days=1)),
                    **{k: v[m - 1] for k, v in RADIO_2019.items()})
        for m in range(1, 10)
    ])  # fmt: skip
    radios = []
    for district, allowance in [(luong_tai, 745_000), *((d, 596_000) for d in cluster)]:
        for commune in _communes(district) or [district]:
            tech = rng.choice(
                ["wired", "wired", "fm", "fm", "ip"] if district == luong_tai else ["wired", "fm"]
            )
            radios.append(RadioStation(
                name=f"Đài truyền thanh {commune.name}", unit=commune, technology=tech,
                status=rng.choice(["operating", "operating", "operating", "degraded"]),
                frequency_mhz=Decimal(str(round(rng.uniform(87.5, 107.9), 1))) if tech == "fm" else None,
                speaker_clusters=rng.randint(8, 40), staff=rng.choice([1, 1, 2]),
                monthly_allowance=allowance, established_on=date(rng.randint(2000, 2012), 1, 1),
            ))  # fmt: skip
    RadioStation.objects.bulk_create(_searchable(radios))
    VN = ZoneInfo("Asia/Ho_Chi_Minh")
    # Smart (IP) stations: their clusters of loudspeakers, a few down as last reported.
    clusters = []
    for station in RadioStation.objects.filter(technology="ip", unit__parent=luong_tai).order_by(
        "pk"
    ):
        village = station.unit.name.removeprefix("Xã ").removeprefix("Thị trấn ")
        for i in range(1, rng.randint(4, 8)):
            status = rng.choice(["operating"] * 8 + ["faulty", "offline"])
            clusters.append(SpeakerCluster(
                station=station, name=f"Cụm loa số {i}", location=f"Thôn {i}, {village}", status=status,
                installed_on=date(2019, rng.randint(1, 6), rng.randint(1, 28)),
                last_seen_at=datetime(2019, 9, 30, 6, 0, tzinfo=VN) - timedelta(days=0 if status == "operating" else rng.randint(2, 20))))  # fmt: skip
    SpeakerCluster.objects.bulk_create(clusters)
    for station in {c.station for c in clusters}:  # the count the station declares is what it has
        RadioStation.objects.filter(pk=station.pk).update(
            speaker_clusters=sum(c.station is station for c in clusters)
        )

    # Digital certificates: 103 received in Lương Tài in 9 months of 2019; today's communes.
    T = Unit.TypeWord
    offices = [_office(luong_tai, name, word, luong_tai.valid_to) for name, word in [
        ("Văn phòng HĐND và UBND huyện", T.VAN_PHONG), ("Phòng Nội vụ", T.PHONG),
        ("Phòng Tài chính – Kế hoạch", T.PHONG), ("Phòng Văn hóa và Thông tin", T.PHONG),
        ("Phòng Tư pháp", T.PHONG), ("Phòng Tài nguyên và Môi trường", T.PHONG),
    ]] + _communes(luong_tai)  # fmt: skip

    def _office_name(unit):  # "Văn phòng HĐND và UBND huyện Lương Tài", never "huyện huyện"
        if unit.kind != Unit.Kind.OFFICE:
            return f"UBND {unit.name}"
        return (
            f"{unit.name} Lương Tài"
            if unit.name.endswith("huyện")
            else f"{unit.name} huyện Lương Tài"
        )

    certificates = []
    for i in range(CERTIFICATES_2019):
        holder = offices[i % len(offices)]
        received = date(2019, 1, 10) + timedelta(days=int(i * 262 / CERTIFICATES_2019))
        personal = i % 5 != 0
        certificates.append(DigitalCertificate(
            holder_name=_person(rng) if personal else _office_name(holder),
            holder_position=rng.choice(["Chủ tịch", "Phó Chủ tịch", "Trưởng phòng", "Văn thư"]) if personal else "",
            unit=holder, kind="personal" if personal else "organisation",
            serial=f"5401{i:04d}{rng.randint(1000, 9999)}", issued_on=received - timedelta(days=7),
            expires_on=received + timedelta(days=5 * 365), received_on=received,
        ))  # fmt: skip
    for commune in today_communes:
        for i, days in enumerate([20, 45, 200, 700]):
            certificates.append(DigitalCertificate(
                holder_name=f"UBND {commune.name}" if i == 0 else _person(rng),
                holder_position="" if i == 0 else "Phó Chủ tịch UBND",
                unit=commune, kind="organisation" if i == 0 else "personal",
                serial=f"5402{commune.pk % 10000:04d}{i}{rng.randint(100, 999)}",
                issued_on=today + timedelta(days=days) - timedelta(days=3 * 365),
                expires_on=today + timedelta(days=days),
            ))  # fmt: skip
    DigitalCertificate.objects.bulk_create(_searchable(certificates))

    # Official e-mail: Cửa Lò 2014 (seed 000).
    cua_lo_offices = [_office(cua_lo, name, word, cua_lo.valid_to) for name, word in [
        ("Văn phòng HĐND và UBND thị xã", T.VAN_PHONG), ("Phòng Nội vụ", T.PHONG),
        ("Phòng Văn hóa và Thông tin", T.PHONG), ("Phòng Tài chính – Kế hoạch", T.PHONG),
        ("Phòng Giáo dục và Đào tạo", T.PHONG),
    ]]  # fmt: skip
    EmailAccounts.objects.bulk_create([
        EmailAccounts(unit=o, on=date(2014, 12, 31), accounts=n, active_accounts=m)
        for o, (n, m) in zip(cua_lo_offices, [(32, 30), (14, 12), (12, 12), (15, 11), (22, 15)], strict=True)
    ] + [
        EmailAccounts(unit=c, on=date(2014, 12, 31), accounts=10, active_accounts=rng.randint(5, 10))
        for c in _communes(cua_lo)
    ])  # fmt: skip
    respondents, proficient, regular = EMAIL_SURVEY_2014
    EmailSurvey.objects.create(
        unit=cua_lo, surveyed_on=date(2014, 10, 15), respondents=respondents, proficient=proficient,
        regular=regular, note="Khảo sát cán bộ, công chức các cơ quan thị xã và các phường, xã.",
    )  # fmt: skip
