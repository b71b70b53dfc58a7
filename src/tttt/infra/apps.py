from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InfraConfig(AppConfig):
    name = "tttt.infra"
    label = "infra"
    verbose_name = _("Hạ tầng bưu chính, viễn thông, truyền thanh, chính quyền điện tử")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in models.AUDITED:
            auditlog.register(model, exclude_fields=["search_name"])
