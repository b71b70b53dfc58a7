"""Reads: scoped reports, a report's figures (live or frozen, with the difference a later
recomputation shows), a parent unit's completeness and aggregate for a form and period."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.db.models import Q, QuerySet, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import compute_each, compute_many
from tttt.core.periods import Period
from tttt.core.text import fold
from tttt.org.models import Unit
from tttt.org.queries import (
    restrict_to_scope,
    subtree,
    territories,
    units_for_territory,
    user_can,
)

from .catalog import Entry, catalog
from .models import AlertRule, Report, ReportFigure, ReportForm

VIEW = "reporting.view_report"
FILL = "reporting.add_report"
REVIEW = "reporting.review_report"


def due_date(form: ReportForm, period: Period) -> date:
    """`due_days` after the period's end, or after its data cut-off (Decree 09 window)."""
    return form.window(period).end + timedelta(days=form.due_days)


def scoped_reports(user, perm=VIEW) -> QuerySet[Report]:
    return restrict_to_scope(Report.objects.all(), user, perm=perm)


def can_see(user, report: Report) -> bool:
    return user_can(user, VIEW, report.unit)


def to_decimal(value) -> Decimal | None:
    if value is None:
        return None
    return value if isinstance(value, Decimal) else Decimal(str(value))


@dataclass
class FigureRow:
    entry: Entry
    group: str
    required: bool
    value: Decimal | None  # entered, frozen, or (computed, not yet submitted) live
    live: Decimal | None = None  # recomputed now, for a computed indicator
    note: str = ""

    @property
    def code(self) -> str:
        return self.entry.code

    @property
    def difference(self) -> Decimal | None:
        if not self.entry.computed or self.live is None or self.value is None:
            return None
        return self.live - self.value if self.live != self.value else None

    @property
    def shown(self) -> str:
        return self.entry.format(self.value)

    @property
    def live_shown(self) -> str:
        return self.entry.format(self.live)


def compute_live(entries: list[Entry], unit: Unit, period: Period) -> dict[str, Decimal | None]:
    """The computed indicators among `entries` for `unit`'s territory in `period` (the units
    standing for it then: lineage across the 2025 reform), one aggregate query each."""
    used = units_for_territory(unit, period.end)
    values = compute_many([e.indicator for e in entries if e.computed], used, period)
    return {code: to_decimal(value) for code, value in values.items()}


def report_rows(report: Report, *, live: bool = True) -> list[FigureRow]:
    """The form's indicators for `report`, in the form's order.

    Before submission a computed figure is live; after, it is the frozen value and, when
    `live`, the recomputation beside it."""
    known = catalog(include_inactive=True)
    items = [i for i in report.form.indicators.all() if i.code in known]
    stored = {f.code: f for f in report.figures.all()}
    entries = [known[i.code] for i in items]
    current = (
        compute_live(entries, report.unit, report.window) if live or not report.is_frozen else {}
    )
    rows = []
    for item, entry in zip(items, entries, strict=True):
        figure = stored.get(item.code)
        if entry.computed:
            value = figure.value if report.is_frozen and figure else current.get(item.code)
            row = FigureRow(entry, item.group, False, value, live=current.get(item.code))
        else:
            row = FigureRow(entry, item.group, item.required, figure.value if figure else None)
        row.note = figure.note if figure else ""
        rows.append(row)
    return rows


# ---------------------------------------------------------------- completeness


class Standing:
    ON_TIME = "on_time"
    LATE = "late"
    MISSING = "missing"

    LABELS = {
        ON_TIME: _("Nộp đúng hạn"),
        LATE: _("Nộp muộn"),
        MISSING: _("Chưa nộp"),
    }


@dataclass
class ChildStanding:
    unit: Unit
    report: Report | None
    standing: str

    @property
    def label(self) -> str:
        return str(Standing.LABELS[self.standing])


