"""Figures of the one-stop-shop (DESIGN.md indicator protocol): each one aggregate query
over the dossiers of a unit subtree in a period.

Counting rules (reporting practice, DOMAIN.md §2):
- *received*: dossiers received in the period, except those refused at intake;
- *resolved*: dossiers whose result was ready in the period, classified early / on time /
  late against the deadline (an apology moves the appointment, not the deadline);
- *pending*: received by the end of the period and not finished by then; overdue when
  their deadline had passed at the end of the period.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count, Max, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.core.periods import Period
from tttt.core.rollups import cells_q
from tttt.org.indicators import grouped, grouped_distinct, territory_q

from .models import Channel, Dossier, DossierRollup, Procedure, Rating, Status, Timing
from .rollup import DOSSIERS


def bounds(period: Period) -> tuple[datetime, datetime]:
    """The period as [start, end) aware datetimes in local time."""
    tz = timezone.get_current_timezone()
    start = datetime.combine(period.start, time.min, tzinfo=tz)
    end = datetime.combine(period.end + timedelta(days=1), time.min, tzinfo=tz)
    return start, end


def dossiers(units):
    return Dossier.objects.filter(territory_q(units))


def _received_q(period: Period) -> Q:
    start, end = bounds(period)
    return Q(received_at__gte=start, received_at__lt=end) & ~Q(status=Status.REFUSED)


def _resolved_q(period: Period) -> Q:
    start, end = bounds(period)
    return Q(resolved_at__gte=start, resolved_at__lt=end)


def _count(units, condition: Q) -> int:
    return dossiers(units).filter(condition).count()


def _received_aggregates(period: Period) -> dict:
    received = _received_q(period)
    in_time = Q(timing__in=[Timing.EARLY, Timing.ON_TIME], resolved_at__lt=bounds(period)[1])
    return {
        "received": Count("pk", filter=received),
        "counter": Count("pk", filter=received & Q(channel=Channel.COUNTER)),
        "online": Count("pk", filter=received & Q(channel=Channel.ONLINE)),
        "post": Count("pk", filter=received & Q(channel=Channel.POST)),
        "with_fee": Count("pk", filter=received & Q(fee__gt=0)),
        "paid_online": Count("pk", filter=received & Q(fee__gt=0, paid_online=True)),
        "digitised": Count("pk", filter=received & Q(digitised=True)),
        "received_in_time": Count("pk", filter=received & in_time),
    }


def _resolved_aggregates(period: Period) -> dict:
    resolved = _resolved_q(period)
    return {
        "resolved": Count("pk", filter=resolved),
        "early": Count("pk", filter=resolved & Q(timing=Timing.EARLY)),
        "on_time": Count("pk", filter=resolved & Q(timing=Timing.ON_TIME)),
        "late": Count("pk", filter=resolved & Q(timing=Timing.LATE)),
    }


def pending_q(period: Period) -> Q:
    """Received by the end of the period and not finished by then."""
    _start, end = bounds(period)
    return (
        Q(received_at__lt=end)
        & ~Q(status=Status.REFUSED)
        & (Q(finished_at__isnull=True) | Q(finished_at__gte=end))
    )


def _pending_aggregates(period: Period) -> dict:
    _start, end = bounds(period)
    pending = pending_q(period)
    return {
        "pending": Count("pk", filter=pending),
        "overdue": Count("pk", filter=pending & Q(deadline__lt=end)),
    }


def _rated_q(period: Period) -> Q:
    start, end = bounds(period)
    return Q(rated_at__gte=start, rated_at__lt=end)


def _rating_aggregates(period: Period) -> dict:
    rated = _rated_q(period)
    return {
        "rated": Count("pk", filter=rated),
        "satisfied": Count(
            "pk", filter=rated & Q(rating__in=[Rating.SATISFIED, Rating.VERY_SATISFIED])
        ),
    }


def _apologised_q(period: Period) -> Q:
    """Dossiers for which a letter of apology set a new appointment in the period."""
    start, end = bounds(period)
    return Q(rescheduled_at__gte=start, rescheduled_at__lt=end)


def _apology_aggregates(period: Period) -> dict:
    return {"apologised": Count("pk", filter=_apologised_q(period))}


def relevant_q(period: Period) -> Q:
    """Every dossier any figure of the period can count: the rest are skipped early."""
    start, end = bounds(period)
    return Q(received_at__lt=end) & (
        Q(finished_at__isnull=True)
        | Q(finished_at__gte=start)
        | Q(resolved_at__gte=start)
        | Q(rated_at__gte=start)
        | Q(rescheduled_at__gte=start)
    )


def received_figures(units, period: Period) -> dict[str, int]:
    """Received, by channel, online paid, digitised: one query."""
    start, end = bounds(period)
    qs = dossiers(units).filter(received_at__gte=start, received_at__lt=end)
    return qs.aggregate(**_received_aggregates(period))


def resolved_figures(units, period: Period) -> dict[str, int]:
    return dossiers(units).filter(_resolved_q(period)).aggregate(**_resolved_aggregates(period))


def pending_figures(units, period: Period) -> dict[str, int]:
    return dossiers(units).filter(pending_q(period)).aggregate(**_pending_aggregates(period))


def rating_figures(units, period: Period) -> dict[str, int]:
    return dossiers(units).filter(_rated_q(period)).aggregate(**_rating_aggregates(period))


def _live_aggregates(period: Period) -> dict:
    return {
        **_received_aggregates(period),
        **_resolved_aggregates(period),
        **_pending_aggregates(period),
        **_rating_aggregates(period),
        **_apology_aggregates(period),
    }


def _one(units):
    """`figures_of` for one territory: {None: aggregates}."""

    def reduce(queryset, aggregates):
        return {None: queryset.filter(territory_q(units)).aggregate(**aggregates)}

    return reduce


def _each(territories):
    def reduce(queryset, aggregates):
        return grouped(queryset, territories, aggregates)

    return reduce


def all_figures(units, period: Period, where: Q | None = None) -> dict[str, int]:
    """Every count above for a territory: from the rollup for closed days and the dossiers
    for the rest (`figures_of`), or — for one field or one procedure (`where`) — in one
    pass over the territory's relevant dossiers."""
    if not where:
        return figures_of(_one(units), period)[None]
    return live_figures(units, period, where)


