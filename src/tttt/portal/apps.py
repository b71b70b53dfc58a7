from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "tttt.portal"
    label = "portal"
    verbose_name = _("Cổng thông tin điện tử")

    def ready(self):
        from . import signals  # noqa: F401
