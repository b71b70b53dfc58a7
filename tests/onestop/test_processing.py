import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tttt.core.calendar import get_calendar
from tttt.onestop import services
from tttt.onestop.models import Rating, Status, Timing
from tttt.onestop.services import ConcurrentChange, act

from .conftest import APPLICANT, at


def test_a_dossiers_whole_life_is_on_the_control_sheet(receive, staff):
    d = receive(now=at(7, 9))
    d = act(user=staff.clerk, dossier=d, action="assign", assignee=staff.specialist, now=at(7, 10))
    assert d.status == Status.PROCESSING and d.assignee == staff.specialist
    d = act(
        user=staff.specialist,
        dossier=d,
        action="request_supplement",
        reason="Bổ sung bản vẽ mặt bằng",
        now=at(8, 9),
    )
    assert d.status == Status.SUPPLEMENT
    # The applicant comes back two working days later; the clock stood still meanwhile.
    d = act(user=staff.clerk, dossier=d, action="supplement_received", now=at(10, 9))
    pause = d.pauses.get()
    assert (pause.started_at, pause.ended_at) == (at(8, 9), at(10, 9))
    assert d.due_at == d.deadline == at(14, 9)  # Thu 09:00 + 2 days → Mon
    d = act(user=staff.specialist, dossier=d, action="submit", now=at(10, 10))
    d = act(user=staff.leader, dossier=d, action="send_back", reason="Sai tên", now=at(10, 11))
    assert d.status == Status.PROCESSING and d.assignee == staff.specialist
    d = act(user=staff.specialist, dossier=d, action="submit", now=at(10, 14))
    d = act(user=staff.leader, dossier=d, action="approve", now=at(10, 15))
    d = act(user=staff.specialist, dossier=d, action="result_ready", now=at(11, 8))
    assert d.timing == Timing.EARLY and d.resolved_at == at(11, 8)
    d = act(user=staff.clerk, dossier=d, action="return", now=at(11, 9))
    assert d.status == Status.RETURNED
    sheet = list(d.events.values_list("action", "actor__username"))
    assert sheet == [
        ("receive", "tc.motcua"),
        ("assign", "tc.motcua"),
        ("request_supplement", "tc.chuyenvien"),
        ("supplement_received", "tc.motcua"),
        ("submit", "tc.chuyenvien"),
        ("send_back", "tc.lanhdao"),
        ("submit", "tc.chuyenvien"),
        ("approve", "tc.lanhdao"),
        ("result_ready", "tc.chuyenvien"),
        ("return", "tc.motcua"),
    ]
    rated = services.rate_dossier(code=d.code, phone=APPLICANT["phone"], rating=Rating.SATISFIED)
    assert rated.rating == Rating.SATISFIED
    with pytest.raises(ValidationError, match="đã được đánh giá"):
        services.rate_dossier(code=d.code, phone=APPLICANT["phone"], rating=3)


def test_an_invalid_transition_is_a_clear_error(receive, staff):
    d = receive()
    with pytest.raises(ValidationError, match="đang ở trạng thái «Mới tiếp nhận»"):
        act(user=staff.leader, dossier=d, action="approve")
    with pytest.raises(ValidationError, match="không tồn tại"):
        act(user=staff.leader, dossier=d, action="teleport")
    with pytest.raises(ValidationError) as caught:
        act(user=staff.clerk, dossier=d, action="refuse")
    assert "lý do" in caught.value.message_dict["reason"][0]
    d.refresh_from_db()
    assert d.status == Status.RECEIVED and d.events.count() == 1


def test_roles_and_scope_limit_the_actions(receive, staff):
    d = receive()
    d = act(user=staff.clerk, dossier=d, action="assign", assignee=staff.specialist)
    d = act(user=staff.specialist, dossier=d, action="submit")
    with pytest.raises(PermissionDenied):
        act(user=staff.specialist, dossier=d, action="approve")
    with pytest.raises(PermissionDenied):
        act(user=staff.other_clerk, dossier=d, action="stop", reason="x")
    assert services.allowed_actions(staff.leader, d) == [
        "send_back",
        "approve",
        "deny",
        "stop",
        "reschedule",
    ]
    assert services.allowed_actions(staff.specialist, d) == ["reschedule"]
    assert services.allowed_actions(staff.other_clerk, d) == []
    d.refresh_from_db()
    assert d.status == Status.AWAITING_APPROVAL


def test_assignee_must_be_able_to_process_the_dossier(receive, staff, member, tree):
    from tttt.onestop.queries import possible_assignees
    from tttt.org.roles import LEADER

    province_leader = member("bn.lanhdao", LEADER, tree.bac_ninh)  # may approve, but not of it
    d = receive()
    for outsider in (staff.other_clerk, province_leader):
        with pytest.raises(ValidationError) as caught:
            act(user=staff.clerk, dossier=d, action="assign", assignee=outsider)
        assert caught.value.error_dict["assignee"][0].code == "assignee_not_of_unit"
    offered = set(possible_assignees(d.unit))
    assert staff.specialist in offered and staff.leader in offered
    assert province_leader not in offered and staff.other_clerk not in offered


