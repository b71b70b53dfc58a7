"""Public list and map of currently licensed establishments (no owner ID numbers)."""

from django.core.paginator import Paginator
from django.db.models import Exists, OuterRef, Q
from django.shortcuts import render
from django.utils import timezone

from . import queries
from .models import BusinessType, Certificate, Establishment, valid_certificate_q

PAGE_SIZE = 30


def licensed(today=None):
    """Active establishments holding a valid certificate where their type needs one."""
    today = today or timezone.localdate()
    valid = Certificate.objects.filter(valid_certificate_q(today), establishment=OuterRef("pk"))
    return Establishment.objects.filter(status=Establishment.Status.ACTIVE).filter(
        Q(business_type__certificate_name="") | Exists(valid)
    )


def public_list(request):
    from django.conf import settings

    q = request.GET.get("q", "").strip()
    type_code = request.GET.get("loai", "")
    qs = licensed().select_related("business_type", "unit__parent").order_by("name")
    if q:
        qs = queries.matching(qs, q)
    if type_code:
        qs = qs.filter(business_type__code=type_code)
    page = Paginator(qs, PAGE_SIZE).get_page(request.GET.get("page"))
    markers = [
        {"name": e.name, "type": e.business_type.name, "address": e.address,
         "lat": float(e.latitude), "lon": float(e.longitude)}
        for e in qs.exclude(latitude__isnull=True).exclude(longitude__isnull=True)[:2000]
    ]  # fmt: skip
    return render(
        request,
        "establishments/public_list.html",
        {
            "page": page,
            "query": q,
            "type_code": type_code,
            "types": BusinessType.objects.filter(is_active=True),
            "markers": markers,
            "tiles": settings.TTTT_MAP_TILES,
        },
    )
