"""Figures of the portals (DESIGN.md indicator protocol): what was published in a period
on the portals of the units asked for — news items, articles, images, documents by kind,
questions answered, comments published. Each is one aggregate query, and each names the
back-office list of exactly the records it counts."""

from datetime import datetime, time

from django.db.models import F, Q, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, n, territory_q

from .models import Comment, DocumentPage, NewsPage, Question

NEWS, DOCUMENTS = "portal_published_news", "portal_published_documents"


def _bounds(period):
    tz = timezone.get_current_timezone()
    return (
        timezone.make_aware(datetime.combine(period.start, time.min), tz),
        timezone.make_aware(datetime.combine(period.end, time.max), tz),
    )


def _published(period, **more):
    """Pages live now and first published in the period."""
    return Q(live=True, first_published_at__range=_bounds(period), **more)


def _answered(period, **more):
    return Q(answered_at__range=_bounds(period), **more) & ~Q(status=Question.Status.REJECTED)


def _count(model, records):
    def compute(units, period):
        return model.objects.filter(territory_q(units), records(period)).count()

    return compute


def _register(code, name, model, records, records_list, compute=None):
    total = "image_count" if code == "images" else ""
    indicator(code=f"portal.{code}", name=name, measure=Measure.COUNT,
              aggregation=Aggregation.SUM, records=records, records_list=records_list,
              records_sum=total, derive=n,
              batch_each=each(lambda p: model.objects.filter(records(p)),
                              {"n": Sum(total)} if total else None))(compute or _count(model, records))  # fmt: skip


_register("news_items", _("Tin đăng trên cổng thông tin"), NewsPage,
          lambda p: _published(p, kind=NewsPage.Kind.NEWS), NEWS)  # fmt: skip
_register("articles", _("Bài đăng trên cổng thông tin"), NewsPage,
          lambda p: _published(p, kind=NewsPage.Kind.ARTICLE), NEWS)  # fmt: skip


def _images(units, period):
    pages = NewsPage.objects.filter(territory_q(units), _published(period))
    return pages.aggregate(n=Sum("image_count"))["n"] or 0


_register("images", _("Ảnh đăng kèm tin, bài"), NewsPage,
          lambda p: _published(p, image_count__gt=0), NEWS, compute=_images)  # fmt: skip
_register("documents", _("Văn bản đăng trên cổng thông tin"), DocumentPage, _published, DOCUMENTS)
_register("directive_documents", _("Văn bản chỉ đạo, điều hành đăng trên cổng"), DocumentPage,
          lambda p: _published(p, doc_type__is_legal=False), DOCUMENTS)  # fmt: skip
_register("legal_documents", _("Văn bản quy phạm pháp luật đăng trên cổng"), DocumentPage,
          lambda p: _published(p, doc_type__is_legal=True), DOCUMENTS)  # fmt: skip
_register("questions_answered", _("Câu hỏi của công dân đã trả lời"), Question, _answered,
          "portal_questions:index")  # fmt: skip
_register("questions_answered_in_time", _("Câu hỏi trả lời đúng hạn"), Question,
          lambda p: _answered(p, answered_at__lte=F("due_at")), "portal_questions:index")  # fmt: skip
_register("comments_published", _("Bình luận của bạn đọc được đăng"), Comment,
          lambda p: Q(status=Comment.Status.PUBLISHED, moderated_at__range=_bounds(p)),
          "portal_comments:index")  # fmt: skip
