"""Indicators computed from the unit tree itself, and the entry point for computing any
indicator for a unit across the 2025 reform."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Indicator, Measure, indicator
from tttt.core.periods import Period

from .models import Unit
from .queries import subtree, units_for_territory


def territory_q(units, unit_field: str = "unit") -> Q:
    """A filter for records whose unit lies in the subtrees of `units`."""
    condition = Q(pk__in=[])
    for unit in units:
        condition |= Q(**{f"{unit_field}__path__startswith": unit.path})
    return condition


def compute_for_unit(ind: Indicator, unit: Unit, period: Period):
    """Compute `ind` for `unit`'s territory in `period`; returns (value, units used).

    A unit that did not exist at the end of the period is represented by the units that
    stood for its territory then (its predecessors or successors).
    """
    used = units_for_territory(unit, period.end)
    return ind.compute(used, period), used


@indicator(
    code="org.communes",
    name=_("Số đơn vị hành chính cấp xã (cuối kỳ)"),
    measure=Measure.COUNT,
    aggregation=Aggregation.SUM,
    description=_("Xã, phường, thị trấn, đặc khu có hiệu lực vào ngày cuối kỳ."),
)
def communes(units, period: Period) -> int:
    return subtree(units, on=period.end, kinds=[Unit.Kind.COMMUNE]).count()


@indicator(
    code="org.districts",
    name=_("Số đơn vị hành chính cấp huyện (cuối kỳ)"),
    measure=Measure.COUNT,
    aggregation=Aggregation.SUM,
    description=_(
        "Huyện, quận, thị xã, thành phố thuộc tỉnh có hiệu lực vào ngày cuối kỳ (không còn từ 01/7/2025)."
    ),
)
def districts(units, period: Period) -> int:
    return subtree(units, on=period.end, kinds=[Unit.Kind.DISTRICT]).count()


@indicator(
    code="org.offices",
    name=_("Số cơ quan, phòng, trung tâm (cuối kỳ)"),
    measure=Measure.COUNT,
    aggregation=Aggregation.SUM,
)
def offices(units, period: Period) -> int:
    return subtree(units, on=period.end, kinds=[Unit.Kind.OFFICE]).count()
