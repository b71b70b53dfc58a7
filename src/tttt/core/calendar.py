"""Working-time calendar: which moments are working time, and deadline arithmetic.

A working day is Monday–Friday that is not a public holiday (the `holidays` package,
Vietnamese names) nor a locally announced day off, plus make-up working days (from the
`holidays` package and from `CalendarDay`). Each working day has the sessions of
``settings.TTTT_WORKING_HOURS`` (default 07:30–11:30 and 13:30–17:00).

Working time is a clock that runs only during sessions. Adding a duration ``d > 0`` to a
moment ``m`` gives the earliest moment at or after ``m`` at which the clock has advanced
by ``d``. It follows that results always lie in a session (the end instant of a session
included), that ``add(add(m, a), b) == add(m, a + b)``, and that more time never gives
an earlier moment. A working day as a duration is the length of a day's sessions
(7 h 30 min by default), so "1 day" from 16:00 on a Friday is 16:00 on the next working day.
"""

from __future__ import annotations

import re
import threading
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from functools import cached_property

import holidays
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

_CACHE_VERSION_KEY = "tttt:calendar:version"
_lock = threading.Lock()
_local_state: dict = {}


class CalendarError(ValueError):
    pass


def parse_sessions(spec: str) -> tuple[tuple[time, time], ...]:
    sessions = []
    for part in spec.split(","):
        match = re.fullmatch(r"\s*(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*", part)
        if not match:
            raise CalendarError(
                f"Giờ làm việc không hợp lệ: «{part}». Dạng đúng: 07:30-11:30,13:30-17:00"
            )
        h1, m1, h2, m2 = map(int, match.groups())
        start, end = time(h1, m1), time(h2, m2)
        if start >= end:
            raise CalendarError(f"Buổi làm việc «{part}» phải kết thúc sau khi bắt đầu.")
        if sessions and start < sessions[-1][1]:
            raise CalendarError("Các buổi làm việc phải theo thứ tự và không chồng lên nhau.")
        sessions.append((start, end))
    return tuple(sessions)


def _seconds(t: time) -> int:
    return t.hour * 3600 + t.minute * 60 + t.second


