"""Word documents in the administrative layout of Decree 30/2020/NĐ-CP, shared by every
app that writes one (a report, a meeting's conclusion notice): A4, Times New Roman, the
decree's margins; the issuing body and number top left, the national title and motto with
place and date top right; recipients and the signature block at the end."""

from __future__ import annotations

import io

MOTTO = ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc")


def place_and_date(place: str, day) -> str:
    return f"{place}, ngày {day.day:02d} tháng {day.month:02d} năm {day.year}"


class Sheet:
    """A python-docx document being written in the Decree 30 layout."""

    def __init__(self):
        from docx import Document
        from docx.shared import Mm, Pt

        self.doc = doc = Document()
        section = doc.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(20), Mm(20)
        section.left_margin, section.right_margin = Mm(30), Mm(15)
        normal = doc.styles["Normal"]
        normal.font.name = "Times New Roman"
        normal.font.size = Pt(14)
        normal.element.rPr.rFonts.set(
            "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia",
            "Times New Roman",
        )

    def para(
        self, where=None, text="", *, bold=False, italic=False, size=None, align=None, first=False
    ):
        from docx.shared import Pt

        where = where if where is not None else self.doc
        p = where.paragraphs[0] if first else where.add_paragraph()
        run = p.add_run(text)
        run.bold, run.italic = bold, italic
        if size:
            run.font.size = Pt(size)
        if align is not None:
            p.alignment = align
        p.paragraph_format.space_after = Pt(0)
        return p

    def header(self, *, above: str, body: str, number: str, place_date: str) -> None:
        from docx.enum.table import WD_TABLE_ALIGNMENT
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        center = WD_ALIGN_PARAGRAPH.CENTER
        table = self.doc.add_table(rows=1, cols=2)
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        left, right = table.rows[0].cells
        self.para(left, above, size=13, align=center, first=True)
        self.para(left, body, bold=True, size=13, align=center)
        self.para(left, "_______", size=13, align=center)
        self.para(left, number, size=13, align=center)
        self.para(right, MOTTO[0], bold=True, size=12, align=center, first=True)
        self.para(right, MOTTO[1], bold=True, size=13, align=center)
        self.para(right, "_______________________", size=13, align=center)
        self.para(right, place_date, italic=True, size=13, align=center)
        self.doc.add_paragraph()

    def title(self, *lines: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        for line in lines:
            self.para(None, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        self.para(None, "_______", align=WD_ALIGN_PARAGRAPH.CENTER)

    def body(self, text: str, *, bold=False) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH
        from docx.shared import Mm

        for line in (text or "").splitlines() or [""]:
            p = self.para(None, line, bold=bold)
            p.paragraph_format.first_line_indent = Mm(10)
            p.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY

    def footer(self, *, recipients: list[str], signer_title: str, signer_name: str) -> None:
        from docx.enum.text import WD_ALIGN_PARAGRAPH

        center = WD_ALIGN_PARAGRAPH.CENTER
        self.doc.add_paragraph()
        table = self.doc.add_table(rows=1, cols=2)
        left, right = table.rows[0].cells
        self.para(left, "Nơi nhận:", bold=True, italic=True, size=12, first=True)
        for line in recipients or ["- Lưu: VT."]:
            self.para(left, line if line.startswith("-") else f"- {line}", size=11)
        titles = (signer_title or "TM. ỦY BAN NHÂN DÂN").upper().splitlines()
        self.para(right, titles[0], bold=True, size=13, align=center, first=True)
        for line in titles[1:]:
            self.para(right, line, bold=True, size=13, align=center)
        for _ in range(4):
            self.para(right, "", size=13)
        self.para(right, signer_name, bold=True, size=14, align=center)

    def bytes(self) -> bytes:
        out = io.BytesIO()
        self.doc.save(out)
        return out.getvalue()
