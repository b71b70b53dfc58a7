from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "tttt.onestop"
    label = "onestop"
    verbose_name = _("Một cửa")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import (
            Procedure,
            ProcedureDocument,
            ProcedureField,
            ProcedureStep,
            SlipTemplate,
        )

        # Dossiers are audited by their own control sheet (DossierEvent).
        auditlog.register(Procedure, m2m_fields={"units"}, exclude_fields=["search_name"])
        for model in (ProcedureField, ProcedureDocument, ProcedureStep, SlipTemplate):
            auditlog.register(model)
