"""Figures of the press register (DESIGN.md indicator protocol)."""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator
from tttt.org.indicators import each, n, territory_q

from .models import PressIssue, PressStatement

ISSUES = "press_issues:index"
STATEMENTS = "press_statements:index"


def _published_in(period, extra: Q | None = None) -> Q:
    return Q(published_on__gte=period.start, published_on__lte=period.end) & (extra or Q())


def _given_in(period, kinds) -> Q:
    return Q(given_on__gte=period.start, given_on__lte=period.end, kind__in=kinds)


ANSWERED = Q(responded_on__isnull=False)
TALKS = [PressStatement.Kind.STATEMENT, PressStatement.Kind.WRITTEN]
CONFERENCES = [PressStatement.Kind.CONFERENCE]


@indicator(code="press.issues", name=_("Vấn đề báo chí nêu"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, description=_("Bài báo nêu vấn đề thuộc lĩnh vực của đơn vị, theo ngày đăng."),
           records=_published_in, records_list=ISSUES, derive=n,
           batch_each=each(lambda p: PressIssue.objects.filter(_published_in(p))))  # fmt: skip
def issues(units, period):
    return PressIssue.objects.filter(territory_q(units), _published_in(period)).count()


@indicator(code="press.issues_answered", name=_("Vấn đề báo nêu đã trả lời"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, records=lambda p: _published_in(p, ANSWERED),
           records_list=ISSUES, derive=n,
           batch_each=each(lambda p: PressIssue.objects.filter(_published_in(p, ANSWERED))))  # fmt: skip
def issues_answered(units, period):
    return PressIssue.objects.filter(territory_q(units), _published_in(period, ANSWERED)).count()


@indicator(code="press.statements", name=_("Lần phát ngôn, cung cấp thông tin cho báo chí"),
           measure=Measure.COUNT, aggregation=Aggregation.SUM,
           records=lambda p: _given_in(p, TALKS), records_list=STATEMENTS, derive=n,
           batch_each=each(lambda p: PressStatement.objects.filter(_given_in(p, TALKS))))  # fmt: skip
def statements(units, period):
    return PressStatement.objects.filter(territory_q(units), _given_in(period, TALKS)).count()


@indicator(code="press.conferences", name=_("Cuộc họp báo"), measure=Measure.COUNT,
           aggregation=Aggregation.SUM, records=lambda p: _given_in(p, CONFERENCES),
           records_list=STATEMENTS, derive=n,
           batch_each=each(lambda p: PressStatement.objects.filter(_given_in(p, CONFERENCES))))  # fmt: skip
def conferences(units, period):
    return PressStatement.objects.filter(territory_q(units), _given_in(period, CONFERENCES)).count()
