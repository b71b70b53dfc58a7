"""Reporting periods: month, quarter, first 6 months, first 9 months, year, custom range.

Compact text forms: ``2019-03``, ``2013-Q1``, ``2019-H1``, ``2019-9M``, ``2019``,
``2018-01-01..2019-09-30``. Vietnamese labels: "Tháng 3/2019", "Quý I/2013",
"6 tháng đầu năm 2019", "9 tháng đầu năm 2019", "Năm 2019", "Từ 01/01/2018 đến 30/09/2019".
"""

from __future__ import annotations

import calendar as _cal
import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from tttt.core.errors import CoreError, refuse


class PeriodError(ValueError):
    pass


class PeriodKind(StrEnum):
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "6m"
    NINE_MONTHS = "9m"
    YEAR = "year"
    CUSTOM = "custom"


ROMAN = {1: "I", 2: "II", 3: "III", 4: "IV"}


def _month_end(year: int, month: int) -> date:
    return date(year, month, _cal.monthrange(year, month)[1])


@dataclass(frozen=True, order=True)
class Period:
    start: date
    end: date
    kind: PeriodKind = PeriodKind.CUSTOM

    def __post_init__(self):
        if self.end < self.start:
            raise PeriodError("Ngày kết thúc kỳ phải sau hoặc bằng ngày bắt đầu.")

    # Constructors
    @classmethod
    def month(cls, year: int, month: int) -> Period:
        if not 1 <= month <= 12:
            raise PeriodError(f"Tháng {month} không hợp lệ (1–12).")
        return cls(date(year, month, 1), _month_end(year, month), PeriodKind.MONTH)

    @classmethod
    def quarter(cls, year: int, quarter: int) -> Period:
        if not 1 <= quarter <= 4:
            raise PeriodError(f"Quý {quarter} không hợp lệ (1–4).")
        first = 3 * (quarter - 1) + 1
        return cls(date(year, first, 1), _month_end(year, first + 2), PeriodKind.QUARTER)

    @classmethod
    def first_half(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 6, 30), PeriodKind.HALF)

    @classmethod
    def first_nine_months(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 9, 30), PeriodKind.NINE_MONTHS)

    @classmethod
    def year(cls, year: int) -> Period:
        return cls(date(year, 1, 1), date(year, 12, 31), PeriodKind.YEAR)

    @classmethod
    def custom(cls, start: date, end: date) -> Period:
        return cls(start, end, PeriodKind.CUSTOM)

    @classmethod
    def parse(cls, text: str) -> Period:
        """Parse a compact form; raises PeriodError with a Vietnamese message."""
        t = text.strip()
        try:
            if m := re.fullmatch(r"(\d{4})-(\d{2})", t):
                return cls.month(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-[Qq]([1-4])", t):
                return cls.quarter(int(m[1]), int(m[2]))
            if m := re.fullmatch(r"(\d{4})-[Hh]1", t):
                return cls.first_half(int(m[1]))
            if m := re.fullmatch(r"(\d{4})-9[Mm]", t):
                return cls.first_nine_months(int(m[1]))
            if m := re.fullmatch(r"(\d{4})", t):
                return cls.year(int(m[1]))
            if m := re.fullmatch(r"(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})", t):
                return cls.custom(date.fromisoformat(m[1]), date.fromisoformat(m[2]))
        except ValueError as exc:
            if isinstance(exc, PeriodError):
                raise
            raise PeriodError(f"Kỳ «{text}» có ngày không hợp lệ.") from exc
        raise PeriodError(
            f"Không hiểu kỳ «{text}». Các dạng hợp lệ: 2019-03 (tháng), 2013-Q1 (quý), "
            "2019-H1 (6 tháng), 2019-9M (9 tháng), 2019 (năm), 2018-01-01..2019-09-30 (khoảng ngày)."
        )

    # Presentation
    def __str__(self) -> str:
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return f"{y}-{self.start.month:02d}"
            case PeriodKind.QUARTER:
                return f"{y}-Q{(self.start.month - 1) // 3 + 1}"
            case PeriodKind.HALF:
                return f"{y}-H1"
            case PeriodKind.NINE_MONTHS:
                return f"{y}-9M"
            case PeriodKind.YEAR:
                return f"{y}"
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    @property
    def label(self) -> str:
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return f"Tháng {self.start.month}/{y}"
            case PeriodKind.QUARTER:
                return f"Quý {ROMAN[(self.start.month - 1) // 3 + 1]}/{y}"
            case PeriodKind.HALF:
                return f"6 tháng đầu năm {y}"
            case PeriodKind.NINE_MONTHS:
                return f"9 tháng đầu năm {y}"
            case PeriodKind.YEAR:
                return f"Năm {y}"
        return f"Từ {self.start:%d/%m/%Y} đến {self.end:%d/%m/%Y}"

    def decree09_window(self) -> Period:
        """The days whose records count for this period under Decree 09/2019/NĐ-CP Art. 12
        (data cut-off of periodic reports): from the 15th of the month before the period to
        the 14th of its last month; a half, nine months or a year from 15/12 of the year
        before (docs/reporting.md). A custom range has no such window: itself."""
        if self.kind == PeriodKind.CUSTOM:
            return self
        before = self.start - timedelta(days=1)  # a day of the month before the period
        start = date(before.year, before.month, 15)
        return Period(start, date(self.end.year, self.end.month, 14), PeriodKind.CUSTOM)

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def previous(self) -> Period:
        """The period of the same kind just before (the same span for a custom range)."""
        y = self.start.year
        match self.kind:
            case PeriodKind.MONTH:
                return (
                    Period.month(y - 1, 12)
                    if self.start.month == 1
                    else Period.month(y, self.start.month - 1)
                )
            case PeriodKind.QUARTER:
                q = (self.start.month - 1) // 3 + 1
                return Period.quarter(y - 1, 4) if q == 1 else Period.quarter(y, q - 1)
            case PeriodKind.HALF:
                return Period.first_half(y - 1)
            case PeriodKind.NINE_MONTHS:
                return Period.first_nine_months(y - 1)
            case PeriodKind.YEAR:
                return Period.year(y - 1)
        return Period.custom(self.start - timedelta(days=self.days), self.start - timedelta(days=1))


def year_before(period: Period) -> Period:
    """The same period one year earlier (Q3/2019 → Q3/2018; a custom range shifted by a
    year, 29 February becoming the 28th)."""

    def shift(day: date) -> date:
        return day.replace(year=day.year - 1, day=min(day.day, 28 if day.month == 2 else day.day))

    y = period.start.year
    match period.kind:
        case PeriodKind.MONTH:
            return Period.month(y - 1, period.start.month)
        case PeriodKind.QUARTER:
            return Period.quarter(y - 1, (period.start.month - 1) // 3 + 1)
        case PeriodKind.HALF | PeriodKind.NINE_MONTHS | PeriodKind.YEAR:
            return period.previous()
    return Period.custom(shift(period.start), shift(period.end))


def parse_period(text: str, field: str = "period") -> Period:
    """The period a person or a request named, or a refusal that says how to write one."""
    try:
        return Period.parse(text)
    except PeriodError as exc:
        raise refuse(CoreError.BAD_PERIOD, str(exc), field=field) from exc
