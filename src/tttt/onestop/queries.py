"""Reads: scoped dossier lists, work queues, who can take a dossier, statistics."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tttt.core.calendar import get_calendar
from tttt.org.models import Membership, Unit, User
from tttt.org.queries import restrict_to_scope

from .models import Dossier, Procedure, Status

QUEUES = {
    "mine": "Hồ sơ tôi đang xử lý",
    "due_today": "Đến hạn hôm nay",
    "overdue": "Quá hạn",
    "supplement": "Chờ bổ sung",
    "apology": "Sắp đến hạn: cần xin lỗi, hẹn lại",
    "to_return": "Có kết quả, chờ trả",
}


def scoped_dossiers(user, perm="onestop.view_dossier") -> QuerySet[Dossier]:
    return restrict_to_scope(Dossier.objects.all(), user, perm=perm)


def scoped_procedures(user, perm="onestop.view_procedure") -> QuerySet[Procedure]:
    """Procedures offered by some unit in the user's scope (all, for platform admins)."""
    from tttt.org.queries import user_scope

    scope = user_scope(user, perm=perm)
    if scope.unrestricted:
        return Procedure.objects.all()
    return Procedure.objects.filter(scope.q("units")).distinct()


_WORKING = (
    Status.RECEIVED,
    Status.PROCESSING,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
    Status.DENIED,
)


def queue_q(queue: str, user, now: datetime | None = None) -> Q:
    """The filter for one work queue; unknown queue codes filter nothing."""
    now = now or timezone.now()
    cal = get_calendar()
    working = Q(status__in=_WORKING)
    if queue == "mine":
        return Q(status__in=[*_WORKING, Status.SUPPLEMENT], assignee=user)
    if queue == "due_today":
        start = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
        return working & Q(due_at__gte=start, due_at__lt=start + timedelta(days=1))
    if queue == "overdue":
        return working & Q(due_at__lt=now)
    if queue == "supplement":
        return Q(status=Status.SUPPLEMENT)
    if queue == "apology":
        # At least one working day must remain to send the apology; warn two days ahead.
        return working & Q(
            rescheduled_at__isnull=True,
            due_at__gte=cal.add(now, cal.day_length),
            due_at__lte=cal.add(now, cal.day_length * 2),
        )
    if queue == "to_return":
        return Q(status=Status.RESULT_READY)
    return Q()


_QUEUED = (*_WORKING, Status.SUPPLEMENT, Status.RESULT_READY)  # every queue is among these


def queue_counts(user, now=None) -> dict[str, int]:
    """How many dossiers wait in each of the user's queues (one aggregate query over the
    open dossiers only: the index on status skips the finished millions)."""
    return (
        scoped_dossiers(user)
        .filter(status__in=_QUEUED)
        .aggregate(**{code: Count("pk", filter=queue_q(code, user, now)) for code in QUEUES})
    )