def test_a_stale_form_is_refused(receive, staff):
    d = receive()
    seen = d.version
    act(user=staff.clerk, dossier=d, action="assign", assignee=staff.specialist, version=seen)
    with pytest.raises(ConcurrentChange, match="vừa được tc.motcua cập nhật"):
        act(user=staff.clerk, dossier=d, action="refuse", reason="Thiếu giấy tờ", version=seen)


def test_late_dossier_apology_and_one_reschedule(receive, staff):
    d = receive(now=at(7, 9))  # due Thursday 26th 09:00
    d = act(user=staff.clerk, dossier=d, action="assign", assignee=staff.specialist, now=at(7, 9))
    assert not services.needs_apology(d, now=at(7, 9))
    assert services.needs_apology(d, now=at(8, 9))
    with pytest.raises(ValidationError, match="ít nhất 01 ngày làm việc"):
        act(
            user=staff.specialist,
            dossier=d,
            action="reschedule",
            reason="Chờ xác minh",
            new_due=at(14, 9),
            now=at(9, 10),
        )
    new_due = at(14, 9)
    d = act(
        user=staff.specialist,
        dossier=d,
        action="reschedule",
        reason="Chờ xác minh",
        new_due=new_due,
        now=at(8, 9),
    )
    assert d.due_at == new_due and d.deadline == at(10, 9)
    with pytest.raises(ValidationError, match="đã được hẹn lại một lần"):
        act(
            user=staff.specialist,
            dossier=d,
            action="reschedule",
            reason="Lần hai",
            new_due=new_due.replace(hour=16),
            now=at(8, 10),
        )
    d = act(user=staff.specialist, dossier=d, action="submit", now=at(11, 8))
    d = act(user=staff.leader, dossier=d, action="approve", now=at(11, 9))
    d = act(user=staff.specialist, dossier=d, action="result_ready", now=at(11, 10))
    assert d.timing == Timing.LATE  # the apology moves the appointment, not the deadline


@pytest.mark.parametrize(
    ("resolved", "expected"),
    [
        ((9, 16), Timing.EARLY),
        ((10, 8), Timing.ON_TIME),
        ((10, 9), Timing.ON_TIME),
        ((10, 10), Timing.LATE),
    ],
)
def test_classification(resolved, expected):
    assert services.classify(at(*resolved), at(10, 9)) == expected


def test_stop_and_refuse_finish_the_dossier(receive, staff):
    refused = act(
        user=staff.clerk, dossier=receive(), action="refuse", reason="Không thuộc thẩm quyền"
    )
    assert refused.status == Status.REFUSED and refused.finished_at and not refused.resolved_at
    stopped = act(user=staff.leader, dossier=receive(), action="stop", reason="Người nộp rút hồ sơ")
    assert stopped.status == Status.STOPPED
    assert get_calendar()  # calendar still usable


def test_public_lookup_gives_the_same_answer_for_wrong_code_or_phone(receive):
    d = receive()
    assert services.find_for_citizen(d.code, "0912 345 678") == d
    assert services.find_for_citizen(d.code.lower(), APPLICANT["phone"]) == d
    assert services.find_for_citizen(d.code, "0999999999") is None
    assert services.find_for_citizen("09523-261207-9999", APPLICANT["phone"]) is None
    with pytest.raises(ValidationError, match="sau khi đã nhận kết quả"):
        services.rate_dossier(code=d.code, phone=APPLICANT["phone"], rating=3)


def test_no_apology_warning_while_the_clock_is_paused(receive, staff):
    d = receive(now=at(7, 9))
    d = act(
        user=staff.clerk, dossier=d, action="request_supplement", reason="Thiếu ảnh", now=at(8, 9)
    )
    assert not services.needs_apology(d, now=at(8, 9))


def test_working_time_is_described_in_words():
    from datetime import timedelta

    from tttt.onestop.queries import describe_working_time

    day = get_calendar().day_length
    assert describe_working_time(day + timedelta(hours=3, minutes=30)) == "1 ngày 3,5 giờ làm việc"
    assert describe_working_time(-timedelta(hours=2)) == "quá 2 giờ làm việc"


def test_slip_templates_are_checked_before_saving(staff, roles, member, tree):
    from datetime import date

    from tttt.onestop.models import SlipTemplate
    from tttt.org.roles import ADMIN

    admin = member("bn.quantri", ADMIN, tree.bac_ninh)
    tpl = SlipTemplate(
        form="01", title="GIẤY TIẾP NHẬN", body="{% if %}", basis="x", valid_from=date(2027, 1, 1)
    )
    with pytest.raises(ValidationError, match="cú pháp"):
        services.slip_template_save(user=admin, template=tpl)
    with pytest.raises(PermissionDenied):
        services.slip_template_save(user=staff.clerk, template=tpl)
    tpl.body = "Mã hồ sơ {{ dossier.code }}"
    assert services.slip_template_save(user=admin, template=tpl).pk
