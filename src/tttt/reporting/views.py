"""Public figures (Số liệu công khai): on each portal its unit's, on the main site the
country's or a chosen unit's — the one-stop results the law asks to publish, the Decision
766 groups, licensed businesses — live from the records, with a chart and open data (CSV,
JSON)."""

from __future__ import annotations

import csv
from types import SimpleNamespace

from django.http import HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.utils import timezone

from tttt.core.periods import Period, PeriodError
from tttt.core.replica import reads_from_replica
from tttt.org.models import Unit

from . import queries
from .catalog import catalog


def _portal_home(request):
    """The portal the host name points at (None on the main site)."""
    from wagtail.models import Site

    site = Site.find_for_request(request)
    if site is None or site.is_default_site:
        return None
    return site.root_page.specific


def _default_period(unit: Unit | None) -> Period:
    """The latest quarter, not after today, with dossiers received in the unit's territory."""
    from .admin_views import _last_quarter

    start = Period.parse(_last_quarter())
    return queries.latest_period_with_data(catalog()["onestop.received"], unit, start)


@reads_from_replica
def public_figures(request):
    home = _portal_home(request)
    unit = getattr(home, "unit", None) if home is not None else None
    if home is None and request.GET.get("unit", "").isdigit():
        unit = get_object_or_404(Unit.objects.administrative(), pk=int(request.GET["unit"]))
    text, error = request.GET.get("period", ""), ""
    try:
        period = Period.parse(text) if text else _default_period(unit)
    except PeriodError as exc:
        error, period = str(exc), _default_period(unit)
    sections = queries.public_figures(unit, period)
    name = unit.name if unit is not None else "Cả nước"
    fmt = request.GET.get("dinh_dang", "")
    if fmt in ("csv", "json"):
        return _open_data(fmt, name, unit, period, sections)
    trend = queries.public_trend(unit, period)
    context = {
        "unit": unit,
        "name": name,
        "period": period,
        "period_text": str(period),
        "error": error,
        "sections": sections,
        "trend": trend,
        "chart": {
            "labels": [row["label"] for row in trend],
            "series": [
                {"label": catalog()[code].name, "data": [row["values"][i] or 0 for row in trend]}
                for i, code in enumerate(queries.TREND)
            ],
        },
        "provinces": Unit.objects.current().filter(kind=Unit.Kind.PROVINCE).order_by("name")
        if home is None
        else [],
        "updated": timezone.localtime(),
        "base": "portal/base.html" if home is not None else "base.html",
    }
    if home is not None:
        from tttt.portal.queries import chrome

        context.update(chrome(home))
        context["page"] = SimpleNamespace(
            pk=None, title="Số liệu công khai", seo_title="", search_description="",
            full_url=request.build_absolute_uri(request.path),
        )  # fmt: skip
        context["page_url"] = request.path
    return TemplateResponse(request, "reporting/public_figures.html", context)


def _open_data(fmt, name, unit, period, sections):
    """The figures as open data: one row per figure, numbers as numbers."""
    rows = [
        {"ma_chi_tieu": f.entry.code, "chi_tieu": f.entry.name, "so_lieu": f.value, "nhom": title,
         "don_vi": name, "ma_don_vi": unit.code if unit else "", "ky": period.label,
         "tu_ngay": period.start.isoformat(), "den_ngay": period.end.isoformat()}
        for title, figures in sections
        for f in figures
    ]  # fmt: skip
    filename = f"so-lieu-cong-khai-{unit.code if unit else 'ca-nuoc'}-{period}"
    if fmt == "json":
        data = {"don_vi": name, "ky": period.label, "tu_ngay": period.start.isoformat(),
                "den_ngay": period.end.isoformat(), "cap_nhat": timezone.localtime().isoformat(),
                "so_lieu": [{**r, "so_lieu": None if r["so_lieu"] is None else float(r["so_lieu"])}
                            for r in rows]}  # fmt: skip
        response = JsonResponse(data, json_dumps_params={"ensure_ascii": False, "indent": 1})
        response["Content-Disposition"] = f'inline; filename="{filename}.json"'
        return response
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}.csv"'
    response.write("\ufeff")  # Excel opens UTF-8 with a BOM
    writer = csv.DictWriter(response, fieldnames=list(rows[0]) if rows else ["ma_chi_tieu"])
    writer.writeheader()
    writer.writerows(rows)
    return response
