"""Lương Tài's registers in a browser: the clerk receives a signed letter (shown valid) and
a tampered one (shown modified after signing); the leader assigns the first for handling,
approves and signs the reply, which appears on the district's portal; then convenes a
paperless meeting whose conclusion becomes a task."""

import re
from datetime import date
from urllib.parse import urlsplit

import pytest

from tttt.assignments.models import Task
from tttt.documents import services, signing
from tttt.documents.models import Direction, Register
from tttt.documents.testca import TestCA
from tttt.org.models import Unit
from tttt.org.roles import CLERK, LEADER, SPECIALIST
from tttt.portal import services as portal

pytestmark = pytest.mark.e2e
PIN = "135790"


def sign_in(browser, live_server, username):
    page = browser.new_context(locale="vi-VN", viewport={"width": 1280, "height": 1000}).new_page()
    page.goto(f"{live_server.url}/admin/login/")
    page.get_by_label(re.compile("Tên đăng nhập", re.I)).fill(username)
    page.get_by_label(re.compile("Mật khẩu", re.I)).fill("mat-khau-dung-1")
    page.get_by_role("button", name=re.compile("Đăng nhập", re.I)).click()
    page.wait_for_url(f"{live_server.url}/admin/")
    return page


def letter(ca: TestCA, text: str) -> bytes:
    from tttt.documents import layout

    sender = ca.issue("Nguyễn Thị Gửi", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh")
    sheet = layout.Sheet(above="UBND TỈNH BẮC NINH", body="Sở Khoa học và Công nghệ", number="Số: 1234/SKHCN-CĐS",
                         place_date="Bắc Ninh, ngày 01 tháng 10 năm 2019", kind="", excerpt=text,
                         text="Đề nghị UBND huyện báo cáo kết quả chuyển đổi số trước ngày 15/10/2019.",
                         recipients=["- Như trên;", "- Lưu: VT."], signer_title="GIÁM ĐỐC", signer_name="Nguyễn Thị Gửi")  # fmt: skip
    pdf, box, page = layout.render(sheet)
    return signing.sign_pdf(pdf, pkcs12=sender.pkcs12("x"), passphrase="x", signer_name="Nguyễn Thị Gửi",  # noqa: S106
                            reason="Ban hành", location="Bắc Ninh", box=box, page=page)  # fmt: skip


def receive(page, live_server, path, number, excerpt):
    page.goto(f"{live_server.url}/admin/van-ban/den/new/")
    page.select_option("#id_kind", label="Công văn")
    page.fill("#id_number_symbol", number)
    page.fill("#id_issuer", "Sở Khoa học và Công nghệ tỉnh Bắc Ninh")
    page.fill("#id_issued_on", "2019-10-01")
    page.fill("#id_received_at", "2019-10-03T09:30")
    page.fill("#id_excerpt", excerpt)
    page.set_input_files("#id_upload", str(path))
    page.locator("#main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/admin/van-ban/den/inspect/\d+/"))
    return page.locator("[data-testid=signature-verdict]")


