from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SecurityConfig(AppConfig):
    name = "tttt.security"
    label = "security"
    verbose_name = _("An toàn thông tin")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in models.AUDITED:
            auditlog.register(model)
