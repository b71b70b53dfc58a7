"""Figures of information security (DESIGN.md indicator protocol): incidents detected in
the period (serious ones, those with personal data), how fast the response began, the
notices sent on time; the systems in service and the share with an approved security level.
One aggregate query for the incidents, one for the notices, one for the systems."""

from datetime import timedelta

from django.db.models import Count, DurationField, ExpressionWrapper, F, Q, Sum
from django.utils.translation import gettext_lazy as _

from tttt.core.indicators import Aggregation, Measure, indicator, share
from tttt.org.indicators import each, territory_q

from .models import Incident, IncidentNotice, InformationSystem, SystemCheck

INCIDENTS, SYSTEMS = "security_incidents:index", "security_systems:index"
C, P, H, SUM, RATIO = (
    Measure.COUNT,
    Measure.PERCENT,
    Measure.HOURS,
    Aggregation.SUM,
    Aggregation.RATIO,
)
RESPONSE = ExpressionWrapper(F("responded_at") - F("detected_at"), output_field=DurationField())


def _incident_records(period) -> dict:
    detected = Q(detected_at__date__range=(period.start, period.end)) & ~Q(
        status=Incident.Status.DISMISSED
    )  # a report found not to be an incident is no incident
    return {
        "incidents": detected,
        "serious": detected & Q(severity=Incident.Severity.SERIOUS),
        "personal_data": detected & Q(personal_data=True),
        "responded": detected & Q(responded_at__isnull=False),
        "closed": Q(
            closed_at__date__range=(period.start, period.end), status=Incident.Status.CLOSED
        ),
    }


def _incident_aggregates(period) -> dict:
    records = _incident_records(period)
    found = {key: Count("pk", filter=where) for key, where in records.items()}
    found["response_time"] = Sum(RESPONSE, filter=records["responded"])
    return found


def incident_figures(units, period) -> dict:
    return Incident.objects.filter(territory_q(units)).aggregate(**_incident_aggregates(period))


incident_figures_each = each(lambda period: Incident.objects.all(), _incident_aggregates)


def _hours(figures) -> float | None:
    total, count = figures["response_time"], figures["responded"]
    if not count or total is None:
        return None
    if not isinstance(total, timedelta):  # SQLite may hand back microseconds
        total = timedelta(microseconds=int(total))
    return round(total.total_seconds() / 3600 / count, 2)


def _incident(key, name, measure, aggregation, derive, *, records, description=""):
    @indicator(code=f"security.{key}", name=name, measure=measure, aggregation=aggregation,
               description=description, records=lambda period: _incident_records(period)[records],
               records_list=INCIDENTS, batch=incident_figures, batch_each=incident_figures_each,
               derive=derive)  # fmt: skip
    def compute(units, period):
        return derive(incident_figures(units, period))

    return compute


_incident("incidents", _("Sự cố an toàn thông tin phát hiện trong kỳ"), C, SUM,
          lambda f: f["incidents"], records="incidents")  # fmt: skip
_incident("serious_incidents", _("Sự cố an toàn thông tin nghiêm trọng"), C, SUM,
          lambda f: f["serious"], records="serious",
          description=_("Sự cố phát hiện trong kỳ được phân loại mức nghiêm trọng; bằng 0 là "
                        "«không có sự cố nghiêm trọng nào xảy ra»."))  # fmt: skip
_incident("personal_data_incidents", _("Sự cố lộ, mất dữ liệu cá nhân"), C, SUM,
          lambda f: f["personal_data"], records="personal_data")  # fmt: skip
_incident("incidents_closed", _("Sự cố đã xử lý xong trong kỳ"), C, SUM,
          lambda f: f["closed"], records="closed")  # fmt: skip
_incident("hours_to_respond", _("Thời gian trung bình từ khi phát hiện đến khi bắt đầu xử lý sự cố"), H,
          RATIO, _hours, records="responded",
          description=_("Tổng số giờ từ lúc phát hiện đến bước xử lý đầu tiên / số sự cố đã xử lý, "
                        "các sự cố phát hiện trong kỳ."))  # fmt: skip


# ---------------------------------------------------------------- notices


