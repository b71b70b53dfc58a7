"""The systems register (levels, approval, periodic checks falling due) and the figures of
information security, computed from the records."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import ValidationError
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tttt.core.indicators import compute_each, get_indicator
from tttt.core.periods import Period
from tttt.security import queries, services
from tttt.security.errors import SecurityError as E
from tttt.security.models import Incident, InformationSystem, SystemCheck

from .test_incidents import codes, report

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def portal(unit, **kw):
    return InformationSystem(unit=unit, name="Cổng thông tin điện tử huyện Lương Tài", kind="portal",
                             operator="Văn phòng HĐND và UBND huyện", **kw)  # fmt: skip


def test_an_approved_level_needs_its_decision_and_date(people, tree):
    with pytest.raises(ValidationError) as refused:
        services.system_save(
            user=people.specialist, system=portal(tree.luong_tai, approved_level=2)
        )
    assert codes(refused.value) == {E.APPROVAL_INCOMPLETE}
    with pytest.raises(ValidationError) as refused:
        services.system_save(user=people.specialist, system=portal(
            tree.luong_tai, approved_level=2, approval_number="12/QĐ-UBND",
            approved_on=date.today() + timedelta(days=3)))  # fmt: skip
    assert codes(refused.value) == {E.APPROVED_IN_FUTURE}
    assert not InformationSystem.objects.exists()


def test_the_next_periodic_check_follows_the_level_rule_from_the_last_assessment(people, tree):
    system = services.system_save(user=people.specialist, system=portal(
        tree.luong_tai, proposed_level=3, approved_level=3, approval_number="1234/QĐ-UBND",
        approved_on=date(2018, 5, 31)))  # fmt: skip
    found = queries.with_last_assessment(InformationSystem.objects.filter(pk=system.pk)).get()
    assert queries.next_check_due(found, queries.check_intervals()) == date(
        2020, 5, 31
    )  # 24 months
    services.system_check_add(user=people.specialist, check=SystemCheck(
        system=system, kind="assessment", checked_on=date(2019, 9, 30), checked_by="Sở TT&TT Bắc Ninh",
        result="findings", findings="Chưa có tường lửa ứng dụng web"))  # fmt: skip
    found = queries.with_last_assessment(InformationSystem.objects.filter(pk=system.pk)).get()
    assert queries.next_check_due(found, queries.check_intervals()) == date(2021, 9, 30)
    assert queries.systems_checks_overdue(
        InformationSystem.objects.all(), today=date(2021, 10, 1)
    ) == [found]
    with pytest.raises(ValidationError) as refused:
        services.system_check_add(user=people.specialist, check=SystemCheck(
            system=system, kind="scan", checked_on=date.today() + timedelta(days=1), checked_by="x",
            result="passed"))  # fmt: skip
    assert codes(refused.value) == {E.CHECKED_IN_FUTURE}


def test_system_figures_count_what_was_in_service_and_approved_at_the_period_end(people, tree):
    services.system_save(user=people.specialist, system=portal(
        tree.luong_tai, approved_level=2, approval_number="1234/QĐ-UBND", approved_on=date(2019, 8, 1)))  # fmt: skip
    services.system_save(user=people.specialist, system=InformationSystem(
        unit=tree.luong_tai, name="Hệ thống một cửa điện tử", kind="onestop", operator="VNPT Bắc Ninh",
        proposed_level=3))  # fmt: skip
    services.system_save(user=people.specialist, system=InformationSystem(
        unit=tree.luong_tai, name="Thư điện tử cũ", kind="mail", operator="Viettel", retired_on=date(2019, 1, 1)))  # fmt: skip
    q3, q2 = Period.parse("2019-Q3"), Period.parse("2019-Q2")
    units = [tree.luong_tai]
    assert get_indicator("security.systems").compute(units, q3) == 2
    assert get_indicator("security.systems_level_approved_share").compute(units, q3) == Decimal(
        "50.00"
    )
    assert get_indicator("security.systems_level_approved_share").compute(units, q2) == Decimal(
        "0.00"
    )


def test_serious_incidents_are_counted_so_none_is_a_computed_zero(people, tree):
    report(
        people.specialist, tree.luong_tai, detected=datetime(2019, 8, 1, 9, tzinfo=VN), severity=4
    )
    report(
        people.specialist, tree.trung_chinh, detected=datetime(2019, 8, 2, 9, tzinfo=VN), severity=2
    )
    report(
        people.specialist, tree.luong_tai, detected=datetime(2019, 11, 2, 9, tzinfo=VN), severity=4
    )
    serious, everything = (
        get_indicator("security.serious_incidents"),
        get_indicator("security.incidents"),
    )
    q3, q2 = Period.parse("2019-Q3"), Period.parse("2019-Q2")
    assert (
        serious.compute([tree.luong_tai], q3) == 1 and everything.compute([tree.luong_tai], q3) == 2
    )
    assert serious.compute([tree.luong_tai], q2) == 0
    assert (
        serious.compute([tree.trung_chinh], q3) == 0
        and everything.compute([tree.trung_chinh], q3) == 1
    )
    each = compute_each(
        serious, {1: [tree.luong_tai], 2: [tree.trung_chinh], 3: [tree.yen_the]}, q3
    )
    assert each == {1: 1, 2: 0, 3: 0}


@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    minutes=st.lists(st.integers(min_value=0, max_value=60 * 24 * 9), min_size=1, max_size=6),
    unanswered=st.integers(min_value=0, max_value=2),
)
def test_hours_to_respond_is_the_mean_of_the_incidents_responded(people, tree, minutes, unanswered):
    Incident.objects.all().delete()
    detected = datetime(2019, 7, 1, 8, tzinfo=VN)
    for i, m in enumerate([*minutes, *[None] * unanswered]):
        incident = report(people.specialist, tree.luong_tai, detected=detected + timedelta(days=i))
        if m is not None:
            services.incident_step_done(user=people.specialist, step=incident.steps.first(),
                                        at=incident.detected_at + timedelta(minutes=m))  # fmt: skip
    value = get_indicator("security.hours_to_respond").compute(
        [tree.luong_tai], Period.parse("2019-Q3")
    )
    assert value == pytest.approx(round(sum(minutes) / 60 / len(minutes), 2), abs=0.006)
    each = compute_each(
        get_indicator("security.hours_to_respond"), {1: [tree.luong_tai]}, Period.parse("2019-Q3")
    )
    assert each[1] == value


def test_notices_on_time_share(people, tree):
    first = report(people.specialist, tree.luong_tai, detected=datetime(2019, 8, 1, 9, tzinfo=VN))
    second = report(people.specialist, tree.luong_tai, detected=datetime(2019, 8, 20, 9, tzinfo=VN))
    services.incident_notice_send(user=people.specialist, notice=first.notices.get(), sent_to="Sở TT&TT",
                                  at=datetime(2019, 8, 3, 9, tzinfo=VN))  # fmt: skip
    services.incident_notice_send(user=people.specialist, notice=second.notices.get(), sent_to="Sở TT&TT",
                                  at=datetime(2019, 8, 27, 9, tzinfo=VN))  # fmt: skip
    share = get_indicator("security.notices_on_time_share")
    assert share.compute([tree.luong_tai], Period.parse("2019-Q3")) == Decimal("50.00")
