from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PressConfig(AppConfig):
    name = "tttt.press"
    label = "press"
    verbose_name = _("Báo chí, phát ngôn")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in (models.PressIssue, models.Spokesperson, models.PressStatement):
            auditlog.register(model)
