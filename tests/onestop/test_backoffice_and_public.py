import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tttt.onestop import services
from tttt.onestop.models import Dossier, Status
from tttt.org.models import SecurityEvent

from .conftest import APPLICANT, at

GOOD_FORM = {
    "channel": "counter",
    "applicant_kind": "person",
    "applicant_name": "Trần Thị Bình",
    "citizen_id": "027190004321",
    "phone": "0987654321",
    "address": "Thôn Phú Thọ",
}


@pytest.fixture
def clerk_client(client, staff):
    client.force_login(staff.clerk)
    return client


def test_counter_intake_in_the_back_office(clerk_client, procedure, tree):
    url = reverse("onestop_intake")
    page = clerk_client.get(url, {"q": "tro choi"})
    assert procedure.name in page.content.decode()
    form_url = f"{url}?procedure={procedure.pk}"
    bad = clerk_client.post(
        form_url, {**GOOD_FORM, "citizen_id": "12ab", "unit": tree.new_trung_chinh.pk}
    )
    assert bad.status_code == 200
    assert "12 chữ số" in bad.content.decode()
    assert Dossier.objects.count() == 0
    doc = procedure.documents.get()
    ok = clerk_client.post(
        form_url, {**GOOD_FORM, "unit": tree.new_trung_chinh.pk, "items": [doc.pk]}
    )
    dossier = Dossier.objects.get()
    assert ok.status_code == 302 and ok["Location"] == reverse(
        "dossiers:inspect", args=[dossier.pk]
    )
    assert dossier.items.get().name == doc.name
    detail = clerk_client.get(ok["Location"]).content.decode()
    assert dossier.code in detail and "*******321" in detail and "0987654321" not in detail
    receipt = clerk_client.get(reverse("onestop_slip", args=[dossier.pk, "01"]))
    assert receipt["Content-Type"] == "application/pdf"
    assert receipt.content.startswith(b"%PDF") and len(receipt.content) > 5000


def test_the_receipt_text_follows_the_template_in_force(receive):
    from tttt.onestop.slips import render_text

    dossier = receive()
    tpl, text = render_text(dossier, "01")
    assert tpl.basis.startswith("Nghị định 118/2025")
    assert "Nguyễn Văn An" in text and dossier.code in text
    assert "16 giờ" not in text and "09 giờ 00 phút, ngày 10/12/2026" in text
    assert f"ma={dossier.code}" in text
    old = receive(now=at(7, 9).replace(year=2019, month=3, day=4))
    assert render_text(old, "01")[0].basis.startswith("Nghị định 61/2018")


def test_actions_on_the_dossier_page(clerk_client, receive, staff):
    d = receive()
    url = reverse("dossiers:inspect", args=[d.pk])
    page = clerk_client.get(url).content.decode()
    assert "Phân công xử lý" in page and "Phê duyệt" not in page
    response = clerk_client.post(
        url,
        {"action": "assign", "version": d.version, "assignee": staff.specialist.pk},
        follow=True,
    )
    assert "Đã thực hiện: Phân công xử lý" in response.content.decode()
    stale = clerk_client.post(
        url, {"action": "refuse", "version": d.version, "reason": "Thiếu đơn"}, follow=True
    )
    assert "vừa được tc.motcua cập nhật" in stale.content.decode()
    d.refresh_from_db()
    assert d.status == Status.PROCESSING and d.assignee == staff.specialist


def test_reading_personal_data_in_full_is_logged(clerk_client, receive):
    d = receive()
    page = clerk_client.post(reverse("dossiers:inspect", args=[d.pk]), {"action": "reveal"})
    assert APPLICANT["citizen_id"] in page.content.decode()
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.PERSONAL_DATA_READ)
    assert event.username == "tc.motcua" and event.detail["dossier"] == d.code


