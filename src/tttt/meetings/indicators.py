"""Figures of meetings (DESIGN.md indicator protocol): meetings held, those held without
paper, and their share; one aggregate query."""

from django.db.models import Count, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.org.indicators import each, territory_q

from .models import Meeting


def _records(period) -> dict:
    end = min(period.end, timezone.localdate())
    held = Q(starts_at__date__range=(period.start, end))
    return {"held": held, "paperless": held & Q(is_paperless=True)}


def _aggregates(period) -> dict:
    return {key: Count("pk", filter=where) for key, where in _records(period).items()}


def meeting_figures(units, period) -> dict:
    return Meeting.objects.filter(territory_q(units)).aggregate(**_aggregates(period))


meeting_figures_each = each(lambda period: Meeting.objects.all(), _aggregates)


def _register(key, name, measure, aggregation, derive, records, description=""):
    @indicator(code=f"meetings.{key}", name=name, measure=measure, aggregation=aggregation,
               description=description, records=lambda period: _records(period)[records],
               records_list="meetings:index", batch=meeting_figures, batch_each=meeting_figures_each,
               derive=derive)  # fmt: skip
    def compute(units, period):
        return derive(meeting_figures(units, period))

    return compute


_register("held", _("Cuộc họp đã tổ chức trong kỳ"), Measure.COUNT, Aggregation.SUM,
          lambda f: f["held"], "held")  # fmt: skip
_register("paperless", _("Cuộc họp không giấy tờ trong kỳ"), Measure.COUNT, Aggregation.SUM,
          lambda f: f["paperless"], "paperless")  # fmt: skip
_register("paperless_share", _("Tỷ lệ cuộc họp không giấy tờ"), Measure.PERCENT, Aggregation.RATIO,
          lambda f: share(f["paperless"], f["held"]), "paperless",
          _("Cuộc họp không dùng giấy / cuộc họp đã tổ chức trong kỳ × 100."))  # fmt: skip
