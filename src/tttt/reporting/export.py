"""A report as a Word document in the administrative format of Decree 30/2020/NĐ-CP
(national motto, issuing body, number and symbol, place and date, title, body, recipients,
signature block; Times New Roman, A4, the decree's margins), and its figures as XLSX."""

from __future__ import annotations

import io

from django.utils import timezone

from tttt.core.formatting import format_date

from .models import Report
from .queries import FigureRow, report_rows

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")
ROMAN = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"]


def issuing_body(report: Report) -> tuple[str, str]:
    """The governing body above and the issuing body, upper case (Decree 30, Appendix I)."""
    return "ỦY BAN NHÂN DÂN", report.unit.name.upper()


def place_and_date(report: Report) -> str:
    place = report.place or report.unit.short_name or report.unit.name
    day = report.signed_on or timezone.localdate()
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


def title(report: Report) -> str:
    return f"{report.form.name} {report.period.label[0].lower()}{report.period.label[1:]}"


def document_rows(report: Report) -> list[FigureRow]:
    return report_rows(report, live=not report.is_frozen)


def to_docx(report: Report, rows: list[FigureRow] | None = None) -> bytes:
    from docx import Document
    from docx.enum.table import WD_TABLE_ALIGNMENT
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm, Pt

    rows = document_rows(report) if rows is None else rows
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(20), Mm(20)
    section.left_margin, section.right_margin = Mm(30), Mm(15)
    normal = doc.styles["Normal"]
    normal.font.name = "Times New Roman"
    normal.font.size = Pt(14)
    normal.element.rPr.rFonts.set(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia", "Times New Roman"
    )

    def para(cell_or_doc, text="", *, bold=False, italic=False, size=None, align=None, first=False):
        p = cell_or_doc.paragraphs[0] if first else cell_or_doc.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        return p

    center = WD_ALIGN_PARAGRAPH.CENTER
    header = doc.add_table(rows=1, cols=2)
    header.alignment = WD_TABLE_ALIGNMENT.CENTER
    left, right = header.rows[0].cells
    above, body = issuing_body(report)
    para(left, above, size=13, align=center, first=True)
    para(left, body, bold=True, size=13, align=center)
    para(left, "_______", size=13, align=center)
    para(left, f"Số: {report.number or '      /BC-UBND'}", size=13, align=center)
    para(right, MOTTO[0], bold=True, size=12, align=center, first=True)
    para(right, MOTTO[1], bold=True, size=13, align=center)
    para(right, "_______________________", size=13, align=center)
    para(right, place_and_date(report), italic=True, size=13, align=center)

    doc.add_paragraph()
    para(doc, "BÁO CÁO", bold=True, align=center)
    para(doc, title(report), bold=True, align=center)
    para(doc, "_______", align=center)
    para(doc, report.window_text, italic=True, size=13, align=center)

    para(doc, f"{ROMAN[0]}. SỐ LIỆU", bold=True)
    table = doc.add_table(rows=1, cols=3)
    table.style = "Table Grid"
    for cell, text in zip(table.rows[0].cells, ["STT", "Chỉ tiêu", "Số liệu"], strict=True):
        para(cell, text, bold=True, size=13, align=center, first=True)
    group = None
    for number, row in enumerate(rows, start=1):
        if row.group and row.group != group:
            group = row.group
            cells = table.add_row().cells
            merged = cells[0].merge(cells[2])
            para(merged, group, bold=True, size=13, first=True)
        cells = table.add_row().cells
        para(cells[0], str(number), size=13, align=center, first=True)
        para(cells[1], row.entry.name, size=13, first=True)
        para(cells[2], row.shown, size=13, align=WD_ALIGN_PARAGRAPH.RIGHT, first=True)
    for i, s in enumerate(report.sections.all(), start=1):
        para(doc, f"{ROMAN[i]}. {s.title.upper()}", bold=True)
        for line in (s.text or "").splitlines() or [""]:
            p = para(doc, line)
            p.paragraph_format.first_line_indent = Mm(10)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    doc.add_paragraph()
    footer = doc.add_table(rows=1, cols=2)
    left, right = footer.rows[0].cells
    para(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
    for line in [r.strip() for r in report.recipients.splitlines() if r.strip()] or ["- Lưu: VT."]:
        para(left, line if line.startswith("-") else f"- {line}", size=11)
    para(right, (report.signer_title or "TM. ỦY BAN NHÂN DÂN").upper(), bold=True, size=13,
         align=center, first=True)  # fmt: skip
    for _ in range(4):
        para(right, "", size=13)
    para(right, report.signer_name, bold=True, size=14, align=center)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


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
