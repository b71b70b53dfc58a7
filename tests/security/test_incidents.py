"""Incidents: the notices the rules in force owe and their deadlines, the response steps,
escalation to the unit above, closure with every missing piece named at once, scope."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.test import override_settings
from django.utils import timezone

from tttt.security import services
from tttt.security.errors import SecurityError as E
from tttt.security.models import Incident, IncidentRule

VN = ZoneInfo("Asia/Ho_Chi_Minh")
pytestmark = pytest.mark.django_db


def at(*args):
    return datetime(*args, tzinfo=VN)


def codes(error: ValidationError) -> set[str]:
    found = set()
    for items in error.error_dict.values() if hasattr(error, "error_dict") else [error.error_list]:
        found |= {e.code for e in items}
    return found


def report(user, unit, *, detected, kind="defacement", severity=Incident.Severity.HIGH,
           personal_data=False, title="Cổng thông tin điện tử huyện bị thay đổi giao diện"):  # fmt: skip
    return services.incident_report(user=user, incident=Incident(
        unit=unit, title=title, source=Incident.Source.STAFF, kind=kind, severity=severity,
        personal_data=personal_data, detected_at=detected, reported_at=detected + timedelta(minutes=30)))  # fmt: skip


def test_a_2019_incident_owes_the_five_day_report_and_no_personal_data_notice(people, tree):
    incident = report(
        people.clerk, tree.luong_tai, detected=at(2019, 10, 7, 9, 0), personal_data=True
    )
    notices = list(incident.notices.select_related("rule"))
    # Decree 13/2023's 72-hour notice was not in force in 2019: only Decision 05/2017's report.
    assert [n.rule.code for n in notices] == ["bao-cao-su-co"]
    assert notices[0].due_at == at(2019, 10, 12, 9, 0)  # 5 days by the clock, weekend included
    assert [s.title for s in incident.steps.all()][
        0
    ] == "Chụp lại giao diện bị thay đổi, lưu chứng cứ"
    assert incident.reporter == people.clerk and incident.status == Incident.Status.OPEN
    assert list(incident.events.values_list("action", flat=True)) == ["reported"]


@pytest.mark.parametrize("year, code", [(2024, "du-lieu-ca-nhan-nd13"), (2026, "du-lieu-ca-nhan")])
def test_a_personal_data_breach_owes_a_notice_within_72_hours_under_the_rule_of_its_day(
    people, tree, year, code
):
    detected = at(year, 3, 6, 22, 15)
    incident = report(
        people.specialist, tree.luong_tai, detected=detected, kind="data_leak", personal_data=True
    )
    due = {n.rule.code: n.due_at for n in incident.notices.select_related("rule")}
    assert due == {
        "bao-cao-su-co": detected + timedelta(days=5),
        code: detected + timedelta(hours=72),
    }


def test_reclassifying_adds_the_notices_now_owed_and_drops_unsent_ones_no_longer_owed(people, tree):
    incident = report(
        people.specialist, tree.luong_tai, detected=at(2026, 3, 2, 8, 0), kind="intrusion"
    )
    assert set(incident.notices.values_list("rule__code", flat=True)) == {"bao-cao-su-co"}
    services.incident_classify(user=people.specialist, incident=incident, kind="data_leak",
                               severity=Incident.Severity.SERIOUS, personal_data=True)  # fmt: skip
    assert set(incident.notices.values_list("rule__code", flat=True)) == {
        "bao-cao-su-co",
        "du-lieu-ca-nhan",
    }
    services.incident_classify(user=people.specialist, incident=incident, kind="intrusion",
                               severity=Incident.Severity.HIGH, personal_data=False, note="Không lộ dữ liệu")  # fmt: skip
    assert set(incident.notices.values_list("rule__code", flat=True)) == {"bao-cao-su-co"}


def test_a_rule_counted_in_working_days_skips_the_weekend_and_holidays(people, tree, rules):
    IncidentRule.objects.create(code="bao-cao-huyen", name="Báo cáo UBND huyện", recipient="UBND huyện",
                                applies_to="serious", amount=2, counting="working_days",
                                legal_basis="Quy chế của tỉnh (thử)", valid_from=at(2019, 1, 1).date())  # fmt: skip
    incident = report(
        people.specialist, tree.luong_tai, detected=at(2019, 10, 4, 16, 0)
    )  # a Friday
    due = incident.notices.get(rule__code="bao-cao-huyen").due_at
    assert (
        timezone.localtime(due).date() == at(2019, 10, 8).date()
    )  # Monday and Tuesday are the two days
    low = report(
        people.specialist,
        tree.luong_tai,
        detected=at(2019, 10, 4, 16, 0),
        severity=Incident.Severity.LOW,
    )
    assert not low.notices.filter(
        rule__code="bao-cao-huyen"
    ).exists()  # only serious incidents owe it


def test_staff_report_only_in_their_scope_and_only_responders_respond(people, tree):
    with pytest.raises(PermissionDenied):
        report(people.stranger, tree.luong_tai, detected=at(2019, 10, 7, 9, 0))
    incident = report(people.clerk, tree.luong_tai, detected=at(2019, 10, 7, 9, 0))
    with pytest.raises(PermissionDenied):
        services.incident_step_done(user=people.clerk, step=incident.steps.first())
    with pytest.raises(PermissionDenied):
        services.incident_close(user=people.specialist, incident=incident, cause="x", lessons="y")


def test_bad_input_is_refused_with_every_problem_and_nothing_written(people, tree):
    future = timezone.now() + timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        services.incident_report(user=people.clerk, incident=Incident(
            unit=tree.luong_tai, title="Thư giả mạo", source="staff", kind="phishing", severity=1,
            detected_at=future, reported_at=timezone.now()))  # fmt: skip
    assert codes(refused.value) == {E.DETECTED_IN_FUTURE, E.REPORTED_BEFORE_DETECTED}
    assert not Incident.objects.exists()


def test_closing_names_every_missing_piece_at_once_then_closes_and_locks(people, tree):
    incident = report(people.specialist, tree.luong_tai, detected=at(2019, 10, 7, 9, 0))
    with pytest.raises(ValidationError) as refused:
        services.incident_close(user=people.leader, incident=incident, cause="", lessons="")
    assert codes(refused.value) == {E.STEPS_OPEN, E.NOTICES_DUE, E.CAUSE_MISSING, E.LESSONS_MISSING}
    for i, step in enumerate(incident.steps.all()):
        services.incident_step_done(
            user=people.specialist, step=step, at=at(2019, 10, 7, 10 + i, 0)
        )
    notice = incident.notices.get()
    services.incident_notice_send(user=people.specialist, notice=notice, sent_to="Sở TT&TT Bắc Ninh",
                                  reference="15/BC-UBND", at=at(2019, 10, 9, 8, 0))  # fmt: skip
    incident.refresh_from_db()
    assert incident.responded_at == at(2019, 10, 7, 10, 0) and incident.hours_to_respond == 1.0
    assert incident.status == Incident.Status.RESPONDING
    services.incident_close(user=people.leader, incident=incident, at=at(2019, 10, 8, 17, 0),
                            cause="Mật khẩu quản trị yếu", lessons="Bật xác thực hai lớp cho quản trị")  # fmt: skip
    incident.refresh_from_db()
    assert incident.status == Incident.Status.CLOSED and incident.notices.get().on_time
    with pytest.raises(ValidationError) as refused:
        services.incident_step_add(user=people.specialist, incident=incident, title="Thêm")
    assert codes(refused.value) == {E.INCIDENT_CLOSED}


def test_a_step_or_notice_is_recorded_once_and_not_before_detection(people, tree):
    incident = report(people.specialist, tree.luong_tai, detected=at(2019, 10, 7, 9, 0))
    step, notice = incident.steps.first(), incident.notices.get()
    with pytest.raises(ValidationError) as refused:
        services.incident_step_done(user=people.specialist, step=step, at=at(2019, 10, 6, 9, 0))
    assert codes(refused.value) == {E.STEP_BEFORE_DETECTED}
    services.incident_step_done(user=people.specialist, step=step, at=at(2019, 10, 7, 9, 30))
    with pytest.raises(ValidationError) as refused:
        services.incident_step_done(user=people.specialist, step=step)
    assert codes(refused.value) == {E.STEP_DONE}
    with pytest.raises(ValidationError) as refused:
        services.incident_notice_send(user=people.specialist, notice=notice, sent_to=" ")
    assert codes(refused.value) == {E.NOTICE_RECIPIENT_MISSING}
    late = services.incident_notice_send(user=people.specialist, notice=notice, sent_to="Sở TT&TT",
                                         at=at(2019, 10, 14, 8, 0))  # fmt: skip
    assert late.on_time is False


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def test_a_commune_escalates_to_its_district_whose_leaders_are_told(people, tree):
    incident = report(people.commune_leader, tree.trung_chinh, detected=at(2019, 10, 7, 9, 0),
                      title="Trang thông tin xã Trung Chính bị chèn quảng cáo cờ bạc")  # fmt: skip
    with pytest.raises(PermissionDenied):  # the specialist is not the commune's leader
        services.incident_escalate(user=people.stranger, incident=incident)
    services.incident_escalate(user=people.commune_leader, incident=incident, note="Đề nghị hỗ trợ")
    incident.refresh_from_db()
    assert incident.escalated_to == tree.luong_tai
    assert [m.to for m in mail.outbox] == [["lanhdao@luongtai.bacninh.gov.vn"]]
    assert "Trung Chính" in mail.outbox[0].subject
    with pytest.raises(ValidationError) as refused:
        services.incident_escalate(user=people.commune_leader, incident=incident)
    assert codes(refused.value) == {E.ALREADY_ESCALATED}
    top = report(people.province_leader, tree.old_bac_ninh, detected=at(2019, 10, 7, 9, 0))
    with pytest.raises(ValidationError) as refused:
        services.incident_escalate(user=people.province_leader, incident=top)
    assert codes(refused.value) == {E.NO_UNIT_ABOVE}


def test_the_database_keeps_a_closed_incident_with_its_closing_time(people, tree):
    incident = report(people.specialist, tree.luong_tai, detected=at(2019, 10, 7, 9, 0))
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(status="closed")
    with pytest.raises(IntegrityError), transaction.atomic():
        Incident.objects.filter(pk=incident.pk).update(severity=5)


def test_a_report_found_not_to_be_an_incident_is_dismissed_and_left_out_of_the_figures(
    people, tree
):
    from tttt.core.indicators import get_indicator
    from tttt.core.periods import Period

    real = report(people.specialist, tree.luong_tai, detected=at(2019, 8, 5, 9, 0))
    mistaken = services.incident_from_citizen(unit=tree.luong_tai, now=at(2019, 8, 26, 20, 15),
        report=services.CitizenReport(kind="outage", title="Không vào được Cổng thông tin huyện",
                                      description="Tối nay không mở được trang.", name="Nguyễn Văn Tám",
                                      contact="0912345678"))  # fmt: skip
    assert mistaken.source == Incident.Source.CITIZEN and mistaken.severity == Incident.Severity.LOW
    assert mistaken.reporter is None and mistaken.notices.filter(sent_at__isnull=True).exists()
    with pytest.raises(PermissionDenied):
        services.incident_dismiss(user=people.clerk, incident=mistaken, reason="Mạng gia đình")
    with pytest.raises(ValidationError) as refused:
        services.incident_dismiss(user=people.specialist, incident=mistaken, reason=" ")
    assert codes(refused.value) == {E.REASON_MISSING}
    services.incident_dismiss(user=people.specialist, incident=mistaken,
                              reason="Cổng hoạt động bình thường; đường truyền của gia đình bị lỗi.")  # fmt: skip
    mistaken.refresh_from_db()
    assert mistaken.status == Incident.Status.DISMISSED and mistaken.closed_at is not None
    assert not mistaken.notices.exists()  # nothing is owed for what was not an incident
    with pytest.raises(ValidationError) as locked:
        services.incident_note(user=people.specialist, incident=mistaken, note="Thêm")
    assert codes(locked.value) == {E.INCIDENT_CLOSED}
    nine_months = Period.parse("2019-9M")
    assert get_indicator("security.incidents").compute([tree.luong_tai], nine_months) == 1
    # Once the response has begun it is an incident: it is closed, not dismissed.
    services.incident_step_done(
        user=people.specialist, step=real.steps.first(), at=at(2019, 8, 5, 10)
    )
    with pytest.raises(ValidationError) as begun:
        services.incident_dismiss(user=people.specialist, incident=real, reason="Nhầm")
    assert codes(begun.value) == {E.NOT_DISMISSIBLE}


def test_a_citizen_report_names_every_missing_piece_and_writes_nothing(tree, rules):
    with pytest.raises(ValidationError) as refused:
        services.incident_from_citizen(unit=tree.luong_tai, report=services.CitizenReport(
            kind="intrusion", title="", description="", name="", contact=""))  # fmt: skip
    assert set(refused.value.error_dict) == {"kind", "title", "description", "name", "contact"}
    assert not Incident.objects.exists()
