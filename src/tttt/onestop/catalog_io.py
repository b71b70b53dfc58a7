"""Procedure catalog as XLSX or CSV: export, and an all-or-nothing import.

An import reads every row first; if any cell is wrong, nothing is written and every
problem is listed with its row and column. Otherwise the whole file is written in one
transaction: procedures are matched by their code (changed or added), their papers and
steps replaced, their receiving units set.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import F
from django.utils.translation import gettext as _

from tttt.core.formatting import format_number
from tttt.core.imports import row_imported
from tttt.core.tabular import ImportRejected, Problem, read_table, rows_by_header
from tttt.org.models import Unit
from tttt.org.queries import user_can
from tttt.org.services import acting

from .models import Procedure, ProcedureDocument, ProcedureField, ProcedureStep

__all__ = [
    "HEADERS",
    "ImportRejected",
    "Problem",
    "export_csv",
    "export_xlsx",
    "import_catalog",
    "run",
]

COLUMNS = [
    ("code", "Mã thủ tục"),
    ("name", "Tên thủ tục"),
    ("field_code", "Mã lĩnh vực"),
    ("field_name", "Tên lĩnh vực"),
    ("level", "Cấp thực hiện"),
    ("duration", "Thời hạn"),
    ("duration_unit", "Đơn vị thời hạn"),
    ("fee", "Phí, lệ phí (đồng)"),
    ("fee_note", "Ghi chú phí"),
    ("online_service", "Dịch vụ công trực tuyến"),
    ("legacy_level", "Mức độ cũ (1-4)"),
    ("legal_basis", "Căn cứ pháp lý"),
    ("units", "Mã cơ quan tiếp nhận"),
    ("documents", "Thành phần hồ sơ"),
    ("steps", "Quy trình nội bộ"),
    ("is_active", "Đang áp dụng"),
]
HEADERS = [h for _k, h in COLUMNS]
LEVELS = {"trung ương": "central", "tỉnh": "province", "huyện": "district", "xã": "commune"}
UNITS = {"ngày": "day", "giờ": "hour"}
ONLINE = {"toàn trình": "full", "một phần": "partial", "không": "none"}
YES = {"có": True, "x": True, "1": True, "không": False, "0": False, "": True}
_DOC = re.compile(r"^(?P<name>.+?)\s*\[(?P<o>\d+)\s*/\s*(?P<c>\d+)\]\s*$")


@dataclass
class Row:
    number: int
    values: dict
    documents: list = field(default_factory=list)
    steps: list = field(default_factory=list)
    units: list = field(default_factory=list)


# ---------------------------------------------------------------- export


def _label(mapping: dict, value) -> str:
    return next((k for k, v in mapping.items() if v == value), "")


def export_rows(procedures) -> list[list]:
    rows = []
    for p in procedures.select_related("field").prefetch_related("units", "documents", "steps"):
        rows.append([
            p.code, p.name, p.field.code, p.field.name, _label(LEVELS, p.level), p.duration,
            _label(UNITS, p.duration_unit), p.fee, p.fee_note, _label(ONLINE, p.online_service),
            p.legacy_level or "", p.legal_basis, "; ".join(u.code for u in p.units.all()),
            "\n".join(f"{d.name} [{d.originals}/{d.copies}]" for d in p.documents.all()),
            "\n".join(f"{s.name} | {s.role} | {s.share}" for s in p.steps.all()),
            "có" if p.is_active else "không",
        ])  # fmt: skip
    return rows


def export_xlsx(procedures) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    wb = Workbook()
    ws = wb.active
    ws.title = "Thủ tục"
    ws.append(HEADERS)
    for cell in ws[1]:
        cell.font = Font(bold=True)
    for row in export_rows(procedures):
        ws.append(row)
    for col, width in zip("ABCDEFGHIJKLMNOP", (22, 60, 12, 30, 12, 9, 10, 14, 20, 16, 10, 40, 24, 60, 50, 10), strict=True):  # fmt: skip
        ws.column_dimensions[col].width = width
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def export_csv(procedures) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(HEADERS)
    writer.writerows(export_rows(procedures))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # BOM: Excel opens it as UTF-8


# ---------------------------------------------------------------- import


def parse(table: list[list], user) -> tuple[list[Row], list[Problem]]:
    found, problems = rows_by_header(table, COLUMNS, [k for k, _t in COLUMNS[:8]])
    if problems:
        return [], problems
    units_by_code: dict[str, list[Unit]] = {}
    wanted_codes = set()
    rows: list[Row] = []
    for number, values in found:
        rows.append(Row(number, values))
        wanted_codes.update(
            c.strip() for c in re.split(r"[;,\n]", values.get("units", "")) if c.strip()
        )
    # Codes repeat across the 2025 reform (a commune kept its code): today's unit first.
    for u in Unit.objects.filter(code__in=wanted_codes).order_by(
        F("valid_to").desc(nulls_first=True), F("valid_from").desc(nulls_last=True)
    ):
        units_by_code.setdefault(u.code, []).append(u)
    seen: dict[str, int] = {}
    title = dict(COLUMNS)

    def bad(row, key, message):
        problems.append(Problem(row.number, title[key], message))

    for row in rows:
        v = row.values
        if not v["code"]:
            bad(row, "code", "Bắt buộc.")
        elif len(v["code"]) > 40:
            bad(row, "code", "Tối đa 40 ký tự.")
        elif v["code"] in seen:
            bad(row, "code", f"Trùng với dòng {seen[v['code']]}.")
        else:
            seen[v["code"]] = row.number
        if not v["name"]:
            bad(row, "name", "Bắt buộc.")
        if not v["field_code"]:
            bad(row, "field_code", "Bắt buộc.")
        if v["level"].lower() not in LEVELS:
            bad(row, "level", f"Phải là một trong: {', '.join(LEVELS)}.")
        if not v["duration"].isdigit() or int(v["duration"]) < 1:
            bad(row, "duration", "Phải là số nguyên dương (số ngày hoặc số giờ làm việc).")
        if v["duration_unit"].lower() not in UNITS:
            bad(row, "duration_unit", "Ghi «ngày» hoặc «giờ».")
        fee = v["fee"].replace(".", "").replace(",", "").replace(" ", "") or "0"
        if not fee.isdigit():
            bad(row, "fee", "Phải là số đồng, ví dụ 100000 hoặc 100.000.")
        else:
            v["fee"] = fee
        if v.get("online_service", "").lower() not in ONLINE and v.get("online_service"):
            bad(row, "online_service", f"Phải là một trong: {', '.join(ONLINE)}.")
        if v.get("legacy_level") and v["legacy_level"] not in {"1", "2", "3", "4"}:
            bad(row, "legacy_level", "Để trống hoặc ghi 1, 2, 3, 4.")
        if v.get("is_active", "").lower() not in YES:
            bad(row, "is_active", "Ghi «có» hoặc «không».")
        for code in (c.strip() for c in re.split(r"[;,\n]", v.get("units", "")) if c.strip()):
            found = units_by_code.get(code)
            if not found:
                bad(row, "units", f"Không có đơn vị mã «{code}».")
            elif not user_can(user, "onestop.change_procedure", found[0]):
                bad(row, "units", f"Đơn vị «{found[0].name}» nằm ngoài phạm vi của bạn.")
            else:
                row.units.append(found[0])
        for line in filter(None, (x.strip() for x in v.get("documents", "").split("\n"))):
            m = _DOC.match(line)
            row.documents.append((m["name"], int(m["o"]), int(m["c"])) if m else (line, 1, 0))
        total = 0
        for line in filter(None, (x.strip() for x in v.get("steps", "").split("\n"))):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 3 or not parts[2].rstrip("%").isdigit():
                bad(row, "steps", f"«{line}»: ghi «tên bước | vai trò | tỷ lệ %».")
                continue
            share = int(parts[2].rstrip("%"))
            total += share
            row.steps.append((parts[0], parts[1], share))
        if total > 100:
            bad(row, "steps", f"Tổng tỷ lệ thời gian các bước là {total}%, vượt 100%.")
    return rows, problems


def import_catalog(*, user, filename: str, content: bytes) -> dict[str, int]:
    """Write the whole file or nothing; returns counts of added and changed procedures."""
    if not (user.has_perm("onestop.add_procedure") and user.has_perm("onestop.change_procedure")):
        raise PermissionDenied("Bạn không có quyền nhập danh mục thủ tục.")
    rows, problems = parse(read_table(filename, content), user)
    if problems:
        raise ImportRejected(problems)
    added = changed = 0
    with acting(user):
        fields = {f.code: f for f in ProcedureField.objects.all()}
        existing = {
            p.code: p for p in Procedure.objects.filter(code__in=[r.values["code"] for r in rows])
        }
        for row in rows:
            v = row.values
            fld = fields.get(v["field_code"])
            if fld is None:
                fld = ProcedureField.objects.create(
                    code=v["field_code"], name=v["field_name"] or v["field_code"]
                )
                fields[fld.code] = fld
            p = existing.get(v["code"]) or Procedure(code=v["code"])
            changed, added = (changed + 1, added) if p.pk else (changed, added + 1)
            p.name, p.field = v["name"], fld
            p.level, p.duration = LEVELS[v["level"].lower()], int(v["duration"])
            p.duration_unit, p.fee = UNITS[v["duration_unit"].lower()], int(v["fee"])
            p.fee_note, p.legal_basis = v.get("fee_note", ""), v.get("legal_basis", "")
            p.online_service = ONLINE.get(v.get("online_service", "").lower(), "none")
            p.legacy_level = int(v["legacy_level"]) if v.get("legacy_level") else None
            p.is_active = YES[v.get("is_active", "").lower()]
            try:
                p.full_clean(exclude=["units", "search_name"])
            except ValidationError as exc:  # rolls the whole file back
                raise ImportRejected([
                    Problem(row.number, str(Procedure._meta.get_field(f).verbose_name), " ".join(m))
                    if f != "__all__" else Problem(row.number, "—", " ".join(m))
                    for f, m in exc.message_dict.items()
                ]) from exc  # fmt: skip
            p.save()
            p.units.set(row.units)
            p.documents.all().delete()
            ProcedureDocument.objects.bulk_create(
                ProcedureDocument(procedure=p, order=i, name=n, originals=o, copies=c)
                for i, (n, o, c) in enumerate(row.documents, start=1)
            )
            p.steps.all().delete()
            ProcedureStep.objects.bulk_create(
                ProcedureStep(procedure=p, order=i, name=n, role=r, share=s)
                for i, (n, r, s) in enumerate(row.steps, start=1)
            )
            row_imported()
    return {"added": added, "changed": changed}


def run(user, filename: str, content: bytes) -> str:
    """The import page's runner (core.import_page): the import and what it did."""
    result = import_catalog(user=user, filename=filename, content=content)
    return _("Đã nhập danh mục: thêm {added}, cập nhật {changed} thủ tục.").format(
        **{key: format_number(n, 0) for key, n in result.items()}
    )
