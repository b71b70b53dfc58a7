"""Supervision visits whose recommendations become assigned tasks; emulation clusters with
rotating leaders, computed and hand-given scores, ranks and titles."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction

from tttt.assignments.models import Task
from tttt.org.roles import LEADER, REPORTING_OFFICER
from tttt.reporting import queries, services
from tttt.reporting.models import Cluster, ClusterMember, ClusterYear, Criterion, SupervisionVisit


def _visit(**kw):
    return SupervisionVisit(
        unit=kw.pop("unit"), kind="supervision", body="Thường trực HĐND huyện Lương Tài", leader="Đoàn Quang Tài",
        subject="Quản lý nhà nước về TT&TT", visited_on=date(2014, 10, 20), period_start=date(2014, 1, 1),
        period_end=date(2014, 9, 30), findings="Có 28 cơ sở Internet, 22 cơ sở karaoke.", **kw)  # fmt: skip


def test_a_visits_recommendations_are_followed_up_as_tasks(tree, member):
    officer = member("lt.lanhdao", LEADER, tree.luong_tai)
    visit = services.visit_save(user=officer, visit=_visit(unit=tree.luong_tai))
    rec = services.recommendation_add(user=officer, visit=visit, text="Nâng cao chất lượng Cổng thông tin điện tử.",
                                      assignee=tree.thua, deadline=date(2014, 12, 31))  # fmt: skip
    task = rec.task
    assert (task.source, task.unit, task.assignee, task.assigned_on) == (
        Task.Source.SUPERVISION, tree.luong_tai, tree.thua, date(2014, 10, 20))  # fmt: skip
    assert task.state(date(2015, 1, 5)) == "overdue"
    with pytest.raises(ValidationError, match="Hãy ghi nội dung kiến nghị"):
        services.recommendation_add(
            user=officer, visit=visit, text=" ", assignee=tree.thua, deadline=date(2014, 12, 31)
        )
    with pytest.raises(ValidationError):  # the assignee must be under the visited unit
        services.recommendation_add(user=officer, visit=visit, text="Việc khác", assignee=tree.bo_ha,
                                    deadline=date(2014, 12, 31))  # fmt: skip
    assert visit.recommendations.count() == 1 and Task.objects.count() == 1
    with pytest.raises(PermissionDenied):
        services.visit_save(
            user=member("bh.baocao", REPORTING_OFFICER, tree.bo_ha),
            visit=_visit(unit=tree.luong_tai),
        )
    backwards = _visit(unit=tree.luong_tai)
    backwards.period_start, backwards.period_end = date(2014, 9, 30), date(2014, 1, 1)
    with pytest.raises(ValidationError):  # the period covered cannot end before it starts
        services.visit_save(user=officer, visit=backwards)


@pytest.fixture
def cluster(tree):
    c = Cluster.objects.create(organiser=tree.old_bac_ninh, name="Cụm thi đua số 1")
    for unit in (tree.luong_tai, tree.thua, tree.trung_chinh):
        ClusterMember.objects.create(cluster=c, unit=unit)
    computed = Criterion.objects.create(cluster=c, position=1, name="Đơn vị hành chính", weight=40,
                                        indicator_code="org.communes", target=2)  # fmt: skip
    manual = Criterion.objects.create(cluster=c, position=2, name="Ứng dụng CNTT", weight=60)
    return c, computed, manual


def test_scores_ranks_and_titles(tree, member, cluster):
    c, computed, manual = cluster
    leader = member("obn.lanhdao", LEADER, tree.old_bac_ninh)
    assert services.scores_compute(user=leader, cluster=c, year=2019) == 3
    assert services.scores_compute(user=leader, cluster=c, year=2019) == 3  # idempotent
    for unit, points in [(tree.luong_tai, "55"), (tree.thua, "60"), (tree.trung_chinh, "30")]:
        services.score_give(user=leader, criterion=manual, year=2019, unit=unit, points=points)
    result = queries.standings(c, 2019)
    assert result.complete
    assert [(r.unit.name, r.total, r.rank, r.title) for r in result.rows] == [
        ("Huyện Lương Tài", Decimal(95), 1, "excellent"),
        ("Thị trấn Thứa", Decimal(80), 2, "good"),
        ("Xã Trung Chính", Decimal(50), 3, "done"),
    ]
    services.score_give(
        user=leader, criterion=manual, year=2019, unit=tree.trung_chinh, points="60"
    )
    assert [r.rank for r in queries.standings(c, 2019).rows] == [
        1,
        2,
        2,
    ]  # equal totals, equal rank
    with pytest.raises(ValidationError, match="chưa đạt"):
        services.distinctions_set(
            user=leader, cluster=c, year=2019, units=[tree.luong_tai, tree.thua]
        )
    services.distinctions_set(user=leader, cluster=c, year=2019, units=[tree.luong_tai])
    assert queries.standings(c, 2019).rows[0].title_label == "Hoàn thành xuất sắc, tiêu biểu"


@pytest.mark.parametrize("points, message", [("61", "phải từ 0 đến 60"), ("-1", "phải từ 0 đến 60"),
                                             ("nhiều", "không phải một số")])  # fmt: skip
def test_a_wrong_score_is_refused(tree, member, cluster, points, message):
    c, computed, manual = cluster
    leader = member("obn.lanhdao", LEADER, tree.old_bac_ninh)
    with pytest.raises(ValidationError, match=message):
        services.score_give(user=leader, criterion=manual, year=2019, unit=tree.thua, points=points)
    with pytest.raises(ValidationError, match="tính từ chỉ tiêu"):
        services.score_give(user=leader, criterion=computed, year=2019, unit=tree.thua, points="10")
    with pytest.raises(ValidationError, match="không thuộc cụm"):
        services.score_give(user=leader, criterion=manual, year=2019, unit=tree.bo_ha, points="10")
    with pytest.raises(PermissionDenied):
        services.score_give(user=member("thua.lanhdao", LEADER, tree.thua), criterion=manual, year=2019,
                            unit=tree.thua, points="60")  # fmt: skip


def test_the_cluster_leader_rotates_by_year(tree, member, cluster):
    c, _computed, _manual = cluster
    leader = member("obn.lanhdao", LEADER, tree.old_bac_ninh)
    services.cluster_year_set(
        user=leader, cluster=c, year=2015, leader=tree.luong_tai, deputy=tree.thua
    )
    services.cluster_year_set(
        user=leader, cluster=c, year=2016, leader=tree.thua, deputy=tree.trung_chinh
    )
    assert [(y.year, y.leader.name) for y in ClusterYear.objects.filter(cluster=c)] == [
        (2016, "Thị trấn Thứa"), (2015, "Huyện Lương Tài")]  # fmt: skip
    with pytest.raises(ValidationError, match="hai đơn vị khác nhau"):
        services.cluster_year_set(
            user=leader, cluster=c, year=2017, leader=tree.thua, deputy=tree.thua
        )
    with pytest.raises(ValidationError, match="đơn vị trong cụm"):
        services.cluster_year_set(
            user=leader, cluster=c, year=2017, leader=tree.bo_ha, deputy=tree.thua
        )
    with pytest.raises(IntegrityError), transaction.atomic():  # the database says it too
        ClusterYear.objects.create(cluster=c, year=2018, leader=tree.thua, deputy=tree.thua)
