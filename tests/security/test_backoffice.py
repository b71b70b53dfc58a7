"""Information security in the back office: a clerk reports through the form (bad input
shows every problem), the specialist and the leader work the incident from its page, the
home page says what waits, lists keep their query count, evidence stays in scope."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tttt.security import services
from tttt.security.models import Incident, InformationSystem

from .test_incidents import report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def test_a_clerk_reports_and_the_team_responds_from_the_incident_page(client, people, tree):
    client.force_login(people.clerk)
    add = reverse("security_incidents:add")
    page = client.post(add, {"unit": tree.luong_tai.pk, "title": "", "source": "staff", "kind": "phishing",
                             "severity": "2", "detected_at": "2099-01-01T08:00"})  # fmt: skip
    assert page.status_code == 200 and not Incident.objects.exists()
    assert set(page.context["form"].errors) == {"title", "detected_at"}  # every problem at once
    page = client.post(add, {"unit": tree.luong_tai.pk, "title": "Thư giả mạo Sở TT&TT đề nghị cập nhật mật khẩu",
                             "source": "staff", "kind": "phishing", "severity": "2",
                             "detected_at": "2019-10-07T08:15"})  # fmt: skip
    incident = Incident.objects.get()
    assert page.status_code == 302 and page["Location"] == reverse(
        "security_incidents:inspect", args=[incident.pk]
    )

    client.force_login(people.specialist)
    url = reverse("security_incidents:inspect", args=[incident.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["can_respond"] and not page.context["can_close"]
    step = incident.steps.first()
    client.post(url, {"action": "step", "step": step.pk, "note": "Đã lưu thư gốc"})
    page = client.post(url, follow=True, data={"action": "evidence", "description": "Thư giả mạo (.eml)",
                      "upload": SimpleUploadedFile("thu-gia-mao.txt", "Từ: sotttt@bacninh-gov.vn".encode())})  # fmt: skip
    evidence = incident.evidence.get()
    assert client.get(reverse("security_evidence", args=[evidence.pk])).status_code == 200
    client.force_login(people.stranger)
    assert client.get(reverse("security_evidence", args=[evidence.pk])).status_code == 404
    assert client.get(url).status_code in (302, 403)

    client.cookies.clear()  # the refusal's message stays behind with the stranger
    client.force_login(people.leader)
    page = client.post(url, {"action": "close", "cause": "", "lessons": ""}, follow=True)
    shown = [str(m) for m in page.context["messages"]]
    assert len(shown) == 4  # open steps, the notice owed, the cause and the lessons, at once
    incident.refresh_from_db()
    assert incident.status == Incident.Status.RESPONDING


def test_the_home_page_says_what_waits_and_links_to_it(client, people, tree):
    report(
        people.specialist, tree.luong_tai, detected=datetime(2019, 10, 7, 9, tzinfo=VN), severity=4
    )
    client.force_login(people.leader)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-testid="security-panel"' in page
    assert reverse("security_incidents:index") + "?tinh_trang=notice_overdue" in page
    listed = client.get(reverse("security_incidents:index") + "?tinh_trang=notice_overdue")
    assert [i.title for i in listed.context["object_list"]] == [
        "Cổng thông tin điện tử huyện bị thay đổi giao diện"
    ]


def test_lists_ask_as_many_queries_for_many_rows(client, people, tree):
    client.force_login(people.leader)

    def count(name):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        return len(ctx.captured_queries)

    def add(n, start):
        for i in range(start, start + n):
            report(people.specialist, tree.trung_chinh if i % 2 else tree.luong_tai,
                   detected=datetime(2019, 10, 1 + i, 9, tzinfo=VN))  # fmt: skip
            services.system_save(user=people.specialist, system=InformationSystem(
                unit=tree.luong_tai, name=f"Hệ thống {i}", kind="other", operator="VNPT"))  # fmt: skip

    add(1, 0)
    names = ("security_incidents:index", "security_systems:index", "security_checks:index")
    count(names[0])
    few = [count(n) for n in names]
    add(10, 1)
    assert [count(n) for n in names] == few


def test_the_systems_form_reports_an_incomplete_approval(client, people, tree):
    client.force_login(people.specialist)
    page = client.post(reverse("security_systems:add"), {
        "unit": tree.luong_tai.pk, "name": "Cổng thông tin điện tử", "kind": "portal", "operator": "Văn phòng",
        "users_with_personal_data": "0", "approved_level": "2"})  # fmt: skip
    assert page.status_code == 200 and set(page.context["form"].errors) == {
        "approval_number",
        "approved_on",
    }
    page = client.post(reverse("security_systems:add"), {
        "unit": tree.luong_tai.pk, "name": "Cổng thông tin điện tử", "kind": "portal", "operator": "Văn phòng",
        "users_with_personal_data": "0", "approved_level": "2", "approval_number": "1234/QĐ-UBND",
        "approved_on": "2018-05-31"})  # fmt: skip
    system = InformationSystem.objects.get()
    assert page.status_code == 302
    detail = client.get(reverse("security_systems:inspect", args=[system.pk])).content.decode()
    assert (
        "Cấp độ 2" in detail
        and "1234/QĐ-UBND" in detail
        and date(2018, 5, 31).strftime("%d/%m/%Y") in detail
    )
