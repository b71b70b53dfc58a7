"""Builds the demo data set modelled on the seed articles (shared/seeds/).

Units the seeds name: Lương Tài district (Bắc Ninh), Vĩnh Tường district (Vĩnh Phúc),
Long An's districts, the seven units of Nghệ An's emulation cluster I, and current
(post-2025) units. Every role gets a demo user there.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.hashers import make_password
from django.db import connection, transaction
from django.utils import timezone

from tttt.core.text import fold
from tttt.onestop.rollup import DOSSIERS
from tttt.org import roles as R
from tttt.org.importer import CURRENT_SOURCE, LEGACY_END, LEGACY_SOURCE, import_units
from tttt.org.models import Membership, Role, Unit, UnitSuccession, User

DEMO_PASSWORD = "tttt-demo-2026"  # noqa: S105 — printed for the demo on purpose
DEMO_ROLE_START = date(2013, 1, 1)
CUA_LO_NOTE = (
    "Thị xã Cửa Lò, nhập vào thành phố Vinh trước 01/7/2025 nên không có trong dữ liệu gói vietnamadminunits; "
    "thêm cho dữ liệu mẫu (cụm thi đua I Nghệ An năm 2015). Mã và ngày sáp nhập chưa kiểm chứng."
)
CUA_LO_MERGED = date(2025, 1, 1)


@dataclass
class DemoLogin:
    username: str
    full_name: str
    role: str
    unit: Unit


def slug(unit: Unit) -> str:
    return fold(unit.short_name or unit.name).replace(" ", "").replace("-", "")


def _legacy(kind, name, parent: Unit | None = None) -> Unit:
    qs = Unit.objects.filter(source=LEGACY_SOURCE, kind=kind, search_name=fold(name))
    if parent is not None:
        qs = qs.filter(path__startswith=parent.path)
    return qs.get()


def _current(kind, name, parent: Unit | None = None) -> Unit:
    qs = Unit.objects.filter(source=CURRENT_SOURCE, kind=kind, search_name=fold(name))
    if parent is not None:
        qs = qs.filter(parent=parent)
    return qs.get()


def _office(
    parent: Unit, name: str, type_word: str, valid_to: date | None, valid_from: date | None = None
) -> Unit:
    office = Unit.objects.filter(parent=parent, kind=Unit.Kind.OFFICE, name=name).first()
    if office is None:
        office = Unit(
            kind=Unit.Kind.OFFICE,
            code=f"{parent.code}-{fold(name).replace(' ', '')[:8]}",
            name=name,
            short_name=name,
            type_word=type_word,
            parent=parent,
            valid_from=valid_from,
            valid_to=valid_to,
        )
        office.save()
    return office


def ensure_cua_lo(nghe_an: Unit) -> Unit:
    vinh = _legacy(Unit.Kind.DISTRICT, "Thành phố Vinh", nghe_an)
    cua_lo = Unit.objects.filter(
        kind=Unit.Kind.DISTRICT, search_name=fold("Thị xã Cửa Lò"), parent=nghe_an
    ).first()
    if cua_lo is None:
        cua_lo = Unit(
            kind=Unit.Kind.DISTRICT,
            code="413",
            name="Thị xã Cửa Lò",
            short_name="Cửa Lò",
            type_word=Unit.TypeWord.THI_XA,
            parent=nghe_an,
            valid_to=date(2024, 12, 31),
            latitude="18.816700",
            longitude="105.716700",
            note=CUA_LO_NOTE,
        )
        cua_lo.save()
        UnitSuccession.objects.create(
            predecessor=cua_lo,
            successor=vinh,
            date=CUA_LO_MERGED,
            is_main=True,
            basis="Nghị quyết của UBTVQH về sắp xếp ĐVHC cấp huyện, cấp xã tỉnh Nghệ An giai đoạn 2023–2025 (chưa kiểm chứng)",
        )
    return cua_lo


def build_demo(stdout=None) -> list[DemoLogin]:
    write = stdout.write if stdout else (lambda s: None)
    if not Unit.objects.filter(source=CURRENT_SOURCE).exists():
        write("Nhập đơn vị hành chính (cả nước, hai thời kỳ)…")
        import_units()
    roles = {r.code: r for r in Role.objects.all()}
    logins: list[DemoLogin] = []
    with transaction.atomic():
        bac_ninh_old = _legacy(Unit.Kind.PROVINCE, "Tỉnh Bắc Ninh")
        luong_tai = _legacy(Unit.Kind.DISTRICT, "Huyện Lương Tài", bac_ninh_old)
        trung_chinh = _legacy(Unit.Kind.COMMUNE, "Xã Trung Chính", luong_tai)
        thua = _legacy(Unit.Kind.COMMUNE, "Thị trấn Thứa", luong_tai)
        vinh_phuc = _legacy(Unit.Kind.PROVINCE, "Tỉnh Vĩnh Phúc")
        vinh_tuong = _legacy(Unit.Kind.DISTRICT, "Huyện Vĩnh Tường", vinh_phuc)
        long_an = _legacy(Unit.Kind.PROVINCE, "Tỉnh Long An")
        nghe_an = _legacy(Unit.Kind.PROVINCE, "Tỉnh Nghệ An")
        cua_lo = ensure_cua_lo(nghe_an)
        cluster = [_legacy(Unit.Kind.DISTRICT, "Thành phố Vinh", nghe_an), cua_lo] + [
            _legacy(Unit.Kind.DISTRICT, f"Huyện {n}", nghe_an)
            for n in ("Yên Thành", "Diễn Châu", "Nghi Lộc", "Hưng Nguyên", "Nam Đàn")
        ]
        bac_ninh = _current(Unit.Kind.PROVINCE, "Tỉnh Bắc Ninh")
        # The current communes Trung Chính and Thứa became part of.
        new_trung_chinh = (
            UnitSuccession.objects.filter(predecessor=trung_chinh, is_main=True)
            .select_related("successor")
            .first()
            .successor
        )
        new_thua = (
            UnitSuccession.objects.filter(predecessor=thua, is_main=True)
            .select_related("successor")
            .first()
            .successor
        )
        if new_thua == new_trung_chinh:
            new_thua = (
                Unit.objects.filter(parent=bac_ninh, kind=Unit.Kind.COMMUNE)
                .exclude(pk=new_trung_chinh.pk)
                .order_by("name")
                .first()
            )

        # Offices named in the seeds (before the 2025 reform) and today.
        sở_end = date(2025, 2, 28)  # Sở TT&TT merged into Sở KH&CN from 01/3/2025
        for province in (bac_ninh_old, vinh_phuc, long_an, nghe_an):
            _office(province, "Sở Thông tin và Truyền thông", Unit.TypeWord.SO, sở_end)
        for district in [
            luong_tai,
            vinh_tuong,
            *cluster,
            *long_an.children.filter(kind=Unit.Kind.DISTRICT),
        ]:
            _office(
                district,
                "Phòng Văn hóa và Thông tin",
                Unit.TypeWord.PHONG,
                min(LEGACY_END, district.valid_to or LEGACY_END),
            )
        _office(luong_tai, "Trung tâm Hành chính công huyện", Unit.TypeWord.TRUNG_TAM, LEGACY_END)
        _office(bac_ninh, "Sở Khoa học và Công nghệ", Unit.TypeWord.SO, None, date(2025, 7, 1))
        for commune in (new_trung_chinh, new_thua):
            _office(commune, "Phòng Văn hóa - Xã hội", Unit.TypeWord.PHONG, None, date(2025, 7, 1))
            _office(
                commune,
                "Trung tâm Phục vụ hành chính công",
                Unit.TypeWord.TRUNG_TAM,
                None,
                date(2025, 7, 1),
            )

        plan: list[
            tuple[str, str, str, Unit, date | None]
        ] = []  # username, full name, role, unit, valid_to

        def add(username, full_name, role, unit, valid_to=None):
            plan.append((username, full_name, role, unit, valid_to))

        lt = "luongtai"
        for code, (title, _desc, _admin) in R.ROLES.items():
            suffix = {
                R.ADMIN: "quantri",
                R.LEADER: "lanhdao",
                R.EDITOR_IN_CHIEF: "tongbientap",
                R.EDITOR: "bientap",
                R.REPORTER: "phongvien",
                R.CLERK: "motcua",
                R.SPECIALIST: "chuyenvien",
                R.INSPECTOR: "thanhtra",
                R.REPORTING_OFFICER: "baocao",
                R.SUPERVISOR: "giamsat",
            }[code]
            add(f"{lt}.{suffix}", f"{title} huyện Lương Tài", code, luong_tai, LEGACY_END)
        add("trungchinh.canbo", "Cán bộ xã Trung Chính", R.CLERK, trung_chinh, LEGACY_END)
        add(
            "trungchinh.canbo",
            "Cán bộ xã Trung Chính",
            R.REPORTING_OFFICER,
            trung_chinh,
            LEGACY_END,
        )
        add("thua.canbo", "Cán bộ thị trấn Thứa", R.CLERK, thua, LEGACY_END)
        add("thua.canbo", "Cán bộ thị trấn Thứa", R.REPORTING_OFFICER, thua, LEGACY_END)
        add(
            "vinhtuong.tongbientap",
            "Trưởng ban biên tập Cổng TTĐT huyện Vĩnh Tường",
            R.EDITOR_IN_CHIEF,
            vinh_tuong,
            LEGACY_END,
        )
        add("vinhtuong.lanhdao", "Lãnh đạo UBND huyện Vĩnh Tường", R.LEADER, vinh_tuong, LEGACY_END)
        add(
            "vinhtuong.bientap",
            "Biên tập viên Cổng TTĐT huyện Vĩnh Tường",
            R.EDITOR,
            vinh_tuong,
            LEGACY_END,
        )
        add(
            "vinhtuong.phongvien",
            "Phóng viên Cổng TTĐT huyện Vĩnh Tường",
            R.REPORTER,
            vinh_tuong,
            LEGACY_END,
        )
        add("vinhphuc.thanhtra", "Thanh tra Sở TT&TT Vĩnh Phúc", R.INSPECTOR, vinh_phuc, sở_end)
        add(
            "longan.baocao", "Cán bộ báo cáo Sở TT&TT Long An", R.REPORTING_OFFICER, long_an, sở_end
        )
        add("longan.lanhdao", "Lãnh đạo Sở TT&TT Long An", R.LEADER, long_an, sở_end)
        for district in long_an.children.filter(kind=Unit.Kind.DISTRICT).order_by("code"):
            add(
                f"longan.{slug(district)}.baocao",
                f"Cán bộ báo cáo {district.name}",
                R.REPORTING_OFFICER,
                district,
                LEGACY_END,
            )
        add(
            "nghean.baocao", "Cán bộ báo cáo Sở TT&TT Nghệ An", R.REPORTING_OFFICER, nghe_an, sở_end
        )
        for district in cluster:
            end = district.valid_to or LEGACY_END
            add(f"{slug(district)}.lanhdao", f"Lãnh đạo {district.name}", R.LEADER, district, end)
            add(
                f"{slug(district)}.baocao",
                f"Cán bộ báo cáo {district.name}",
                R.REPORTING_OFFICER,
                district,
                end,
            )
        add("bacninh.quantri", "Quản trị hệ thống tỉnh Bắc Ninh", R.ADMIN, bac_ninh)
        add("bacninh.lanhdao", "Lãnh đạo Sở KH&CN Bắc Ninh", R.LEADER, bac_ninh)
        add("bacninh.giamsat", "Đoàn giám sát HĐND tỉnh Bắc Ninh", R.SUPERVISOR, bac_ninh)
        for commune in (new_trung_chinh, new_thua):
            s = "xa" + slug(
                commune
            )  # "xa" prefix: today's commune, not the former unit of that name
            add(f"{s}.motcua", f"Cán bộ một cửa {commune.name}", R.CLERK, commune)
            add(
                f"{s}.chuyenvien",
                f"Chuyên viên Phòng Văn hóa - Xã hội {commune.name}",
                R.SPECIALIST,
                commune,
            )
            add(f"{s}.lanhdao", f"Lãnh đạo UBND {commune.name}", R.LEADER, commune)
            add(f"{s}.baocao", f"Cán bộ báo cáo {commune.name}", R.REPORTING_OFFICER, commune)

        # Historic roles stay valid today so that demo users can log in and look at
        # their period's records; the printed table shows the unit each covers.
        password = make_password(DEMO_PASSWORD)
        now = timezone.now()
        existing = set(
            User.objects.filter(username__in=[p[0] for p in plan]).values_list(
                "username", flat=True
            )
        )
        new_users = {}
        for username, full_name, *_rest in plan:
            if username not in existing and username not in new_users:
                new_users[username] = User(
                    username=username, full_name=full_name, password=password, date_joined=now
                )
        User.objects.bulk_create(new_users.values())
        if not User.objects.filter(username="admin").exists():
            User.objects.create(
                username="admin",
                full_name="Quản trị nền tảng",
                password=password,
                is_superuser=True,
                is_staff=True,
            )
        users = {u.username: u for u in User.objects.filter(username__in=[p[0] for p in plan])}
        have = set(
            Membership.objects.filter(user__in=users.values()).values_list(
                "user__username", "role__code", "unit_id"
            )
        )
        Membership.objects.bulk_create(
            [
                Membership(
                    user=users[u],
                    role=roles[r],
                    unit=unit,
                    valid_from=DEMO_ROLE_START if unit.valid_to else date(2025, 7, 1),
                )
                for u, _n, r, unit, _end in plan
                if (u, r, unit.pk) not in have
            ]
        )
        logins = [DemoLogin(u, n, roles[r].name, unit) for u, n, r, unit, _end in plan]
        logins.insert(
            0, DemoLogin("admin", "Quản trị nền tảng", "Quản trị nền tảng (superuser)", bac_ninh)
        )
    from tttt.org.queries import invalidate_scopes

    from .onestop import build_onestop

    invalidate_scopes()  # memberships were bulk-created

    build_onestop(
        write,
        luong_tai=luong_tai,
        long_an=long_an,
        today_communes=[new_trung_chinh, new_thua],
        slug=slug,
    )
    from .establishments import build_establishments

    build_establishments(
        write, cua_lo=cua_lo, luong_tai=luong_tai, today_communes=[new_trung_chinh, new_thua]
    )
    from .inspections import build_inspections

    build_inspections(write, cua_lo=cua_lo, luong_tai=luong_tai)
    from .inspections import build_recalls, build_sim_sellers

    build_sim_sellers(write, long_an=long_an, luong_tai=luong_tai)
    build_recalls(write, luong_tai=luong_tai)
    from .assignments import build_tasks
    from .portal import build_portals

    build_tasks(vinh_tuong=vinh_tuong, luong_tai=luong_tai)
    from .infra import build_infra

    build_infra(write, luong_tai=luong_tai, long_an=long_an, cluster=cluster, cua_lo=cua_lo,
                today_communes=[new_trung_chinh, new_thua])  # fmt: skip
    build_portals(write, luong_tai=luong_tai, vinh_tuong=vinh_tuong)
    from .documents import build_documents

    build_documents(write, luong_tai=luong_tai, today_commune=new_trung_chinh)
    from .security import build_security

    build_security(
        write,
        luong_tai=luong_tai,
        vinh_tuong=vinh_tuong,
        today_communes=[new_trung_chinh, new_thua],
    )
    from .listening import build_listening

    build_listening(
        write, luong_tai=luong_tai, province=bac_ninh, today_communes=[new_trung_chinh, new_thua]
    )
    from .press import build_press

    build_press(write, luong_tai=luong_tai, today_commune=new_trung_chinh)
    from .reporting import build_reporting

    # The dossiers' rollup closed up to yesterday, as the worker keeps it (`onestop.rollup`).
    DOSSIERS.close_days()
    build_reporting(write, luong_tai=luong_tai, long_an=long_an, cua_lo=cua_lo, cluster=cluster)
    if connection.vendor == "postgresql":
        # Tens of thousands of rows were just written in bulk: without fresh statistics the
        # planner takes 2.000 news pages for 1 and the page search nests loops (2,7 s →
        # 0,09 s). Autovacuum would get there later; the first visitors should not wait.
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return logins
