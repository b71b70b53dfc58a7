from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InspectionsConfig(AppConfig):
    name = "tttt.inspections"
    label = "inspections"
    verbose_name = _("Kiểm tra, xử phạt")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models as m

        auditlog.register(m.Regulation, m2m_fields={"business_types"})
        for model in (m.InspectionPlan, m.PlanTarget, m.Inspection, m.Violation, m.PenaltyDecision):
            auditlog.register(model)
