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


MAX_PREFIXES = 40  # beyond that many subtrees, filter by their ancestors instead


def _covering(paths: set[str]) -> set[str]:
    """Few path prefixes covering every path in `paths` ({"/"}: the whole tree)."""
    prefixes = set(paths)
    while len(prefixes) > MAX_PREFIXES:
        prefixes = {p[: p.rstrip("/").rfind("/") + 1] for p in prefixes}
    return {p for p in prefixes if not any(p != q and p.startswith(q) for q in prefixes)}


class _Fold:
    """Which compared territories a record's unit path belongs to (see `grouped`)."""

    def __init__(self, territories: dict, unit_fields):
        self.owners: dict[int, set] = {}
        for key, roots in territories.items():
            for root in roots:
                self.owners.setdefault(root.pk, set()).add(key)
        self.paths = [f"{f}__path" if f else "path" for f in unit_fields]
        self.cover = Q()
        prefixes = _covering({root.path for roots in territories.values() for root in roots})
        if "/" not in prefixes:
            for prefix in prefixes:
                for path in self.paths:
                    self.cover |= Q(**{f"{path}__startswith": prefix})

    def keys(self, row: dict) -> set:
        found: set = set()
        for path in self.paths:
            for part in (row[path] or "").strip("/").split("/"):
                if part:
                    found |= self.owners.get(int(part), set())
        return found


def grouped(queryset, territories: dict, aggregates: dict, unit_fields=("unit",)) -> dict:
    """`aggregates` over `queryset` for each territory apart, in one query grouped by the
    records' unit path: {key: {name: value}}, zeros for a territory without records.

    `territories` maps a key (a compared unit's pk) to the units that stand for its
    territory (`org.queries.territories`); a record counts for every key one of whose units
    lies on its unit's path. `unit_fields` name the records' unit (``""``: the record is a
    unit; several: a record of either, e.g. a unit and the unit it had before 2025).
    Aggregates must add up across groups: counts, sums, and distinct counts of things that
    belong to one unit (else `grouped_distinct`)."""
    result = {key: dict.fromkeys(aggregates, 0) for key in territories}
    fold = _Fold(territories, unit_fields)
    if not fold.owners:
        return result
    rows = queryset.filter(fold.cover).values(*fold.paths).order_by().annotate(**aggregates)
    for row in rows:
        for key in fold.keys(row):
            totals = result[key]
            for name in aggregates:
                if (value := row[name]) is not None:  # a sum of durations starts from its first
                    totals[name] = value if totals[name] == 0 else totals[name] + value
    return result


def grouped_distinct(queryset, territories: dict, unit_fields=("unit",)) -> dict:
    """How many distinct records of `queryset` each territory has, as {key: {"n": count}},
    for records linked to many units (a procedure in many units' catalogues): one query
    of (unit path, record) pairs."""
    fold = _Fold(territories, unit_fields)
    found: dict = {key: set() for key in territories}
    if fold.owners:
        pairs = queryset.filter(fold.cover).values(*fold.paths, "pk").distinct().order_by()
        for row in pairs:
            for key in fold.keys(row):
                found[key].add(row["pk"])
    return {key: {"n": len(pks)} for key, pks in found.items()}


def each(queryset_of, aggregates=None, unit_fields=("unit",)):
    """A `batch_each` for indicators counted over `queryset_of(period)`: `aggregates` (a
    dict, or a function of the period giving one; by default the number of records, as "n")
    for each territory apart, with `grouped`."""
    from django.db.models import Count

    def batch_each(territories, period):
        chosen = aggregates(period) if callable(aggregates) else aggregates
        return grouped(queryset_of(period), territories, chosen or {"n": Count("pk")}, unit_fields)

    return batch_each


def n(figures: dict):
    """The `derive` of an `each` batch with the default aggregate."""
    return figures["n"]


def compute_for_unit(ind: Indicator, unit: Unit, period: Period):
    """Compute `ind` for `unit`'s territory in `period`; returns (value, units used).

    A unit that did not exist at the end of the period is represented by the units that
    stood for its territory then (its predecessors or successors).
    """
    used = units_for_territory(unit, period.end)
    return ind.compute(used, period), used


def _units_each(kind):
    return each(
        lambda period: Unit.objects.valid_on(period.end).filter(kind=kind), unit_fields=("",)
    )


@indicator(
    code="org.communes",
    name=_("Số đơn vị hành chính cấp xã (cuối kỳ)"),
    measure=Measure.COUNT,
    aggregation=Aggregation.SUM,
    batch_each=_units_each(Unit.Kind.COMMUNE),
    derive=n,
    description=_("Xã, phường, thị trấn, đặc khu có hiệu lực vào ngày cuối kỳ."),
)
def communes(units, period: Period) -> int:
    return subtree(units, on=period.end, kinds=[Unit.Kind.COMMUNE]).count()


@indicator(
    code="org.districts",
    name=_("Số đơn vị hành chính cấp huyện (cuối kỳ)"),
    measure=Measure.COUNT,
    aggregation=Aggregation.SUM,
    batch_each=_units_each(Unit.Kind.DISTRICT),
    derive=n,
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
    batch_each=_units_each(Unit.Kind.OFFICE),
    derive=n,
)
def offices(units, period: Period) -> int:
    return subtree(units, on=period.end, kinds=[Unit.Kind.OFFICE]).count()
