from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "tttt.core"
    label = "core"
    verbose_name = _("Nền tảng")

    def ready(self):
        from . import admin_sidebar, audit, signals  # noqa: F401

        audit.connect()
        admin_sidebar.install()