@dataclass
class Completeness:
    form: ReportForm
    parent: Unit | None
    period: Period
    due_on: date
    rows: list[ChildStanding] = field(default_factory=list)

    def count(self, standing: str) -> int:
        return sum(1 for r in self.rows if r.standing == standing)

    @property
    def expected(self) -> int:
        return len(self.rows)

    @property
    def on_time(self) -> int:
        return self.count(Standing.ON_TIME)

    @property
    def late(self) -> int:
        return self.count(Standing.LATE)

    @property
    def missing(self) -> int:
        return self.count(Standing.MISSING)

    @property
    def overdue(self) -> bool:
        return timezone.localdate() > self.due_on


def expected_units(form: ReportForm, parent: Unit | None, period: Period) -> QuerySet[Unit]:
    """The units below `parent` (its territory at the period's end) that owe this report;
    with no parent, every unit of the form's level in the country (the ministry's view)."""
    if parent is None:
        return Unit.objects.valid_on(period.end).filter(kind=form.level).order_by("path")
    roots = units_for_territory(parent, period.end)
    return (
        subtree(roots, on=period.end, kinds=[form.level])
        .exclude(pk__in=[r.pk for r in roots])
        .order_by("path")
    )


def completeness(form: ReportForm, parent: Unit | None, period: Period) -> Completeness:
    """Which units below `parent` submitted on time, late, or not at all (two queries)."""
    result = Completeness(form, parent, period, due_date(form, period))
    expected = expected_units(form, parent, period)
    units = list(expected.only("id", "name", "path", "code", "kind"))
    reports = {
        r.unit_id: r
        for r in Report.objects.filter(
            form=form, period_start=period.start, period_end=period.end, unit__in=expected
        )
    }
    for unit in units:
        report = reports.get(unit.pk)
        if report is None or report.first_submitted_at is None:
            standing = Standing.MISSING
        elif report.submitted_on_time():
            standing = Standing.ON_TIME
        else:
            standing = Standing.LATE
        result.rows.append(ChildStanding(unit, report, standing))
    return result


# ---------------------------------------------------------------- aggregate


@dataclass
class AggregateRow:
    entry: Entry
    value: Decimal | None
    how: str

    @property
    def shown(self) -> str:
        return self.entry.format(self.value)


def aggregate(form: ReportForm, parent: Unit, period: Period) -> tuple[list[AggregateRow], int]:
    """The parent's figures for `form` over its children: computed indicators recomputed over
    the parent's whole territory; manual ones summed over the children's submitted reports
    (ratios cannot be summed). Returns the rows and how many reports were summed."""
    known = catalog(include_inactive=True)
    entries = [known[i.code] for i in form.indicators.all() if i.code in known]
    submitted = Report.objects.filter(
        form=form,
        period_start=period.start,
        period_end=period.end,
        status__in=Report.FROZEN,
        unit__in=expected_units(form, parent, period),
    )
    manual = [e.code for e in entries if not e.computed]
    sums = dict(
        ReportFigure.objects.filter(report__in=submitted, code__in=manual)
        .values("code")
        .annotate(total=Sum("value"))
        .values_list("code", "total")
    )
    live = compute_live(entries, parent, form.window(period))
    rows = []
    for e in entries:
        if e.computed:
            rows.append(AggregateRow(e, live[e.code], str(_("Tính lại trên toàn địa bàn"))))
        elif e.aggregation in ("sum", "last"):
            rows.append(AggregateRow(e, sums.get(e.code), str(_("Cộng các báo cáo đã nộp"))))
        else:
            rows.append(AggregateRow(e, None, str(_("Tỷ lệ: không cộng được"))))
    return rows, submitted.count()


# ---------------------------------------------------------------- emulation


TITLES = {
    "exemplary": _("Hoàn thành xuất sắc, tiêu biểu"),
    "excellent": _("Hoàn thành xuất sắc nhiệm vụ"),
    "good": _("Hoàn thành tốt nhiệm vụ"),
    "done": _("Hoàn thành nhiệm vụ"),
    "not_done": _("Không hoàn thành nhiệm vụ"),
}


