"""The press register (issue 20): an issue raised by the press is assigned as a task and
answered once; spokespeople and statements are published on the unit's portal; figures
count them; the API keeps to the scope."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.models import APIToken

from tttt.assignments.models import Task
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.org.roles import LEADER, SUPERVISOR
from tttt.press import services
from tttt.press.models import PressIssue, PressStatement, Spokesperson


@pytest.fixture
def leader(tree, member):
    return member("lt.lanhdao", LEADER, tree.luong_tai)


def _issue(user, unit, **kw):
    data = dict(unit=unit, outlet="Báo Bắc Ninh", title="Cáp viễn thông chằng chịt trên phố Thứa",
                published_on=date(2019, 3, 18), topic="Viễn thông", summary="Cáp treo thấp, mất mỹ quan.")  # fmt: skip
    return services.issue_save(user=user, issue=PressIssue(**{**data, **kw}))


def test_an_issue_is_assigned_as_a_task_and_answered_once(tree, leader):
    office = tree.luong_tai  # the district itself may take it
    issue = _issue(leader, tree.luong_tai)
    assert issue.state == PressIssue.State.NEW
    task = services.issue_assign(user=leader, issue=issue, assignee=office, deadline=date(2019, 4, 15),
                                 on=date(2019, 3, 19))  # fmt: skip
    assert (task.source, task.unit, task.is_public) == (Task.Source.PRESS, tree.luong_tai, False)
    issue.refresh_from_db()
    assert issue.state == PressIssue.State.ASSIGNED and issue.task == task
    with pytest.raises(ValidationError) as refused:
        services.issue_assign(user=leader, issue=issue, assignee=office, deadline=date(2019, 4, 20))
    assert refused.value.error_list[0].code == "already_assigned"
    with pytest.raises(ValidationError) as refused:  # every problem at once
        services.issue_respond(user=leader, issue=issue, response=" ", on=date(2019, 3, 1))
    assert set(refused.value.error_dict) == {"response", "responded_on"}
    services.issue_respond(user=leader, issue=issue, response="Đã chỉnh trang 2,3 km cáp treo.",
                           on=date(2019, 4, 10), published=True, url="https://luongtai.example.vn/tra-loi")  # fmt: skip
    issue.refresh_from_db()
    task.refresh_from_db()
    assert issue.state == PressIssue.State.ANSWERED and issue.response_published
    assert task.status == Task.Status.DONE and task.completed_on == date(2019, 4, 10)
    with pytest.raises(ValidationError) as refused:
        services.issue_respond(user=leader, issue=issue, response="Lần hai", on=date(2019, 4, 11))
    assert refused.value.error_list[0].code == "answered"
    issue.title = "Sửa sau khi đã trả lời"
    with pytest.raises(ValidationError) as refused:
        services.issue_save(user=leader, issue=issue)
    assert refused.value.error_list[0].code == "answered"
    assert PressIssue.objects.get(pk=issue.pk).title != "Sửa sau khi đã trả lời"
    direct = _issue(leader, tree.luong_tai, title="Trả lời ngay, không giao")
    services.issue_respond(user=leader, issue=direct, response="Đã trả lời.", on=date(2019, 3, 20))
    with pytest.raises(ValidationError) as refused:
        services.issue_assign(
            user=leader, issue=direct, assignee=office, deadline=date(2019, 4, 20)
        )
    assert (
        refused.value.error_list[0].code == "answered"
        and not Task.objects.filter(title__contains="ngay").exists()
    )


def test_a_bad_issue_names_every_field_and_a_reader_cannot_write(tree, leader, member):
    with pytest.raises(ValidationError) as refused:
        _issue(
            leader, tree.luong_tai, outlet="", published_on=date(2099, 1, 1), concerned=tree.yen_the
        )
    assert {"outlet", "published_on", "concerned"} <= set(refused.value.error_dict)
    reader = member("lt.giamsat", SUPERVISOR, tree.luong_tai)
    with pytest.raises(PermissionDenied):
        _issue(reader, tree.luong_tai)
    assert not PressIssue.objects.exists()


def test_statements_and_spokespeople_are_the_units_and_counted(tree, leader, superuser):
    speaker = services.spokesperson_save(user=superuser, person=Spokesperson(
        unit=tree.luong_tai, name="Phạm Thị Lan", position="Chánh Văn phòng", valid_from=date(2019, 1, 8)))  # fmt: skip
    other = services.spokesperson_save(user=superuser, person=Spokesperson(
        unit=tree.yen_the, name="Hoàng Văn Bình", position="Chánh Văn phòng", valid_from=date(2019, 1, 8)))  # fmt: skip
    with pytest.raises(ValidationError) as refused:
        services.statement_save(user=leader, statement=PressStatement(
            unit=tree.luong_tai, kind="statement", given_on=date(2019, 7, 2), title="T", content="C",
            spokesperson=other))  # fmt: skip
    assert refused.value.error_dict["spokesperson"][0].code == "spokesperson_other_unit"
    for kind, day in [("statement", date(2019, 7, 2)), ("conference", date(2019, 9, 30)),
                      ("written", date(2019, 11, 2))]:  # fmt: skip
        services.statement_save(user=leader, statement=PressStatement(
            unit=tree.luong_tai, kind=kind, given_on=day, title="Thông tin", content="Nội dung",
            spokesperson=speaker))  # fmt: skip
    _issue(leader, tree.luong_tai)
    nine = Period.first_nine_months(2019)
    assert get_indicator("press.statements").compute([tree.luong_tai], nine) == 1
    assert get_indicator("press.conferences").compute([tree.luong_tai], nine) == 1
    assert get_indicator("press.issues").compute([tree.luong_tai], nine) == 1
    assert get_indicator("press.issues").compute([tree.yen_the], nine) == 0
    assert get_indicator("press.issues_answered").compute([tree.luong_tai], nine) == 0


def test_the_portal_publishes_who_speaks_today_and_the_public_statements(client, tree, superuser):
    from tttt.portal import services as portal
    from tttt.portal.models import PressPage

    portal.portal_create(user=superuser, unit=tree.luong_tai, hostname="luongtai.localhost",
                         today=date(2019, 9, 1))  # fmt: skip
    for name, role, start, end in [
        ("Phạm Thị Lan", "spokesperson", date(2019, 1, 8), None),
        ("Đỗ Văn Cũ", "spokesperson", date(2015, 1, 1), date(2018, 12, 31)),
        ("Lê Quang Minh", "head", date(2016, 7, 1), None),
        ("Trần Văn Ủy", "authorised", date(2019, 3, 1), None),
    ]:
        services.spokesperson_save(user=superuser, person=Spokesperson(
            unit=tree.luong_tai, name=name, role=role, position="Lãnh đạo", valid_from=start, valid_to=end))  # fmt: skip
    for title, public in [("Họp báo 9 tháng", True), ("Trao đổi nội bộ", False)]:
        services.statement_save(user=superuser, statement=PressStatement(
            unit=tree.luong_tai, kind="conference", given_on=date(2019, 9, 30), title=title,
            content="Nội dung", is_public=public))  # fmt: skip
    page = PressPage.objects.get(unit=tree.luong_tai)
    html = client.get(page.url, HTTP_HOST="luongtai.localhost").content.decode()
    assert "Phạm Thị Lan" in html and "Đỗ Văn Cũ" not in html
    # The head first, then the spokesperson, then the person authorised.
    assert html.index("Lê Quang Minh") < html.index("Phạm Thị Lan") < html.index("Trần Văn Ủy")
    assert "Họp báo 9 tháng" in html and "Trao đổi nội bộ" not in html


def test_api_registers_answers_and_keeps_to_the_scope(client, tree, leader, superuser):
    theirs = _issue(superuser, tree.yen_the, title="Bài của huyện khác")
    _token, key = APIToken.create_token(user=leader, name="Phần mềm theo dõi báo chí")
    auth = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    body = {"unit": tree.luong_tai.pk, "outlet": "Báo Tuổi Trẻ", "title": "Quán game mở khuya",
            "published_on": "2019-09-09", "topic": "Internet, trò chơi điện tử", "summary": "Mở sau 22 giờ."}  # fmt: skip
    made = client.post("/api/v1/press/issues", body, content_type="application/json", **auth)
    assert made.status_code == 201, made.content
    pk = made.json()["id"]
    assert [i["id"] for i in client.get("/api/v1/press/issues", **auth).json()["items"]] == [pk]
    assert client.get(f"/api/v1/press/issues/{theirs.pk}", **auth).status_code in (403, 404)
    refused = client.post(f"/api/v1/press/issues/{theirs.pk}/response",
                          {"response": "x", "responded_on": "2019-09-10"}, content_type="application/json", **auth)  # fmt: skip
    assert refused.status_code in (403, 404)
    answered = client.post(f"/api/v1/press/issues/{pk}/response",
                           {"response": "Đã kiểm tra, nhắc nhở 3 điểm.", "responded_on": "2019-09-20"},
                           content_type="application/json", **auth)  # fmt: skip
    assert answered.status_code == 200 and answered.json()["state"] == "answered"
    assert PressIssue.objects.get(pk=theirs.pk).responded_on is None


def test_the_home_page_says_what_waits_and_opens_exactly_those_issues(
    client, tree, leader, superuser
):
    from django.utils import timezone

    today = timezone.localdate()
    _issue(leader, tree.luong_tai, title="Chưa giao", published_on=today)
    late = _issue(leader, tree.luong_tai, title="Quá hạn", published_on=today)
    task = services.issue_assign(
        user=leader, issue=late, assignee=tree.luong_tai, deadline=today, on=today
    )
    PressIssue.objects.filter(pk=late.pk).update(published_on=date(2019, 3, 1))
    Task.objects.filter(pk=task.pk).update(assigned_on=date(2019, 3, 2), deadline=date(2019, 3, 20))
    # Another district's issue, outside the leader's scope.
    _issue(superuser, tree.yen_the, title="Huyện khác, chưa giao", published_on=today)
    client.force_login(leader)
    home = client.get("/admin/").content.decode()
    assert 'data-testid="tttt-press-waiting"' in home
    assert "Chưa giao xử lý: <b>1</b>" in home and "Quá hạn trả lời: <b>1</b>" in home
    for state, title in [("new", "Chưa giao"), ("overdue", "Quá hạn")]:
        listed = client.get(f"/admin/bao-chi/van-de/?tinh_trang={state}").context["object_list"]
        assert [i.title for i in listed] == [title]
