from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tttt.core.calendar import (
    CalendarError,
    WorkingCalendar,
    build_calendar,
    get_calendar,
    parse_duration,
    parse_sessions,
)
from tttt.core.models import CalendarDay

TZ = ZoneInfo("Asia/Ho_Chi_Minh")


def at(text: str) -> datetime:
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=TZ)


@pytest.fixture(scope="module")
def cal() -> WorkingCalendar:
    import holidays

    national = holidays.country_holidays("VN", years=range(2012, 2031), language="vi")
    return WorkingCalendar(
        sessions=parse_sessions("07:30-11:30,13:30-17:00"),
        days_off=frozenset(national.keys()),
        working_days=frozenset(national.weekend_workdays),
    )


def test_day_is_the_length_of_the_sessions(cal):
    assert cal.day_length == timedelta(hours=7, minutes=30)


def test_one_day_from_friday_afternoon_before_tet_lands_after_the_holiday(cal):
    # 13/02/2026 is a Friday; Tết Bính Ngọ 2026 is off from 16 to 20 February.
    assert cal.add(at("2026-02-13 16:00"), parse_duration("1d", cal)) == at("2026-02-23 16:00")
    assert cal.add(at("2026-02-13 16:00"), parse_duration("3d", cal)) == at("2026-02-25 16:00")


def test_hours_skip_the_lunch_break_and_the_night(cal):
    assert cal.add(at("2026-03-02 10:30"), timedelta(hours=2)) == at("2026-03-02 14:30")
    assert cal.add(at("2026-03-02 16:00"), timedelta(hours=4)) == at("2026-03-03 10:30")


def test_receipt_outside_hours_counts_from_the_next_session(cal):
    assert cal.add(at("2026-03-02 06:00"), timedelta(hours=1)) == at("2026-03-02 08:30")
    assert cal.add(at("2026-03-07 09:00"), timedelta(hours=1)) == at(
        "2026-03-09 08:30"
    )  # Saturday → Monday
    assert cal.add(at("2026-03-02 12:00"), timedelta(minutes=30)) == at("2026-03-02 14:00")


def test_a_full_day_ends_at_the_close_of_the_session(cal):
    assert cal.add(at("2026-03-02 07:30"), cal.day_length) == at("2026-03-02 17:00")


def test_make_up_saturday_from_the_holidays_package_is_a_working_day(cal):
    # Saturday 26/04/2025 was worked in exchange for Friday 02/05/2025.
    assert cal.is_working_day(date(2025, 4, 26))
    assert not cal.is_working_day(date(2025, 5, 2))


def test_is_working_time(cal):
    assert cal.is_working_time(at("2026-03-02 07:30"))
    assert cal.is_working_time(at("2026-03-02 17:00"))
    assert not cal.is_working_time(at("2026-03-02 12:00"))
    assert not cal.is_working_time(at("2026-03-02 17:01"))
    assert not cal.is_working_time(at("2026-09-02 09:00"))  # National Day
    assert not cal.is_working_time(at("2026-03-07 09:00"))  # Saturday


def test_between_counts_only_working_time(cal):
    assert cal.between(at("2026-03-02 16:00"), at("2026-03-03 08:30")) == timedelta(hours=2)
    assert cal.between(at("2026-03-06 16:00"), at("2026-03-09 08:30")) == timedelta(
        hours=2
    )  # over a weekend
    assert cal.between(at("2026-03-03 08:30"), at("2026-03-02 16:00")) == -timedelta(hours=2)


def test_negative_duration_and_naive_moments_are_refused(cal):
    with pytest.raises(CalendarError):
        cal.add(at("2026-03-02 08:00"), timedelta(hours=-1))
    with pytest.raises(CalendarError, match="múi giờ"):
        cal.add(datetime(2026, 3, 2, 8), timedelta(hours=1))


def test_bad_inputs_get_vietnamese_messages():
    with pytest.raises(CalendarError, match="Ví dụ đúng"):
        parse_duration("ba ngày")
    with pytest.raises(CalendarError, match="07:30-11:30"):
        parse_sessions("7h30-11h30")
    with pytest.raises(CalendarError, match="kết thúc sau"):
        parse_sessions("11:30-07:30")


moments = st.datetimes(min_value=datetime(2024, 1, 1), max_value=datetime(2027, 12, 31)).map(
    lambda d: d.replace(second=0, microsecond=0, tzinfo=TZ)
)
durations = st.integers(min_value=1, max_value=60 * 7 * 40).map(lambda m: timedelta(minutes=m))


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=moments, duration=durations)
def test_results_are_always_working_time_and_never_before_the_start(cal, moment, duration):
    due = cal.add(moment, duration)
    assert cal.is_working_time(due)
    assert due > moment


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=moments, a=durations, b=durations)
def test_adding_a_then_b_equals_adding_a_plus_b(cal, moment, a, b):
    assert cal.add(cal.add(moment, a), b) == cal.add(moment, a + b)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=moments, a=durations, b=durations)
def test_more_time_never_gives_an_earlier_due_moment(cal, moment, a, b):
    shorter, longer = sorted([a, b])
    assert cal.add(moment, shorter) <= cal.add(moment, longer)


@settings(max_examples=300, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(moment=moments, duration=durations)
def test_between_measures_what_add_added(cal, moment, duration):
    assert cal.between(moment, cal.add(moment, duration)) == duration


@pytest.mark.django_db
def test_locally_announced_days_change_the_calendar_at_once():
    friday = at("2026-03-06 16:00")
    assert get_calendar().add(friday, timedelta(hours=2)) == at("2026-03-09 08:30")
    CalendarDay.objects.create(
        date=date(2026, 3, 9), kind=CalendarDay.Kind.DAY_OFF, name="Nghỉ lễ địa phương"
    )
    assert get_calendar().add(friday, timedelta(hours=2)) == at("2026-03-10 08:30")
    CalendarDay.objects.create(
        date=date(2026, 3, 7), kind=CalendarDay.Kind.WORKING_DAY, name="Làm bù"
    )
    assert get_calendar().add(friday, timedelta(hours=2)) == at("2026-03-07 08:30")
    assert build_calendar().holiday_name(date(2026, 3, 9)) == "Nghỉ lễ địa phương"


@pytest.mark.django_db
def test_calendar_command_prints_the_due_moment(capsys):
    call_command("calendar", "due", "2026-02-13 16:00", "1d")
    assert capsys.readouterr().out.startswith("2026-02-23 16:00")
    call_command("calendar", "due", "2026-02-13 16:00", "4h")
    assert capsys.readouterr().out.startswith("2026-02-23 10:30")
    with pytest.raises(CommandError, match="Không hiểu thời điểm"):
        call_command("calendar", "due", "hôm qua", "1d")
