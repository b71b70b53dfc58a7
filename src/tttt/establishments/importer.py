"""Establishments from XLSX/CSV, all or nothing (same rules as every TTTT import)."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _

from tttt.core.formatting import format_number
from tttt.core.imports import row_imported
from tttt.core.tabular import ImportRejected, Problem, read_table, rows_by_header
from tttt.core.tabular import parse_date as _date
from tttt.core.tabular import parse_decimal as _decimal
from tttt.org.queries import resolve_unit, user_can
from tttt.org.services import acting

from .models import BusinessType, Establishment, StatusChange

COLUMNS = [
    ("type", "Loại hình"),
    ("name", "Tên cơ sở"),
    ("owner_kind", "Chủ cơ sở là"),
    ("owner_name", "Chủ cơ sở"),
    ("owner_id_number", "Số CCCD / mã số doanh nghiệp"),
    ("registration_number", "Số đăng ký kinh doanh"),
    ("address", "Địa chỉ"),
    ("unit", "Mã đơn vị hành chính"),
    ("latitude", "Vĩ độ"),
    ("longitude", "Kinh độ"),
    ("floor_area", "Diện tích (m²)"),
    ("machines", "Số máy"),
    ("rooms", "Số phòng"),
    ("opening_hours", "Giờ hoạt động"),
    ("opened_on", "Ngày bắt đầu hoạt động"),
    (
        "principal",
        "Doanh nghiệp viễn thông / đại lý",
    ),  # SIM sellers; last, so older sheets still fit
]
HEADERS = [title for _key, title in COLUMNS]
REQUIRED = ["type", "name", "owner_name", "address", "unit"]
OWNER_KINDS = {"cá nhân": "person", "hộ kinh doanh": "person", "tổ chức": "organisation",
               "doanh nghiệp": "organisation", "": "person"}  # fmt: skip


def parse(table, user):
    rows, problems = rows_by_header(table, COLUMNS, REQUIRED)
    if problems:
        return [], problems
    types = {t.code: t for t in BusinessType.objects.filter(is_active=True)}
    by_name = {t.name.lower(): t for t in types.values()}
    title = dict(COLUMNS)
    parsed = []

    def bad(row, key, message):
        problems.append(Problem(row, title[key], message))

    for number, v in rows:
        data = {}
        btype = types.get(v["type"]) or by_name.get(v["type"].lower())
        if btype is None:
            bad(number, "type", f"Không có loại hình «{v['type']}»; dùng mã: {', '.join(types)}.")
        data["business_type"] = btype
        for key in ("name", "owner_name", "address"):
            if not v[key]:
                bad(number, key, "Bắt buộc.")
            data[key] = v[key]
        kind = OWNER_KINDS.get(v.get("owner_kind", "").lower())
        if kind is None:
            bad(number, "owner_kind", "Ghi «cá nhân» hoặc «tổ chức».")
        data["owner_kind"] = kind
        data["owner_id_number"] = v.get("owner_id_number", "")
        data["registration_number"] = v.get("registration_number", "")
        data["opening_hours"] = v.get("opening_hours", "")
        data["principal"] = v.get("principal", "")
        current, former = resolve_unit(v["unit"]) if v["unit"] else (None, None)
        if v["unit"] and current is None:
            bad(number, "unit", f"Không có đơn vị hành chính mã «{v['unit']}».")
        elif current is not None and not user_can(
            user, "establishments.add_establishment", current
        ):
            bad(number, "unit", f"{current.name} nằm ngoài phạm vi của bạn.")
        data["unit"], data["former_unit"] = current, former
        for key, low, high in (("latitude", 8, 24), ("longitude", 102, 110)):
            if v.get(key):
                value = _decimal(v[key])
                if value is None or not (low <= value <= high):
                    bad(number, key, f"Phải là số trong khoảng {low}–{high} (toạ độ ở Việt Nam).")
                data[key] = value
        if v.get("floor_area"):
            area = _decimal(v["floor_area"], 1)
            if area is None or area <= 0:
                bad(number, "floor_area", "Phải là số dương (m²).")
            data["floor_area"] = area
        for key in ("machines", "rooms"):
            if v.get(key):
                if not v[key].isdigit():
                    bad(number, key, "Phải là số nguyên không âm.")
                else:
                    data[key] = int(v[key])
        if v.get("opened_on"):
            day = _date(v["opened_on"])
            if day is None:
                bad(number, "opened_on", "Ngày không hợp lệ; ghi dd/mm/yyyy.")
            data["opened_on"] = day
        parsed.append((number, data))
    return parsed, problems


def import_establishments(*, user, filename: str, content: bytes) -> int:
    if not user.has_perm("establishments.add_establishment"):
        raise PermissionDenied("Bạn không có quyền nhập cơ sở kinh doanh.")
    rows, problems = parse(read_table(filename, content), user)
    if problems:
        raise ImportRejected(problems)
    with acting(user):
        for number, data in rows:
            e = Establishment(**data)
            try:
                e.full_clean(exclude=["search_name"])
            except ValidationError as exc:  # rolls the whole file back
                raise ImportRejected(
                    [Problem(number, f, " ".join(m)) for f, m in exc.message_dict.items()]
                ) from exc
            e.save()
            StatusChange.objects.create(
                establishment=e, status=e.status, on=e.opened_on or date.today(), actor=user,
                reason="Nhập từ tệp",
            )  # fmt: skip
            row_imported()
    return len(rows)


def run(user, filename: str, content: bytes) -> str:
    """The import page's runner (core.import_page): the import and what it did."""
    count = import_establishments(user=user, filename=filename, content=content)
    return _("Đã nhập {n} cơ sở.").format(n=format_number(count, 0))
