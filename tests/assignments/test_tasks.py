"""Assigned tasks: who may assign, report, extend and complete; states; figures; the
portal's follow-up section; scope in the back office."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from conftest import make_unit, records_behind
from tttt.assignments import services
from tttt.assignments.models import Task
from tttt.core.indicators import get_indicator
from tttt.core.periods import Period
from tttt.org import roles as R
from tttt.org.models import Unit

pytestmark = pytest.mark.django_db


@pytest.fixture
def office(tree):
    return make_unit(
        "Phòng Văn hóa và Thông tin",
        Unit.Kind.OFFICE,
        Unit.TypeWord.PHONG,
        tree.luong_tai,
        code="lt-vhtt",
    )


@pytest.fixture
def people(member, tree, office):
    return {
        "leader": member("lt.lanhdao", R.LEADER, tree.luong_tai),
        "specialist": member("lt.vhtt", R.SPECIALIST, office),
        "stranger": member("yt.lanhdao", R.LEADER, tree.yen_the),
    }


def new_task(unit, assignee, **kw):
    data = dict(source=Task.Source.SUPERVISION, source_reference="Kết luận đoàn kiểm tra ngày 03/10/2019",
                title="Cập nhật thủ tục hành chính trên cổng", assigned_on=date(2019, 10, 7),
                deadline=date(2019, 12, 31))  # fmt: skip
    data.update(kw)
    return Task(unit=unit, assignee=assignee, **data)


def test_leader_assigns_and_the_office_reports_then_the_leader_completes(people, tree, office):
    task = services.task_create(user=people["leader"], task=new_task(tree.luong_tai, office))
    assert task.state(date(2019, 11, 1)) == "on_time" and task.state(date(2020, 1, 2)) == "overdue"
    services.task_report(user=people["specialist"], task=task, note="Đã rà soát 120 thủ tục.", percent=40,
                         evidence=SimpleUploadedFile("bien-ban.pdf", b"%PDF-1.4 test"))  # fmt: skip
    with pytest.raises(PermissionDenied):  # the office reports but does not sign off
        services.task_complete(
            user=people["specialist"], task=task, on=date(2019, 12, 20), result="Xong"
        )
    with pytest.raises(ValidationError):
        services.task_complete(user=people["leader"], task=task, on=date(2019, 12, 20), result="  ")
    services.task_complete(
        user=people["leader"], task=task, on=date(2019, 12, 20), result="Đã cập nhật 450 thủ tục."
    )
    task.refresh_from_db()
    assert task.state() == "done_on_time" and task.progress.count() == 1
    with pytest.raises(ValidationError):
        services.task_report(user=people["specialist"], task=task, note="Thêm", percent=100)


def test_out_of_scope_and_bad_input_are_refused(people, tree, office):
    with pytest.raises(PermissionDenied):
        services.task_create(user=people["stranger"], task=new_task(tree.luong_tai, office))
    with pytest.raises(ValidationError):  # assignee outside the assigning unit
        services.task_create(user=people["leader"], task=new_task(tree.luong_tai, tree.bo_ha))
    with pytest.raises(ValidationError):
        services.task_create(
            user=people["leader"], task=new_task(tree.luong_tai, office, deadline=date(2019, 1, 1))
        )
    assert Task.objects.count() == 0
    with pytest.raises(IntegrityError), transaction.atomic():  # the database keeps the rule too
        new_task(tree.luong_tai, office, deadline=date(2019, 1, 1)).save()


def test_extension_needs_a_reason_and_a_later_date(people, tree, office):
    task = services.task_create(user=people["leader"], task=new_task(tree.luong_tai, office))
    with pytest.raises(ValidationError):
        services.task_extend(
            user=people["leader"], task=task, deadline=date(2020, 3, 31), reason=""
        )
    with pytest.raises(ValidationError):
        services.task_extend(
            user=people["leader"], task=task, deadline=date(2019, 12, 1), reason="Chưa xong"
        )
    services.task_extend(
        user=people["leader"],
        task=task,
        deadline=date(2020, 3, 31),
        reason="Chờ bộ thủ tục mới của tỉnh",
    )
    task.refresh_from_db()
    assert task.deadline == date(2020, 3, 31)
    assert "Gia hạn từ 31/12/2019 đến 31/03/2020" in task.progress.get().note


def test_figures_count_assigned_done_on_time_and_overdue(people, tree, office):
    leader = people["leader"]
    on_time = services.task_create(user=leader, task=new_task(tree.luong_tai, office))
    late = services.task_create(
        user=leader, task=new_task(tree.luong_tai, office, deadline=date(2019, 10, 31))
    )
    services.task_create(
        user=leader, task=new_task(tree.luong_tai, office, deadline=date(2019, 11, 15))
    )
    Task.objects.filter(pk=on_time.pk).update(status="done", completed_on=date(2019, 12, 1))
    Task.objects.filter(pk=late.pk).update(status="done", completed_on=date(2020, 1, 10))
    q4 = Period.parse("2019-Q4")

    def fig(code, period=q4, unit=tree.luong_tai):
        return get_indicator(f"assignments.{code}").compute([unit], period)

    assert fig("assigned") == 3
    assert fig("completed") == 1 and fig("completed_on_time") == 1
    assert fig("overdue") == 2  # late (done only in 2020) and the open one
    assert fig("overdue", Period.parse("2020-Q1")) == 1
    assert fig("assigned", unit=tree.yen_the) == 0
    assert fig("assigned", unit=tree.old_bac_ninh) == 3


def test_each_task_figure_lists_exactly_its_tasks(client, people, tree, office):
    leader = people["leader"]
    on_time = services.task_create(user=leader, task=new_task(tree.luong_tai, office))
    late = services.task_create(
        user=leader, task=new_task(tree.luong_tai, office, deadline=date(2019, 10, 31))
    )
    open_ = services.task_create(
        user=leader, task=new_task(tree.luong_tai, office, deadline=date(2019, 11, 15))
    )
    Task.objects.filter(pk=on_time.pk).update(status="done", completed_on=date(2019, 12, 1))
    Task.objects.filter(pk=late.pk).update(status="done", completed_on=date(2020, 1, 10))
    client.force_login(leader)

    def listed(code, period="2019-Q4"):
        rows, _page = records_behind(client, f"assignments.{code}", tree.luong_tai, period)
        return {t.pk for t in rows}

    assert listed("overdue") == {late.pk, open_.pk}
    assert listed("overdue", "2020-Q1") == {open_.pk}
    assert listed("completed_on_time") == {on_time.pk}
    assert listed("assigned") == {on_time.pk, late.pk, open_.pk}
    assert listed("assigned", "2019-Q3") == set()
    client.force_login(people["stranger"])  # another district's leader: the whole list, unfiltered
    page = client.get(
        get_indicator("assignments.overdue").records_url(tree.luong_tai, Period.parse("2019-Q4"))
    )
    assert page.status_code == 200 and page.context["figure"] is None
    assert not page.context["object_list"]


def test_backoffice_list_and_detail_are_scoped(client, people, tree, office, member):
    mine = services.task_create(user=people["leader"], task=new_task(tree.luong_tai, office))
    yt_office = make_unit(
        "Phòng VH-TT Yên Thế", Unit.Kind.OFFICE, Unit.TypeWord.PHONG, tree.yen_the, code="yt-vhtt"
    )
    theirs = services.task_create(
        user=people["stranger"],
        task=new_task(tree.yen_the, yt_office, title="Nhiệm vụ của Yên Thế"),
    )
    client.force_login(people["specialist"])
    listing = client.get(reverse("tasks:index")).content.decode()
    assert mine.title in listing and "Nhiệm vụ của Yên Thế" not in listing
    assert client.get(reverse("tasks:inspect", args=[theirs.pk])).status_code in (302, 403)
    response = client.post(
        reverse("tasks:inspect", args=[mine.pk]),
        {"action": "report", "note": "Đã làm 50%", "percent": "50",
         "evidence": SimpleUploadedFile("anh.jpg", b"\xff\xd8\xff image")},
    )  # fmt: skip
    assert response.status_code == 302
    for name, content in (("virus.exe", b"MZ"), ("bien-ban.pdf", b"<html>")):  # refused
        client.post(reverse("tasks:inspect", args=[mine.pk]),
                    {"action": "report", "note": "Thêm", "percent": "60",
                     "evidence": SimpleUploadedFile(name, content)})  # fmt: skip
    progress = mine.progress.get()  # the only report: the two refused ones added nothing
    assert client.get(reverse("task_evidence", args=[progress.pk])).status_code == 200
    client.force_login(people["stranger"])
    assert client.get(reverse("task_evidence", args=[progress.pk])).status_code in (302, 403)
    overdue = client.get(reverse("tasks:index") + "?tinh_trang=overdue")
    assert overdue.status_code == 200


def test_portal_publishes_the_follow_up(client, people, tree, office, superuser):
    from tttt.portal import services as portal_services

    portal = portal_services.portal_create(
        user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30)
    )
    services.task_create(user=people["leader"], task=new_task(tree.luong_tai, office))
    services.task_create(
        user=people["leader"],
        task=new_task(tree.luong_tai, office, title="Nhiệm vụ nội bộ", is_public=False),
    )
    html = client.get("/theo-doi-nhiem-vu/", HTTP_HOST="luongtai.localhost").content.decode()
    assert "Cập nhật thủ tục hành chính trên cổng" in html and "Nhiệm vụ nội bộ" not in html
    assert "Quá hạn, chưa hoàn thành" in html
    overdue_only = client.get(
        "/theo-doi-nhiem-vu/?tinh_trang=done_on_time", HTTP_HOST="luongtai.localhost"
    )
    assert "Cập nhật thủ tục hành chính trên cổng" not in overdue_only.content.decode()
    assert portal.get_children().filter(slug="theo-doi-nhiem-vu").exists()


def test_completion_date_cannot_be_in_the_future(people, tree, office):
    task = services.task_create(
        user=people["leader"],
        task=new_task(
            tree.luong_tai,
            office,
            assigned_on=timezone.localdate() - timedelta(days=3),
            deadline=timezone.localdate() + timedelta(days=30),
        ),
    )
    with pytest.raises(ValidationError):
        services.task_complete(
            user=people["leader"],
            task=task,
            on=timezone.localdate() + timedelta(days=1),
            result="Xong",
        )


def test_task_list_queries_do_not_grow_with_rows(client, people, tree, office):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def count():
        client.force_login(people["leader"])
        with CaptureQueriesContext(connection) as ctx:
            assert client.get(reverse("tasks:index")).status_code == 200
        return len(ctx.captured_queries)

    services.task_create(user=people["leader"], task=new_task(tree.luong_tai, office))
    count()  # the first page also builds the person's sidebar, then cached
    few = count()
    for i in range(15):
        services.task_create(
            user=people["leader"], task=new_task(tree.luong_tai, office, title=f"Nhiệm vụ {i}")
        )
    assert count() == few


def test_assignment_form_shows_the_services_refusal(client, people, tree, office):
    client.force_login(people["leader"])
    response = client.post(
        reverse("tasks:add"),
        {"unit": tree.trung_chinh.pk, "assignee": office.pk, "source": "directive",
         "source_reference": "Thông báo số 12/TB-UBND", "title": "Rà soát điểm Internet",
         "assigned_on": "2019-10-07", "deadline": "2019-10-31", "is_public": "on"},
    )  # fmt: skip
    assert response.status_code == 200
    assert "Cơ quan thực hiện phải thuộc đơn vị giao nhiệm vụ." in response.content.decode()
    assert Task.objects.count() == 0


def test_the_generic_edit_form_is_not_a_back_door(client, people, tree, office):
    yt_office = make_unit(
        "Phòng VH-TT Yên Thế", Unit.Kind.OFFICE, Unit.TypeWord.PHONG, tree.yen_the, code="yt-vhtt"
    )
    theirs = services.task_create(user=people["stranger"], task=new_task(tree.yen_the, yt_office))
    client.force_login(people["leader"])
    response = client.post(
        reverse("tasks:edit", args=[theirs.pk]), {"title": "Đổi tên", "deadline": "2030-01-01"}
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert theirs.title != "Đổi tên" and theirs.deadline == date(2019, 12, 31)
    assert client.get(response.url).status_code in (302, 403)  # and its page is out of scope