def test_registers_signatures_portal_and_meeting(transactional_db, shipped_data, live_server, browser, shot, settings,
                                                  tree, member, superuser, tmp_path):  # fmt: skip
    settings.TTTT_PORTAL_PORT = urlsplit(live_server.url).port
    for username, role in [
        ("lt.vanthu", CLERK),
        ("lt.chuyenvien", SPECIALIST),
        ("lt.lanhdao", LEADER),
    ]:
        member(username, role, tree.luong_tai)
    office = Unit.objects.create(kind=Unit.Kind.OFFICE, code="264-vhtt", name="Phòng Văn hóa và Thông tin",
                                 short_name="Phòng Văn hóa và Thông tin", type_word=Unit.TypeWord.PHONG,
                                 parent=tree.luong_tai, valid_to=tree.luong_tai.valid_to)  # fmt: skip
    portal.portal_create(user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30))
    Register.objects.create(
        unit=tree.luong_tai, direction=Direction.INCOMING, name="Sổ văn bản đến"
    )
    Register.objects.create(
        unit=tree.luong_tai, direction=Direction.OUTGOING, name="Sổ văn bản đi", symbol="UBND"
    )
    ca = TestCA(name="CA thử nghiệm chuyên dùng")
    services.trusted_root_add(
        user=superuser, name="CA thử nghiệm chuyên dùng", certificate=ca.root_der
    )
    from tttt.org.models import User

    leader = User.objects.get(username="lt.lanhdao")
    services.credential_add(user=leader, unit=tree.luong_tai, pin=PIN,
                            pkcs12=ca.issue("Nguyễn Văn Hùng", "UBND huyện Lương Tài").pkcs12(PIN))  # fmt: skip

    signed = letter(ca, "V/v báo cáo kết quả chuyển đổi số 9 tháng năm 2019")
    good, bad = tmp_path / "cong-van-1234.pdf", tmp_path / "cong-van-1235.pdf"
    good.write_bytes(signed)
    at = signed.index(b"stream") + 40  # one byte changed inside what was signed
    bad.write_bytes(signed[:at] + bytes([signed[at] ^ 1]) + signed[at + 1 :])

    clerk = sign_in(browser, live_server, "lt.vanthu")
    verdict = receive(
        clerk,
        live_server,
        good,
        "1234/SKHCN-CĐS",
        "V/v báo cáo kết quả chuyển đổi số 9 tháng năm 2019",
    )
    assert verdict.get_attribute("data-outcome") == "valid"
    assert "Chữ ký số hợp lệ" in verdict.inner_text() and "Nguyễn Thị Gửi" in verdict.inner_text()
    first = clerk.url
    shot(clerk, "documents-received-valid")
    verdict = receive(
        clerk, live_server, bad, "1235/SKHCN-CĐS", "V/v cung cấp số liệu (bản bị sửa)"
    )
    assert (
        verdict.get_attribute("data-outcome") == "modified"
        and "Đã bị sửa sau khi ký" in verdict.inner_text()
    )
    shot(clerk, "documents-received-modified")

    boss = sign_in(browser, live_server, "lt.lanhdao")
    boss.goto(first)
    value = boss.eval_on_selector(
        "#id_assignee",
        "s => [...s.options].find(o => o.text === 'Phòng Văn hóa và Thông tin').value",
    )
    boss.select_option("#id_assignee", value)
    boss.fill("#id_on", "2019-10-03")
    boss.fill("#id_deadline", "2019-10-10")
    boss.locator("[data-testid=assign-form] button[type=submit]").click()
    boss.wait_for_load_state()
    assert (
        "Phòng Văn hóa và Thông tin" in boss.locator("[data-testid=document-detail]").inner_text()
    )
    task = Task.objects.get(source=Task.Source.DOCUMENT)
    assert task.assignee == office and task.deadline == date(2019, 10, 10)

    # the reply: drafted, submitted, approved, signed and issued, then on the portal
    writer = sign_in(browser, live_server, "lt.chuyenvien")
    writer.goto(f"{live_server.url}/admin/van-ban/di/new/")
    writer.select_option("#id_kind", label="Thông báo")
    writer.fill("#id_excerpt", "Kết quả chuyển đổi số 9 tháng năm 2019 của huyện Lương Tài")
    writer.fill(
        "#id_body",
        "UBND huyện Lương Tài thông báo kết quả chuyển đổi số 9 tháng năm 2019.\nTỷ lệ văn bản điện tử đạt 98%.",
    )
    writer.fill("#id_signer_title", "KT. CHỦ TỊCH")
    writer.fill("#id_signer_name", "Nguyễn Văn Hùng")
    writer.check("#id_publish_on_portal")
    writer.select_option("#id_link_kind", "replies")
    writer.fill("#id_link_numbers", "1234/SKHCN-CĐS")
    writer.locator("#main button[type=submit]").click()
    writer.wait_for_url(re.compile(r"/admin/van-ban/di/inspect/\d+/"))
    reply = writer.url
    writer.get_by_role("button", name="Trình duyệt").click()
    writer.wait_for_load_state()
    boss.goto(reply)
    boss.get_by_role("button", name="Duyệt", exact=True).click()
    boss.wait_for_load_state()
    boss.fill("#issue-pin", PIN)
    boss.locator("[data-testid=issue-form] button[type=submit]").click()
    boss.wait_for_load_state()
    detail = boss.locator("[data-testid=document-detail]").inner_text()
    assert "1/TB-UBND" in detail and "Đã ban hành" in detail
    assert boss.locator("[data-testid=signature-verdict]").get_attribute("data-outcome") == "valid"
    shot(boss, "documents-issued")
    link = boss.locator("[data-testid=portal-page]")
    public = browser.new_context(locale="vi-VN").new_page()
    public.goto(link.get_attribute("href"))
    text = public.locator("main").inner_text()
    assert "1/TB-UBND" in text and "Kết quả chuyển đổi số 9 tháng năm 2019" in text
    shot(public, "documents-on-the-portal")

    # a paperless meeting whose conclusion becomes a task
    boss.goto(f"{live_server.url}/admin/hop/new/")
    boss.select_option("#id_unit", str(tree.luong_tai.pk))
    boss.fill("#id_title", "Triển khai họp không giấy tờ")
    boss.fill("#id_chair_title", "Chủ tịch UBND huyện")
    boss.fill("#id_chair_name", "Nguyễn Văn Hùng")
    boss.fill("#id_starts_at", "2019-10-07T08:00")
    boss.fill("#id_invitees_text", "Trần Thị Hoa — Trưởng phòng Văn hóa và Thông tin")
    boss.fill("#id_agenda_text", "Kế hoạch họp không giấy tờ — Văn phòng HĐND và UBND huyện")
    boss.locator("#main button[type=submit]").click()
    boss.wait_for_url(re.compile(r"/admin/hop/inspect/\d+/"))
    item = boss.locator("[data-testid=conclude-item]")
    item.locator("textarea[name=conclusion]").fill("Từ quý IV/2019 họp giao ban không dùng giấy.")
    item.locator("input[name=action_title_0]").fill("Cài đặt chứng thư số cho lãnh đạo các phòng")
    item.locator("select[name=action_assignee_0]").select_option(str(office.pk))
    item.locator("input[name=action_deadline_0]").fill("2019-11-15")
    item.get_by_role("button", name="Ghi kết luận").click()
    boss.wait_for_load_state()
    conclude = boss.locator("[data-testid=conclude-meeting]")
    conclude.locator("input[name=signer_name]").fill("Lê Văn Nam")
    conclude.locator("input[name=on]").fill("2019-10-08")
    conclude.get_by_role("button", name="Ban hành kết luận").click()
    boss.wait_for_load_state()
    assert (
        "1/TB-UBND" in boss.locator("[data-testid=conclusion-notice]").inner_text()
    )  # the first of 2019
    shot(boss, "meeting-concluded")
    boss.get_by_role("link", name="Cài đặt chứng thư số cho lãnh đạo các phòng").click()
    boss.wait_for_load_state()
    assert (
        "Thông báo kết luận số 1/TB-UBND ngày 08/10/2019"
        in boss.locator("[data-testid=task-detail]").inner_text()
    )
    assert Task.objects.filter(
        source=Task.Source.MEETING, assignee=office, deadline=date(2019, 11, 15)
    ).exists()
