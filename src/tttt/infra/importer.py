"""BTS stations from XLSX/CSV, all or nothing: every problem by row and column, nothing
written unless there is none."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError
from django.utils.translation import gettext as _

from tttt.core.formatting import format_number
from tttt.core.imports import row_imported
from tttt.core.tabular import (
    ImportRejected,
    Problem,
    parse_date,
    parse_decimal,
    read_table,
    rows_by_header,
)
from tttt.org.queries import resolve_unit, user_can
from tttt.org.services import acting

from .models import BtsStation, Operator

COLUMNS = [
    ("operator", "Doanh nghiệp"),
    ("code", "Mã trạm"),
    ("name", "Tên trạm"),
    ("address", "Địa chỉ"),
    ("unit", "Mã đơn vị hành chính"),
    ("latitude", "Vĩ độ"),
    ("longitude", "Kinh độ"),
    ("technologies", "Công nghệ"),
    ("height_m", "Chiều cao cột (m)"),
    ("mast", "Loại cột"),
    ("permit_number", "Số giấy phép xây dựng"),
    ("permit_date", "Ngày cấp phép"),
    ("shared_with", "Dùng chung với"),
    ("commissioned_on", "Ngày phát sóng"),
    ("status", "Trạng thái"),
    ("stopped_on", "Ngày ngừng phát sóng"),
]
HEADERS = [title for _key, title in COLUMNS]
REQUIRED = ["operator", "code", "address", "unit", "technologies"]
EXAMPLE = ["viettel", "BNH0231", "Trạm Trung Chính 2", "Thôn Phú Thọ, xã Trung Chính",
           "09592", "21.0312", "106.2341", "2G, 4G, 5G", "42", "dưới đất", "125/GPXD",
           "15/03/2024", "vnpt", "01/06/2024", "đang phát sóng", ""]  # fmt: skip
TECHNOLOGY = {"2G": "has_2g", "3G": "has_3g", "4G": "has_4g", "5G": "has_5g"}
STATUS = {"": "operating", "đang phát sóng": "operating", "đang xây dựng": "planned",
          "ngừng phát sóng": "stopped", "đã tháo dỡ": "dismantled",
          **{s.value: s.value for s in BtsStation.Status}}  # fmt: skip
MAST = {"": "ground", "dưới đất": "ground", "trên nóc nhà": "rooftop", "ngụy trang": "camouflaged",
        **{m.value: m.value for m in BtsStation.Mast}}  # fmt: skip
HELP = (
    "Mỗi dòng một trạm. «Doanh nghiệp» và «Dùng chung với» ghi mã doanh nghiệp (viettel, vnpt, "
    "mobifone, vietnamobile…; nhiều mã cách nhau dấu phẩy); «Mã đơn vị hành chính» là mã xã, "
    "phường hiện nay hoặc trước 01/7/2025; «Công nghệ» ghi 2G, 3G, 4G, 5G cách nhau dấu phẩy; "
    "«Trạng thái»: đang phát sóng, đang xây dựng, ngừng phát sóng, đã tháo dỡ. Ngày ghi dd/mm/yyyy. "
    "Trạm đã có (cùng doanh nghiệp, cùng mã) thì tệp bị từ chối."
)


def parse(table, user):
    rows, problems = rows_by_header(table, COLUMNS, REQUIRED)
    if problems:
        return [], problems
    operators = {o.code: o for o in Operator.objects.filter(is_active=True)}
    title = dict(COLUMNS)
    seen: dict[tuple, int] = {}
    parsed = []

    def bad(row, key, message):
        problems.append(Problem(row, title[key], message))

    for number, v in rows:
        data, shared = {}, []
        operator = operators.get(v["operator"].lower())
        if operator is None:
            bad(
                number,
                "operator",
                f"Không có doanh nghiệp mã «{v['operator']}»; dùng: {', '.join(operators)}.",
            )
        data["operator"] = operator
        for key in ("code", "address"):
            if not v[key]:
                bad(number, key, "Bắt buộc.")
        data.update(code=v["code"], name=v.get("name", ""), address=v["address"],
                    permit_number=v.get("permit_number", ""))  # fmt: skip
        if operator and v["code"]:
            if (operator.pk, v["code"]) in seen:
                bad(number, "code", f"Trùng với dòng {seen[(operator.pk, v['code'])]}.")
            seen[(operator.pk, v["code"])] = number
        current, former = resolve_unit(v["unit"]) if v["unit"] else (None, None)
        if not v["unit"]:
            bad(number, "unit", "Bắt buộc.")
        elif current is None:
            bad(number, "unit", f"Không có đơn vị hành chính mã «{v['unit']}».")
        elif not user_can(user, "infra.add_btsstation", current):
            bad(number, "unit", f"{current.name} nằm ngoài phạm vi của bạn.")
        data["unit"], data["former_unit"] = current, former
        techs = [
            t.strip().upper() for t in v["technologies"].replace(";", ",").split(",") if t.strip()
        ]
        unknown = [t for t in techs if t not in TECHNOLOGY]
        if not techs or unknown:
            bad(
                number,
                "technologies",
                "Ghi một hoặc nhiều trong 2G, 3G, 4G, 5G, cách nhau dấu phẩy.",
            )
        for tech, field in TECHNOLOGY.items():
            data[field] = tech in techs
        for key, low, high in (("latitude", 8, 24), ("longitude", 102, 110)):
            if v.get(key):
                value = parse_decimal(v[key])
                if value is None or not (low <= value <= high):
                    bad(number, key, f"Phải là số trong khoảng {low}–{high} (toạ độ ở Việt Nam).")
                data[key] = value
        if v.get("height_m"):
            height = parse_decimal(v["height_m"], 1)
            if height is None or not (0 < height < 1000):
                bad(number, "height_m", "Phải là số mét lớn hơn 0.")
            data["height_m"] = height
        for key, choices in (("mast", MAST), ("status", STATUS)):
            value = choices.get(v.get(key, "").lower())
            if value is None:
                words = ", ".join(k for k in choices if not k.isascii())
                bad(number, key, f"Không hợp lệ; ghi một trong: {words}.")
            data[key] = value
        for key in ("permit_date", "commissioned_on", "stopped_on"):
            if v.get(key):
                day = parse_date(v[key])
                if day is None:
                    bad(number, key, "Ngày không hợp lệ; ghi dd/mm/yyyy.")
                data[key] = day
        for code in [c.strip().lower() for c in v.get("shared_with", "").split(",") if c.strip()]:
            if code not in operators:
                bad(number, "shared_with", f"Không có doanh nghiệp mã «{code}».")
            elif operator is None or code != operator.code:
                shared.append(operators[code])
        parsed.append((number, data, shared))
    return parsed, problems


def import_stations(*, user, filename: str, content: bytes) -> int:
    """Import every row of the file, or none; raises ImportRejected with the problems."""
    if not user.has_perm("infra.add_btsstation"):
        raise PermissionDenied("Bạn không có quyền nhập trạm BTS.")
    rows, problems = parse(read_table(filename, content), user)
    if problems:
        raise ImportRejected(problems)
    title = dict(COLUMNS)
    stations = []
    for number, data, shared in rows:  # the database's rules too, for every row, before writing
        station = BtsStation(**data)
        try:
            station.full_clean(exclude=["search_name"])
        except ValidationError as exc:
            problems += [
                Problem(number, title.get(f, "dòng"), " ".join(m))
                for f, m in exc.message_dict.items()
            ]
        stations.append((station, shared))
    if problems:
        raise ImportRejected(problems)
    try:
        with acting(user):
            for station, shared in stations:
                station.save()
                station.shared_with.set(shared)
                row_imported()
    except IntegrityError as exc:  # another import wrote the same station meanwhile
        raise ImportRejected(
            [
                Problem(
                    1,
                    title["code"],
                    "Một trạm trong tệp vừa được nhập bởi người khác; nhập lại tệp.",
                )
            ]
        ) from exc
    return len(stations)


def run(user, filename: str, content: bytes) -> str:
    """The import page's runner (core.import_page): the import and what it did."""
    count = import_stations(user=user, filename=filename, content=content)
    return _("Đã nhập {n} trạm BTS.").format(n=format_number(count, 0))