def live_figures(units, period: Period, where: Q | None = None) -> dict[str, int]:
    """`all_figures` counted from the dossiers alone: what the rollup must equal."""
    return (
        dossiers(units)
        .filter(relevant_q(period), where or Q())
        .aggregate(**_live_aggregates(period))
    )


def all_figures_each(territories: dict, period: Period) -> dict:
    """`all_figures` for each territory apart (`org.indicators.grouped`): {key: figures},
    zeros for a territory without dossiers."""
    return figures_of(_each(territories), period)


SUMMED = ("received", "counter", "online", "post", "with_fee", "paid_online", "digitised",
          "resolved", "early", "on_time", "late", "rated", "satisfied", "apologised")  # fmt: skip
EPOCH = date(1900, 1, 1)


def figures_of(reduce, period: Period) -> dict:
    """Every count of `all_figures`, for each territory `reduce` groups by.

    Days the rollup has closed (`onestop.rollup`) are read from its cells, the rest from
    the dossiers: counts by day add up; what was pending at the end of the period is a
    running sum of cells when the period ended on a closed day, else counted live; the
    received dossiers resolved in time *by the end of the period* are the cells' count of
    those resolved in time ever, less those resolved after the period — found among the
    dossiers received in its last `in_time_span` days, the most any took. At most three
    queries beside the mark's."""
    last = DOSSIERS.last_day()
    if last is None or period.start > last:
        rows = reduce(Dossier.objects.filter(relevant_q(period)), _live_aggregates(period))
        return {key: _zeros(f) for key, f in rows.items()}
    start, end = bounds(period)
    closed_end = min(period.end, last)
    inside = cells_q(period.start, closed_end)
    # named apart from the cells' columns, which Django will not let an aggregate shadow
    aggregates = {f"sum_{name}": Sum(name, filter=inside) for name in (*SUMMED, "in_time")}
    aggregates["span"] = Max("in_time_span", filter=inside)
    ended_closed = period.end <= last
    if ended_closed:
        before = cells_q(EPOCH, period.end)
        for name in ("received", "finished", "due", "due_finished"):
            aggregates[f"all_{name}"] = Sum(name, filter=before)  # from the first day on
    cells = reduce(
        DossierRollup.objects.filter((inside | before) if ended_closed else inside), aggregates
    )
    span = max((f["span"] or 0 for f in cells.values()), default=0)
    late_start = max(period.start, period.end - timedelta(days=span))
    resolved_after = {key: {"n": 0} for key in cells}
    if late_start <= closed_end:
        late_from, late_to = bounds(Period(late_start, closed_end))
        resolved_after = reduce(
            Dossier.objects.filter(
                received_at__gte=late_from,
                received_at__lt=late_to,
                timing__in=IN_TIME,
                resolved_at__gte=end,
            ).exclude(status=Status.REFUSED),
            {"n": Count("pk")},
        )
    if not ended_closed:
        tail = Period(last + timedelta(days=1), period.end)
        live = reduce(Dossier.objects.filter(relevant_q(tail)), _live_aggregates(tail))
    result = {}
    for key, c in cells.items():
        f = {name: c[f"sum_{name}"] or 0 for name in SUMMED}
        f["received_in_time"] = (c["sum_in_time"] or 0) - resolved_after[key]["n"]
        if ended_closed:
            f["pending"] = (c["all_received"] or 0) - (c["all_finished"] or 0)
            f["overdue"] = (c["all_due"] or 0) - (c["all_due_finished"] or 0)
        else:
            tail_figures = _zeros(live[key])
            for name in (*SUMMED, "received_in_time"):
                f[name] += tail_figures[name]
            f["pending"], f["overdue"] = tail_figures["pending"], tail_figures["overdue"]
        result[key] = f
    return result


