"""Reads: scoped registries, states on a past day, overdue projects, expiring certificates,
BTS counts per child unit and year."""

from __future__ import annotations

from datetime import date, timedelta

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, ExtractYear
from django.utils import timezone

from tttt.org.models import Unit
from tttt.org.queries import records_for_user

from .models import (
    BtsStation,
    DigitalCertificate,
    FrequencyBand,
    PostalPointStatus,
    RadioStation,
    UndergroundingExtension,
    UndergroundingProject,
)

WARN_DAYS = (60, 30)


def scoped(model, user, *, unit_field: str = "unit", perm: str | None = None) -> QuerySet:
    """Records of `model` in the scope where the user holds `perm` (by default the model's
    view permission): the registries' one scoped read, the same as their back-office's."""
    return records_for_user(model, user, perm, unit_field)


# ---------------------------------------------------------------- BTS


def operating_on_q(day: date, prefix: str = "") -> Q:
    """A station broadcasting on `day`: commissioned by then and not stopped by then."""
    return Q(**{f"{prefix}commissioned_on__lte": day}) & (
        Q(**{f"{prefix}stopped_on__isnull": True}) | Q(**{f"{prefix}stopped_on__gt": day})
    )


def bts_by_unit_and_year(parent: Unit, years: list[int], stations: QuerySet | None = None):
    """Stations broadcasting at the end of each year, per child unit of `parent` (rows) —
    two grouped queries whatever the number of units and years."""
    children = list(parent.children.exclude(kind=Unit.Kind.OFFICE).order_by("name"))
    if not children or not years:
        return []
    qs = (stations if stations is not None else BtsStation.objects.all()).filter(
        unit__path__startswith=parent.path
    )
    child = Case(
        *(When(unit__path__startswith=c.path, then=Value(c.pk)) for c in children),
        output_field=IntegerField(),
    )
    last = date(max(years), 12, 31)

    def counts(field):
        rows = (
            qs.filter(**{f"{field}__lte": last})
            .annotate(child=child, year=ExtractYear(field))
            .values("child", "year")
            .annotate(n=Count("pk"))
        )
        return {(r["child"], r["year"]): r["n"] for r in rows}

    started, stopped = counts("commissioned_on"), counts("stopped_on")
    table = []
    for c in children:
        running, row = 0, []
        before = [y for (cid, y) in started if cid == c.pk and y < years[0]]
        running += sum(started[(c.pk, y)] for y in before)
        running -= sum(n for (cid, y), n in stopped.items() if cid == c.pk and y < years[0])
        for year in years:
            running += started.get((c.pk, year), 0) - stopped.get((c.pk, year), 0)
            row.append(running)
        table.append((c, row))
    return table


def bts_markers(stations: QuerySet, limit: int = 5000) -> list[dict]:
    rows = (
        stations.exclude(latitude__isnull=True)
        .exclude(longitude__isnull=True)
        .values("code", "name", "address", "operator__name", "latitude", "longitude",
                "has_2g", "has_3g", "has_4g", "has_5g")[:limit]
    )  # fmt: skip
    markers = []
    for r in rows:
        tech = ", ".join(t for t, f in (("2G", "has_2g"), ("3G", "has_3g"), ("4G", "has_4g"),
                                        ("5G", "has_5g")) if r[f])  # fmt: skip
        markers.append({
            "name": f"{r['code']} {r['name']}".strip(), "type": f"{r['operator__name']} · {tech}",
            "address": r["address"], "lat": float(r["latitude"]), "lon": float(r["longitude"]),
        })  # fmt: skip
    return markers


# ---------------------------------------------------------------- undergrounding


def deadline_on(day: date):
    """A project's deadline as known on `day`: the latest extension decided by then."""
    extended = (
        UndergroundingExtension.objects.filter(project=OuterRef("pk"), decided_on__lte=day)
        .order_by("-decided_on", "-new_deadline")
        .values("new_deadline")[:1]
    )
    return Coalesce(Subquery(extended), "original_deadline")


def overdue_on(qs: QuerySet[UndergroundingProject], day: date) -> QuerySet:
    """Projects not completed by `day` whose deadline, as extended by then, has passed."""
    return (
        qs.exclude(status=UndergroundingProject.Status.CANCELLED)
        .filter(Q(completed_on__isnull=True) | Q(completed_on__gt=day))
        .filter(Q(decided_on__isnull=True) | Q(decided_on__lte=day))
        .annotate(deadline_then=deadline_on(day))
        .filter(deadline_then__lt=day)
    )


def overdue(qs: QuerySet[UndergroundingProject], today: date | None = None) -> QuerySet:
    """Open projects past their current deadline (the overdue list)."""
    today = today or timezone.localdate()
    return qs.filter(
        status__in=[UndergroundingProject.Status.PLANNED, UndergroundingProject.Status.IN_PROGRESS],
        deadline__lt=today,
    ).order_by("deadline")


# ---------------------------------------------------------------- postal points


def status_on(day: date):
    """A postal point's status on `day` from its history (None before its first entry)."""
    return Subquery(
        PostalPointStatus.objects.filter(point=OuterRef("pk"), since__lte=day)
        .order_by("-since")
        .values("status")[:1]
    )


# ---------------------------------------------------------------- certificates


def valid_certificates_q(day: date) -> Q:
    return (
        Q(issued_on__lte=day)
        & Q(expires_on__gte=day)
        & (Q(revoked_on__isnull=True) | Q(revoked_on__gt=day))
    )


def expiring(qs: QuerySet[DigitalCertificate], within_days: int, today: date | None = None):
    """Certificates valid today that expire within `within_days`."""
    today = today or timezone.localdate()
    return qs.filter(
        valid_certificates_q(today), expires_on__lte=today + timedelta(days=within_days)
    ).order_by("expires_on")


def fm_out_of_band(on: date) -> Q:
    """FM stations whose frequency lies outside every band the planning in force on `on`
    reserves for their unit's level (when it reserves one for that level at all)."""
    in_force = Q(valid_from__isnull=True) | Q(valid_from__lte=on)
    in_force &= Q(valid_to__isnull=True) | Q(valid_to__gte=on)
    bands = FrequencyBand.objects.filter(in_force, level=OuterRef("unit__kind"))
    covering = bands.filter(
        low_mhz__lte=OuterRef("frequency_mhz"), high_mhz__gte=OuterRef("frequency_mhz")
    )
    return Q(technology=RadioStation.Technology.FM) & Q(Exists(bands)) & ~Q(Exists(covering))


def band_of(station, on: date):
    """(the bands in force for the station's level, whether its frequency lies in one)."""
    bands = [
        b for b in FrequencyBand.objects.filter(level=station.unit.kind)
        if (b.valid_from is None or b.valid_from <= on) and (b.valid_to is None or b.valid_to >= on)
    ]  # fmt: skip
    inside = station.frequency_mhz is not None and any(
        b.low_mhz <= station.frequency_mhz <= b.high_mhz for b in bands
    )
    return bands, inside
