"""Authentication backend: permissions come from roles held through active memberships."""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.backends import ModelBackend
from django.utils import timezone
from django.utils.translation import gettext_lazy
from wagtail.admin.forms.auth import LoginForm as WagtailLoginForm

from .models import Membership, SecurityEvent


def is_idle_too_long(user) -> bool:
    last = user.last_login or user.date_joined
    return last is not None and timezone.now() - last > timedelta(
        days=settings.TTTT_ACCOUNT_IDLE_DAYS
    )


class ScopedRoleBackend(ModelBackend):
    """Django's model backend plus role permissions, and the 45-day idle-account rule."""

    def user_can_authenticate(self, user):
        if not super().user_can_authenticate(user):
            return False
        if is_idle_too_long(user):
            from .services import user_disable_idle

            user_disable_idle(user=user)
            return False
        return True

    def _get_role_permissions(self, user_obj):
        rows = (
            Membership.objects.active()
            .filter(user=user_obj)
            .values_list(
                "role__permissions__content_type__app_label", "role__permissions__codename"
            )
        )
        return {f"{app}.{codename}" for app, codename in rows if codename}

    def get_all_permissions(self, user_obj, obj=None):
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_tttt_perm_cache"):
            perms = super().get_all_permissions(user_obj)
            user_obj._tttt_perm_cache = set(perms) | self._get_role_permissions(user_obj)
        return user_obj._tttt_perm_cache


def log_event(kind, *, request=None, user=None, username="", **detail) -> SecurityEvent:
    """Record a security event in the database and in the `tttt.security` log."""
    import logging

    from tttt.core.ratelimit import client_ip

    ip = None
    path = ""
    if request is not None:
        ip = client_ip(request)
        path = request.path[:300]
        if (
            user is None
            and getattr(request, "user", None) is not None
            and request.user.is_authenticated
        ):
            user = request.user
    if user is not None and not username:
        username = user.get_username()
    event = SecurityEvent.objects.create(
        kind=kind,
        user=user if user is not None and user.pk else None,
        username=username[:150],
        ip_address=ip,
        path=path,
        detail=detail,
    )
    logging.getLogger("tttt.security").info(
        "%s user=%s ip=%s path=%s %s", kind, username, ip, path, detail
    )
    return event


class LoginForm(WagtailLoginForm):
    """Wagtail's sign-in form with labels that translate: its password field has none (the
    page said "Password" in every language) and its placeholder lacks a space in Vietnamese."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = gettext_lazy("Mật khẩu")
        self.fields["username"].widget.attrs["placeholder"] = gettext_lazy("Nhập tên đăng nhập")
        self.fields["remember"].label = gettext_lazy("Ghi nhớ đăng nhập")