def test_another_communes_officer_sees_nothing(client, receive, staff):
    from django.core.files.base import ContentFile

    d = receive()
    f = d.files.create(
        file=ContentFile(b"%PDF", name="don.pdf"),
        name="don.pdf",
        content_type="application/pdf",
        size=4,
    )
    client.force_login(staff.other_clerk)
    listing = client.get(reverse("dossiers:index")).content.decode()
    assert d.code not in listing
    for url in (
        reverse("dossiers:inspect", args=[d.pk]),
        reverse("onestop_slip", args=[d.pk, "01"]),
        reverse("onestop_dossier_file", args=[d.pk, f.pk]),
    ):
        response = client.get(url)
        assert response.status_code in (302, 403), url
        assert d.code.encode() not in response.content and b"%PDF" not in response.content
    assert SecurityEvent.objects.filter(kind="permission_denied", username="bh.motcua").count() == 3
    export = client.get(reverse("dossiers:index"), {"export": "csv"})
    assert export.status_code == 200
    assert d.code not in b"".join(export.streaming_content).decode()


def test_the_dossier_list_runs_a_fixed_number_of_queries(clerk_client, receive):
    def count():
        with CaptureQueriesContext(connection) as ctx:
            assert clerk_client.get(reverse("dossiers:index")).status_code == 200
        return len(ctx)

    receive()
    count()  # the first page also builds the person's sidebar, then cached
    few = count()
    for hour in range(8, 16):
        receive(now=at(8, hour))
    assert count() == few


def test_queues(clerk_client, receive, staff):
    d1 = receive(now=at(7, 9))
    services.act(
        user=staff.clerk, dossier=d1, action="request_supplement", reason="Thiếu ảnh", now=at(7, 10)
    )
    receive(now=at(7, 11))
    page = clerk_client.get(reverse("dossiers:index"), {"queue": "supplement"}).content.decode()
    assert d1.code in page
    assert page.count("09523-261207-") == 1


def test_public_lookup_same_answer_for_wrong_code_and_wrong_phone(client, receive):
    d = receive()
    url = reverse("dossier_lookup")
    wrong_phone = client.post(url, {"ma": d.code, "dien_thoai": "0900000000"})
    wrong_code = client.post(url, {"ma": "09523-261207-9999", "dien_thoai": APPLICANT["phone"]})

    def strip(response):
        html = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())
        for typed in (d.code, "09523-261207-9999", "0900000000", APPLICANT["phone"]):
            html = html.replace(typed, "")
        return html

    assert strip(wrong_phone) == strip(wrong_code)
    assert "Không tìm thấy hồ sơ" in wrong_code.content.decode()
    right = client.post(url, {"ma": d.code, "dien_thoai": APPLICANT["phone"]}).content.decode()
    assert "Mới tiếp nhận" in right and d.procedure.name in right
    assert APPLICANT["citizen_id"] not in right


def test_public_lookup_is_rate_limited(client, receive, settings):
    settings.TTTT_LOOKUP_RATE = "3/600"
    url = reverse("dossier_lookup")
    codes = [
        client.post(url, {"ma": "X", "dien_thoai": "0900000000"}).status_code for _ in range(4)
    ]
    assert codes == [200, 200, 200, 429]


def test_rating_after_return(client, receive, staff):
    d = receive()
    for action, user in [("assign", staff.clerk), ("submit", staff.specialist), ("approve", staff.leader),
                         ("result_ready", staff.specialist), ("return", staff.clerk)]:  # fmt: skip
        services.act(user=user, dossier=d, action=action, assignee=staff.specialist)
    page = client.post(reverse("dossier_lookup"), {"ma": d.code, "dien_thoai": APPLICANT["phone"]})
    assert "Gửi đánh giá" in page.content.decode()
    thanks = client.post(
        reverse("dossier_rate"),
        {"ma": d.code, "dien_thoai": APPLICANT["phone"], "muc_do": "3", "gop_y": "Nhanh"},
    )
    assert "Cảm ơn" in thanks.content.decode()
    d.refresh_from_db()
    assert d.rating == 3 and d.rating_comment == "Nhanh"


def test_the_home_page_shows_the_officers_queues(clerk_client, receive, staff):
    d = receive(now=at(7, 9))
    services.act(user=staff.clerk, dossier=d, action="request_supplement", reason="Thiếu ảnh")
    html = clerk_client.get("/admin/").content.decode()
    assert "Hồ sơ một cửa cần làm" in html and "Chờ bổ sung: <b>1</b>" in html


