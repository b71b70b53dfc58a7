"""TOTP two-factor sign-in for the back office (django-otp)."""

import base64
from io import BytesIO

import qrcode
import qrcode.image.svg
from django import forms
from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from .auth import log_event
from .models import SecurityEvent


class TokenForm(forms.Form):
    token = forms.CharField(
        label=gettext_lazy("Mã xác thực 6 chữ số"),
        min_length=6,
        max_length=8,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}
        ),
    )


def _next(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or "/admin/"
    return target if url_has_allowed_host_and_scheme(target, {request.get_host()}) else "/admin/"


def _qr_svg(uri: str) -> str:
    image = qrcode.make(uri, image_factory=qrcode.image.svg.SvgPathImage, box_size=8)
    buffer = BytesIO()
    image.save(buffer)
    return "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()


def verify(request):
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(request.user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            log_event(SecurityEvent.Kind.OTP_VERIFIED, request=request)
            return redirect(_next(request))
        log_event(SecurityEvent.Kind.OTP_FAILED, request=request)
        form.add_error(
            "token",
            _("Mã không đúng hoặc đã hết hạn. Hãy nhập mã đang hiển thị trong ứng dụng xác thực."),
        )
    return TemplateResponse(request, "org/2fa_verify.html", {"form": form, "next": _next(request)})


def setup(request):
    """Enrol a TOTP device: show the QR code, confirm with a first code."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    user = request.user
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        if TOTPDevice.objects.filter(user=user, confirmed=True).exists() and not user.is_verified():
            return redirect("tttt_2fa_verify")
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=user, confirmed=True).exclude(pk=device.pk).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
            otp_login(request, device)
            log_event(SecurityEvent.Kind.OTP_ENROLLED, request=request)
            messages.success(request, _("Đã bật xác thực hai lớp cho tài khoản của bạn."))
            return redirect("/admin/")
        form.add_error(
            "token", _("Mã không đúng. Hãy quét lại mã QR và nhập mã 6 chữ số đang hiển thị.")
        )
    secret = base64.b32encode(device.bin_key).decode()
    return TemplateResponse(
        request,
        "org/2fa_setup.html",
        {"form": form, "qr": _qr_svg(device.config_url), "secret": secret},
    )
