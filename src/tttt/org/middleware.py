"""Security level 3 policies on the back office: two-factor sign-in and denial logging."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import reverse
from django_otp import user_has_device

from .auth import log_event
from .models import SecurityEvent
from .queries import is_administrator

_EXEMPT_PREFIXES = (
    "/admin/login",
    "/admin/logout",
    "/admin/2fa/",
    "/admin/jsi18n",
    "/static/",
    "/admin/password_reset",
)


class SecurityPolicyMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path.startswith("/admin/") and not request.path.startswith(_EXEMPT_PREFIXES):
            user = request.user
            if user.is_authenticated:
                if user_has_device(user, confirmed=True):
                    if not user.is_verified():
                        return redirect(
                            f"{reverse('tttt_2fa_verify')}?next={request.get_full_path()}"
                        )
                elif settings.TTTT_REQUIRE_2FA_FOR_ADMINS and is_administrator(user):
                    return redirect(reverse("tttt_2fa_setup"))
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, PermissionDenied):
            log_event(
                SecurityEvent.Kind.PERMISSION_DENIED, request=request, message=str(exception)[:200]
            )
        return None
