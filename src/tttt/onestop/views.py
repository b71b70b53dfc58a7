"""Public pages of the one-stop-shop: dossier status lookup (code + phone) and rating."""

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from . import queries, services
from .models import Rating, Status

NOT_FOUND = "Không tìm thấy hồ sơ với mã và số điện thoại đã nhập. Hãy kiểm tra lại mã trên giấy hẹn và số điện thoại đã đăng ký."


def _client_ip(request) -> str:
    return request.META.get("REMOTE_ADDR", "unknown")


def rate_limited(request, bucket: str) -> bool:
    """True once an address has used up its attempts in the window (TTTT_LOOKUP_RATE)."""
    limit, window = (int(x) for x in settings.TTTT_LOOKUP_RATE.split("/"))
    key = f"onestop:rate:{bucket}:{_client_ip(request)}"
    cache.add(key, 0, window)
    try:
        used = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, window)
        used = 1
    return used > limit


@require_http_methods(["GET", "POST"])
def dossier_lookup(request):
    code = (request.POST.get("ma") or request.GET.get("ma") or "").strip()
    phone = (request.POST.get("dien_thoai") or "").strip()
    context = {"code": code, "phone": phone, "ratings": Rating.choices}
    status = 200
    if request.method == "POST":
        if rate_limited(request, "lookup"):
            context["error"] = "Bạn đã tra cứu quá nhiều lần. Hãy thử lại sau ít phút."
            status = 429
        elif not code or not phone:
            context["error"] = "Hãy nhập cả mã hồ sơ và số điện thoại."
        else:
            dossier = services.find_for_citizen(code, phone)
            if dossier is None:
                context["error"] = NOT_FOUND
            else:
                context.update(
                    dossier=dossier,
                    events=[e for e in queries.timeline(dossier) if e.is_public],
                    can_rate=dossier.status == Status.RETURNED and dossier.rating is None,
                )
    return render(request, "onestop/lookup.html", context, status=status)


@require_http_methods(["POST"])
def dossier_rate(request):
    code = request.POST.get("ma", "")
    phone = request.POST.get("dien_thoai", "")
    context = {"code": code, "phone": phone, "ratings": Rating.choices}
    if rate_limited(request, "rate"):
        context["error"] = "Bạn đã gửi quá nhiều lần. Hãy thử lại sau ít phút."
        return render(request, "onestop/lookup.html", context, status=429)
    try:
        dossier = services.rate_dossier(
            code=code,
            phone=phone,
            rating=request.POST.get("muc_do"),
            comment=request.POST.get("gop_y", ""),
        )
    except ValidationError as exc:
        context["error"] = " ".join(exc.messages)
        return render(request, "onestop/lookup.html", context, status=400)
    context.update(dossier=dossier, events=[], thanks=True)
    return render(request, "onestop/lookup.html", context)
