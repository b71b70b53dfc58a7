"""One dossier's whole life in a browser: intake at the counter, the receipt PDF,
processing by three officers, the citizen's lookup and rating."""

import re

import pytest
from playwright.sync_api import expect

from tttt.onestop.models import Dossier, Procedure, ProcedureDocument, ProcedureField
from tttt.org.roles import CLERK, LEADER, SPECIALIST

pytestmark = pytest.mark.e2e
PASSWORD = "mat-khau-dung-1"


def login(browser, live_server, username):
    context = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username", re.I)).fill(username)
    page.get_by_label(re.compile("Mật khẩu|Password", re.I)).fill(PASSWORD)
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in", re.I)).click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def act(page, url, label, *, reason="", assignee=None):
    page.goto(url)
    page.locator("summary", has_text=label).click()
    form = page.locator("details[open] form")
    if assignee:
        form.locator("select[name=assignee]").select_option(label=assignee)
    if reason:
        form.locator("textarea").fill(reason)
    form.get_by_role("button", name=label).click()
    page.wait_for_load_state("networkidle")
    assert f"Đã thực hiện: {label}" in page.locator(".messages").inner_text()


def test_a_dossiers_whole_life(shipped_data, live_server, browser, shot, tree, member):
    field = ProcedureField.objects.create(code="VHCS", name="Văn hóa cơ sở")
    procedure = Procedure.objects.create(
        code="1.001809", name="Cấp Giấy chứng nhận đủ điều kiện hoạt động điểm cung cấp dịch vụ trò chơi điện tử công cộng",
        field=field, level="commune", duration=5, fee=200_000, online_service="full",
    )  # fmt: skip
    procedure.units.add(tree.new_trung_chinh)
    ProcedureDocument.objects.create(
        procedure=procedure, order=1, name="Đơn đề nghị cấp Giấy chứng nhận"
    )
    member("tc.motcua", CLERK, tree.new_trung_chinh)
    member("tc.chuyenvien", SPECIALIST, tree.new_trung_chinh)
    member("tc.lanhdao", LEADER, tree.new_trung_chinh)

    clerk = login(browser, live_server, "tc.motcua")
    clerk.goto(f"{live_server.url}/admin/mot-cua/tiep-nhan/?q=tro+choi")
    clerk.get_by_role("link", name="Tiếp nhận", exact=True).click()
    clerk.get_by_label("Họ tên / tên tổ chức").fill("Nguyễn Văn An")
    clerk.get_by_label("Số CCCD (12 chữ số)").fill("0270900012")  # two digits short
    clerk.get_by_label("Điện thoại").fill("0912345678")
    clerk.get_by_label("Đơn đề nghị cấp Giấy chứng nhận").check()
    clerk.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    expect(clerk.locator("main")).to_contain_text(
        "phải gồm đúng 12 chữ số"
    )  # waits for the refusal
    assert Dossier.objects.count() == 0
    clerk.get_by_label("Số CCCD (12 chữ số)").fill("027090001234")
    clerk.get_by_role("button", name="Tiếp nhận và in giấy hẹn").click()
    clerk.get_by_test_id("dossier-detail").wait_for()
    dossier = Dossier.objects.get()
    assert dossier.code in clerk.get_by_test_id("dossier-detail").locator("h2").inner_text()
    shot(clerk, "onestop-dossier-received")

    receipt = clerk.request.get(f"{live_server.url}/admin/mot-cua/ho-so/{dossier.pk}/phieu/01/")
    assert receipt.headers["content-type"] == "application/pdf"
    assert receipt.body().startswith(b"%PDF") and len(receipt.body()) > 5000

    url = f"{live_server.url}/admin/dossiers/inspect/{dossier.pk}/"
    act(clerk, url, "Phân công xử lý", assignee="tc.chuyenvien")
    specialist = login(browser, live_server, "tc.chuyenvien")
    act(specialist, url, "Trình lãnh đạo duyệt", reason="Đủ điều kiện cấp")
    leader = login(browser, live_server, "tc.lanhdao")
    act(leader, url, "Phê duyệt")
    act(specialist, url, "Có kết quả, chuyển bộ phận một cửa")
    act(clerk, url, "Trả kết quả cho người nộp")
    shot(clerk, "onestop-dossier-returned")
    dossier.refresh_from_db()
    assert dossier.status == "returned" and dossier.events.count() == 6

    citizen = browser.new_context(locale="vi-VN").new_page()
    citizen.goto(f"{live_server.url}/tra-cuu-ho-so/")
    citizen.get_by_label("Mã hồ sơ (in trên giấy hẹn)").fill(dossier.code)
    citizen.get_by_label("Số điện thoại đã đăng ký").fill("0999999999")
    citizen.get_by_role("button", name="Tra cứu").click()
    assert "Không tìm thấy hồ sơ" in citizen.locator("main").inner_text()
    citizen.get_by_label("Số điện thoại đã đăng ký").fill("0912345678")
    citizen.get_by_role("button", name="Tra cứu").click()
    main = citizen.locator("main").inner_text()
    assert "Đã trả kết quả" in main and "Mới tiếp nhận" in main
    shot(citizen, "onestop-public-lookup")
    citizen.get_by_label("Rất hài lòng").check()
    citizen.get_by_label("Góp ý (không bắt buộc)").fill("Nhanh, đúng hẹn.")
    citizen.get_by_role("button", name="Gửi đánh giá").click()
    assert "Cảm ơn" in citizen.locator("main").inner_text()
    dossier.refresh_from_db()
    assert dossier.rating == 3
