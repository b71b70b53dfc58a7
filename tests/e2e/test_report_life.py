"""A commune's quarterly report in the browser: filled (a wrong figure refused), submitted,
returned by the district, corrected, accepted, and exported to Word — the document is
opened and its header and text checked."""

import re

import pytest
from docx import Document
from playwright.sync_api import expect

from tttt.org.roles import REPORTING_OFFICER
from tttt.reporting.models import FormIndicator, FormSection, ManualIndicator, Report, ReportForm

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-dung-1"


def sign_in(page, url, username):
    # Let the previous page's last requests (the script catalogue) finish first: signing in
    # deletes the old session, and a request still carrying it would fail with 400.
    page.wait_for_load_state("networkidle")
    page.context.clear_cookies()  # signs the previous person out
    page.goto(f"{url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username", re.I)).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in", re.I)).click()
    page.wait_for_url(f"{url}/admin/")


def test_a_quarterly_report_filled_returned_corrected_accepted_and_exported(
    transactional_db, live_server, page, shot, tree, member, tmp_path
):
    ManualIndicator.objects.create(code="bc.buu_dien_ke_hoach", name="Bưu điện hoàn thành % kế hoạch năm",
                                   measure="percent", aggregation="ratio")  # fmt: skip
    ManualIndicator.objects.create(
        code="bc.dvc_tich_hop", name="Dịch vụ hành chính công tích hợp", measure="count"
    )
    form = ReportForm.objects.create(code="bc-quy-xa", name="Báo cáo quý công tác TT&TT", level="commune",
                                     period_kind="quarter", due_days=15)  # fmt: skip
    for i, code in enumerate(["org.communes", "bc.buu_dien_ke_hoach", "bc.dvc_tich_hop"]):
        FormIndicator.objects.create(form=form, position=i, code=code, group="Số liệu chung")
    FormSection.objects.create(form=form, position=1, title="Kết quả đạt được")
    FormSection.objects.create(form=form, position=2, title="Kiến nghị, đề xuất")
    member("thua.baocao", REPORTING_OFFICER, tree.thua, password=PASSWORD)
    member("lt.baocao", REPORTING_OFFICER, tree.luong_tai, password=PASSWORD)
    url = live_server.url

    sign_in(page, url, "thua.baocao")
    page.goto(f"{url}/admin/bao-cao/danh-sach/new/")
    page.get_by_label("Mẫu báo cáo").select_option(label="Báo cáo quý công tác TT&TT")
    page.get_by_label("Đơn vị báo cáo").select_option(label="Thị trấn Thứa (đến 30/06/2025)")
    page.get_by_label("Kỳ báo cáo").fill("2019-Q3")
    page.get_by_role("button", name="Lập hoặc mở báo cáo").click()
    page.get_by_test_id("report-detail").wait_for()
    expect(page.get_by_test_id("report-status")).to_have_text("Đang soạn")

    page.get_by_label("Bưu điện hoàn thành % kế hoạch năm").fill("161")
    page.get_by_label("Dịch vụ hành chính công tích hợp").fill("213")
    page.get_by_label("1. Kết quả đạt được").fill("Tiếp nhận 103 chứng thư số chuyên dùng.")
    page.get_by_label("Số, ký hiệu").fill("12/BC-UBND")
    page.get_by_label("Địa danh").fill("Thứa")
    page.get_by_label("Ngày ký").fill("2019-10-10")
    page.get_by_label("Chức vụ người ký").fill("Chủ tịch")
    page.get_by_label("Người ký", exact=True).fill("Nguyễn Văn An")
    page.get_by_role("button", name="Lưu và nộp lên cấp trên").click()
    expect(page.locator("main")).to_contain_text("không được lớn hơn 100")
    expect(page.get_by_label("1. Kết quả đạt được")).to_have_value(
        "Tiếp nhận 103 chứng thư số chuyên dùng."
    )
    shot(page, "report-refused-figure")
    assert Report.objects.get().status == "draft"
    page.get_by_label("Bưu điện hoàn thành % kế hoạch năm").fill("61")
    page.get_by_role("button", name="Lưu và nộp lên cấp trên").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã nộp, chờ duyệt")
    report_url = page.url

    sign_in(page, url, "lt.baocao")
    page.goto(
        f"{url}/admin/bao-cao/tinh-hinh-nop/?unit={tree.luong_tai.pk}&form={form.pk}&period=2019-Q3"
    )
    expect(page.get_by_test_id("completeness-counts")).to_contain_text("2 đơn vị phải nộp")
    shot(page, "report-completeness")
    page.goto(report_url)
    page.get_by_label("Yêu cầu sửa (khi trả lại)").fill(
        "Ghi rõ số chứng thư số đã cấp cho từng cơ quan."
    )
    page.get_by_role("button", name="Trả lại để sửa").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Trả lại để sửa")

    sign_in(page, url, "thua.baocao")
    page.goto(report_url)
    expect(page.locator("main")).to_contain_text("Ghi rõ số chứng thư số đã cấp cho từng cơ quan.")
    page.get_by_label("1. Kết quả đạt được").fill(
        "Tiếp nhận 103 chứng thư số chuyên dùng: UBND 40, các phòng 63."
    )
    page.get_by_role("button", name="Lưu và nộp lên cấp trên").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã nộp, chờ duyệt")

    sign_in(page, url, "lt.baocao")
    page.goto(report_url)
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(page.get_by_test_id("report-status")).to_have_text("Đã tiếp nhận")
    shot(page, "report-accepted")
    with page.expect_download() as download:
        page.get_by_role("link", name="Tải Word (.docx)").click()
    path = tmp_path / "bao-cao.docx"
    download.value.save_as(path)
    assert download.value.suggested_filename.endswith(".docx")
    doc = Document(str(path))
    header = doc.tables[0].rows[0].cells
    assert "ỦY BAN NHÂN DÂN\nTHỊ TRẤN THỨA" in header[0].text and "Số: 12/BC-UBND" in header[0].text
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM\nĐộc lập - Tự do - Hạnh phúc" in header[1].text
    assert "Thứa, ngày 10 tháng 10 năm 2019" in header[1].text
    body = "\n".join(p.text for p in doc.paragraphs)
    assert "BÁO CÁO\nBáo cáo quý công tác TT&TT quý III/2019" in body
    assert "UBND 40, các phòng 63." in body
    figures = [[c.text for c in r.cells] for r in doc.tables[1].rows]
    assert ["2", "Bưu điện hoàn thành % kế hoạch năm", "61%"] in figures
    assert ["3", "Dịch vụ hành chính công tích hợp", "213"] in figures
    assert "Nguyễn Văn An" in doc.tables[-1].rows[0].cells[1].text
    assert not page.console_errors