@dataclass
class StandingRow:
    unit: Unit
    points: dict[int, Decimal]  # criterion id → points
    total: Decimal
    rank: int = 0
    title: str = ""
    exemplary: bool = False

    @property
    def title_label(self) -> str:
        if not self.title:
            return "—"
        return str(TITLES["exemplary" if self.exemplary else self.title])


@dataclass
class Standings:
    cluster: object
    year: int
    criteria: list
    rows: list[StandingRow]
    leader: Unit | None
    deputy: Unit | None

    @property
    def complete(self) -> bool:
        return all(len(r.points) == len(self.criteria) for r in self.rows)

    @property
    def scored(self) -> bool:
        """Any score entered or computed for the year: without one there is no ranking."""
        return any(r.points for r in self.rows)

    def count(self, title: str) -> int:
        return sum(1 for r in self.rows if r.title == title)


def standings(cluster, year: int) -> Standings:
    """Scores, ranks (equal totals share a rank) and titles of a cluster's members in a year."""
    from .models import ClusterYear, Distinction, Score

    criteria = list(cluster.criteria.all())
    members = [m.unit for m in cluster.members.select_related("unit")]
    points: dict[int, dict[int, Decimal]] = {u.pk: {} for u in members}
    for s in Score.objects.filter(criterion__cluster=cluster, year=year):
        points.setdefault(s.unit_id, {})[s.criterion_id] = s.points
    exemplary = set(
        Distinction.objects.filter(cluster=cluster, year=year).values_list("unit_id", flat=True)
    )
    rows = [StandingRow(u, points[u.pk], sum(points[u.pk].values(), Decimal(0))) for u in members]
    rows.sort(key=lambda r: (-r.total, r.unit.name))
    scored = any(r.points for r in rows)  # no score yet: no rank, no title
    for i, row in enumerate(rows if scored else []):
        row.rank = rows[i - 1].rank if i and rows[i - 1].total == row.total else i + 1
        if row.total >= cluster.excellent_from:
            row.title = "excellent"
        elif row.total >= cluster.good_from:
            row.title = "good"
        elif row.total >= cluster.done_from:
            row.title = "done"
        else:
            row.title = "not_done"
        row.exemplary = row.unit.pk in exemplary
    entry = (
        ClusterYear.objects.filter(cluster=cluster, year=year)
        .select_related("leader", "deputy")
        .first()
    )
    return Standings(cluster, year, criteria, rows, entry and entry.leader, entry and entry.deputy)


# ---------------------------------------------------------------- dashboard

PER_PAGE = 50  # rows of the ranking on one page (all of them in the file and on the map)


class Level:
    """Which units a dashboard compares: those directly below, or every commune."""

    CHILDREN = ""
    COMMUNES = "xa"
    LABELS = {CHILDREN: _("Đơn vị trực thuộc"), COMMUNES: _("Tất cả xã, phường, đặc khu")}


@dataclass
class Point:
    label: str
    value: Decimal | None
    shown: str
    share: float  # of the largest value shown, 0–100, for the bar
    unit: Unit | None = None
    period: Period | None = None
    url: str | None = None  # the records behind the figure
    drill: str = ""  # the same page for this unit
    rank: int = 0  # in a comparison: equal figures share a rank; no figure, no rank


def _with_bars(points: list[Point]) -> list[Point]:
    top = max((p.value for p in points if p.value is not None), default=None)
    for p in points:
        p.share = float(p.value / top * 100) if top and p.value is not None and top > 0 else 0.0
    return points


def territory(unit: Unit | None, on: date) -> list[Unit]:
    """The units standing for `unit`'s territory on `on`; for the country (None), the
    provinces of that day."""
    if unit is None:
        return list(Unit.objects.valid_on(on).filter(kind=Unit.Kind.PROVINCE, parent=None))
    return units_for_territory(unit, on)