def _notice_records(period) -> dict:
    due = IncidentNotice.objects.filter(due_at__date__range=(period.start, period.end))
    on_time = due.filter(sent_at__lte=F("due_at"))
    return {
        "due": Q(pk__in=due.values("incident")),
        "on_time": Q(pk__in=on_time.values("incident")),
    }


def _notice_aggregates(period) -> dict:
    due = Q(due_at__date__range=(period.start, period.end))
    return {"due": Count("pk", filter=due),
            "on_time": Count("pk", filter=due & Q(sent_at__lte=F("due_at")))}  # fmt: skip


def notice_figures(units, period) -> dict:
    return IncidentNotice.objects.filter(territory_q(units, "incident__unit")).aggregate(
        **_notice_aggregates(period)
    )


notice_figures_each = each(lambda period: IncidentNotice.objects.all(), _notice_aggregates,
                           ("incident__unit",))  # fmt: skip


@indicator(code="security.notices_on_time_share", name=_("Tỷ lệ thông báo, báo cáo sự cố gửi đúng hạn"),
           measure=P, aggregation=RATIO, batch=notice_figures, batch_each=notice_figures_each,
           derive=lambda f: share(f["on_time"], f["due"]),
           records=lambda period: _notice_records(period)["on_time"], records_list=INCIDENTS,
           description=_("Thông báo, báo cáo gửi trước hạn quy định / thông báo, báo cáo đến hạn "
                         "trong kỳ × 100 (báo cáo ban đầu, thông báo vi phạm dữ liệu cá nhân 72 giờ)."))  # fmt: skip
def notices_on_time_share(units, period):
    figures = notice_figures(units, period)
    return share(figures["on_time"], figures["due"])


# ---------------------------------------------------------------- systems


def _system_records(period) -> dict:
    serving = (Q(in_service_since__isnull=True) | Q(in_service_since__lte=period.end)) & (
        Q(retired_on__isnull=True) | Q(retired_on__gt=period.end)
    )
    approved = serving & Q(approved_level__isnull=False, approved_on__lte=period.end)
    checks = SystemCheck.objects.filter(checked_on__range=(period.start, period.end))
    checked = serving & Q(pk__in=checks.values("system"))
    return {"systems": serving, "approved": approved, "checked": checked}


def _system_aggregates(period) -> dict:
    records = _system_records(period)
    return {"systems": Count("pk", filter=records["systems"], distinct=True),
            "approved": Count("pk", filter=records["approved"], distinct=True),
            "checked": Count("pk", filter=records["checked"], distinct=True)}  # fmt: skip


def system_figures(units, period) -> dict:
    return InformationSystem.objects.filter(territory_q(units)).aggregate(
        **_system_aggregates(period)
    )


system_figures_each = each(lambda period: InformationSystem.objects.all(), _system_aggregates)


def _system(key, name, measure, aggregation, derive, *, records, description=""):
    @indicator(code=f"security.{key}", name=name, measure=measure, aggregation=aggregation,
               description=description, records=lambda period: _system_records(period)[records],
               records_list=SYSTEMS, batch=system_figures, batch_each=system_figures_each,
               derive=derive)  # fmt: skip
    def compute(units, period):
        return derive(system_figures(units, period))

    return compute


_system("systems", _("Hệ thống thông tin đang vận hành"), C, Aggregation.LAST,
        lambda f: f["systems"], records="systems")  # fmt: skip
_system("systems_level_approved", _("Hệ thống thông tin được phê duyệt cấp độ"), C, Aggregation.LAST,
        lambda f: f["approved"], records="approved")  # fmt: skip
_system("systems_level_approved_share", _("Tỷ lệ hệ thống thông tin được phê duyệt cấp độ"), P, RATIO,
        lambda f: share(f["approved"], f["systems"]), records="approved",
        description=_("Hệ thống đã có quyết định phê duyệt cấp độ đến cuối kỳ / hệ thống đang "
                      "vận hành × 100 (Nghị định 85/2016/NĐ-CP)."))  # fmt: skip
_system("systems_checked", _("Hệ thống thông tin được kiểm tra, đánh giá trong kỳ"), C, SUM,
        lambda f: f["checked"], records="checked")  # fmt: skip