def _zeros(figures: dict) -> dict:
    return {name: value or 0 for name, value in figures.items()}


def _register(code, name, measure, aggregation, description="", derive=None, records=None):
    """An onestop indicator; with `derive`, its value also follows from `all_figures` (one
    pass over the dossiers for every figure a report asks at once); with `records`, the
    dossier list shows exactly the dossiers it counts."""
    return indicator(
        code=f"onestop.{code}",
        name=name,
        measure=measure,
        aggregation=aggregation,
        description=description,
        batch=all_figures if derive else None,
        batch_each=all_figures_each if derive else None,
        derive=derive,
        records=records,
        records_list="dossiers:index" if records else "",
    )


C, P, SUM, RATIO = Measure.COUNT, Measure.PERCENT, Aggregation.SUM, Aggregation.RATIO


IN_TIME = [Timing.EARLY, Timing.ON_TIME]
# Counts: code, name, filter of the period's dossiers, description, value from all_figures.
COUNTS = [
    ("received", _("Hồ sơ tiếp nhận trong kỳ"), _received_q, _("Không tính hồ sơ bị từ chối tiếp nhận."),
     lambda f: f["received"]),
    ("received_online", _("Hồ sơ tiếp nhận trực tuyến"), lambda p: _received_q(p) & Q(channel=Channel.ONLINE), "",
     lambda f: f["online"]),
    ("received_counter", _("Hồ sơ tiếp nhận trực tiếp"), lambda p: _received_q(p) & Q(channel=Channel.COUNTER), "",
     lambda f: f["counter"]),
    ("received_post", _("Hồ sơ tiếp nhận qua bưu chính"), lambda p: _received_q(p) & Q(channel=Channel.POST), "",
     lambda f: f["post"]),
    ("resolved", _("Hồ sơ đã giải quyết trong kỳ"), _resolved_q, "", lambda f: f["resolved"]),
    ("resolved_early", _("Hồ sơ giải quyết trước hạn"), lambda p: _resolved_q(p) & Q(timing=Timing.EARLY), "",
     lambda f: f["early"]),
    ("resolved_on_time", _("Hồ sơ giải quyết đúng hạn"), lambda p: _resolved_q(p) & Q(timing=Timing.ON_TIME), "",
     lambda f: f["on_time"]),
    ("resolved_in_time", _("Hồ sơ giải quyết trước và đúng hạn"), lambda p: _resolved_q(p) & Q(timing__in=IN_TIME),
     "", lambda f: f["early"] + f["on_time"]),
    ("resolved_late", _("Hồ sơ giải quyết quá hạn"), lambda p: _resolved_q(p) & Q(timing=Timing.LATE), "",
     lambda f: f["late"]),
    ("apologised", _("Hồ sơ có văn bản xin lỗi, hẹn lại"), _apologised_q,
     _("Văn bản xin lỗi và hẹn lại ngày trả kết quả (mẫu 04) gửi trong kỳ."), lambda f: f["apologised"]),
]  # fmt: skip


