"""Figures of inspections and penalties (DESIGN.md indicator protocol)."""

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, n, territory_q

from .models import Inspection, PenaltyDecision, Recall, RecallCheck, Tip

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


# ---------------------------------------------------------------- citizens' reports, recalls

TIPS = "inspections_tips:index"
RECALLS = "inspections_recalls:index"


def _received_in(period, extra: Q | None = None) -> Q:
    return Q(received_at__date__gte=period.start, received_at__date__lte=period.end) & (
        extra or Q()
    )


TARGETED = Q(status=Tip.Status.TARGETED)


@indicator(code="inspections.tips", name=_("Phản ánh vi phạm của người dân"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, description=_("Phản ánh gửi qua cổng thông tin, theo ngày nhận."),
           records=_received_in, records_list=TIPS, derive=n,
           batch_each=each(lambda p: Tip.objects.filter(_received_in(p))))  # fmt: skip
def tips(units, period):
    return Tip.objects.filter(territory_q(units), _received_in(period)).count()


@indicator(code="inspections.tips_targeted", name=_("Phản ánh được đưa vào kiểm tra"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM,
           records=lambda p: _received_in(p, TARGETED), records_list=TIPS, derive=n,
           batch_each=each(lambda p: Tip.objects.filter(_received_in(p, TARGETED))))  # fmt: skip
def tips_targeted(units, period):
    return Tip.objects.filter(territory_q(units), _received_in(period, TARGETED)).count()


def _recalls_received(period) -> Q:
    return Q(received_on__gte=period.start, received_on__lte=period.end)


def _checked_in(period) -> Q:
    return ~Q(result="") & Q(checked_on__gte=period.start, checked_on__lte=period.end)


def _checks(period):
    return RecallCheck.objects.filter(_checked_in(period))


CHECKS = "inspections_recall_checks:index"


CHECKED_AT = ("establishment__unit",)  # a check counts where the seller is


@indicator(code="inspections.recalls", name=_("Quyết định thu hồi xuất bản phẩm nhận được"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, records=_recalls_received,
           records_list=RECALLS, derive=n,
           batch_each=each(lambda p: Recall.objects.filter(_recalls_received(p))))  # fmt: skip
def recalls(units, period):
    return Recall.objects.filter(territory_q(units), _recalls_received(period)).count()


@indicator(code="inspections.recall_checks", name=_("Lượt kiểm tra cơ sở theo quyết định thu hồi"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, records=_checked_in,
           records_list=CHECKS, derive=n, batch_each=each(_checks, unit_fields=CHECKED_AT))  # fmt: skip
def recall_checks(units, period):
    return _checks(period).filter(territory_q(units, "establishment__unit")).count()


@indicator(code="inspections.recall_copies", name=_("Xuất bản phẩm thu hồi (bản)"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, records=_checked_in,
           records_list=CHECKS, records_sum="quantity", derive=n,
           batch_each=each(_checks, {"n": Sum("quantity")}, CHECKED_AT))  # fmt: skip
def recall_copies(units, period):
    qs = _checks(period).filter(territory_q(units, "establishment__unit"))
    return qs.aggregate(total=Sum("quantity"))["total"] or 0


# ---------------------------------------------------------------- SIM retail points (seed 002)

SIM = Q(establishment__business_type__code="sim")


@indicator(code="inspections.sim_inspected", name=_("Điểm bán SIM được kiểm tra"),
           measure=Measure.COUNT, aggregation=Aggregation.RECOMPUTE,
           records=_inspected(SIM), records_list=REGISTER, derive=n,
           batch_each=each(lambda p: _closed(p).filter(SIM), ESTABLISHMENTS, AT))  # fmt: skip
def sim_inspected(units, period):
    return _inspections(units, period).filter(SIM).values("establishment").distinct().count()


SIM_VIOLATING = SIM & Q(violations__isnull=False)


@indicator(code="inspections.sim_with_violations", name=_("Điểm bán SIM vi phạm"),
           measure=Measure.COUNT, aggregation=Aggregation.RECOMPUTE,
           description=_("Điểm bán SIM có vi phạm trong biên bản kiểm tra (bán SIM đã đăng ký thông tin của người khác…)."),
           records=_inspected(SIM_VIOLATING), records_list=REGISTER, derive=n,
           batch_each=each(lambda p: _closed(p).filter(SIM_VIOLATING), ESTABLISHMENTS, AT))  # fmt: skip
def sim_with_violations(units, period):
    return (
        _inspections(units, period).filter(SIM_VIOLATING).values("establishment").distinct().count()
    )
