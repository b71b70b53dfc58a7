from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportingConfig(AppConfig):
    name = "tttt.reporting"
    label = "reporting"
    verbose_name = _("Báo cáo định kỳ")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import ManualIndicator, Report, ReportFigure, ReportForm, ReportSection

        for model in (ManualIndicator, ReportForm, Report, ReportFigure, ReportSection):
            auditlog.register(model)
