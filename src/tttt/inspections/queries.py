"""Reads of the inspections app (DESIGN.md): scoped lists."""

from django.db.models import Sum

from tttt.org.queries import restrict_to_scope

from .models import Inspection, PenaltyDecision

VIEW = "inspections.view_inspection"
VIEW_DECISIONS = "inspections.view_penaltydecision"


def scoped_inspections(user, perm=VIEW):
    """Inspection records of the establishments in the scope where the user holds `perm`
    (the one scoped read of the back office's list and of the API)."""
    return restrict_to_scope(
        Inspection.objects.all(), user, unit_field="establishment__unit", perm=perm
    )


def scoped_decisions(user):
    """Penalty decisions of the establishments in the person's scope, newest first."""
    qs = PenaltyDecision.objects.select_related(
        "violation__inspection__establishment__unit", "corrected_by"
    )
    return restrict_to_scope(
        qs, user, unit_field="violation__inspection__establishment__unit", perm=VIEW_DECISIONS
    ).order_by("-issued_on", "-pk")


def total_amount(decisions) -> int:
    """The fines of `decisions` that no correction replaced (as the figure counts them)."""
    return decisions.filter(corrected_by__isnull=True).aggregate(total=Sum("amount"))["total"] or 0
