"""The registers and meetings in the back office: receiving through the form shows the
verification; bad input shows every problem; the leader assigns, approves and signs from
the document's page; lists keep their query count whatever the rows; files stay in scope."""

from datetime import date, datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tttt.documents import services
from tttt.documents.models import Document

from .conftest import PIN

pytestmark = pytest.mark.django_db


def _form(registers, kinds, **kw):
    data = {"register": registers.incoming.pk, "kind": kinds["Công văn"].pk, "number_symbol": "1234/SKHCN-BCVT",
            "issuer": "Sở Khoa học và Công nghệ", "issued_on": "2019-10-01", "received_at": "2019-10-03T09:30",
            "excerpt": "V/v chuyển đổi số cấp xã", "urgency": "normal", "secrecy": "normal", "medium": "electronic"}  # fmt: skip
    data.update(kw)
    return data


def test_the_clerk_receives_and_the_leader_assigns(
    client, people, registers, kinds, trusted, signed_by, tree
):
    client.force_login(people.clerk)
    upload = SimpleUploadedFile("1234.pdf", signed_by("sender"), content_type="application/pdf")
    response = client.post(
        reverse("documents_in:add"), {**_form(registers, kinds), "upload": upload}
    )
    doc = Document.objects.get()
    assert response.status_code == 302 and response.url == reverse(
        "documents_in:inspect", args=[doc.pk]
    )
    page = client.get(response.url).content.decode()
    assert 'data-outcome="valid"' in page and "Nguyễn Thị Gửi" in page
    assert (
        "Giao xử lý" not in page.split("Quá trình xử lý")[0].split("</dl>")[1]
    )  # the clerk does not assign
    bad = client.post(
        reverse("documents_in:add"),
        _form(registers, kinds, excerpt="", received_at="2030-01-01T08:00"),
    )
    text = bad.content.decode()
    assert bad.status_code == 200 and "Thời điểm đến không thể ở tương lai." in text
    assert (
        "Văn bản điện tử hoặc đã số hóa phải kèm tệp văn bản." in text
        and Document.objects.count() == 1
    )
    client.force_login(people.leader)
    client.post(reverse("documents_in:inspect", args=[doc.pk]),
                {"action": "assign", "on": "2019-10-03", "assignee": tree.thua.pk, "deadline": "2019-10-10", "note": ""})  # fmt: skip
    doc.refresh_from_db()
    assert doc.task.assignee == tree.thua and doc.task.deadline == date(2019, 10, 10)
    assert client.get(reverse("documents_file", args=[doc.pk])).status_code == 200
    client.force_login(people.stranger)
    assert client.get(reverse("documents_file", args=[doc.pk])).status_code == 404
    refused = client.get(reverse("documents_in:inspect", args=[doc.pk]), follow=True)
    assert refused.redirect_chain and "chuyển đổi số cấp xã" not in refused.content.decode()


def test_the_leader_approves_and_signs_from_the_page(client, people, registers, kinds, ca, tree):
    services.credential_add(
        user=people.leader, unit=tree.luong_tai, pkcs12=ca.leader.pkcs12(PIN), pin=PIN
    )
    client.force_login(people.specialist)
    response = client.post(reverse("documents_out:add"), {
        "register": registers.outgoing.pk, "kind": kinds["Công văn"].pk, "excerpt": "đôn đốc báo cáo",
        "body": "Đề nghị các xã báo cáo trước ngày 15/10/2019.", "recipients": "- Các xã;\n- Lưu: VT.",
        "signer_title": "KT. CHỦ TỊCH", "signer_name": "Nguyễn Văn Lãnh Đạo", "urgency": "normal",
        "secrecy": "normal", "link_kind": "", "link_numbers": "9/KH-UBND"})  # fmt: skip
    assert "Không tìm thấy văn bản trong sổ: 9/KH-UBND." in response.content.decode()
    response = client.post(reverse("documents_out:add"), {
        "register": registers.outgoing.pk, "kind": kinds["Công văn"].pk, "excerpt": "đôn đốc báo cáo",
        "body": "Đề nghị các xã báo cáo trước ngày 15/10/2019.", "recipients": "- Các xã;\n- Lưu: VT.",
        "signer_title": "KT. CHỦ TỊCH", "signer_name": "Nguyễn Văn Lãnh Đạo", "urgency": "normal", "secrecy": "normal"})  # fmt: skip
    doc = Document.objects.get(direction="out")
    url = reverse("documents_out:inspect", args=[doc.pk])
    client.post(url, {"action": "submit"})
    client.force_login(people.leader)
    client.post(url, {"action": "approve"})
    wrong = client.post(url, {"action": "issue", "pin": "999999"}, follow=True)
    assert "Mã PIN không đúng" in wrong.content.decode()
    client.post(url, {"action": "issue", "pin": PIN})
    doc.refresh_from_db()
    assert (doc.status, doc.number_symbol, doc.signature) == ("issued", "1/UBND", "valid")
    assert doc.issuer == "UBND huyện Lương Tài"


