"""Acting on what is read: a spike of negative mentions raises the operations centre's alert
(reporting's alert rules on `listening.negative_against_usual`), whose records are the
mentions; a mention becomes an incident, a task or a draft correction on the portal."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.assignments.models import Task
from tttt.core.indicators import compute_each, get_indicator
from tttt.core.periods import Period
from tttt.listening import services
from tttt.listening.errors import ListeningError as E
from tttt.listening.models import Mention
from tttt.reporting import services as reporting
from tttt.reporting.models import Alert, AlertRule
from tttt.security.models import Incident

from .test_ingest import codes

pytestmark = pytest.mark.django_db
SPIKE_WEEK = Period.custom(date(2019, 9, 23), date(2019, 9, 29))


def test_the_figures_count_the_negative_mentions_against_the_usual(read, tree):
    figure = {
        c: get_indicator(f"listening.{c}")
        for c in ("mentions", "negative_mentions", "negative_against_usual")
    }
    assert figure["mentions"].compute([tree.luong_tai], SPIKE_WEEK) == 7
    negatives = figure["negative_mentions"].compute([tree.luong_tai], SPIKE_WEEK)
    assert negatives == 6  # "…hồ sơ quá hạn, mong sớm được giải quyết" reads as negative too
    before = Period.custom(date(2019, 8, 26), date(2019, 9, 22))
    usual = max(figure["negative_mentions"].compute([tree.luong_tai], before) / 4, 1)
    assert figure["negative_against_usual"].compute([tree.luong_tai], SPIKE_WEEK) == Decimal(
        negatives * 100 / usual
    ).quantize(Decimal("0.01"))
    each = compute_each(
        figure["negative_mentions"],
        {1: [tree.luong_tai], 2: [tree.trung_chinh], 3: [tree.yen_the]},
        SPIKE_WEEK,
    )
    assert each[1] == 6 and 1 <= each[2] < 6 and each[3] == 0


def test_a_negative_spike_opens_an_alert_whose_records_are_the_mentions(read, people, tree, client):
    from conftest import records_behind

    rule = reporting.alert_rule_save(user=people.leader, rule=AlertRule(
        unit=tree.luong_tai, code="listening.negative_against_usual", comparison="above", threshold=200, span="week"))  # fmt: skip
    assert not Alert.objects.exists()  # quiet this week: the spike was in 2019
    assert reporting.evaluate_alerts(today=date(2019, 9, 29), rules=[rule])["opened"] == 1
    alert = Alert.objects.get()
    assert (alert.period_start, alert.period_end) == (date(2019, 9, 23), date(2019, 9, 29))
    client.force_login(people.leader)
    rows, _page = records_behind(
        client, "listening.negative_against_usual", tree.luong_tai, str(alert.period)
    )
    assert len(rows) == 6 and {m.sentiment for m in rows} == {"negative"}
    assert (
        reporting.evaluate_alerts(today=date(2019, 10, 20), rules=[rule])["closed"] == 1
    )  # back to usual


def test_a_mention_becomes_a_task_an_incident_and_a_correction_once_each(read, people, tree):
    mention = Mention.objects.get(url="https://mxh.example.vn/posts/1007")
    with pytest.raises(PermissionDenied):
        services.mention_to_task(user=people.stranger, mention=mention, assignee=tree.trung_chinh,
                                 deadline=date.today() + timedelta(days=3), title="Xác minh")  # fmt: skip
    task = services.mention_to_task(user=people.leader, mention=mention, assignee=tree.trung_chinh,
                                    deadline=date.today() + timedelta(days=3), title="Xác minh phản ánh",
                                    note="Báo cáo trước thứ Sáu")  # fmt: skip
    assert task.source == Task.Source.LISTENING and task.unit == tree.trung_chinh
    assert "hách dịch" in task.content and task.source_reference == mention.url
    with pytest.raises(ValidationError) as refused:
        services.mention_to_task(user=people.leader, mention=mention, assignee=tree.trung_chinh,
                                 deadline=date.today() + timedelta(days=3), title="Lần hai")  # fmt: skip
    assert codes(refused.value) == {E.ALREADY_LINKED}
    incident = services.mention_to_incident(
        user=people.leader, mention=mention, kind="disinformation", severity=2
    )
    assert incident.source == Incident.Source.LISTENING and incident.notices.exists()
    with pytest.raises(ValidationError) as refused:  # Lương Tài has no portal in this test
        services.mention_correction(user=people.leader, mention=mention)
    assert codes(refused.value) == {E.NO_PORTAL}
    mention.refresh_from_db()
    assert (
        mention.status == Mention.Status.ACTED
        and mention.task == task
        and mention.incident == incident
    )


def test_a_correction_is_a_draft_on_the_unit_portal(read, people, tree, superuser):
    from tttt.portal import services as portal
    from tttt.portal.models import NewsPage

    portal.portal_create(user=superuser, unit=tree.luong_tai, today=date(2019, 9, 30))
    mention = Mention.objects.get(url="https://mxh.example.vn/posts/1005")
    url = services.mention_correction(user=people.leader, mention=mention)
    draft = NewsPage.objects.get(title__startswith="Thông tin chính thức về")
    assert (
        url.endswith(f"/pages/{draft.pk}/edit/") and not draft.live and draft.unit == tree.luong_tai
    )
    assert draft.get_parent().slug == "tin-tuc"
