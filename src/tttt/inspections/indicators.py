"""Figures of inspections and penalties (DESIGN.md indicator protocol)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, n, territory_q

from .models import Inspection, PenaltyDecision

REGISTER = "establishments:index"  # counts of establishments list them on the register
DECISIONS = "inspections_penalties"  # the list of penalty decisions


def _closed_in(period) -> Q:
    return Q(
        status=Inspection.Status.CLOSED,
        inspected_on__gte=period.start,
        inspected_on__lte=period.end,
    )


def _inspections(units, period):
    return Inspection.objects.filter(territory_q(units, "establishment__unit"), _closed_in(period))


def _inspected(condition: Q | None = None):
    """The establishments behind a count of inspected ones (listed on the register)."""
    return lambda period: Q(
        pk__in=Inspection.objects.filter(_closed_in(period), condition or Q()).values(
            "establishment"
        )
    )


def _penalised(period) -> Q:
    return Q(pk__in=_decisions_in(period).values("violation__inspection__establishment"))


def _decisions_q(period) -> Q:
    """Decisions issued in the period that no correction has replaced."""
    return Q(issued_on__gte=period.start, issued_on__lte=period.end, corrected_by__isnull=True)


def _decisions_in(period):
    return PenaltyDecision.objects.filter(_decisions_q(period))


def _decisions(units, period):
    return _decisions_in(period).filter(
        territory_q(units, "violation__inspection__establishment__unit")
    )


AT = ("establishment__unit",)  # an inspection's unit is its establishment's
DECIDED_AT = ("violation__inspection__establishment__unit",)
ESTABLISHMENTS = {"n": Count("establishment", distinct=True)}  # one unit each: they add up


def _closed(period):
    return Inspection.objects.filter(_closed_in(period))


@indicator(code="inspections.done", name=_("Cuộc kiểm tra đã thực hiện"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, description=_("Biên bản kiểm tra đã khóa, theo ngày kiểm tra."),
           records=_closed_in, records_list="inspections_list",
           batch_each=each(_closed, unit_fields=AT), derive=n)  # fmt: skip
def done(units, period):
    return _inspections(units, period).count()


@indicator(code="inspections.establishments_inspected", name=_("Cơ sở được kiểm tra"),
           measure=Measure.COUNT, aggregation=Aggregation.RECOMPUTE,
           records=_inspected(), records_list=REGISTER, derive=n,
           batch_each=each(_closed, ESTABLISHMENTS, AT))  # fmt: skip
def establishments_inspected(units, period):
    return _inspections(units, period).values("establishment").distinct().count()


@indicator(code="inspections.establishments_with_violations", name=_("Cơ sở có vi phạm"),
           measure=Measure.COUNT, aggregation=Aggregation.RECOMPUTE,
           records=_inspected(Q(violations__isnull=False)), records_list=REGISTER, derive=n,
           batch_each=each(lambda p: _closed(p).filter(violations__isnull=False), ESTABLISHMENTS, AT))  # fmt: skip
def establishments_with_violations(units, period):
    return (
        _inspections(units, period)
        .filter(violations__isnull=False)
        .values("establishment")
        .distinct()
        .count()
    )


@indicator(code="inspections.establishments_penalised", name=_("Cơ sở bị xử phạt"),
           measure=Measure.COUNT, aggregation=Aggregation.RECOMPUTE,
           records=_penalised, records_list=REGISTER, derive=n,
           batch_each=each(_decisions_in, {"n": Count("violation__inspection__establishment", distinct=True)},
                           DECIDED_AT))  # fmt: skip
def establishments_penalised(units, period):
    return (
        _decisions(units, period).values("violation__inspection__establishment").distinct().count()
    )


@indicator(code="inspections.penalties", name=_("Quyết định xử phạt"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, records=_decisions_q, records_list=DECISIONS,
           batch_each=each(_decisions_in, unit_fields=DECIDED_AT), derive=n)  # fmt: skip
def penalties(units, period):
    return _decisions(units, period).count()


@indicator(code="inspections.penalty_amount", name=_("Tổng tiền phạt"), measure=Measure.VND,
           aggregation=Aggregation.SUM, records=_decisions_q, records_list=DECISIONS,
           batch_each=each(_decisions_in, {"n": Sum("amount")}, DECIDED_AT), derive=n)  # fmt: skip
def penalty_amount(units, period):
    return _decisions(units, period).aggregate(total=Sum("amount"))["total"] or 0