def possible_assignees(unit) -> QuerySet[User]:
    """People of the dossier's own unit (or an office of it) who may process or approve its
    dossiers today: not the leaders of the province above, nor another unit's staff."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label="onestop", codename__in=["process_dossier", "approve_dossier"]
    )
    own = Unit.objects.filter(Q(pk=unit.pk) | Q(parent=unit, kind=Unit.Kind.OFFICE))
    memberships = Membership.objects.active().filter(unit__in=own, role__permissions__in=perms)
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .order_by("full_name", "username")
        .distinct()
    )


def timeline(dossier: Dossier):
    return dossier.events.select_related("actor").order_by("at", "pk")


def working_time_left(dossier: Dossier, now=None) -> timedelta:
    return get_calendar().between(now or timezone.now(), dossier.due_at)


def describe_working_time(span: timedelta) -> str:
    """`1 ngày 3,5 giờ làm việc`; `quá 2 giờ làm việc` when negative."""
    from tttt.core.formatting import format_number

    day = get_calendar().day_length
    late = span < timedelta(0)
    span = abs(span)
    days, rest = divmod(span, day)
    hours = rest.total_seconds() / 3600
    parts = []
    if days:
        parts.append(f"{days} ngày")
    if hours >= 0.05 or not parts:
        parts.append(f"{format_number(hours, 1 if hours % 1 else 0)} giờ")
    text = " ".join(parts) + " làm việc"
    return f"quá {text}" if late else text


# ---------------------------------------------------------------- statistics


def statistics(units, period, *, field=None, procedure=None) -> dict:
    """Every one-stop figure of a territory in a period (one aggregate query), optionally
    for one field or one procedure."""
    from . import indicators as ind

    where = Q()
    if field is not None:
        where &= Q(procedure__field=field)
    if procedure is not None:
        where &= Q(procedure=procedure)
    f = ind.all_figures(units, period, where)
    f["in_time"] = f["early"] + f["on_time"]
    f["pending_in_time"] = f["pending"] - f["overdue"]
    f["on_time_rate"] = ind.share(f["in_time"], f["resolved"])
    f["received_in_time_rate"] = ind.share(f["received_in_time"], f["received"])
    f["online_share"] = ind.share(f["online"], f["received"])
    f["online_payment_share"] = ind.share(f["paid_online"], f["with_fee"])
    f["digitised_share"] = ind.share(f["digitised"], f["received"])
    f["satisfaction"] = ind.share(f["satisfied"], f["rated"])
    f["index766"] = [
        {
            "code": code,
            "name": str(name),
            "weight": weight,
            "points": ind._points(weight, f[source.split(".")[1]]) if source else None,
            "formula": str(formula),
        }
        for code, name, weight, source, formula in ind.INDEX_766
    ]
    computable = [g for g in f["index766"] if g["points"] is not None]
    f["index766_total"] = sum((g["points"] for g in computable), start=0)
    f["index766_max"] = sum(g["weight"] for g in f["index766"] if g["points"] is not None)
    return f


def statistics_by_child(units, period) -> list[dict]:
    """The main figures for each child unit (in force at the end of the period), one query."""
    from tttt.org.models import Unit

    from . import indicators as ind

    children = list(
        Unit.objects.filter(parent__in=units).administrative().valid_on(period.end).order_by("name")
    )
    figures = ind.all_figures_each({c.pk: [c] for c in children}, period)
    result = []
    for c in children:
        f = figures[c.pk]
        row = {"unit": c, "received": f["received"], "online": f["online"], "resolved": f["resolved"],
               "in_time": f["early"] + f["on_time"], "late": f["late"], "overdue": f["overdue"]}  # fmt: skip
        row["on_time_rate"] = ind.share(row["in_time"], row["resolved"])
        result.append(row)
    return result


def statistics_by_field(units, period, *, where: Q | None = None) -> list[dict]:
    """Received, resolved, in time, late per field of procedures (one grouped query)."""
    from tttt.org.indicators import territory_q

    from . import indicators as ind

    received, resolved = ind._received_q(period), ind._resolved_q(period)
    rows = (
        Dossier.objects.filter(territory_q(units), ind.relevant_q(period), where or Q())
        .values("procedure__field__name")
        .annotate(
            received=Count("pk", filter=received),
            resolved=Count("pk", filter=resolved),
            in_time=Count("pk", filter=resolved & Q(timing__in=["early", "on_time"])),
            late=Count("pk", filter=resolved & Q(timing="late")),
        )
        .order_by("-received")
    )
    result = []
    for r in rows:
        if r["received"] or r["resolved"]:
            result.append({**r, "field": r["procedure__field__name"],
                           "on_time_rate": ind.share(r["in_time"], r["resolved"])})  # fmt: skip
    return result


def statistics_by_month(units, period) -> list[dict]:
    """Dossiers received each month of the period, and how those were resolved (one query)."""
    from django.db.models.functions import TruncMonth

    from tttt.org.indicators import territory_q

    from . import indicators as ind

    start, end = ind.bounds(period)
    rows = (
        Dossier.objects.filter(territory_q(units), received_at__gte=start, received_at__lt=end)
        .exclude(status=Status.REFUSED)
        .annotate(month=TruncMonth("received_at"))
        .values("month")
        .annotate(
            received=Count("pk"),
            in_time=Count("pk", filter=Q(timing__in=["early", "on_time"])),
            late=Count("pk", filter=Q(timing="late")),
        )
        .order_by("month")
    )
    return list(rows)


def register_rows(units, period):
    """The dossier register (form 07) of a territory: dossiers received in the period."""
    from tttt.org.indicators import territory_q

    from . import indicators as ind

    start, end = ind.bounds(period)
    return (
        Dossier.objects.filter(territory_q(units), received_at__gte=start, received_at__lt=end)
        .select_related("procedure", "unit")
        .order_by("received_at", "pk")
    )
