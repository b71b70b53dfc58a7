from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OnestopConfig(AppConfig):
    name = "tttt.onestop"
    label = "onestop"
    verbose_name = _("Một cửa")
    default_auto_field = "django.db.models.BigAutoField"