def test_online_submission_on_the_public_site(client, procedure, tree):
    url = reverse("online_submit")
    assert "Xã Trung Chính" in client.get(url, {"q": "trung chinh"}).content.decode()
    listing = client.get(url, {"don_vi": tree.new_trung_chinh.pk}).content.decode()
    assert procedure.name in listing
    form_url = f"{url}?don_vi={tree.new_trung_chinh.pk}&thu_tuc={procedure.pk}"
    data = {"applicant_kind": "person", "applicant_name": "Lê Thị Hoa", "citizen_id": "027190001111",
            "phone": "0911222333"}  # fmt: skip
    bad = client.post(form_url, {**data, "citizen_id": "123"})
    assert "12 chữ số" in bad.content.decode() and Dossier.objects.count() == 0
    bot = client.post(form_url, {**data, "website": "http://spam"})
    assert bot.status_code == 400 and Dossier.objects.count() == 0
    done = client.post(form_url, data)
    dossier = Dossier.objects.get()
    assert dossier.code in done.content.decode()
    assert dossier.channel == "online" and dossier.received_by is None
    assert dossier.events.get().actor_name == "Người nộp (trực tuyến)"


def test_procedures_without_online_service_are_not_offered(client, procedure, tree):
    procedure.online_service = "none"
    procedure.save()
    listing = client.get(reverse("online_submit"), {"don_vi": tree.new_trung_chinh.pk})
    assert procedure.name not in listing.content.decode()
    assert (
        client.get(
            reverse("online_submit"), {"don_vi": tree.new_trung_chinh.pk, "thu_tuc": procedure.pk}
        ).status_code
        == 404
    )


def test_the_slip_of_each_step_is_offered_once_it_applies(clerk_client, receive, staff):
    d = receive()
    url = reverse("dossiers:inspect", args=[d.pk])
    assert "In phiếu yêu cầu bổ sung" not in clerk_client.get(url).content.decode()
    services.act(user=staff.clerk, dossier=d, action="request_supplement", reason="Thiếu bản vẽ")
    assert "In phiếu yêu cầu bổ sung" in clerk_client.get(url).content.decode()
    slip = clerk_client.get(reverse("onestop_slip", args=[d.pk, "02"]))
    assert slip.content.startswith(b"%PDF")
    from tttt.onestop.slips import render_text

    assert "Thiếu bản vẽ" in render_text(d, "02")[1]


def pdf_text(content: bytes):
    """Each page's text, and the runs that start outside the printable width."""
    from io import BytesIO

    from pypdf import PdfReader

    reader = PdfReader(BytesIO(content))
    pages, outside = [], []
    for page in reader.pages:
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, width=width):
            x = tm[4] * cm[0] + cm[4]
            if text.strip() and not (0 <= x < width - 40):
                outside.append(text)

        pages.append(page.extract_text(visitor_text=visit))
    return pages, outside


@pytest.mark.parametrize("form", ["01", "02", "03", "04", "05", "06", "07"])
def test_every_slip_fits_one_page_and_links_to_the_site_it_was_asked_from(
    clerk_client, receive, staff, form
):
    d = receive(applicant_name="Nguyễn Thị Hồng Nhung")
    services.act(user=staff.clerk, dossier=d, action="assign", assignee=staff.specialist)
    slip = clerk_client.get(reverse("onestop_slip", args=[d.pk, form]), HTTP_HOST="localhost:8123")
    assert slip.status_code == 200 and slip["Content-Type"] == "application/pdf"
    pages, outside = pdf_text(slip.content)
    text = " ".join(pages[0].split())
    assert len(pages) == 1, f"slip {form} spills onto {len(pages)} pages"
    assert not outside, f"text beyond the right margin: {outside}"
    assert f"Mã hồ sơ: {d.code}" in text
    assert "Trung Chính, ngày " in text  # the place name before the date (Decree 30/2020)
    assert "127.0.0.1:8000" not in text
    if form == "01":
        assert f"http://localhost:8123/tra-cuu-ho-so/?ma={d.code}" in text
    if form == "06":
        assert "Phân công xử lý" in text and "assign" not in text.split()


