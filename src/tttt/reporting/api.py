"""Reporting API: the indicator catalog, any indicator's figure for a unit and period
(across the 2025 reform), reports (list, detail with figures, open, save, submit, return,
accept), and a parent unit's completeness. Scope-filtered; the same services as the back
office."""

from datetime import date, datetime

from django.http import Http404
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.core.periods import parse_period
from tttt.org.apiauth import API_AUTH
from tttt.org.models import Unit
from tttt.org.queries import get_in_scope, in_unit, unit_in_scope, units_for_territory

from . import queries, services
from .catalog import catalog
from .errors import ReportingError
from .models import Report, ReportForm

router = Router(tags=["Báo cáo định kỳ"])
NOT_IN_SCOPE = "Đơn vị hoặc báo cáo này nằm ngoài phạm vi được giao cho bạn."


class IndicatorOut(Schema):
    code: str
    name: str
    measure: str
    aggregation: str
    computed: bool
    description: str


class FigureOut(Schema):
    code: str
    name: str
    value: float | None
    shown: str
    live: float | None = None
    difference: float | None = None


class ReportOut(Schema):
    id: int
    form: str
    unit: int
    unit_name: str
    period: str
    period_label: str
    data_from: date  # the days its computed figures count: the period, or the Decree 09
    data_to: date  # window (from the 15th of the month before to the 14th of its last month)
    due_on: date
    status: str
    first_submitted_at: datetime | None
    submitted_at: datetime | None
    accepted_at: datetime | None
    on_time: bool | None


class ReportDetailOut(ReportOut):
    figures: list[FigureOut]
    sections: dict[str, str]


class OpenIn(Schema):
    form: str
    unit: Id
    period: str


class ReportSaveIn(Schema):
    figures: dict[str, str | float | None] = {}
    sections: dict[str, str] = {}


class ReturnIn(Schema):
    reason: str


class ValueOut(Schema):
    code: str
    unit: int
    period: str
    value: float | None
    shown: str
    units_used: list[str]


class StandingOut(Schema):
    unit: int
    unit_name: str
    standing: str
    report: int | None
    first_submitted_at: datetime | None


class CompletenessOut(Schema):
    form: str
    unit: int
    period: str
    due_on: date
    expected: int
    on_time: int
    late: int
    missing: int
    units: list[StandingOut]


def _float(value):
    return None if value is None else float(value)


def _report_out(r: Report) -> dict:
    return {
        "id": r.pk, "form": r.form.code, "unit": r.unit_id, "unit_name": r.unit.name, "period": str(r.period),
        "period_label": r.period.label, "data_from": r.window.start, "data_to": r.window.end,
        "due_on": r.due_on, "status": r.status,
        "first_submitted_at": r.first_submitted_at, "submitted_at": r.submitted_at,
        "accepted_at": r.accepted_at, "on_time": r.submitted_on_time(),
    }  # fmt: skip


def _detail(r: Report) -> dict:
    rows = queries.report_rows(r)
    return {
        **_report_out(r),
        "figures": [
            {
                "code": row.code,
                "name": row.entry.name,
                "value": _float(row.value),
                "shown": row.shown,
                "live": _float(row.live),
                "difference": _float(row.difference),
            }
            for row in rows
        ],  # fmt: skip
        "sections": {s.title: s.text for s in r.sections.all()},
    }


def _scoped(request, pk: int) -> Report:
    return get_in_scope(
        queries.scoped_reports(request.user).select_related("form", "unit__parent"), pk=pk
    )


@router.get("/indicators", response=list[IndicatorOut], auth=API_AUTH, summary="Danh mục chỉ tiêu")
def indicators(request):
    return [
        {"code": e.code, "name": e.name, "measure": str(e.measure), "aggregation": str(e.aggregation),
         "computed": e.computed, "description": e.description}
        for e in catalog().values()
    ]  # fmt: skip


@router.get("/indicators/{code}/value", response={200: ValueOut, 403: Problem, 404: Problem, 422: Problem},
            auth=API_AUTH, summary="Giá trị một chỉ tiêu tính từ hồ sơ cho một đơn vị, một kỳ")  # fmt: skip
def indicator_value(request, code: str, unit: Id, period: str):
    entry = catalog().get(code)
    if entry is None or not entry.computed:
        raise Http404(f"Không có chỉ tiêu tính từ hồ sơ mã «{code}».")
    u = unit_in_scope(request.user, queries.VIEW, unit)
    p = parse_period(period)
    used = units_for_territory(u, p.end)
    value = queries.to_decimal(entry.indicator.compute(used, p))
    return Status(200, {"code": code, "unit": u.pk, "period": str(p), "value": _float(value),
                        "shown": entry.format(value), "units_used": [x.name for x in used]})  # fmt: skip


