from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "tttt.documents"
    label = "documents"
    verbose_name = _("Quản lý văn bản và chữ ký số")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in models.AUDITED:
            auditlog.register(model, exclude_fields=["search_text", "certificate", "crl", "pkcs12"])
