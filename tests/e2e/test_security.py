"""An incident in a browser: a commune's clerk reports a fake page of the People's
Committee; the commune's specialist works the response steps and sends the report the
rules owe; the commune's leader escalates it to the district and, the response done, closes
it; the district leader sees it and its figure counts it. A citizen reports a fake page on
the portal's information-security section; the warning the specialist writes from it is
published there by the leader."""

import re
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.org.roles import CLERK, LEADER, SPECIALIST
from tttt.security.models import Advisory, Incident

from .test_documents_and_meetings import sign_in
from .test_portal import portal, public  # noqa: F401  (the portal fixture)

pytestmark = pytest.mark.e2e


def test_an_incident_reported_escalated_notified_and_closed(transactional_db, shipped_data, live_server, browser,
                                                            shot, settings, tree, member):  # fmt: skip
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    member("tc.motcua", CLERK, tree.trung_chinh)
    member("tc.chuyenvien", SPECIALIST, tree.trung_chinh)
    member("tc.lanhdao", LEADER, tree.trung_chinh)
    district = member("lt.lanhdao", LEADER, tree.luong_tai)
    district.email = "lanhdao@luongtai.bacninh.gov.vn"
    district.save(update_fields=["email"])
    detected = timezone.localtime() - timedelta(hours=3)

    clerk = sign_in(browser, live_server, "tc.motcua")
    clerk.goto(f"{live_server.url}/admin/an-toan-thong-tin/su-co/new/")
    clerk.select_option("#id_unit", str(tree.trung_chinh.pk))
    clerk.fill("#id_title", "Trang mạng xã hội giả mạo UBND xã Trung Chính thu tiền làm hồ sơ")
    clerk.fill(
        "#id_description",
        "Người dân phản ánh trang giả mạo hướng dẫn nộp lệ phí vào tài khoản cá nhân.",
    )
    clerk.select_option("#id_source", "citizen")
    clerk.select_option("#id_kind", "phishing")
    clerk.select_option("#id_severity", "3")
    clerk.fill("#id_detected_at", detected.strftime("%Y-%m-%dT%H:%M"))
    clerk.locator("#main button[type=submit]").click()
    clerk.wait_for_url(re.compile(r"/admin/an-toan-thong-tin/su-co/inspect/\d+/"))
    incident = Incident.objects.get()
    assert incident.notices.count() == 1  # the report owed within 5 days

    specialist = sign_in(browser, live_server, "tc.chuyenvien")
    url = f"{live_server.url}/admin/an-toan-thong-tin/su-co/inspect/{incident.pk}/"
    specialist.goto(url)
    for _ in range(incident.steps.count()):
        specialist.locator("[data-testid=steps] button").first.click()
        specialist.wait_for_load_state()
    notice = specialist.locator("[data-testid=notice-form-bao-cao-su-co]")
    notice.locator("input[name=reference]").fill("25/BC-UBND")
    notice.locator("button").click()
    specialist.wait_for_load_state()
    assert "Đúng hạn" in specialist.locator("[data-testid=notices]").inner_text()

    leader = sign_in(browser, live_server, "tc.lanhdao")
    leader.goto(url)
    leader.fill("#escalate-note", "Đề nghị huyện phối hợp yêu cầu nền tảng gỡ trang giả mạo.")
    leader.locator("[data-testid=escalate-form] button").click()
    leader.wait_for_load_state()
    assert "Huyện Lương Tài" in leader.locator("[data-testid=escalated]").inner_text()
    assert [m.to for m in mail.outbox] == [["lanhdao@luongtai.bacninh.gov.vn"]]
    leader.fill("#close-cause", "Đối tượng lập trang giả mạo để lừa đảo thu tiền")
    leader.fill(
        "#close-lessons", "Đăng cảnh báo trên cổng và loa truyền thanh xã ngay khi phát hiện"
    )
    leader.locator("[data-testid=close-form] button").click()
    leader.wait_for_load_state()
    assert leader.locator("[data-testid=incident-status]").inner_text() == "Đã kết thúc"
    shot(leader, "security-incident-closed")

    district_page = sign_in(browser, live_server, "lt.lanhdao")
    district_page.goto(f"{live_server.url}/admin/an-toan-thong-tin/su-co/")
    assert "giả mạo UBND xã Trung Chính" in district_page.locator("main").inner_text()
    shot(district_page, "security-incidents-district")
    today = timezone.localdate()
    figure = get_indicator("security.serious_incidents").compute(
        [tree.luong_tai], Period.custom(today, today)
    )
    assert figure == 0 and get_indicator("security.incidents").compute(
        [tree.luong_tai], Period.custom(today - timedelta(days=1), today)) == 1  # fmt: skip