def series(entry: Entry, unit: Unit | None, period: Period, count: int = 8) -> list[Point]:
    """`entry` for `unit` over the `count` periods of the same kind ending with `period`."""
    periods = [period]
    for _i in range(count - 1):
        periods.insert(0, periods[0].previous())
    points = []
    for p in periods:
        value = to_decimal(compute_many([entry.indicator], territory(unit, p.end), p)[entry.code])
        points.append(Point(p.label, value, entry.format(value), 0.0, unit=unit, period=p))
    return _with_bars(points)


def children_of(unit: Unit | None, period: Period) -> list[Unit]:
    """The administrative units directly below `unit` (the provinces below the country) in
    its own era: a former district's former communes, today's province's communes of today
    (figures for a period of the other era are still computed over each child's territory)."""
    if unit is None:
        return list(Unit.objects.filter(kind=Unit.Kind.PROVINCE, parent=None).valid_on(period.end)
                    .order_by("name"))  # fmt: skip
    own = Unit.objects.filter(parent=unit).exclude(kind=Unit.Kind.OFFICE).order_by("name")
    during = own.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=period.end)).filter(
        Q(valid_to__isnull=True) | Q(valid_to__gte=period.start)
    )
    return list(during) or list(own)


def compared_units(unit: Unit | None, period: Period, level: str = Level.CHILDREN) -> list[Unit]:
    """The units a dashboard ranks: directly below `unit`, or every commune of its territory
    that stood at the period's end (the whole country's with no unit): one query."""
    if level != Level.COMMUNES:
        return children_of(unit, period)
    communes = Unit.objects.valid_on(period.end).filter(kind=Unit.Kind.COMMUNE)
    if unit is not None:
        communes = communes.filter(pk__in=subtree(territory(unit, period.end)).values("pk"))
    return list(communes.select_related("parent").order_by("name", "pk"))


def latest_period_with_data(
    entry: Entry, unit: Unit | None, start: Period, limit: int = 48
) -> Period:
    """The latest period of `start`'s kind, not after `start` nor after the unit ceased to
    exist, for which `entry` has a figure other than nothing or zero; `start` when none of
    the `limit` periods before it has one. A flow (or a rate of flows) is looked for year by
    year first, then within the year found: about a dozen aggregate queries for records
    seven years back instead of thirty."""
    from tttt.core.indicators import Aggregation
    from tttt.core.periods import PeriodKind

    def has_data(period: Period) -> bool:
        return bool(
            compute_many([entry.indicator], territory(unit, period.end), period)[entry.code]
        )

    period = start
    if unit is not None and unit.valid_to is not None:
        while period.start > unit.valid_to:
            period = period.previous()
    candidate, looked = period, 0
    flows = entry.indicator.aggregation in (Aggregation.SUM, Aggregation.RATIO)
    if flows and period.kind in (PeriodKind.MONTH, PeriodKind.QUARTER):
        years = limit // (12 if period.kind == PeriodKind.MONTH else 4)  # as far back
        year = Period.custom(date(period.start.year, 1, 1), period.end)  # the year so far
        while looked < years and not has_data(year):
            looked += 1
            year = Period.year(year.start.year - 1)
        if looked >= years:
            return period
        while candidate.start > year.end:  # the last period of the year found
            candidate = candidate.previous()
    for _i in range(limit):
        if has_data(candidate):
            return candidate
        candidate = candidate.previous()
    return period


def by_child(entry: Entry, children: list[Unit], period: Period) -> list[Point]:
    """`entry` for each of `children` (each over its territory in `period`, across the 2025
    reform), ranked largest first: one grouped query for the figure, whatever the number of
    units (`compute_each`), and one query a level of lineage when units of the other era are
    compared."""
    values = compute_each(entry.indicator, territories(children, period.end), period)
    points = []
    for child in children:
        value = to_decimal(values[child.pk])
        points.append(Point(child.name, value, entry.format(value), 0.0, unit=child, period=period))
    points.sort(key=lambda p: (p.value is None, -(p.value or 0), fold(p.label), p.label))
    for i, p in enumerate(points):
        if p.value is not None:
            same = i and points[i - 1].value == p.value
            p.rank = points[i - 1].rank if same else i + 1
    return _with_bars(points)


