"""Reads for assigned tasks: scoped lists, overdue, the public follow-up, counts."""

from __future__ import annotations

from datetime import date

from django.db.models import F, Q, QuerySet
from django.utils import timezone

from tttt.org.models import Unit
from tttt.org.queries import user_can, user_scope

from .models import Task

STATE_FILTERS = {
    "on_time": lambda today: Q(status=Task.Status.OPEN, deadline__gte=today),
    "overdue": lambda today: Q(status=Task.Status.OPEN, deadline__lt=today),
    "done_on_time": lambda today: Q(status=Task.Status.DONE, completed_on__lte=F("deadline")),
    "done_late": lambda today: Q(status=Task.Status.DONE, completed_on__gt=F("deadline")),
    "cancelled": lambda today: Q(status=Task.Status.CANCELLED),
}


def scoped_tasks(user, perm="assignments.view_task") -> QuerySet[Task]:
    """Tasks the user's unit assigned, and tasks assigned to the user's office."""
    scope = user_scope(user, perm=perm)
    return Task.objects.filter(scope.q("unit") | scope.q("assignee"))


def can_see(user, task: Task) -> bool:
    return user_can(user, "assignments.view_task", task.unit) or user_can(
        user, "assignments.view_task", task.assignee
    )


def in_state(qs: QuerySet[Task], state: str, today: date | None = None) -> QuerySet[Task]:
    return (
        qs.filter(STATE_FILTERS[state](today or timezone.localdate()))
        if state in STATE_FILTERS
        else qs
    )


def public_tasks(unit: Unit) -> QuerySet[Task]:
    """Tasks assigned by `unit` or units under it that are published on the portal."""
    return Task.objects.filter(unit__path__startswith=unit.path, is_public=True).select_related(
        "assignee", "unit"
    )
