"""Figures of assigned tasks (DESIGN.md indicator protocol), by the assigning unit."""

from django.db.models import Count, F, Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, territory_q

from .models import Task


def _records(period) -> dict:
    """The tasks each figure counts, as filters: assigned in the period, completed in it
    (on time), and open and overdue at its end."""
    start, end = period.start, period.end
    completed = Q(status=Task.Status.DONE, completed_on__range=(start, end))
    return {
        "assigned": Q(assigned_on__range=(start, end)),
        "completed": completed,
        "completed_on_time": completed & Q(completed_on__lte=F("deadline")),
        "overdue": Q(assigned_on__lte=end, deadline__lt=end)
        & ~Q(status=Task.Status.CANCELLED)
        & (Q(completed_on__isnull=True) | Q(completed_on__gt=end)),
    }


def _aggregates(period) -> dict:
    return {key: Count("pk", filter=where) for key, where in _records(period).items()}


def task_figures(units, period) -> dict:
    """Every task figure of the units in the period, one aggregate query."""
    return Task.objects.filter(territory_q(units)).aggregate(**_aggregates(period))


task_figures_each = each(lambda period: Task.objects.all(), _aggregates)


def _register(key, name, description=""):
    @indicator(code=f"assignments.{key}", name=name, measure=Measure.COUNT, aggregation=Aggregation.SUM,
               description=description, records=lambda period: _records(period)[key],
               records_list="tasks:index", batch=task_figures, batch_each=task_figures_each,
               derive=lambda figures: figures[key])  # fmt: skip
    def compute(units, period):
        return task_figures(units, period)[key]

    return compute


_register("assigned", _("Nhiệm vụ được giao trong kỳ"))
_register("completed", _("Nhiệm vụ hoàn thành trong kỳ"))
_register("completed_on_time", _("Nhiệm vụ hoàn thành đúng hạn trong kỳ"))
_register(
    "overdue",
    _("Nhiệm vụ quá hạn chưa hoàn thành (cuối kỳ)"),
    _(
        "Đã giao, hạn trước ngày cuối kỳ, đến ngày cuối kỳ chưa hoàn thành (không tính nhiệm vụ đã hủy)."
    ),
)