RECORD_PAGES = {  # app → the back-office page that lists the records behind its figures
    "onestop": ("onestop_statistics", "period"),
    "establishments": ("establishments_statistics", "period"),
    "inspections": ("establishments_statistics", "period"),
    "infra": ("infra_statistics", "period"),
    "portal": ("portal_statistics", "ky"),
    "assignments": ("tasks:index", None),
    "org": ("units:index", None),
}


def records_url(entry: Entry, unit: Unit | None, period: Period) -> str | None:
    from urllib.parse import urlencode

    from django.urls import NoReverseMatch, reverse

    if unit is None:  # the country's figure: each province's links to its records
        return None
    if entry.indicator and entry.indicator.records_list:  # exactly the records it counts
        return entry.indicator.records_url(unit, period)
    page = RECORD_PAGES.get(entry.indicator.app_label if entry.indicator else "")
    if page is None:
        return None
    name, period_param = page
    try:
        url = reverse(name)
    except NoReverseMatch:
        return None
    if period_param is None:
        return url
    return f"{url}?{urlencode({'unit': unit.pk, period_param: str(period)})}"


def latest_reported_period(form: ReportForm, parent: Unit | None) -> str | None:
    """The text of the latest period for which a unit directly below `parent` (any unit
    when None) opened a report of `form`: the completeness page opens there (one query)."""
    reports = Report.objects.filter(form=form)
    if parent is not None:
        reports = reports.filter(unit__parent=parent)
    latest = reports.order_by("-period_end").only("period_start", "period_end", "period_kind")
    report = latest.first()
    return str(report.period) if report is not None else None


# ---------------------------------------------------------------- public figures

# What the law asks a unit to publish of its one-stop results (received, on time, late,
# apologies, satisfaction; Decree 61/2018 Art. 35, Decision 766/QĐ-TTg) and the count of
# licensed businesses, in the order the public page shows them.
PUBLIC_SECTIONS = [
    (_("Kết quả giải quyết thủ tục hành chính"), [
        "onestop.received", "onestop.received_online", "onestop.resolved", "onestop.resolved_in_time",
        "onestop.resolved_late", "onestop.on_time_rate", "onestop.apologised", "onestop.pending_in_time",
        "onestop.pending_overdue", "onestop.satisfaction"]),
    (_("Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định 766/QĐ-TTg)"), [
        "onestop.index766_tdgq", "onestop.index766_clgq", "onestop.index766_tttt",
        "onestop.index766_mdhl", "onestop.index766_mdsh"]),
    (_("Cơ sở kinh doanh được cấp phép đang hoạt động (cuối kỳ)"), [
        "establishments.operating", "establishments.operating_internet", "establishments.operating_game",
        "establishments.operating_karaoke", "establishments.operating_printing",
        "establishments.operating_publication"]),
]  # fmt: skip
TREND = ["onestop.received", "onestop.resolved_in_time", "onestop.resolved_late"]


@dataclass
class PublicFigure:
    entry: Entry
    value: Decimal | None

    @property
    def shown(self) -> str:
        return self.entry.format(self.value)


def public_figures(unit: Unit | None, period: Period) -> list[tuple[str, list[PublicFigure]]]:
    """The public figures of `unit`'s territory (the country's with None) in `period`, by
    section: the one-stop figures in one pass over the dossiers, a query per business type."""
    known = catalog()
    wanted = [known[c] for _title, codes in PUBLIC_SECTIONS for c in codes if c in known]
    values = compute_many([e.indicator for e in wanted], territory(unit, period.end), period)
    return [
        (str(title), [PublicFigure(known[c], to_decimal(values[c])) for c in codes if c in known])
        for title, codes in PUBLIC_SECTIONS
    ]


