"""Figures of the portals (DESIGN.md indicator protocol): what was published in a period
on the portals of the units asked for — news items, articles, images, documents by kind,
questions answered, comments published. Each is one aggregate query."""

from datetime import datetime, time

from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import territory_q

from .models import Comment, DocumentPage, NewsPage, Question


def _bounds(period):
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(period.start, time.min), tz),
        timezone.make_aware(datetime.combine(period.end, time.max), tz),
    )


def _published(model, units, period):
    start, end = _bounds(period)
    return model.objects.filter(
        territory_q(units), live=True, first_published_at__range=(start, end)
    )


@indicator(code="portal.news_items", name=_("Tin đăng trên cổng thông tin"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM)  # fmt: skip
def news_items(units, period):
    return _published(NewsPage, units, period).filter(kind=NewsPage.Kind.NEWS).count()


@indicator(code="portal.articles", name=_("Bài đăng trên cổng thông tin"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM)  # fmt: skip
def articles(units, period):
    return _published(NewsPage, units, period).filter(kind=NewsPage.Kind.ARTICLE).count()


@indicator(code="portal.images", name=_("Ảnh đăng kèm tin, bài"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM)  # fmt: skip
def images(units, period):
    return _published(NewsPage, units, period).aggregate(n=Sum("image_count"))["n"] or 0


@indicator(code="portal.documents", name=_("Văn bản đăng trên cổng thông tin"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM)  # fmt: skip
def documents(units, period):
    return _published(DocumentPage, units, period).count()


@indicator(code="portal.directive_documents", name=_("Văn bản chỉ đạo, điều hành đăng trên cổng"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM)  # fmt: skip
def directive_documents(units, period):
    return _published(DocumentPage, units, period).filter(doc_type__is_legal=False).count()


@indicator(code="portal.legal_documents", name=_("Văn bản quy phạm pháp luật đăng trên cổng"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM)  # fmt: skip
def legal_documents(units, period):
    return _published(DocumentPage, units, period).filter(doc_type__is_legal=True).count()


@indicator(code="portal.questions_answered", name=_("Câu hỏi của công dân đã trả lời"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM)  # fmt: skip
def questions_answered(units, period):
    start, end = _bounds(period)
    return (
        Question.objects.filter(territory_q(units), answered_at__range=(start, end))
        .exclude(status=Question.Status.REJECTED)
        .count()
    )


@indicator(code="portal.questions_answered_in_time", name=_("Câu hỏi trả lời đúng hạn"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM)  # fmt: skip
def questions_answered_in_time(units, period):
    start, end = _bounds(period)
    return (
        Question.objects.filter(
            territory_q(units), answered_at__range=(start, end), answered_at__lte=F("due_at")
        )
        .exclude(status=Question.Status.REJECTED)
        .count()
    )


@indicator(code="portal.comments_published", name=_("Bình luận của bạn đọc được đăng"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM)  # fmt: skip
def comments_published(units, period):
    start, end = _bounds(period)
    return Comment.objects.filter(
        territory_q(units), status=Comment.Status.PUBLISHED, moderated_at__range=(start, end)
    ).count()
