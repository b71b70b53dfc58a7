from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db import transaction
from django.db.models.signals import m2m_changed, post_delete, post_save
from django.dispatch import receiver

from .auth import log_event
from .models import Membership, Role, SecurityEvent, Unit, UnitSuccession
from .queries import invalidate_scopes


@receiver([post_save, post_delete], sender=Membership)
@receiver([post_save, post_delete], sender=UnitSuccession)
@receiver([post_save, post_delete], sender=Role)
@receiver([post_save, post_delete], sender=Unit)
@receiver(m2m_changed, sender=Role.permissions.through)
def _scopes_changed(sender, **kwargs):
    # After commit: a reader must not cache the old rows under the new version.
    transaction.on_commit(invalidate_scopes)


@receiver(user_logged_in)
def _logged_in(sender, request, user, **kwargs):
    log_event(SecurityEvent.Kind.LOGIN, request=request, user=user)


@receiver(user_logged_out)
def _logged_out(sender, request, user, **kwargs):
    if user is not None:
        log_event(SecurityEvent.Kind.LOGOUT, request=request, user=user)


@receiver(user_login_failed)
def _login_failed(sender, credentials, request=None, **kwargs):
    log_event(
        SecurityEvent.Kind.LOGIN_FAILED,
        request=request,
        username=str(credentials.get("username", "")),
    )


@receiver(user_locked_out)
def _locked_out(sender, request, username, ip_address, **kwargs):
    log_event(SecurityEvent.Kind.LOCKOUT, request=request, username=username or "")