@router.get("/reports", response=list[ReportOut], auth=API_AUTH, summary="Báo cáo trong phạm vi")
@paginate(Pagination)
def reports(request, unit: Id | None = None, form: str = "", status: str = "", period: str = ""):
    qs = queries.scoped_reports(request.user).select_related("form", "unit")
    qs = in_unit(qs, unit)
    if form:
        qs = qs.filter(form__code=form)
    if status:
        qs = qs.filter(status=status)
    if period:
        p = parse_period(period)
        qs = qs.filter(period_start=p.start, period_end=p.end)
    return [_report_out(r) for r in qs.order_by("-period_end", "unit__path", "pk")]


@router.get("/reports/{pk}", response={200: ReportDetailOut, 403: Problem, 404: Problem}, auth=API_AUTH,
            summary="Một báo cáo với số liệu (đã báo cáo và tính lại) và nội dung")  # fmt: skip
def report(request, pk: Id):
    return Status(200, _detail(_scoped(request, pk)))


@router.post("/reports", response={200: ReportDetailOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Lập (hoặc mở) báo cáo của một đơn vị cho một kỳ")  # fmt: skip
def report_open(request, payload: OpenIn):
    form = ReportForm.objects.filter(code=payload.form).first()
    if form is None:
        raise refuse(
            CoreError.UNKNOWN_REFERENCE, f"Không có mẫu báo cáo «{payload.form}».", field="form"
        )
    unit = get_object_or_404(Unit, pk=payload.unit)
    r = services.report_open(
        user=request.user, form=form, unit=unit, period=parse_period(payload.period)
    )
    return Status(200, _detail(r))


def _act(request, pk: int, action):
    r = action(_scoped(request, pk))
    return Status(200, _detail(Report.objects.select_related("form", "unit").get(pk=r.pk)))


ACTED = {200: ReportDetailOut, 403: Problem, 404: Problem, 422: Problem}


@router.put(
    "/reports/{pk}", response=ACTED, auth=API_AUTH, summary="Lưu số liệu nhập tay và nội dung"
)
def report_save(request, pk: Id, payload: ReportSaveIn):
    def save(r):
        positions = {s.title: s.position for s in r.sections.all()}
        texts = {}
        for key, text in payload.sections.items():
            if key not in positions and not key.isdigit():
                raise refuse(
                    ReportingError.UNKNOWN_SECTION,
                    f"Báo cáo không có phần «{key}».",
                    field="sections",
                )
            texts[positions.get(key, key)] = text
        return services.report_save(
            user=request.user, report=r, figures=payload.figures, texts=texts
        )

    return _act(request, pk, save)


@router.post(
    "/reports/{pk}/submit", response=ACTED, auth=API_AUTH, summary="Nộp lên đơn vị cấp trên"
)
def report_submit(request, pk: Id):
    return _act(request, pk, lambda r: services.report_submit(user=request.user, report=r))


@router.post(
    "/reports/{pk}/return", response=ACTED, auth=API_AUTH, summary="Trả lại để sửa (cấp trên)"
)
def report_return(request, pk: Id, payload: ReturnIn):
    return _act(
        request,
        pk,
        lambda r: services.report_return(user=request.user, report=r, reason=payload.reason),
    )


@router.post("/reports/{pk}/accept", response=ACTED, auth=API_AUTH, summary="Tiếp nhận (cấp trên)")
def report_accept(request, pk: Id):
    return _act(request, pk, lambda r: services.report_accept(user=request.user, report=r))


@router.get("/report-completeness", response={200: CompletenessOut, 403: Problem, 404: Problem, 422: Problem},
            auth=API_AUTH, summary="Đơn vị cấp dưới đã nộp đúng hạn, muộn hay chưa nộp")  # fmt: skip
def completeness(request, form: str, unit: Id, period: str):
    f = ReportForm.objects.filter(code=form).first()
    if f is None:
        raise Http404(f"Không có mẫu báo cáo «{form}».")
    u = unit_in_scope(request.user, queries.VIEW, unit)
    p = parse_period(period)
    result = queries.completeness(f, u, p)
    return Status(200, {
        "form": f.code, "unit": u.pk, "period": str(p), "due_on": result.due_on, "expected": result.expected,
        "on_time": result.on_time, "late": result.late, "missing": result.missing,
        "units": [{"unit": r.unit.pk, "unit_name": r.unit.name, "standing": r.standing,
                   "report": r.report.pk if r.report else None,
                   "first_submitted_at": r.report.first_submitted_at if r.report else None} for r in result.rows],
    })  # fmt: skip
