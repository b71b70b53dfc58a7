"""The indicator catalog: every indicator the apps declare (computed from records) and the
manual indicators an administrator defines, with the validation rules a manual figure must
pass (range, a percentage within 0–100, a part not above its whole)."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from django.utils.translation import gettext as _

from tttt.core.formatting import format_number
from tttt.core.indicators import Aggregation, Indicator, Measure, all_indicators

from .models import ManualIndicator


@dataclass(frozen=True)
class Entry:
    code: str
    name: str
    measure: Measure
    aggregation: Aggregation
    computed: bool
    description: str = ""
    min_value: Decimal | None = None
    max_value: Decimal | None = None
    whole_code: str = ""
    indicator: Indicator | None = None

    @property
    def source(self) -> str:
        return _("Tính từ hồ sơ") if self.computed else _("Nhập tay")

    def format(self, value) -> str:
        if value is None:
            return "—"
        value = Decimal(str(value)) if isinstance(value, float) else Decimal(value)
        whole = value == value.to_integral_value()
        if self.indicator is not None and self.measure not in (Measure.PERCENT, Measure.COUNT):
            return self.indicator.format(int(value) if whole else value)
        text = format_number(int(value), 0) if whole else format_number(value, 2)
        return f"{text}%" if self.measure == Measure.PERCENT else text  # "61%", "96,75%"

    def bounds(self) -> tuple[Decimal | None, Decimal | None]:
        low, high = self.min_value, self.max_value
        if self.measure == Measure.PERCENT:
            low = Decimal(0) if low is None else max(low, Decimal(0))
            high = Decimal(100) if high is None else min(high, Decimal(100))
        elif (
            self.measure in (Measure.COUNT, Measure.VND, Measure.DAYS, Measure.HOURS)
            and low is None
        ):
            low = Decimal(0)
        return low, high

    def check(self, value: Decimal) -> str | None:
        """A message saying what is wrong with `value` alone, or None."""
        low, high = self.bounds()
        if self.measure in (Measure.COUNT, Measure.VND) and value != value.to_integral_value():
            return _("«%(name)s» phải là số nguyên.") % {"name": self.name}
        if low is not None and value < low:
            return _("«%(name)s» không được nhỏ hơn %(v)s.") % {
                "name": self.name,
                "v": format_number(low, 0 if low == int(low) else 2),
            }
        if high is not None and value > high:
            return _("«%(name)s» không được lớn hơn %(v)s.") % {
                "name": self.name,
                "v": format_number(high, 0 if high == int(high) else 2),
            }
        return None


def _from_indicator(ind: Indicator) -> Entry:
    return Entry(
        code=ind.code,
        name=ind.name,
        measure=ind.measure,
        aggregation=ind.aggregation,
        computed=True,
        description=ind.description,
        indicator=ind,
    )


def _from_manual(m: ManualIndicator) -> Entry:
    return Entry(
        code=m.code,
        name=m.name,
        measure=Measure(m.measure),
        aggregation=Aggregation(m.aggregation),
        computed=False,
        description=m.description,
        min_value=m.min_value,
        max_value=m.max_value,
        whole_code=m.whole_code,
    )


def catalog(*, include_inactive: bool = False) -> dict[str, Entry]:
    """Every indicator by code: declared ones first, then manual ones (one query)."""
    entries = {ind.code: _from_indicator(ind) for ind in all_indicators()}
    manual = ManualIndicator.objects.all()
    if not include_inactive:
        manual = manual.filter(is_active=True)
    for m in manual:
        entries.setdefault(m.code, _from_manual(m))
    return entries


def declared_codes() -> set[str]:
    return {ind.code for ind in all_indicators()}
