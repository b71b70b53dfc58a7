"""A report as a Word document in the administrative format of Decree 30/2020/NĐ-CP
(national motto, issuing body, number and symbol, place and date, title, body, recipients,
signature block; Times New Roman, A4, the decree's margins), and its figures as XLSX."""

from __future__ import annotations

import io

from django.utils import timezone

from tttt.core import decree30
from tttt.core.decree30 import Sheet
from tttt.core.formatting import format_date

from .models import Report
from .queries import FigureRow, report_rows

ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def issuing_body(report: Report) -> tuple[str, str]:
    """The governing body above and the issuing body, upper case (Decree 30, Appendix I)."""
    return "ỦY BAN NHÂN DÂN", report.unit.name.upper()


def place_and_date(report: Report) -> str:
    place = report.place or report.unit.short_name or report.unit.name
    return decree30.place_and_date(place, report.signed_on or timezone.localdate())


def title(report: Report) -> str:
    return f"{report.form.name} {report.period.label[0].lower()}{report.period.label[1:]}"


def document_rows(report: Report) -> list[FigureRow]:
    return report_rows(report, live=not report.is_frozen)


def to_docx(report: Report, rows: list[FigureRow] | None = None) -> bytes:
    from docx.enum.text import WD_ALIGN_PARAGRAPH

    rows = document_rows(report) if rows is None else rows
    sheet = Sheet()
    above, body = issuing_body(report)
    sheet.header(above=above, body=body, number=f"Số: {report.number or '      /BC-UBND'}",
                 place_date=place_and_date(report))  # fmt: skip
    center = WD_ALIGN_PARAGRAPH.CENTER
    sheet.title("BÁO CÁO", title(report))
    sheet.para(None, report.window_text, italic=True, size=13, align=center)

    sheet.para(None, f"{ROMAN[0]}. SỐ LIỆU", bold=True)
    table = sheet.doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Chỉ tiêu", "Số liệu"], strict=True):
        sheet.para(cell, text, bold=True, size=13, align=center, first=True)
    group = None
    for number, row in enumerate(rows, start=1):
        if row.group and row.group != group:
            group = row.group
            cells = table.add_row().cells
            merged = cells[0].merge(cells[2])
            sheet.para(merged, group, bold=True, size=13, first=True)
        cells = table.add_row().cells
        sheet.para(cells[0], str(number), size=13, align=center, first=True)
        sheet.para(cells[1], row.entry.name, size=13, first=True)
        sheet.para(cells[2], row.shown, size=13, align=WD_ALIGN_PARAGRAPH.RIGHT, first=True)
    for i, s in enumerate(report.sections.all(), start=1):
        sheet.para(None, f"{ROMAN[i]}. {s.title.upper()}", bold=True)
        sheet.body(s.text)
    recipients = [r.strip() for r in report.recipients.splitlines() if r.strip()]
    sheet.footer(recipients=recipients, signer_title=report.signer_title or "TM. ỦY BAN NHÂN DÂN",
                 signer_name=report.signer_name)  # fmt: skip
    return sheet.bytes()


def to_xlsx(report: Report, rows: list[FigureRow] | None = None) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    rows = report_rows(report) if rows is None else rows
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append([title(report)])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([f"Đơn vị: {report.unit.name}"])
    period = f"Kỳ: {report.period.label} ({format_date(report.period_start)} – {format_date(report.period_end)})"
    if report.form.data_window == report.form.Window.DECREE_09:  # the days differ: say which
        period += " " + report.window_text
    ws.append([period])
    submitted = (
        format_date(timezone.localtime(report.submitted_at)) if report.submitted_at else "chưa nộp"
    )
    ws.append(
        [
            f"Trạng thái: {report.get_status_display()}; nộp: {submitted}; hạn nộp: {format_date(report.due_on)}"
        ]
    )
    ws.append([])
    headers = [
        "STT",
        "Nhóm",
        "Mã chỉ tiêu",
        "Chỉ tiêu",
        "Nguồn",
        "Số liệu báo cáo",
        "Tính lại hiện nay",
        "Chênh lệch",
    ]
    ws.append(headers)
    for cell in ws[ws.max_row]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for i, row in enumerate(rows, start=1):
        ws.append([i, row.group, row.code, row.entry.name, row.entry.source, _number(row.value),
                   _number(row.live) if row.entry.computed else None, _number(row.difference)])  # fmt: skip
    for column, width in zip("ABCDEFGH", [6, 22, 30, 60, 14, 16, 16, 12], strict=True):
        ws.column_dimensions[column].width = width
    sheet = wb.create_sheet("Nội dung")
    for s in report.sections.all():
        sheet.append([s.title])
        sheet.cell(sheet.max_row, 1).font = Font(bold=True)
        sheet.append([s.text])
        sheet.cell(sheet.max_row, 1).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.column_dimensions["A"].width = 120
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)


def filename(report: Report, extension: str) -> str:
    from tttt.core.text import fold

    slug = "-".join(fold(report.unit.name).split())
    return f"bao-cao-{report.form.code}-{slug}-{report.period}.{extension}".replace("..", "-")