@dataclass(frozen=True)
class WorkingCalendar:
    """An immutable calendar: holidays, local exceptions and daily sessions."""

    sessions: tuple[tuple[time, time], ...]
    days_off: frozenset[date]
    working_days: frozenset[date]
    holiday_names: tuple[tuple[date, str], ...] = ()

    @cached_property
    def _session_seconds(self) -> tuple[tuple[int, int], ...]:
        return tuple((_seconds(a), _seconds(b)) for a, b in self.sessions)

    @cached_property
    def day_length(self) -> timedelta:
        return timedelta(seconds=sum(b - a for a, b in self._session_seconds))

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        return dict(self.holiday_names).get(day)

    def _local(self, moment: datetime) -> datetime:
        if timezone.is_naive(moment):
            raise CalendarError("Thời điểm phải có múi giờ (aware datetime).")
        return timezone.localtime(moment)

    def is_working_time(self, moment: datetime) -> bool:
        """True if `moment` lies in a session of a working day (session ends included)."""
        local = self._local(moment)
        if not self.is_working_day(local.date()):
            return False
        s = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
        return any(a <= s <= b for a, b in self._session_seconds)

    def _clock_in_day(self, seconds_of_day: float) -> float:
        """Working seconds elapsed in a working day at the given time of day."""
        elapsed = 0.0
        for a, b in self._session_seconds:
            if seconds_of_day <= a:
                break
            elapsed += min(seconds_of_day, b) - a
        return elapsed

    def _moment_for_clock(self, day: date, clock: float, tz) -> datetime:
        """The earliest moment on `day` whose in-day working clock equals `clock` (0 < clock)."""
        remaining = clock
        for a, b in self._session_seconds:
            length = b - a
            if remaining <= length:
                seconds = a + remaining
                return datetime.combine(day, time()).replace(tzinfo=tz) + timedelta(seconds=seconds)
            remaining -= length
        raise AssertionError("clock beyond the working day")

    def add(self, moment: datetime, duration: timedelta) -> datetime:
        """The earliest moment at or after `moment` when `duration` of working time has passed."""
        if duration < timedelta(0):
            raise CalendarError("Không cộng được thời gian âm.")
        local = self._local(moment)
        if duration == timedelta(0):
            return moment
        tz = local.tzinfo
        day = local.date()
        day_len = self.day_length.total_seconds()
        if self.is_working_day(day):
            sod = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
            start_clock = self._clock_in_day(sod)
        else:
            start_clock = day_len  # a non-working day contributes nothing
        need = duration.total_seconds()
        if self.is_working_day(day) and start_clock + need <= day_len:
            return self._moment_for_clock(day, start_clock + need, tz)
        need -= day_len - start_clock if self.is_working_day(day) else 0
        # Skip whole working days quickly, then land inside the last one.
        whole = int(need // day_len)
        remainder = need - whole * day_len
        if remainder == 0:
            whole -= 1
            remainder = day_len
        day = self.next_working_day(day)
        for _ in range(whole):
            day = self.next_working_day(day)
        return self._moment_for_clock(day, remainder, tz)

    def add_working_days(self, moment: datetime, days: int) -> datetime:
        return self.add(moment, self.day_length * days)

    def add_working_hours(self, moment: datetime, hours: float) -> datetime:
        return self.add(moment, timedelta(hours=hours))

    def between(self, start: datetime, end: datetime) -> timedelta:
        """Working time from `start` to `end` (negative if `end` is earlier)."""
        if end < start:
            return -self.between(end, start)
        a, b = self._local(start), self._local(end)
        day_len = self.day_length.total_seconds()

        def clock(local: datetime) -> float:
            if not self.is_working_day(local.date()):
                return 0.0
            sod = local.hour * 3600 + local.minute * 60 + local.second + local.microsecond / 1e6
            return self._clock_in_day(sod)

        if a.date() == b.date():
            return timedelta(seconds=clock(b) - clock(a))
        total = (day_len if self.is_working_day(a.date()) else 0.0) - clock(a)
        day = a.date() + timedelta(days=1)
        while day < b.date():
            if self.is_working_day(day):
                total += day_len
            day += timedelta(days=1)
        total += clock(b)
        return timedelta(seconds=total)

    def next_working_day(self, day: date) -> date:
        day += timedelta(days=1)
        for _ in range(370):
            if self.is_working_day(day):
                return day
            day += timedelta(days=1)
        raise CalendarError("Không tìm thấy ngày làm việc nào trong một năm tới.")

    def next_working_moment(self, moment: datetime) -> datetime:
        """`moment` itself if it is working time, else the start of the next session."""
        if self.is_working_time(moment):
            return moment
        local = self._local(moment)
        day = local.date()
        if self.is_working_day(day):
            sod = _seconds(local.time())
            for a, _b in self._session_seconds:
                if sod < a:
                    return datetime.combine(day, time()).replace(tzinfo=local.tzinfo) + timedelta(
                        seconds=a
                    )
        day = self.next_working_day(day)
        first = self._session_seconds[0][0]
        return datetime.combine(day, time()).replace(tzinfo=local.tzinfo) + timedelta(seconds=first)


def build_calendar(years: range | None = None) -> WorkingCalendar:
    """Read holidays (package + `CalendarDay`) into an immutable calendar."""
    from .models import CalendarDay

    years = years or range(2000, timezone.localdate().year + 6)
    national = holidays.country_holidays("VN", years=list(years), language="vi")
    days_off = set(national.keys())
    working = set(getattr(national, "weekend_workdays", set()))
    names = dict(national.items())
    for row in CalendarDay.objects.all():
        if row.kind == CalendarDay.Kind.DAY_OFF:
            days_off.add(row.date)
            working.discard(row.date)
            names[row.date] = row.name
        else:
            working.add(row.date)
            days_off.discard(row.date)
    return WorkingCalendar(
        sessions=parse_sessions(settings.TTTT_WORKING_HOURS),
        days_off=frozenset(days_off),
        working_days=frozenset(working),
        holiday_names=tuple(sorted(names.items())),
    )


def invalidate_calendar() -> None:
    try:
        cache.incr(_CACHE_VERSION_KEY)
    except ValueError:
        cache.set(_CACHE_VERSION_KEY, 1, None)
    _local_state.clear()


def get_calendar() -> WorkingCalendar:
    """The current calendar, rebuilt in each process when an administrator changes a day."""
    version = cache.get_or_set(_CACHE_VERSION_KEY, 1, None)
    state = _local_state
    if state.get("version") != version or "calendar" not in state:
        with _lock:
            state["calendar"] = build_calendar()
            state["version"] = version
    return state["calendar"]


_DURATION = re.compile(r"^\s*(\d+(?:[.,]\d+)?)\s*(d|h|m|ngày|giờ|phút)\s*$", re.IGNORECASE)


def parse_duration(text: str, calendar: WorkingCalendar | None = None) -> timedelta:
    """`3d` (working days), `4h` (working hours) or `30m` (minutes) as a duration."""
    match = _DURATION.match(text)
    if not match:
        raise CalendarError(
            f"Thời hạn không hợp lệ: «{text}». Ví dụ đúng: 3d (ngày làm việc), 4h (giờ), 30m (phút)."
        )
    amount = float(match.group(1).replace(",", "."))
    unit = match.group(2).lower()
    if unit in {"d", "ngày"}:
        calendar = calendar or get_calendar()
        return calendar.day_length * amount
    if unit in {"h", "giờ"}:
        return timedelta(hours=amount)
    return timedelta(minutes=amount)
