from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ListeningConfig(AppConfig):
    name = "tttt.listening"
    label = "listening"
    verbose_name = _("Theo dõi thông tin trên mạng")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from . import models

        for model in models.AUDITED:
            auditlog.register(model, exclude_fields=["search_text", "etag", "modified"])
