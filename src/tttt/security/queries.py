"""Reads of information security: the scoped reads, the periodic checks falling due, an
incident's timeline, what waits on the home page."""

from __future__ import annotations

import calendar
from datetime import date, timedelta

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from tttt.org.queries import records_for_user

from .models import (
    ENDED,
    Advisory,
    Incident,
    IncidentNotice,
    InformationSystem,
    LevelRule,
    SystemCheck,
)


def scoped_systems(
    user, perm: str = "security.view_informationsystem"
) -> QuerySet[InformationSystem]:
    return records_for_user(InformationSystem, user, perm, "unit")


def scoped_checks(user, perm: str = "security.view_systemcheck") -> QuerySet[SystemCheck]:
    return records_for_user(SystemCheck, user, perm, "system__unit")


def scoped_incidents(user, perm: str = "security.view_incident") -> QuerySet[Incident]:
    return records_for_user(Incident, user, perm, "unit")


def in_service(qs: QuerySet[InformationSystem], on: date | None = None):
    on = on or timezone.localdate()
    return qs.filter(Q(in_service_since__isnull=True) | Q(in_service_since__lte=on),
                     Q(retired_on__isnull=True) | Q(retired_on__gt=on))  # fmt: skip


def with_last_assessment(qs: QuerySet[InformationSystem]) -> QuerySet[InformationSystem]:
    """Each system with the day of its last periodic assessment (one subquery)."""
    last = SystemCheck.objects.filter(system=OuterRef("pk"), kind=SystemCheck.Kind.ASSESSMENT)
    return qs.annotate(
        last_assessed=Subquery(last.order_by("-checked_on").values("checked_on")[:1])
    )


def add_months(day: date, months: int) -> date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def next_check_due(system: InformationSystem, intervals: dict[int, int | None]) -> date | None:
    """When the system's next periodic assessment falls due under its approved level's rule
    (from its last assessment, else from its approval); None when no rule sets one."""
    months = intervals.get(system.approved_level or system.proposed_level or 0)
    start = getattr(system, "last_assessed", None) or system.approved_on or system.in_service_since
    if not months or start is None:
        return None
    return add_months(start, months)


def check_intervals() -> dict[int, int | None]:
    return dict(LevelRule.objects.values_list("level", "check_every_months"))


def systems_checks_overdue(qs: QuerySet[InformationSystem], today: date | None = None) -> list:
    today = today or timezone.localdate()
    intervals = check_intervals()
    return [s for s in with_last_assessment(in_service(qs, today))
            if (due := next_check_due(s, intervals)) and due < today]  # fmt: skip


def timeline(incident: Incident):
    return incident.events.select_related("actor").order_by("at", "pk")


NOTICE_STATES = {
    "overdue": lambda now: Q(sent_at__isnull=True, due_at__lt=now),
    "due": lambda now: Q(sent_at__isnull=True, due_at__gte=now),
}


def notices_of(incident: Incident):
    return incident.notices.select_related("rule").order_by("due_at", "pk")


INCIDENT_FILTERS = {
    "open": lambda now: ~Q(status__in=ENDED),
    "serious": lambda now: Q(severity=Incident.Severity.SERIOUS),
    "notice_overdue": lambda now: Q(
        pk__in=IncidentNotice.objects.filter(NOTICE_STATES["overdue"](now)).values("incident")
    ),  # fmt: skip
    "closed": lambda now: Q(status=Incident.Status.CLOSED),
    "dismissed": lambda now: Q(status=Incident.Status.DISMISSED),
}


def incidents_in_state(qs: QuerySet[Incident], state: str) -> QuerySet[Incident]:
    make = INCIDENT_FILTERS.get(state)
    return qs.filter(make(timezone.now())) if make else qs


def waiting(user) -> dict:
    """What waits in the person's scope: incidents not closed, and notices overdue or due
    within a day (two queries)."""
    now = timezone.now()
    incidents = scoped_incidents(user)
    counts = incidents.aggregate(
        open=Count("pk", filter=~Q(status__in=ENDED)),
        serious=Count("pk", filter=~Q(status__in=ENDED) & Q(severity__gte=Incident.Severity.HIGH)),
    )  # fmt: skip
    notices = IncidentNotice.objects.filter(
        incident__in=incidents.values("pk"), sent_at__isnull=True
    )
    counts.update(notices.aggregate(
        overdue=Count("pk", filter=Q(due_at__lt=now)),
        due_soon=Count("pk", filter=Q(due_at__gte=now, due_at__lt=now + timedelta(days=1))),
    ))  # fmt: skip
    return counts


def scoped_advisories(user, perm: str = "security.view_advisory") -> QuerySet[Advisory]:
    return records_for_user(Advisory, user, perm, "unit")


def advisories_to_publish(user) -> int | None:
    """Drafts the person may approve for the portal; None for who approves none."""
    if not user.has_perm("security.publish_advisory"):
        return None
    return (
        scoped_advisories(user, "security.publish_advisory")
        .filter(status=Advisory.Status.DRAFT)
        .count()
    )
