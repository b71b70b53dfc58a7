from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgConfig(AppConfig):
    name = "tttt.org"
    label = "org"
    verbose_name = _("Tổ chức và phân quyền")

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import audit, signals  # noqa: F401
        from .roles import sync_roles

        post_migrate.connect(sync_roles, sender=self)
        _log_wagtail_denials()


def _log_wagtail_denials():
    """Wagtail's admin answers every permission denial through one function
    (`wagtail.admin.auth.permission_denied`: a redirect to the dashboard with a message).
    Wrap it so each denial is also recorded as a security event."""
    from functools import wraps

    from wagtail.admin import auth as wagtail_auth

    original = wagtail_auth.permission_denied
    if getattr(original, "_tttt_logged", False):
        return

    @wraps(original)
    def permission_denied(request):
        from .auth import log_event
        from .models import SecurityEvent

        log_event(SecurityEvent.Kind.PERMISSION_DENIED, request=request)
        return original(request)

    permission_denied._tttt_logged = True
    wagtail_auth.permission_denied = permission_denied
