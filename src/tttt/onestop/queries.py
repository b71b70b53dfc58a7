"""Reads: scoped dossier lists, work queues, who can take a dossier, statistics."""

from __future__ import annotations

from datetime import datetime, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from tttt.core.calendar import get_calendar
from tttt.org.models import Membership, User
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


def scoped_dossiers(user) -> QuerySet[Dossier]:
    return restrict_to_scope(Dossier.objects.all(), user, perm="onestop.view_dossier")


def scoped_procedures(user) -> QuerySet[Procedure]:
    """Procedures offered by some unit in the user's scope (all, for platform admins)."""
    from tttt.org.queries import user_scope

    scope = user_scope(user, perm="onestop.view_procedure")
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


def queue_counts(user, now=None) -> dict[str, int]:
    """How many dossiers wait in each of the user's queues (one aggregate query)."""
    return scoped_dossiers(user).aggregate(
        **{code: Count("pk", filter=queue_q(code, user, now)) for code in QUEUES}
    )


def possible_assignees(unit) -> QuerySet[User]:
    """People who may process dossiers of `unit` today (a membership on it or above it)."""
    from django.contrib.auth.models import Permission

    perms = Permission.objects.filter(
        content_type__app_label="onestop", codename__in=["process_dossier", "approve_dossier"]
    )
    ancestors = [p for p in unit.path.strip("/").split("/") if p]
    memberships = Membership.objects.active().filter(
        unit_id__in=[int(a) for a in ancestors], role__permissions__in=perms
    )
    return (
        User.objects.filter(is_active=True, pk__in=memberships.values("user_id"))
        .order_by("full_name", "username")
        .distinct()
    )


def timeline(dossier: Dossier):
    return dossier.events.select_related("actor").order_by("at", "pk")


def working_time_left(dossier: Dossier, now=None) -> timedelta:
    return get_calendar().between(now or timezone.now(), dossier.due_at)
