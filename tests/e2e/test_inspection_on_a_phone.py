"""Plan an inspection, fill the record on a phone-sized screen, issue a penalty, and see
the statistics change."""

import re

import pytest
from playwright.sync_api import expect

from tttt.establishments.models import BusinessType, Establishment
from tttt.org.roles import INSPECTOR

pytestmark = pytest.mark.e2e
PHONE = {"width": 390, "height": 844}


def test_plan_record_on_a_phone_penalty_and_statistics(
    shipped_data, live_server, browser, shot, tree, member
):
    member("tc.thanhtra", INSPECTOR, tree.new_trung_chinh)
    Establishment.objects.create(
        business_type=BusinessType.objects.get(code="karaoke"), name="Karaoke Hoa Sen", owner_kind="person",
        owner_name="Nguyễn Văn Bình", address="Thôn Ngọc Quan", unit=tree.new_trung_chinh,
    )  # fmt: skip

    context = browser.new_context(locale="vi-VN", viewport=PHONE, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username", re.I)).fill("tc.thanhtra")
    page.get_by_label(re.compile("Mật khẩu|Password", re.I)).fill("mat-khau-dung-1")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in", re.I)).click()
    page.wait_for_url(f"{live_server.url}/admin/")

    page.goto(f"{live_server.url}/admin/co-so/thong-ke/?period=2026")
    before = page.locator("[data-indicator='inspections.penalties'] td").nth(1).inner_text()
    assert before == "0"

    page.goto(f"{live_server.url}/admin/kiem-tra/ke-hoach/")
    page.get_by_label("Đơn vị chủ trì").select_option(label="Xã Trung Chính")
    page.get_by_label("Tên kế hoạch").fill("Kiểm tra karaoke tháng 11/2026")
    page.get_by_label("Từ ngày").fill("2026-11-01")
    page.get_by_label("Đến ngày").fill("2026-11-30")
    page.get_by_role("button", name="Lập kế hoạch").click()
    page.get_by_label("Loại hình").select_option(label="Cơ sở kinh doanh dịch vụ karaoke")
    page.get_by_role("button", name="Thêm tất cả vào kế hoạch").click()
    expect(page.get_by_test_id("plan-detail")).to_contain_text("Karaoke Hoa Sen")  # once loaded
    page.get_by_role("button", name="Lập biên bản").click()
    page.get_by_test_id("inspection-record").wait_for()
    page.wait_for_load_state("load")  # record.js is attached
    shot(page, "inspection-record-phone")

    selects = page.locator("[data-testid=check-item] select")
    for i in range(selects.count()):
        with page.expect_response(re.compile(r"/luu/$")):
            selects.nth(i).select_option("pass" if i else "fail")
    page.locator("input[data-field=observed]").first.fill("Phòng 3: 16 m²")
    page.locator("input[data-field=observed]").first.dispatch_event("change")
    status = page.get_by_test_id("save-status")
    expect(status).to_have_text(re.compile("^Đã lưu"))
    # A dropped connection: the change stays on the phone and is sent when it returns.
    context.set_offline(True)
    page.locator("#findings").fill("Phòng 3 không đủ diện tích.")
    page.locator("#findings").dispatch_event("change")
    expect(status).to_have_attribute("data-kind", "offline")
    context.set_offline(False)
    expect(status).to_have_attribute("data-kind", "ok", timeout=15000)  # resent on reconnect
    from tttt.inspections.models import Inspection

    record = Inspection.objects.get()
    assert record.findings == "Phòng 3 không đủ diện tích."
    assert sorted(record.items.values_list("result", flat=True)) == ["fail", "pass", "pass"]
    shot(page, "inspection-record-phone-saved")
    with page.expect_navigation():
        page.get_by_role("button", name="Ký và khóa biên bản").click()
    assert "Đã khóa biên bản" in page.locator(".messages").inner_text(), page.locator(
        ".messages"
    ).inner_text()
    page.get_by_test_id("violation").wait_for()

    page.get_by_text("Ra quyết định xử phạt").click()
    page.get_by_label("Số quyết định").fill("01/QĐ-XPVPHC")
    page.get_by_label("Ngày ban hành").fill("2026-11-21")
    page.get_by_label("Người ra quyết định").select_option("district_chair")
    page.get_by_label("Số tiền phạt (đồng)").fill("5000000")
    page.get_by_label("Hạn nộp phạt").fill("2026-12-01")
    with page.expect_navigation():  # read the answer's messages, not the form's
        page.get_by_role("button", name="Ban hành quyết định").click()
    assert "từ 15.000.000 đồng đến 20.000.000 đồng" in page.locator(".messages").inner_text()
    page.get_by_text("Ra quyết định xử phạt").click()
    page.get_by_label("Số quyết định").fill("01/QĐ-XPVPHC")
    page.get_by_label("Ngày ban hành").fill("2026-11-21")
    page.get_by_label("Người ra quyết định").select_option("district_chair")
    page.get_by_label("Số tiền phạt (đồng)").fill("16000000")
    page.get_by_label("Hạn nộp phạt").fill("2026-12-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Ban hành quyết định").click()
    assert "Đã ra quyết định xử phạt số 01/QĐ-XPVPHC" in page.locator(".messages").inner_text()
    shot(page, "inspection-penalty-phone")

    page.goto(f"{live_server.url}/admin/co-so/thong-ke/?period=2026")
    after = {
        code: page.locator(f"[data-indicator='inspections.{code}'] td").nth(1).inner_text()
        for code in ("done", "penalties", "penalty_amount", "establishments_penalised")
    }
    assert after == {
        "done": "1",
        "penalties": "1",
        "penalty_amount": "16.000.000 đồng",
        "establishments_penalised": "1",
    }
    context.close()
