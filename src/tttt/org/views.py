"""Public pages: look up administrative units and where a former unit went."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from .models import Unit
from .queries import describe_units, unit_predecessors, unit_search

PAGE_SIZE = 25


def home(request):
    today = timezone.localdate()
    counts = {
        "provinces": Unit.objects.current().filter(kind=Unit.Kind.PROVINCE).count(),
        "communes": Unit.objects.current().filter(kind=Unit.Kind.COMMUNE).count(),
    }
    return render(request, "home.html", {"counts": counts, "today": today})


def unit_lookup(request):
    query = request.GET.get("q", "").strip()
    scope = request.GET.get("era", "")
    results = []
    error = ""
    if query:
        if len(query) < 2:
            error = "Hãy nhập ít nhất 2 ký tự của tên đơn vị."
        else:
            results = unit_search(query, limit=200, current_only=scope == "current")
            if scope == "former":
                results = [r for r in results if not r.unit.is_current]
    page = Paginator(results, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request, "units/search.html", {"query": query, "era": scope, "page": page, "error": error}
    )


def unit_detail(request, pk: int):
    unit = get_object_or_404(Unit.objects.administrative(), pk=pk)
    view = describe_units([unit])[0]
    children = list(unit.children.administrative().order_by("name"))
    predecessors = [link for link in unit_predecessors(unit) if link.successor_id == unit.pk]
    # Former units merged into this one, with their own parent names (one query).
    described = {v.unit.pk: v for v in describe_units([link.predecessor for link in predecessors])}
    return render(
        request,
        "units/detail.html",
        {
            "unit": unit,
            "view": view,
            "children": children,
            "predecessors": [(link, described[link.predecessor_id]) for link in predecessors],
        },
    )