def public_trend(unit: Unit | None, period: Period, count: int = 8) -> list[dict]:
    """Received, resolved in time and late over the `count` periods ending with `period`
    (one pass over the dossiers each)."""
    known = catalog()
    entries = [known[c] for c in TREND if c in known]
    periods = [period]
    for _i in range(count - 1):
        periods.insert(0, periods[0].previous())
    rows = []
    for p in periods:
        values = compute_many([e.indicator for e in entries], territory(unit, p.end), p)
        rows.append({"period": p, "label": p.label, "values": [values[e.code] for e in entries]})
    while len(rows) > 1 and not any(rows[0]["values"]):  # years before the records began
        rows.pop(0)
    return rows


# ---------------------------------------------------------------- overview

# The figures a leader reads each morning, by field: the first of each is its headline.
OVERVIEW = [
    (_("Một cửa"), ["onestop.received", "onestop.on_time_rate", "onestop.pending_overdue",
                    "onestop.satisfaction"]),
    (_("Cơ sở kinh doanh và kiểm tra"), ["establishments.operating", "establishments.certificates_issued",
                                         "establishments.certificates_expiring", "inspections.done",
                                         "inspections.penalties"]),
    (_("Cổng thông tin"), ["portal.news_items", "portal.documents", "portal.questions_answered",
                           "portal.comments_published"]),
    (_("Hạ tầng thông tin và truyền thông"), ["infra.bts_operating", "infra.bts_5g", "infra.radio_stations",
                                              "infra.certificates_valid"]),
    (_("Nhiệm vụ và báo cáo"), ["assignments.assigned", "assignments.completed_on_time", "assignments.overdue",
                                "reporting.reports_late"]),
]  # fmt: skip
TREND_PERIODS = {"month": 13, "quarter": 5}  # back to the same period a year before


@dataclass
class Tile:
    """One figure of the overview: its value, the same period a year before, its trend."""

    entry: Entry
    value: Decimal | None
    before: Decimal | None
    trend: list[Point]
    url: str | None = None  # the records it counts
    dashboard: str = ""  # the figure across the units below
    chart: str = ""  # the id of its trend chart on the page

    @property
    def shown(self) -> str:
        return self.entry.format(self.value)

    @property
    def before_shown(self) -> str:
        return self.entry.format(self.before)

    @property
    def change(self) -> Decimal | None:
        if self.value is None or self.before is None:
            return None
        return self.value - self.before

    @property
    def change_shown(self) -> str:
        """ "+12 (+5,3%)" for a count, "+1,20 điểm %" for a rate; "" when not comparable."""
        from tttt.core.formatting import format_number
        from tttt.core.indicators import Measure

        change = self.change
        if change is None:
            return ""
        if change == 0:
            return str(_("không đổi"))
        sign = "+" if change > 0 else ""
        if self.entry.indicator.measure == Measure.PERCENT:
            return _("%(change)s điểm %%") % {"change": f"{sign}{format_number(change, 2)}"}
        whole = change == change.to_integral_value()
        text = f"{sign}{self.entry.format(int(change) if whole else change)}"
        if self.before:
            text += f" ({sign}{format_number(change * 100 / self.before, 1)}%)"
        return text

    @property
    def direction(self) -> str:
        change = self.change
        return "" if not change else ("up" if change > 0 else "down")


def trend_periods(period: Period) -> list[Period]:
    """The periods an overview's trend shows, oldest first, ending with `period` and, for a
    month or a quarter, starting with the same period a year before."""
    periods = [period]
    for _i in range(TREND_PERIODS.get(str(period.kind), 3) - 1):
        periods.insert(0, periods[0].previous())
    return periods


