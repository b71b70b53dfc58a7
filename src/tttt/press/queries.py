"""Reads of the press register: scoped lists, what the portal publishes."""

from django.db.models import Case, Count, Q, When
from django.utils import timezone

from tttt.org.queries import restrict_to_scope

from .models import PressIssue, PressStatement, Spokesperson


def scoped_issues(user, perm="press.view_pressissue"):
    return restrict_to_scope(
        PressIssue.objects.select_related("unit", "concerned", "task"), user, perm=perm
    )


def scoped_spokespeople(user, perm="press.view_spokesperson"):
    return restrict_to_scope(Spokesperson.objects.select_related("unit"), user, perm=perm)


def scoped_statements(user, perm="press.view_pressstatement"):
    return restrict_to_scope(
        PressStatement.objects.select_related("unit", "spokesperson"), user, perm=perm
    )


# The head first, then the spokesperson, then those authorised.
ROLE_ORDER = Case(*(When(role=r, then=i) for i, r in enumerate(Spokesperson.Role.values)))


def in_office_q(day) -> Q:
    return Q(valid_from__lte=day) & (Q(valid_to__isnull=True) | Q(valid_to__gte=day))


def public_register(unit, day=None) -> dict:
    """What the portal publishes for `unit` (Decree 09/2017): who speaks for it today, and
    the statements and press conferences it made public, newest first."""
    day = day or timezone.localdate()
    return {
        "spokespeople": list(Spokesperson.objects.filter(in_office_q(day), unit=unit)
                             .order_by(ROLE_ORDER, "name")),
        "statements": PressStatement.objects.filter(unit=unit, is_public=True)
        .select_related("spokesperson").order_by("-given_on", "-pk"),
    }  # fmt: skip


STATES = {
    "new": Q(task__isnull=True, responded_on__isnull=True),
    "open": Q(task__isnull=False, responded_on__isnull=True),
    "answered": Q(responded_on__isnull=False),
}


def state_q(state: str, day=None) -> Q | None:
    """Issues in one state (PressIssue.State), or past their task's deadline unanswered
    ("overdue"); None for an unknown state."""
    if state == "overdue":
        return STATES["open"] & Q(task__deadline__lt=day or timezone.localdate())
    return STATES.get(state)


def issues_in_state(issues, state: str, day=None):
    """`issues` in `state` (`state_q`); every issue for an unknown state."""
    condition = state_q(state, day)
    return issues if condition is None else issues.filter(condition)


def waiting(user) -> dict:
    """Issues in the person's scope not yet assigned, and past their deadline (one query)."""
    return scoped_issues(user, "press.change_pressissue").aggregate(
        new=Count("pk", filter=state_q("new")), overdue=Count("pk", filter=state_q("overdue"))
    )
