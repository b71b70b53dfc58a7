"""Figures of periodic reporting itself (DESIGN.md indicator protocol): the reports that
were not in on time, so that a leader can set an alert on reports missing."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from django.db.models import Count
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.core.periods import Period
from tttt.org.indicators import grouped, n
from tttt.org.models import Unit
from tttt.org.queries import subtree

from .models import Report, ReportForm


def due_in(period: Period) -> list[tuple[ReportForm, Period, date]]:
    """Each active form's reports (form, report period, due date) due within `period` and
    not after today: one query."""
    from .queries import due_date
    from .reminders import latest_period

    last = min(period.end, timezone.localdate())
    found = []
    for form in ReportForm.objects.filter(is_active=True):
        p = latest_period(form.period_kind, last + timedelta(days=1))  # the last one ended by then
        while (due := due_date(form, p)) >= period.start:
            if due <= last:
                found.append((form, p, due))
            p = p.previous()
    return found


def _owed_and_in_time(form: ReportForm, p: Period, due: date):
    """The units of the form's level standing at the period's end, and their reports first
    submitted by the end of the due day."""
    expected = Unit.objects.valid_on(p.end).filter(kind=form.level)
    cutoff = datetime.combine(
        due + timedelta(days=1), time.min, tzinfo=timezone.get_current_timezone()
    )
    in_time = Report.objects.filter(form=form, period_start=p.start, period_end=p.end,
                                    first_submitted_at__lt=cutoff, unit__in=expected)  # fmt: skip
    return expected, in_time


def _late_each(territories, period):
    result = {key: {"n": 0} for key in territories}
    for form, p, due in due_in(period):
        expected, in_time = _owed_and_in_time(form, p, due)
        owed = grouped(expected, territories, {"n": Count("pk")}, ("",))
        done = grouped(in_time, territories, {"n": Count("pk")}, ("unit",))
        for key in territories:
            result[key]["n"] += owed[key]["n"] - done[key]["n"]
    return result


@indicator(code="reporting.reports_late", name=_("Báo cáo định kỳ không nộp đúng hạn"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM, batch_each=_late_each, derive=n,
           description=_("Báo cáo có hạn nộp trong kỳ (đến hôm nay) mà đơn vị chưa nộp đến hết ngày hạn "
                         "(theo Tình hình nộp của từng mẫu báo cáo)."))  # fmt: skip
def reports_late(units, period):
    total = 0
    for form, p, due in due_in(period):
        expected, in_time = _owed_and_in_time(form, p, due)
        mine = subtree(units, on=p.end, kinds=[form.level]).values("pk")
        total += expected.filter(pk__in=mine).count() - in_time.filter(unit__in=mine).count()
    return total
