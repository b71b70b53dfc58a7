"""Reads of the inspections app (DESIGN.md): scoped lists."""

from django.db.models import Count, Q, Sum
from django.db.models.functions import Coalesce

from tttt.org.queries import restrict_to_scope

from .models import Inspection, PenaltyDecision, Recall, Tip

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


def scoped_tips(user, perm="inspections.view_tip"):
    """Citizens' reports received by the units in the person's scope."""
    return restrict_to_scope(Tip.objects.select_related("unit", "business_type"), user, perm=perm)


def scoped_recalls(user, perm="inspections.view_recall"):
    """Recalls carried out by the units in the person's scope, with their progress."""
    return recall_progress(
        restrict_to_scope(Recall.objects.select_related("unit"), user, perm=perm)
    )


def recall_progress(recalls):
    """Recalls with their sellers listed, checked and copies withdrawn (one query)."""
    return recalls.annotate(
        sellers=Count("checks", distinct=True),
        checked=Count("checks", filter=~Q(checks__result=""), distinct=True),
        withdrawn=Coalesce(Sum("checks__quantity"), 0),
    )


def plans_for_tip(tip, user):
    """Plans a report can join: not finished, of the unit that received it or a unit above
    it, where the person may change plans."""
    from .models import InspectionPlan

    plans = InspectionPlan.objects.filter(unit__in=[*tip.unit.ancestor_ids, tip.unit_id]).exclude(
        status=InspectionPlan.Status.DONE
    )
    return restrict_to_scope(plans, user, perm="inspections.change_inspectionplan").order_by(
        "-period_start"
    )


def establishments_for_tip(tip, user):
    """The establishments of the report's type on the receiving unit's territory, in scope."""
    from tttt.establishments.models import Establishment

    qs = Establishment.objects.filter(
        unit__path__startswith=tip.unit.path, business_type=tip.business_type
    ).exclude(status=Establishment.Status.CLOSED)
    return restrict_to_scope(qs, user, perm="inspections.change_tip").order_by("name")


def scoped_recall_checks(user, perm="inspections.view_recallcheck"):
    """The sellers to check of the recalls in the person's scope."""
    from .models import RecallCheck

    return restrict_to_scope(
        RecallCheck.objects.select_related("recall__unit", "establishment"),
        user,
        unit_field="recall__unit",
        perm=perm,
    )


def tips_waiting(user) -> int:
    """Citizens' reports in the person's scope nobody has handled yet."""
    return scoped_tips(user, "inspections.change_tip").filter(status=Tip.Status.NEW).count()
