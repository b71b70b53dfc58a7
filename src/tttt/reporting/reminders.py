"""Reminders before a report's due date: the reporting officers of each unit that still owes
the latest period's report get an e-mail 7 days and 1 day before it is due (run once a
day), and the back-office home page lists what is due soon or overdue in one's own units."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from django.core.mail import send_mail

from tttt.core.periods import Period, PeriodKind
from tttt.org.models import Membership, Unit

from .models import Report, ReportForm
from .queries import FILL, due_date, expected_units

REMIND_DAYS = (7, 1)
PANEL_DAYS = 15


def latest_period(kind: str, today: date) -> Period:
    """The last period of `kind` that ended before `today`."""
    y, m = today.year, today.month
    match PeriodKind(kind):
        case PeriodKind.MONTH:
            return Period.month(y, m - 1) if m > 1 else Period.month(y - 1, 12)
        case PeriodKind.QUARTER:
            q = (m - 1) // 3
            return Period.quarter(y, q) if q else Period.quarter(y - 1, 4)
        case PeriodKind.HALF:
            return Period.first_half(y if m > 6 else y - 1)
        case PeriodKind.NINE_MONTHS:
            return Period.first_nine_months(y if m > 9 else y - 1)
        case PeriodKind.YEAR:
            return Period.year(y - 1)
    raise ValueError(kind)


@dataclass
class Owed:
    form: ReportForm
    unit: Unit
    period: Period
    due_on: date
    report: Report | None

    def days_left(self, today: date) -> int:
        return (self.due_on - today).days


def owed(units: list[Unit], today: date, *, within: int | None = None) -> list[Owed]:
    """The latest period's reports `units` have not submitted yet (due within `within`
    days or already overdue when given)."""
    result = []
    for form in ReportForm.objects.filter(is_active=True, level__in={u.kind for u in units}):
        period = latest_period(form.period_kind, today)
        due = due_date(form, period)
        if within is not None and (due - today).days > within:
            continue
        mine = [u for u in units if u.kind == form.level and u.is_valid_on(period.end)]
        if not mine:
            continue
        reports = {
            r.unit_id: r
            for r in Report.objects.filter(
                form=form, unit__in=mine, period_start=period.start, period_end=period.end
            )  # fmt: skip
        }
        for unit in mine:
            report = reports.get(unit.pk)
            if report is None or report.first_submitted_at is None:
                result.append(Owed(form, unit, period, due, report))
    return sorted(result, key=lambda o: (o.due_on, o.unit.name))


def send_reminders(today: date) -> dict[str, int]:
    """E-mail each reporting officer of a unit whose report is due in exactly 7 or 1 days."""
    emails = reports = 0
    for form in ReportForm.objects.filter(is_active=True):
        period = latest_period(form.period_kind, today)
        due = due_date(form, period)
        if (due - today).days not in REMIND_DAYS:
            continue
        submitted = Report.objects.filter(
            form=form,
            period_start=period.start,
            period_end=period.end,
            first_submitted_at__isnull=False,
        ).values("unit_id")
        missing = expected_units(form, None, period).exclude(pk__in=submitted)
        memberships = (
            Membership.objects.active()
            .filter(unit__in=missing, role__permissions__codename=FILL.split(".")[1],
                    role__permissions__content_type__app_label="reporting",
                    user__is_active=True)
            .exclude(user__email="")
            .select_related("user", "unit")
            .distinct()
        )  # fmt: skip
        for m in memberships:
            send_mail(
                subject=f"[TTTT] {form.name} {period.label}: hạn nộp {due:%d/%m/%Y}",
                message=(
                    f"{m.unit.name} chưa nộp «{form.name}» {period.label}. Hạn nộp: {due:%d/%m/%Y} "
                    f"(còn {(due - today).days} ngày).\nLập và nộp báo cáo trong trang quản trị: "
                    "Báo cáo định kỳ → Báo cáo."
                ),
                from_email=None,
                recipient_list=[m.user.email],
            )
            emails += 1
        reports += missing.count()
    return {"reports": reports, "emails": emails}
