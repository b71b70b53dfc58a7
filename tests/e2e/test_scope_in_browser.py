import re

import pytest

from tttt.org.roles import CLERK

pytestmark = pytest.mark.e2e


def test_commune_officer_sees_own_scope_and_is_refused_another_commune(
    transactional_db, live_server, page, shot, tree, member
):
    member("thua.canbo", CLERK, tree.thua, password="mat-khau-dung-1")

    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập|Username", re.I)).fill("thua.canbo")
    page.get_by_label(re.compile("Mật khẩu|Password", re.I)).fill("mat-khau-dung-1")
    page.get_by_role("button", name=re.compile("Đăng nhập|Sign in", re.I)).click()
    page.wait_for_url(f"{live_server.url}/admin/")
    panel = page.get_by_test_id("scope-panel")
    assert "Thị trấn Thứa" in panel.inner_text()
    assert "Cán bộ một cửa" in panel.inner_text()
    shot(page, "backoffice-dashboard-commune-officer")

    page.goto(f"{live_server.url}/admin/units/")
    listing = page.locator("main").inner_text()
    assert "Thị trấn Thứa" in listing and "Xã Trung Chính" not in listing
    shot(page, "backoffice-units-scoped")

    page.goto(f"{live_server.url}/admin/units/inspect/{tree.trung_chinh.pk}/")
    page.wait_for_url(f"{live_server.url}/admin/")
    body = page.locator("body").inner_text()
    assert "Xã Trung Chính" not in body
    message = page.locator(".messages li.error").first
    message.wait_for(state="visible")
    assert "không có quyền" in message.inner_text()
    page.wait_for_timeout(400)  # the message fades in
    shot(page, "backoffice-refused-other-commune")
    assert not [e for e in page.console_errors if "Content Security Policy" in e], (
        page.console_errors
    )


def test_public_lookup_without_diacritics(transactional_db, live_server, page, shot, tree):
    page.goto(f"{live_server.url}/")
    page.get_by_label(re.compile("Tên xã")).fill("trung chinh")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/don-vi/\?q=trung"))
    results = page.locator(".results").inner_text()
    assert "Xã Trung Chính" in results and "Từ 01/07/2025 thuộc" in results
    shot(page, "public-unit-lookup")
    page.locator(".results li", has_text="đơn vị cũ").get_by_role(
        "link", name="Xã Trung Chính"
    ).first.click()
    assert "Nay thuộc" in page.locator("main").inner_text()
    shot(page, "public-unit-detail")
    assert not page.console_errors, page.console_errors