def _register_count(code, name, where, description, derive):
    @_register(code, name, C, SUM, description, derive, records=where)
    def count(units, period):
        return _count(units, where(period))

    return count


for _args in COUNTS:
    _register_count(*_args)


@_register("pending_in_time", _("Hồ sơ đang giải quyết, trong hạn (cuối kỳ)"), C, Aggregation.LAST,
           derive=lambda f: f["pending"] - f["overdue"],
           records=lambda p: pending_q(p) & ~Q(deadline__lt=bounds(p)[1]))  # fmt: skip
def pending_in_time(units, period):
    f = pending_figures(units, period)
    return f["pending"] - f["overdue"]


@_register("pending_overdue", _("Hồ sơ đang giải quyết, quá hạn (cuối kỳ)"), C, Aggregation.LAST,
           derive=lambda f: f["overdue"],
           records=lambda p: pending_q(p) & Q(deadline__lt=bounds(p)[1]))  # fmt: skip
def pending_overdue(units, period):
    return pending_figures(units, period)["overdue"]


@_register("on_time_rate", _("Tỷ lệ hồ sơ giải quyết đúng hạn"), P, RATIO,
           _("(Trước hạn + đúng hạn) / hồ sơ đã giải quyết trong kỳ × 100."),
           derive=lambda f: share(f["early"] + f["on_time"], f["resolved"]),
           records=_resolved_q)  # fmt: skip
def on_time_rate(units, period):
    f = resolved_figures(units, period)
    return share(f["early"] + f["on_time"], f["resolved"])


@_register("received_in_time_rate", _("Tỷ lệ hồ sơ tiếp nhận được giải quyết đúng hạn"), P, RATIO,
           _("Hồ sơ tiếp nhận trong kỳ đã giải quyết trước và đúng hạn đến cuối kỳ / hồ sơ "
             "tiếp nhận trong kỳ × 100 (cách tính của nhiều báo cáo địa phương)."),
           derive=lambda f: share(f["received_in_time"], f["received"]), records=_received_q)  # fmt: skip
def received_in_time_rate(units, period):
    f = received_figures(units, period)
    return share(f["received_in_time"], f["received"])


@_register("online_share", _("Tỷ lệ hồ sơ trực tuyến"), P, RATIO,
           _("Hồ sơ tiếp nhận trực tuyến / hồ sơ tiếp nhận × 100."),
           derive=lambda f: share(f["online"], f["received"]), records=_received_q)  # fmt: skip
def online_share(units, period):
    f = received_figures(units, period)
    return share(f["online"], f["received"])


@_register("online_payment_share", _("Tỷ lệ hồ sơ thanh toán trực tuyến"), P, RATIO,
           _("Hồ sơ có phí đã thanh toán trực tuyến / hồ sơ có phí × 100."),
           derive=lambda f: share(f["paid_online"], f["with_fee"]),
           records=lambda p: _received_q(p) & Q(fee__gt=0))  # fmt: skip
