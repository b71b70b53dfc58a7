"""Figures of online listening (DESIGN.md indicator protocol): mentions in the period, the
negative ones, those naming a watched name, and the negative mentions as a share of the
usual (the mean of the four equal periods before): the figure a spike raises, on which a
leader sets an alert (reporting's alert rules, "7 ngày qua"). One aggregate query."""

from datetime import timedelta

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.org.indicators import each, territory_q

from .models import Mention, Sentiment

MENTIONS = "listening_mentions:index"
BASELINE_PERIODS = 4


def _span(period):
    return period.start, period.end


def _records(period) -> dict:
    start, end = _span(period)
    length = (end - start).days + 1
    inside = Q(published_at__date__range=(start, end))
    before = Q(
        published_at__date__range=(
            start - timedelta(days=length * BASELINE_PERIODS),
            start - timedelta(days=1),
        )
    )
    negative = Q(sentiment=Sentiment.NEGATIVE)
    return {
        "mentions": inside,
        "negative": inside & negative,
        "watched_negative": inside & negative & Q(watched=True),
        "negative_before": before & negative,
    }


def _aggregates(period) -> dict:
    return {key: Count("pk", filter=where) for key, where in _records(period).items()}


def mention_figures(units, period) -> dict:
    return Mention.objects.filter(territory_q(units)).aggregate(**_aggregates(period))


mention_figures_each = each(lambda period: Mention.objects.all(), _aggregates)


def _against_usual(f):
    """Negative mentions as a percentage of the usual number (at least one a period)."""
    usual = max(f["negative_before"] / BASELINE_PERIODS, 1)
    return share(f["negative"], usual)


def _register(key, name, measure, aggregation, derive, *, records, description=""):
    @indicator(code=f"listening.{key}", name=name, measure=measure, aggregation=aggregation,
               description=description, records=lambda period: _records(period)[records],
               records_list=MENTIONS, batch=mention_figures, batch_each=mention_figures_each,
               derive=derive)  # fmt: skip
    def compute(units, period):
        return derive(mention_figures(units, period))

    return compute


C, P = Measure.COUNT, Measure.PERCENT
_register("mentions", _("Tin, bài, bình luận trên mạng được theo dõi"), C, Aggregation.SUM,
          lambda f: f["mentions"], records="mentions")  # fmt: skip
_register("negative_mentions", _("Tin, bài, bình luận tiêu cực"), C, Aggregation.SUM,
          lambda f: f["negative"], records="negative")  # fmt: skip
_register("negative_share", _("Tỷ lệ tin, bài, bình luận tiêu cực"), P, Aggregation.RATIO,
          lambda f: share(f["negative"], f["mentions"]), records="negative")  # fmt: skip
_register("watched_negative", _("Tin tiêu cực nêu tên trong danh sách theo dõi"), C, Aggregation.SUM,
          lambda f: f["watched_negative"], records="watched_negative",
          description=_("Tin tiêu cực nêu tên đơn vị, cơ quan, cơ sở kinh doanh, thủ tục hoặc chiến dịch "
                        "trong danh sách theo dõi."))  # fmt: skip
_register("negative_against_usual", _("Tin tiêu cực so với mức thường ngày"), P, Aggregation.RECOMPUTE,
          _against_usual, records="negative",
          description=_("Số tin tiêu cực trong kỳ / trung bình bốn kỳ liền trước cùng độ dài (ít nhất 1) × 100; "
                        "trên 200% là tin tiêu cực tăng đột biến."))  # fmt: skip
