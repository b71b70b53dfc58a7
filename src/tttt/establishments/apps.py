from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EstablishmentsConfig(AppConfig):
    name = "tttt.establishments"
    label = "establishments"
    verbose_name = _("Cơ sở kinh doanh")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import BusinessType, Certificate, Establishment, StatusChange

        auditlog.register(Establishment, exclude_fields=["search_name"])
        for model in (BusinessType, Certificate, StatusChange):
            auditlog.register(model)