def online_payment_share(units, period):
    f = received_figures(units, period)
    return share(f["paid_online"], f["with_fee"])


@_register("digitised_share", _("Tỷ lệ hồ sơ được số hóa"), P, RATIO,
           _("Hồ sơ tiếp nhận có thành phần được số hóa / hồ sơ tiếp nhận × 100."),
           derive=lambda f: share(f["digitised"], f["received"]), records=_received_q)  # fmt: skip
def digitised_share(units, period):
    f = received_figures(units, period)
    return share(f["digitised"], f["received"])


@_register("satisfaction", _("Tỷ lệ người dân hài lòng"), P, RATIO,
           _("Đánh giá hài lòng và rất hài lòng / số đánh giá trong kỳ × 100."),
           derive=lambda f: share(f["satisfied"], f["rated"]), records=_rated_q)  # fmt: skip
def satisfaction(units, period):
    f = rating_figures(units, period)
    return share(f["satisfied"], f["rated"])


def _procedures_each(territories, period):
    return grouped_distinct(Procedure.objects.filter(is_active=True), territories, ("units",))


@indicator(code="onestop.procedures", name=_("Số thủ tục trong danh mục tiếp nhận"), measure=C,
           aggregation=Aggregation.RECOMPUTE, batch_each=_procedures_each, derive=lambda f: f["n"],
           description=_("Thủ tục đang áp dụng có trong danh mục của ít nhất một đơn vị thuộc phạm vi."))  # fmt: skip
def procedures(units, period):
    return Procedure.objects.filter(territory_q(units, "units"), is_active=True).distinct().count()


# ---------------------------------------------------------------- Decision 766/QĐ-TTg

# (code, group name, points, indicator whose percentage earns the points, formula)
INDEX_766 = [
    ("CKMB", _("Công khai, minh bạch"), 18, None,
     _("Chưa tính: cần dữ liệu công khai thủ tục trên cổng thông tin (phân hệ cổng).")),
    ("TDGQ", _("Tiến độ giải quyết"), 20, "onestop.on_time_rate",
     _("20 × hồ sơ giải quyết trước và đúng hạn / hồ sơ đã giải quyết.")),
    ("CLGQ", _("Dịch vụ công trực tuyến"), 12, "onestop.online_share",
     _("12 × hồ sơ nộp trực tuyến / hồ sơ tiếp nhận.")),
    ("TTTT", _("Thanh toán trực tuyến"), 10, "onestop.online_payment_share",
     _("10 × hồ sơ thanh toán trực tuyến / hồ sơ có phí, lệ phí.")),
    ("MDHL", _("Mức độ hài lòng"), 18, "onestop.satisfaction",
     _("18 × đánh giá hài lòng, rất hài lòng / số đánh giá.")),
    ("MDSH", _("Số hóa hồ sơ"), 22, "onestop.digitised_share",
     _("22 × hồ sơ có thành phần được số hóa / hồ sơ tiếp nhận.")),
]  # fmt: skip


def _points(weight: int, percent: Decimal | None) -> Decimal | None:
    if percent is None:
        return None
    return (Decimal(weight) * percent / 100).quantize(Decimal("0.01"), ROUND_HALF_UP)


def _make_group(code, name, weight, source, formula):
    from tttt.core.indicators import get_indicator

    @_register(f"index766_{code.lower()}", _("Chỉ số 766 — %(name)s (%(points)s điểm)") % {
        "name": name, "points": weight}, Measure.POINTS, Aggregation.RECOMPUTE, formula,
        derive=lambda f: _points(weight, get_indicator(source).derive(f)))  # fmt: skip
    def group(units, period):
        return _points(weight, get_indicator(source).compute(units, period))

    return group


for _code, _name, _weight, _source, _formula in INDEX_766:
    if _source is not None:
        _make_group(_code, _name, _weight, _source, _formula)