def test_lists_ask_as_many_queries_for_many_rows(client, people, registers, kinds, tree):
    from tttt.meetings import services as meetings
    from tttt.meetings.models import Meeting

    client.force_login(people.leader)

    def count(name):
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse(name)).status_code == 200
        return len(ctx.captured_queries)

    def add(n):
        for i in range(n):
            services.incoming_receive(user=people.clerk, document=Document(
                register=registers.incoming, kind=kinds["Công văn"], issuer="Sở Nội vụ", excerpt=f"Văn bản {i}",
                received_at=timezone.make_aware(datetime(2019, 10, 3, 9)), medium=Document.Medium.PAPER))  # fmt: skip
            meetings.meeting_create(user=people.leader, items=[("Giao ban", "Văn phòng")], invitees=[],
                                    meeting=Meeting(unit=tree.thua if i % 2 else tree.luong_tai, title=f"Họp {i}",
                                                    chair_name="Nguyễn Văn Hùng", starts_at=timezone.now()))  # fmt: skip

    add(1)
    count("documents_in:index")  # the person's scope is read once and remembered
    few = count("documents_in:index"), count("documents_out:index"), count("meetings:index")
    add(12)
    assert (
        count("documents_in:index"),
        count("documents_out:index"),
        count("meetings:index"),
    ) == few


def test_the_home_page_says_what_waits_and_links_to_it(client, people, registers, kinds, tree):
    for i in range(2):
        services.incoming_receive(user=people.clerk, document=Document(
            register=registers.incoming, kind=kinds["Công văn"], issuer="Sở Nội vụ", excerpt=f"Văn bản {i}",
            received_at=timezone.make_aware(datetime(2019, 10, 3, 9)), medium=Document.Medium.PAPER))  # fmt: skip
    late = Document.objects.order_by("pk").first()
    services.incoming_assign(user=people.leader, document=late, assignee=tree.thua, deadline=date(2019, 10, 10),
                             on=date(2019, 10, 3))  # fmt: skip
    client.force_login(people.leader)
    page = client.get(reverse("wagtailadmin_home")).content.decode()
    panel = page.split('data-testid="documents-panel"')[1].split("</section>")[0]
    assert "chưa giao xử lý: <b>1</b>" in panel and "quá hạn xử lý: <b>1</b>" in panel
    overdue = client.get(reverse("documents_in:index") + "?tinh_trang=overdue")
    assert [d.pk for d in overdue.context["object_list"]] == [late.pk]
    client.force_login(people.stranger)
    theirs = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "chưa giao xử lý: <b>0</b>" in theirs


def test_a_document_for_information_is_filed_and_no_longer_waits(client, people, registers, kinds):
    doc = services.incoming_receive(user=people.clerk, document=Document(
        register=registers.incoming, kind=kinds["Giấy mời"], issuer="Huyện ủy", excerpt="Giấy mời dự hội nghị",
        received_at=timezone.make_aware(datetime(2019, 10, 3, 9)), medium=Document.Medium.PAPER))  # fmt: skip
    client.force_login(people.clerk)
    client.post(reverse("documents_in:inspect", args=[doc.pk]), {"action": "file"})
    doc.refresh_from_db()
    assert doc.status == "received"  # the clerk registers; the leader decides
    client.force_login(people.leader)
    client.post(reverse("documents_in:inspect", args=[doc.pk]), {"action": "file"})
    doc.refresh_from_db()
    assert doc.status == "filed" and doc.handling_state() == "filed"
    assert [e.action for e in doc.events.all()] == ["received", "filed"]
    filed = client.get(reverse("documents_in:index") + "?tinh_trang=filed")
    assert [d.pk for d in filed.context["object_list"]] == [doc.pk]
    waiting = client.get(reverse("documents_in:index") + "?tinh_trang=received")
    assert list(waiting.context["object_list"]) == []