def overview(unit: Unit | None, period: Period) -> list[tuple[str, list[Tile]]]:
    """Each field's figures for `unit`'s territory in `period`, with the same period a year
    before and the trend: per period shown, the one-stop figures in one pass over the dossiers
    and every other figure in one aggregate query."""
    from tttt.core.periods import year_before

    known = catalog()
    entries = [known[c] for _title, codes in OVERVIEW for c in codes if c in known]
    periods = trend_periods(period)
    before = year_before(period)
    asked = periods if before in periods else [before, *periods]
    values = {
        p: compute_many([e.indicator for e in entries], territory(unit, p.end), p) for p in asked
    }
    sections = []
    for title, codes in OVERVIEW:
        tiles = []
        for code in [c for c in codes if c in known]:
            entry = known[code]
            trend = [
                Point(p.label, to_decimal(values[p][code]), entry.format(values[p][code]), 0.0, unit=unit, period=p)
                for p in periods
            ]  # fmt: skip
            tiles.append(
                Tile(
                    entry,
                    to_decimal(values[period][code]),
                    to_decimal(values[before][code]),
                    _with_bars(trend),
                    url=records_url(entry, unit, period),
                )  # fmt: skip
            )
        sections.append((str(title), tiles))
    return sections


@dataclass
class Owing:
    """Reports of the latest period not yet in: the unit's own, or its units below'."""

    form: ReportForm
    period: Period
    due_on: date
    missing: int  # 1 for the unit's own report
    expected: int
    url: str


def reports_owing(unit: Unit, today: date) -> list[Owing]:
    """The latest period's reports the unit still owes itself, and for each form of a level
    below, how many of its units have not submitted (two queries a form)."""
    from urllib.parse import urlencode

    from django.urls import reverse

    from .reminders import latest_period, owed

    result = [
        Owing(o.form, o.period, o.due_on, 1, 1, o.report and reverse("reports:inspect", args=[o.report.pk])
              or reverse("reports:add"))
        for o in owed([unit], today)
    ]  # fmt: skip
    for form in ReportForm.objects.filter(is_active=True).exclude(level=unit.kind):
        period = latest_period(form.period_kind, today)
        standing = completeness(form, unit, period)
        if standing.expected and standing.missing:
            query = urlencode({"unit": unit.pk, "form": form.pk, "period": str(period)})
            result.append(Owing(form, period, standing.due_on, standing.missing, standing.expected,
                                f"{reverse('reporting_completeness')}?{query}"))  # fmt: skip
    return result


# ---------------------------------------------------------------- alerts


