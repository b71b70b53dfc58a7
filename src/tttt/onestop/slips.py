"""Printable slips (forms 01–07) as PDF: the template in force on the dossier's receipt
date, rendered with the dossier's data, with a QR code to the public status page."""

from __future__ import annotations

import io
from pathlib import Path
from urllib.parse import urlencode

import qrcode
from django.conf import settings
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from .models import Dossier, SlipTemplate

FONTS = Path(__file__).resolve().parent.parent / "core" / "fonts"
NATIONAL = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
MOTTO = "Độc lập - Tự do - Hạnh phúc"


class SlipMissing(LookupError):
    pass


def template_for(form: str, on) -> SlipTemplate:
    tpl = (
        SlipTemplate.objects.filter(form=form, valid_from__lte=on)
        .exclude(valid_to__lt=on)
        .order_by("-valid_from")
        .first()
    )
    if tpl is None:
        raise SlipMissing(
            f"Chưa có mẫu phiếu số {form} áp dụng cho ngày {on:%d/%m/%Y}; "
            "hãy thêm trong Một cửa → Mẫu phiếu."
        )
    return tpl


def lookup_url(dossier: Dossier, origin: str = "") -> str:
    """The public status page of the dossier: on `TTTT_PUBLIC_URL` when set (the public
    site's address), else on the origin the slip was asked from."""
    base = (settings.TTTT_PUBLIC_URL or origin or settings.WAGTAILADMIN_BASE_URL).rstrip("/")
    return f"{base}{reverse('dossier_lookup')}?{urlencode({'ma': dossier.code})}"


def _moment(value) -> str:
    return timezone.localtime(value).strftime("%H giờ %M phút, ngày %d/%m/%Y") if value else ""


def render_text(
    dossier: Dossier, form: str, reason: str = "", origin: str = ""
) -> tuple[SlipTemplate, str]:
    tpl = template_for(form, timezone.localdate(dossier.received_at))
    last_reason = reason or dossier.decision_note
    if not last_reason:
        event = dossier.events.filter(action__in=_REASON_ACTIONS.get(form, [])).last()
        last_reason = event.note if event else ""
    original_due = dossier.events.filter(action="reschedule").exists() and dossier.deadline
    context = Context(
        {
            "dossier": dossier,
            "unit": dossier.unit.name,
            "procedure": dossier.procedure.name,
            "items": list(dossier.items.all()),
            "received": _moment(dossier.received_at),
            "due": _moment(dossier.due_at),
            "original_due": _moment(original_due or dossier.deadline),
            "reason": last_reason,
            "lookup_url": lookup_url(dossier, origin),
        },
        autoescape=False,
    )
    return tpl, Template(tpl.body).render(context)


_REASON_ACTIONS = {
    "02": ["request_supplement"],
    "03": ["refuse"],
    "04": ["reschedule"],
    "05": ["stop"],
}


def place_and_date(dossier: Dossier, form: str) -> str:
    """`Trung Chính, ngày 27 tháng 11 năm 2026` (Decree 30/2020): the unit's place name and
    the slip's date: the receipt's is the day the dossier was received."""
    on = timezone.localdate(dossier.received_at) if form == "01" else timezone.localdate()
    place = dossier.unit.short_name or dossier.unit.name
    return f"{place}, ngày {on.day:02d} tháng {on.month:02d} năm {on.year}"


def render_pdf(dossier: Dossier, form: str, origin: str = "") -> bytes:
    """The slip on one A4 page (the control sheet, 06, continues on more pages when the
    dossier's history is long); `origin` is the address the lookup link and QR code use
    when `TTTT_PUBLIC_URL` is not set."""
    tpl, text = render_text(dossier, form, origin=origin)
    url = lookup_url(dossier, origin)
    pdf = FPDF(format="A4")
    pdf.set_margins(20, 15, 15)
    pdf.set_auto_page_break(True, margin=18)
    pdf.add_font("Serif", "", str(FONTS / "DejaVuSerif.ttf"))
    pdf.add_font("Serif", "B", str(FONTS / "DejaVuSerif-Bold.ttf"))
    pdf.set_title(f"{tpl.title} — {dossier.code}")
    footer = f"Mẫu số {tpl.form} — {tpl.basis}"

    def page_footer():
        pdf.set_auto_page_break(False)
        pdf.set_xy(20, 285)
        pdf.set_font("Serif", "", 7)
        pdf.cell(0, 4, footer, align="C")
        pdf.set_auto_page_break(True, margin=18)

    pdf.footer = page_footer
    pdf.add_page()
    below = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}
    top = pdf.get_y()
    pdf.set_font("Serif", "B", 10)
    pdf.multi_cell(75, 5, f"{dossier.unit.name.upper()}\nBỘ PHẬN MỘT CỬA", align="C", **below)
    pdf.set_xy(95, top)
    pdf.multi_cell(100, 5, f"{NATIONAL}\n{MOTTO}", align="C", **below)
    pdf.set_xy(95, pdf.get_y() + 2)
    pdf.set_font("Serif", "", 10)
    pdf.cell(100, 5, place_and_date(dossier, form), align="C", **below)
    pdf.ln(8)
    pdf.set_font("Serif", "B", 13)
    pdf.multi_cell(0, 7, tpl.title, align="C", **below)
    pdf.set_font("Serif", "", 10)
    pdf.cell(0, 6, f"Mã hồ sơ: {dossier.code}", align="C", **below)
    pdf.ln(4)
    pdf.set_font("Serif", "", 11)
    pdf.multi_cell(0, 6, text, align="L", **below)
    if form == "06":
        _control_table(pdf, dossier)
    pdf.ln(4)
    if pdf.get_y() > 240:  # the QR code and the signature block stay together
        pdf.add_page()
    image = qrcode.make(url, box_size=4, border=1)
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    buffer.seek(0)
    y = pdf.get_y()
    pdf.image(buffer, x=20, y=y, w=32, h=32)
    pdf.set_xy(56, y + 4)
    pdf.set_font("Serif", "", 9)
    pdf.multi_cell(
        70, 4.5, "Quét mã để tra cứu tình trạng hồ sơ\n(nhập số điện thoại đã đăng ký).", align="L"
    )
    pdf.set_xy(130, y)
    pdf.set_font("Serif", "B", 11)
    pdf.multi_cell(65, 6, "NGƯỜI TIẾP NHẬN\n(Ký và ghi rõ họ tên)", align="C")
    if dossier.received_by:
        pdf.set_xy(130, y + 26)
        pdf.set_font("Serif", "", 11)
        pdf.cell(65, 6, dossier.received_by.get_full_name() or "", align="C")
    return bytes(pdf.output())


def _control_table(pdf: FPDF, dossier: Dossier):
    pdf.ln(2)
    pdf.set_font("Serif", "B", 9)
    widths = (32, 45, 50, 48)
    for width, head in zip(
        widths, ("Thời điểm", "Người thực hiện", "Nội dung", "Kết quả"), strict=True
    ):
        pdf.cell(width, 6, head, border=1, align="C")
    pdf.ln()
    pdf.set_font("Serif", "", 8.5)
    with pdf.table(col_widths=widths, first_row_as_headings=False, line_height=4.5) as table:
        for e in dossier.events.order_by("at", "pk"):
            row = table.row()
            row.cell(timezone.localtime(e.at).strftime("%H:%M %d/%m/%Y"))
            row.cell(e.actor_name)
            row.cell(
                e.action_label + (f": {e.note}" if e.note and e.note != e.action_label else "")
            )
            row.cell(e.get_to_status_display())
