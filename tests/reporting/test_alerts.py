"""Leaders' alert thresholds: an alert opens when a figure goes past one (with an e-mail
linking to the records), stays one alert while it lasts, and closes itself when the figure
recovers; the check is one grouped query per indicator whatever the number of rules; bad
thresholds are refused all at once; the scope holds."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from tttt.org.models import Unit
from tttt.org.roles import LEADER
from tttt.reporting import services
from tttt.reporting.models import Alert, AlertRule


@pytest.fixture
def leader(tree, member):
    user = member("bn.lanhdao", LEADER, tree.bac_ninh)
    user.email = "lanhdao@bacninh.gov.vn"
    user.save()
    return user


def _rule(unit, code="org.communes", comparison="above", threshold="2", **more):
    return AlertRule(
        unit=unit, code=code, comparison=comparison, threshold=Decimal(threshold), **more
    )


def test_an_alert_opens_once_mails_and_closes_itself_when_the_figure_recovers(tree, leader):
    rule = services.alert_rule_save(
        user=leader, rule=_rule(tree.bac_ninh, recipients="vanphong@bacninh.gov.vn")
    )
    alert = Alert.objects.get(
        rule=rule, closed_at__isnull=True
    )  # checked when saved: 3 communes > 2
    assert alert.value == 3 and alert.period_end == timezone.localdate()
    assert len(mail.outbox) == 1 and set(mail.outbox[0].to) == {
        "lanhdao@bacninh.gov.vn",
        "vanphong@bacninh.gov.vn",
    }
    assert "Tỉnh Bắc Ninh" in mail.outbox[0].subject and "/admin/" in mail.outbox[0].body
    assert services.evaluate_alerts() == {"opened": 0, "open": 1, "closed": 0, "quiet": 0}
    assert Alert.objects.filter(rule=rule).count() == 1 and len(mail.outbox) == 1
    # Xã Bố Hạ is merged away: two communes, within the threshold, and the alert closes.
    Unit.objects.filter(pk=tree.new_bo_ha.pk).update(
        valid_to=timezone.localdate() - timedelta(days=1)
    )
    assert services.evaluate_alerts()["closed"] == 1
    alert.refresh_from_db()
    assert alert.closed_at is not None and alert.value == 2
    assert services.evaluate_alerts()["quiet"] == 1
    Unit.objects.filter(pk=tree.new_bo_ha.pk).update(valid_to=None)
    assert (
        services.evaluate_alerts()["opened"] == 1 and Alert.objects.filter(rule=rule).count() == 2
    )


def test_the_check_asks_one_query_per_indicator_whatever_the_rules(tree, leader):
    def rules_on(units):
        AlertRule.objects.all().delete()
        for unit in units:
            AlertRule.objects.create(
                unit=unit, code="org.communes", comparison="above", threshold=5
            )
        with CaptureQueriesContext(connection) as asked:
            assert services.evaluate_alerts()["quiet"] == len(units)
        return len(asked)

    few = rules_on([tree.new_trung_chinh])
    communes = [Unit.objects.create(name=f"Xã Thử {i}", kind="commune", type_word="xã", parent=tree.bac_ninh,
                                    code=f"7{i:04d}", source="test-current") for i in range(30)]  # fmt: skip
    assert rules_on(communes) == few


def test_a_wrong_threshold_is_refused_whole_and_saves_nothing(tree, leader):
    with pytest.raises(ValidationError) as refused:
        services.alert_rule_save(user=leader, rule=_rule(tree.bac_ninh, code="bc.khong_co", threshold="0",
                                                         recipients="ai đó, lanhdao@bacninh.gov.vn"))  # fmt: skip
    codes = {e.code for errors in refused.value.error_dict.values() for e in errors}
    assert codes == {"not_computed", "bad_email"}
    bad = _rule(tree.bac_ninh)
    bad.threshold = None
    with pytest.raises(ValidationError) as refused:
        services.alert_rule_save(user=leader, rule=bad)
    assert {e.code for e in refused.value.error_dict["threshold"]} == {"threshold_missing"}
    assert not AlertRule.objects.exists()


def test_a_rule_outside_the_scope_is_refused(tree, member):
    other = member("bh.lanhdao", LEADER, tree.new_bo_ha)
    with pytest.raises(PermissionDenied):
        services.alert_rule_save(user=other, rule=_rule(tree.bac_ninh))
    assert not AlertRule.objects.exists()


def test_a_leader_sets_a_threshold_and_sees_the_alert(client, tree, leader):
    client.force_login(leader)
    add = reverse("canh-bao-so-lieu:add")
    form = client.get(add, {"chi_tieu": "org.communes", "unit": tree.bac_ninh.pk})
    assert form.status_code == 200 and form.context["form"].initial["code"] == "org.communes"
    wrong = client.post(add, {"unit": tree.bac_ninh.pk, "code": "org.communes", "comparison": "above",
                              "threshold": "", "span": "quarter", "recipients": "", "is_active": "on"})  # fmt: skip
    assert wrong.status_code == 200 and not AlertRule.objects.exists()
    done = client.post(add, {"unit": tree.bac_ninh.pk, "code": "org.communes", "comparison": "above",
                             "threshold": "2", "span": "quarter", "recipients": "", "is_active": "on"})  # fmt: skip
    assert done.status_code == 302
    listing = client.get(reverse("canh-bao-so-lieu:index")).content.decode()
    assert "Đang cảnh báo: 3" in listing and "trên 2" in listing
    home = client.get(reverse("wagtailadmin_home")).content.decode()
    assert 'data-testid="alerts-panel"' in home and "Số đơn vị hành chính cấp xã" in home


def test_the_spans_a_rule_can_watch():
    from tttt.core.periods import Period
    from tttt.reporting.queries import span_period

    today = date(2026, 12, 2)
    assert span_period("month", today) == Period.custom(date(2026, 12, 1), today)
    assert span_period("quarter", today) == Period.custom(date(2026, 10, 1), today)
    assert span_period("year", today) == Period.custom(date(2026, 1, 1), today)
    assert span_period("last_quarter", today) == Period.quarter(2026, 3)


def test_reports_not_in_on_time_are_a_figure_a_leader_can_watch(tree, leader, commune_form):
    """Q3/2026 of the commune form fell due on 15/10/2026: of today's three communes of Bắc
    Ninh, one submitted in time, one late, one not at all."""
    from datetime import datetime

    from tttt.core.indicators import compute_each, get_indicator
    from tttt.core.periods import Period
    from tttt.org.queries import territories
    from tttt.reporting.models import Report

    tz = timezone.get_current_timezone()
    for unit, when in ((tree.new_trung_chinh, datetime(2026, 10, 15, 16, tzinfo=tz)),
                       (tree.new_luong_tai, datetime(2026, 10, 16, 8, tzinfo=tz))):  # fmt: skip
        Report.objects.create(form=commune_form, unit=unit, period_start=date(2026, 7, 1),
                              period_end=date(2026, 9, 30), period_kind="quarter", due_on=date(2026, 10, 15),
                              status="submitted", first_submitted_at=when, submitted_at=when)  # fmt: skip
    late = get_indicator("reporting.reports_late")
    quarter = Period.quarter(2026, 4)
    assert late.compute([tree.bac_ninh], quarter) == 2
    assert late.compute([tree.bac_ninh], Period.quarter(2026, 3)) == 3  # Q2's, due 15/7: none came
    places = territories([tree.new_trung_chinh, tree.new_luong_tai, tree.new_bo_ha], quarter.end)
    assert compute_each(late, places, quarter) == {
        tree.new_trung_chinh.pk: 0, tree.new_luong_tai.pk: 1, tree.new_bo_ha.pk: 1}  # fmt: skip
    rule = AlertRule.objects.create(unit=tree.bac_ninh, code="reporting.reports_late", comparison="above",
                                    threshold=0, span="quarter", created_by=leader)  # fmt: skip
    assert services.evaluate_alerts(today=date(2026, 12, 2))["opened"] == 1
    assert Alert.objects.get(rule=rule, closed_at__isnull=True).value == 2


def test_the_rules_list_and_the_home_panel_do_not_grow_with_the_rules(client, tree, leader):
    def pages():
        with CaptureQueriesContext(connection) as asked:
            listing = client.get(reverse("canh-bao-so-lieu:index"))
            home = client.get(reverse("wagtailadmin_home"))
        assert listing.status_code == home.status_code == 200
        return len(asked)

    client.force_login(leader)
    services.alert_rule_save(user=leader, rule=_rule(tree.bac_ninh))  # fires: 3 communes > 2
    pages()  # the session's first pages fill caches
    few = pages()
    for threshold in range(-6, 2):  # eight more, each firing
        services.alert_rule_save(user=leader, rule=_rule(tree.bac_ninh, threshold=str(threshold)))
    assert Alert.objects.filter(closed_at__isnull=True).count() == 9
    pages()
    assert pages() == few
