"""An outgoing document as a PDF in the layout of Decree 30/2020/NĐ-CP: A4 portrait,
margins 20 mm top and bottom, 30 mm left, 15 mm right; the issuing body and the number
top left, the national title and motto top right with place and date; the kind and the
excerpt; the justified body; recipients bottom left and the signature block bottom right,
where the visible signature stamp goes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from fpdf import FPDF

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"
PT_PER_MM = 72 / 25.4
PAGE_H = 297


@dataclass
class Sheet:
    above: str  # the governing body above ("UBND TỈNH BẮC NINH"), may be empty
    body: str  # the issuing body
    number: str  # "Số: 45/TB-UBND"
    place_date: str  # "Lương Tài, ngày 03 tháng 10 năm 2019"
    kind: str  # "THÔNG BÁO", or "" for an official letter
    excerpt: str
    text: str
    recipients: list[str]
    signer_title: str
    signer_name: str


def place_and_date(place: str, day: date) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


class _Pdf(FPDF):
    def header(self):
        if self.page_no() > 1:  # page numbers from page 2, centred in the top margin
            self.set_y(10)
            self.set_font("serif", size=13)
            self.cell(0, 6, str(self.page_no()), align="C")
            self.set_y(20)


def render(sheet: Sheet) -> tuple[bytes, tuple[int, int, int, int], int]:
    """The PDF, the signature stamp's box (points from the bottom left) and its page."""
    pdf = _Pdf(format="A4", unit="mm")
    pdf.set_margins(30, 20, 15)
    pdf.set_auto_page_break(True, margin=20)
    pdf.add_font("serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.add_page()
    left_w, right_w, gap = 70, 90, 5
    right_x = 30 + left_w + gap
    y = 20
    pdf.set_font("serif", size=11)
    if sheet.above:
        pdf.set_xy(30, y)
        pdf.multi_cell(left_w, 5, sheet.above.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_x(30)
    pdf.set_font("serif", "B", 11)
    pdf.multi_cell(left_w, 5, sheet.body.upper(), align="C", new_x="LEFT", new_y="NEXT")
    pdf.line(30 + left_w / 2 - 12, pdf.get_y() + 1, 30 + left_w / 2 + 12, pdf.get_y() + 1)
    pdf.set_xy(30, pdf.get_y() + 3)
    pdf.set_font("serif", size=12)
    pdf.multi_cell(left_w, 6, sheet.number, align="C", new_x="LEFT", new_y="NEXT")
    left_bottom = pdf.get_y()
    pdf.set_xy(right_x, y)
    pdf.set_font("serif", "B", 10.5)
    pdf.cell(right_w, 5, NATIONAL, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_font("serif", "B", 12)
    pdf.cell(right_w, 6, MOTTO, align="C", new_x="LEFT", new_y="NEXT")
    motto_w = pdf.get_string_width(MOTTO)
    pdf.line(
        right_x + (right_w - motto_w) / 2,
        pdf.get_y(),
        right_x + (right_w + motto_w) / 2,
        pdf.get_y(),
    )
    pdf.set_xy(right_x, pdf.get_y() + 4)
    pdf.set_font("serif", size=12)
    pdf.multi_cell(right_w, 6, sheet.place_date, align="C", new_x="LEFT", new_y="NEXT")
    pdf.set_y(max(left_bottom, pdf.get_y()) + 8)

    if sheet.kind:
        pdf.set_font("serif", "B", 13)
        pdf.multi_cell(0, 7, sheet.kind.upper(), align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("serif", "B", 13)
        pdf.multi_cell(0, 7, sheet.excerpt, align="C", new_x="LMARGIN", new_y="NEXT")
        pdf.line(105 + 7.5 - 15, pdf.get_y() + 1, 105 + 7.5 + 15, pdf.get_y() + 1)
    else:  # an official letter: "V/v …" under the number
        pdf.set_x(30)
        pdf.set_font("serif", size=11)
        pdf.multi_cell(left_w, 5, f"V/v {sheet.excerpt}", align="C", new_x="LEFT", new_y="NEXT")
    pdf.ln(6)

    pdf.set_font("serif", size=13)
    for paragraph in [p.strip() for p in sheet.text.splitlines() if p.strip()]:
        pdf.multi_cell(0, 7, "    " + paragraph, align="J", new_x="LMARGIN", new_y="NEXT")
        pdf.ln(2)
    pdf.ln(4)

    if pdf.get_y() > PAGE_H - 20 - 55:  # the signature block stays together
        pdf.add_page()
    top = pdf.get_y()
    pdf.set_font("serif", "B", 11)
    pdf.set_x(30)
    pdf.cell(left_w, 6, "Nơi nhận:", new_x="LEFT", new_y="NEXT")
    pdf.set_font("serif", size=10)
    for line in sheet.recipients or ["- Lưu: VT."]:
        pdf.multi_cell(
            left_w, 5, line if line.startswith("-") else f"- {line}", new_x="LEFT", new_y="NEXT"
        )
    pdf.set_xy(right_x, top)
    pdf.set_font("serif", "B", 12)
    pdf.multi_cell(right_w, 6, sheet.signer_title.upper(), align="C", new_x="LEFT", new_y="NEXT")
    stamp_top = pdf.get_y() + 2
    stamp_h = 22
    pdf.set_xy(right_x, stamp_top + stamp_h + 3)
    pdf.set_font("serif", "B", 13)
    pdf.multi_cell(right_w, 7, sheet.signer_name, align="C", new_x="LEFT", new_y="NEXT")
    page = pdf.page_no() - 1
    box = (
        round((right_x + 5) * PT_PER_MM),
        round((PAGE_H - stamp_top - stamp_h) * PT_PER_MM),
        round((right_x + right_w - 5) * PT_PER_MM),
        round((PAGE_H - stamp_top) * PT_PER_MM),
    )
    return bytes(pdf.output()), box, page