def test_slips_use_the_public_address_when_it_is_set(clerk_client, receive, settings):
    settings.TTTT_PUBLIC_URL = "https://dichvucong.bacninh.gov.vn"
    d = receive()
    slip = clerk_client.get(reverse("onestop_slip", args=[d.pk, "01"]), HTTP_HOST="localhost:8123")
    text = " ".join(pdf_text(slip.content)[0][0].split())
    assert f"https://dichvucong.bacninh.gov.vn/tra-cuu-ho-so/?ma={d.code}" in text


def test_online_form_reports_every_problem_at_once_and_keeps_what_was_typed(
    client, procedure, tree
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    form_url = f"{reverse('online_submit')}?don_vi={tree.new_trung_chinh.pk}&thu_tuc={procedure.pk}"
    virus = SimpleUploadedFile("don-de-nghi.exe", b"MZ\x90\x00", "application/x-msdownload")
    page = client.post(form_url, {
        "applicant_kind": "person", "applicant_name": "Lê Thị Hoa", "citizen_id": "12345",
        "phone": "09-abc", "email": "hoa@", "address": "Thôn Ngọc Quan", "files": virus,
    })  # fmt: skip
    assert page.status_code == 200 and Dossier.objects.count() == 0
    errors = page.context["form"].errors
    assert {"citizen_id", "phone", "email", "files"} <= set(errors), errors
    html = page.content.decode()
    assert 'value="Lê Thị Hoa"' in html and 'value="Thôn Ngọc Quan"' in html
    assert 'data-testid="files-again"' in html and "don-de-nghi.exe" in html


def test_online_submission_with_ids_in_the_thousands(client, procedure, tree):
    """Real communes have ids like 1664: never rendered as «1.664» in a link or a form."""
    from conftest import make_unit
    from tttt.org.models import REFORM_DATE, Unit

    unit = make_unit("Xã Trung Kênh", Unit.Kind.COMMUNE, Unit.TypeWord.XA, tree.bac_ninh,
                     code="09526", id=1664, valid_from=REFORM_DATE)  # fmt: skip
    procedure.units.add(unit)
    url = reverse("online_submit")
    found = client.get(url, {"q": "trung kenh"}).content.decode()
    assert "?don_vi=1664" in found and "1.664" not in found
    listing = client.get(url, {"don_vi": "1664"}).content.decode()
    assert f"?don_vi=1664&amp;thu_tuc={procedure.pk}" in listing
    form = client.get(url, {"don_vi": "1664", "thu_tuc": procedure.pk}).content.decode()
    assert 'name="don_vi" value="1664"' in form and "1.664" not in form
    assert client.get(url, {"don_vi": "1.664"}).status_code == 404


def test_the_dossier_export_gives_vietnam_time_and_vietnamese_labels(clerk_client, receive):
    """Received at 9:00 in Vietnam reads 9:00 in the file (Wagtail wrote UTC: 2:00)."""
    import io
    from datetime import datetime as dt

    from openpyxl import load_workbook

    d = receive(now=at(7, 9))
    receive(now=at(7, 10))
    xlsx = clerk_client.get(reverse("dossiers:index"), {"export": "xlsx"})
    rows = list(load_workbook(io.BytesIO(b"".join(xlsx.streaming_content
                                                  if xlsx.streaming else [xlsx.content]))).active.values)  # fmt: skip
    heading, row = rows[0], next(r for r in rows if r[0] == d.code)
    assert row[heading.index("Tiếp nhận")] == dt(2026, 12, 7, 9, 0)
    assert row[heading.index("Trạng thái")] == d.get_status_display() and len(rows) == 3
    csv = b"".join(clerk_client.get(reverse("dossiers:index"), {"export": "csv"}).streaming_content)
    assert "07/12/2026 09:00" in csv.decode()