def span_period(span: str, today: date) -> Period:
    """The days an alert rule watches on `today`: the last seven days, the month, quarter
    or year in progress up to today, or the last quarter that has ended."""
    from .reminders import latest_period

    if span == "last_quarter":
        return latest_period("quarter", today)
    if span == "week":
        return Period.custom(today - timedelta(days=6), today)
    if span == "month":
        start = today.replace(day=1)
    elif span == "quarter":
        start = today.replace(month=(today.month - 1) // 3 * 3 + 1, day=1)
    else:
        start = today.replace(month=1, day=1)
    return Period.custom(start, today)


def scoped_alerts(user):
    """Open alerts of the rules on units in the person's scope, newest first."""
    from .models import Alert

    rules = restrict_to_scope(AlertRule.objects.all(), user, perm=VIEW)
    return (
        Alert.objects.filter(closed_at__isnull=True, rule__in=rules)
        .select_related("rule__unit")
        .order_by("-opened_at")
    )


def alert_records_url(alert, known: dict | None = None) -> str | None:
    """The records behind an alert's figure (`known`: the catalog, when the caller has it)."""
    entry = (known or catalog(include_inactive=True)).get(alert.rule.code)
    return records_url(entry, alert.rule.unit, alert.period) if entry else None


# ---------------------------------------------------------------- digital transformation index


@dataclass
class DtiRow:
    """One unit's DTI for a year: each criterion's value and points, the total, the rank."""

    unit: Unit
    values: dict  # criterion pk → value (None: not entered, no record)
    points: dict  # criterion pk → points
    total: Decimal
    rank: int = 0  # 0: no figure at all, unranked
    pillars: dict = field(default_factory=dict)  # pillar → points

    @property
    def scored(self) -> bool:
        return any(v is not None for v in self.values.values())


def dti_sets(year: int):
    """The active DTI sets that apply in `year`."""
    from .models import DtiSet

    sets = DtiSet.objects.filter(is_active=True, year_from__lte=year)
    return sets.filter(Q(year_to__isnull=True) | Q(year_to__gte=year)).order_by("level", "name")


def dti_units(dti_set, parent: Unit | None, year: int, *, today: bool = False) -> list[Unit]:
    """The units of the set's level that stood on 31/12 of `year` in `parent`'s territory
    then, or with `today` those of today (a year before the 2025 reform then reads in
    today's units); every one in the country with no parent. By name, one query."""
    end = timezone.localdate() if today else Period.year(year).end
    units = Unit.objects.valid_on(end).filter(kind=dti_set.level)
    if parent is not None:
        units = units.filter(pk__in=subtree(territory(parent, end)).values("pk"))
    return list(units.select_related("parent").order_by("name", "pk"))


def dti_scores(dti_set, units: list[Unit], year: int) -> list[DtiRow]:
    """Each unit's DTI for `year`, ranked (equal totals share a rank): a computed criterion
    is its indicator over the unit's territory in that year (one grouped query each, whatever
    the number of units); an entered one is the unit's value or, for a unit that did not
    stand then, the average or sum of the values of the units that did (one query for all)."""
    from collections import defaultdict

    from tttt.core.indicators import IndicatorError, get_indicator

    from .models import DtiValue

    period = Period.year(year)
    places = territories(units, period.end)
    criteria = list(dti_set.criteria.all())
    values: dict[int, dict] = {}
    for criterion in criteria:
        if criterion.computed:
            try:
                ind = get_indicator(criterion.indicator)
            except IndicatorError:
                values[criterion.pk] = dict.fromkeys(places)
                continue
            found = compute_each(ind, places, period)
            values[criterion.pk] = {key: to_decimal(v) for key, v in found.items()}
    entered = [c for c in criteria if not c.computed]
    stored: dict = defaultdict(dict)  # criterion pk → {unit pk: value}
    roots = {root.pk for units_then in places.values() for root in units_then}
    for row in DtiValue.objects.filter(criterion__in=entered, year=year, unit_id__in=roots):
        stored[row.criterion_id][row.unit_id] = row.value
    for criterion in entered:
        by_unit = {}
        for key, units_then in places.items():
            found = [stored[criterion.pk][u.pk] for u in units_then if u.pk in stored[criterion.pk]]
            if not found:
                by_unit[key] = None
            elif criterion.combine == "sum":
                by_unit[key] = sum(found, Decimal(0))
            else:
                by_unit[key] = (sum(found, Decimal(0)) / len(found)).quantize(Decimal("0.01"))
        values[criterion.pk] = by_unit
    rows = []
    for unit in units:
        own = {c.pk: values[c.pk][unit.pk] for c in criteria}
        points = {c.pk: c.points(own[c.pk]) for c in criteria}
        pillars: dict[str, Decimal] = {}
        for c in criteria:
            pillars[c.pillar] = pillars.get(c.pillar, Decimal("0.00")) + (
                points[c.pk] or Decimal(0)
            )
        total = sum((p for p in points.values() if p is not None), Decimal("0.00"))
        rows.append(DtiRow(unit, own, points, total, pillars=pillars))
    # A unit with no figure at all is listed last, unranked (nothing entered, no records).
    rows.sort(key=lambda r: (not r.scored, -r.total, fold(r.unit.name), r.unit.pk))
    for i, row in enumerate(rows):
        if row.scored:
            row.rank = rows[i - 1].rank if i and rows[i - 1].total == row.total else i + 1
    return rows


def dti_pillars(dti_set) -> list[tuple[str, Decimal]]:
    """The set's pillars in order, with their maximum points."""
    pillars: dict[str, Decimal] = {}
    for c in dti_set.criteria.all():
        pillars[c.pillar] = pillars.get(c.pillar, Decimal(0)) + c.max_points
    return list(pillars.items())