def test_a_citizen_reports_on_the_portal_and_the_leader_publishes_the_warning(portal, live_server, browser, shot,  # noqa: F811
                                                                              tree, member, rules):  # fmt: skip
    member("lt.cntt", SPECIALIST, tree.luong_tai)
    member("lt.lanhdao", LEADER, tree.luong_tai)
    citizen = public(browser)
    citizen.goto(f"{portal.base}/an-toan-thong-tin/")
    form = citizen.locator("#bao-cao-su-co")
    form.locator("#id_kind").select_option("phishing")
    form.locator("#id_title").fill("Trang giả mạo Cổng thông tin huyện đòi nộp lệ phí")
    form.locator("#id_description").fill(
        "Trang giống hệt cổng của huyện, yêu cầu chuyển 500.000 đồng."
    )
    form.locator("#id_seen_at_url").fill("http://luongtai-gov.example.com")
    form.locator("#id_name").fill("Phạm Thu Trang")
    form.locator("#id_contact").fill("0987654321")
    form.get_by_role("button", name="Gửi phản ánh").click()
    citizen.wait_for_url(re.compile(r"da_gui=1"))
    assert "Phản ánh đã được gửi" in citizen.locator("#bao-cao-su-co").inner_text()
    incident = Incident.objects.get()
    assert incident.source == "citizen" and incident.unit == tree.luong_tai

    specialist = sign_in(browser, live_server, "lt.cntt")
    specialist.goto(f"{live_server.url}/admin/an-toan-thong-tin/su-co/inspect/{incident.pk}/")
    specialist.get_by_role("link", name="Soạn cảnh báo cho người dân").click()
    specialist.fill(
        "#id_summary", "UBND huyện không thu phí qua trang web nào ngoài Bộ phận Một cửa."
    )
    specialist.fill("#id_body", "Trang luongtai-gov.example.com là trang giả mạo.\n\nKhông chuyển tiền, "
                                "không cung cấp mã OTP; báo ngay cho UBND huyện.")  # fmt: skip
    specialist.locator("#main button[type=submit]").click()
    specialist.wait_for_url(re.compile(r"/admin/an-toan-thong-tin/canh-bao/inspect/\d+/"))
    advisory = Advisory.objects.get()
    assert advisory.incident == incident and advisory.status == Advisory.Status.DRAFT

    leader = sign_in(browser, live_server, "lt.lanhdao")
    leader.goto(f"{live_server.url}/admin/an-toan-thong-tin/canh-bao/inspect/{advisory.pk}/")
    leader.locator("[data-testid=publish-form] button").click()
    leader.wait_for_load_state()
    assert leader.locator("[data-testid=advisory-status]").inner_text() == "Đã đăng trên cổng"
    shot(leader, "security-advisory-published")
    citizen.goto(f"{portal.base}/an-toan-thong-tin/")
    citizen.get_by_role("link", name=re.compile("Trang giả mạo Cổng thông tin huyện")).first.click()
    assert "không cung cấp mã OTP" in citizen.locator("main").inner_text()
    shot(citizen, "portal-security-advisory")
