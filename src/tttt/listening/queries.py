"""Reads of online listening: the scoped reads, the filters of the mentions list, and the
week's picture a leader reads (volume by day, sentiment, top topics and sources), each
figure with the filter of the mentions behind it."""

from __future__ import annotations

from collections import Counter
from contextlib import suppress
from datetime import date, timedelta

from django.db.models import Count, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

from tttt.core.text import fold
from tttt.org.queries import in_unit, records_for_user

from .models import Mention, Sentiment, Source, WatchTerm


def scoped_mentions(user, perm: str = "listening.view_mention") -> QuerySet[Mention]:
    return records_for_user(Mention, user, perm, "unit")


def scoped_sources(user, perm: str = "listening.view_source") -> QuerySet[Source]:
    return records_for_user(Source, user, perm, "unit")


def scoped_terms(user, perm: str = "listening.view_watchterm") -> QuerySet[WatchTerm]:
    return records_for_user(WatchTerm, user, perm, "unit")


def search(qs: QuerySet[Mention], text: str) -> QuerySet[Mention]:
    """Every word of `text`, with or without diacritics."""
    for word in fold(text or "").split():
        qs = qs.filter(search_text__contains=word)
    return qs


def filtered(qs: QuerySet[Mention], params) -> QuerySet[Mention]:
    """The list's filters as the week's picture links them: sentiment, source, topic,
    watch-list hits, days (tu, den: yyyy-mm-dd)."""
    if (value := params.get("unit", "")).isdigit() and not params.get("chi_tieu"):
        qs = in_unit(qs, int(value))
    if (value := params.get("cam_xuc")) in Sentiment.values:
        qs = qs.filter(sentiment=value)
    if (value := params.get("nguon", "")).isdigit():
        qs = qs.filter(source_id=int(value))
    if value := params.get("chu_de", ""):
        qs = qs.filter(search_text__contains=fold(value))
    if params.get("theo_doi") == "1":
        qs = qs.filter(watched=True)
    for key, lookup in (("tu", "published_at__date__gte"), ("den", "published_at__date__lte")):
        with suppress(ValueError):  # a day that is not yyyy-mm-dd filters nothing
            qs = qs.filter(**{lookup: date.fromisoformat(params.get(key, ""))})
    return qs


def week_of(day: date) -> tuple[date, date]:
    start = day - timedelta(days=day.weekday())
    return start, start + timedelta(days=6)


def latest_week(qs: QuerySet[Mention]) -> date:
    """The Monday of the latest week with mentions (today's week when there are none)."""
    latest = qs.order_by("-published_at").values_list("published_at", flat=True).first()
    return week_of(timezone.localdate(latest) if latest else timezone.localdate())[0]


def week_picture(qs: QuerySet[Mention], start: date) -> dict:
    """The week from `start`: totals by sentiment, mentions by day and sentiment, the
    sources with most mentions, the topics most named (four queries)."""
    end = start + timedelta(days=6)
    week = qs.filter(published_at__date__range=(start, end))
    totals = week.aggregate(
        total=Count("pk"), watched=Count("pk", filter=Q(watched=True)),
        **{s: Count("pk", filter=Q(sentiment=s)) for s in Sentiment.values},
    )  # fmt: skip
    days = {start + timedelta(days=i): dict.fromkeys(Sentiment.values, 0) for i in range(7)}
    rows = week.annotate(day=TruncDate("published_at", tzinfo=timezone.get_current_timezone()))
    for row in rows.values("day", "sentiment").annotate(n=Count("pk")).order_by():
        if row["day"] in days:
            days[row["day"]][row["sentiment"]] = row["n"]
    sources = list(week.values("source", "source__name").annotate(
        n=Count("pk"), negative=Count("pk", filter=Q(sentiment=Sentiment.NEGATIVE))).order_by("-n")[:8])  # fmt: skip
    topics = Counter()
    for listed in week.values_list("topics", flat=True):
        topics.update(listed or [])
    previous = qs.filter(
        published_at__date__range=(start - timedelta(days=7), start - timedelta(days=1))
    )
    before = previous.aggregate(
        total=Count("pk"), negative=Count("pk", filter=Q(sentiment=Sentiment.NEGATIVE))
    )
    return {"start": start, "end": end, "totals": totals, "days": days, "sources": sources,
            "topics": topics.most_common(10), "before": before}  # fmt: skip


def waiting(user) -> dict:
    """Negative mentions not yet looked at in the person's scope, and those naming a watched
    name (one query)."""
    return scoped_mentions(user).filter(status=Mention.Status.NEW, sentiment=Sentiment.NEGATIVE).aggregate(
        negative=Count("pk"), watched=Count("pk", filter=Q(watched=True)))  # fmt: skip
