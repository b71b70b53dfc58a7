"""One-stop-shop API: catalog, intake, transitions, public lookup and statistics."""

from datetime import datetime

from django.core.exceptions import ValidationError
from django.http import Http404
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, RateLimited, refuse
from tttt.core.periods import parse_period
from tttt.core.ratelimit import rate_limited
from tttt.org.apiauth import API_AUTH
from tttt.org.models import Unit, User
from tttt.org.queries import get_in_scope, in_unit, unit_in_scope, units_for_territory

from . import queries, services
from .models import Dossier, Procedure, ProcedureField
from .views import NOT_FOUND

router = Router(tags=["Một cửa"])


class ProcedureOut(Schema):
    id: int
    code: str
    name: str
    field: str = Field(..., alias="field.name")
    level: str
    duration: int
    duration_unit: str
    fee: int
    online_service: str
    legacy_level: int | None
    legal_basis: str


@router.get(
    "/onestop/procedures", response=list[ProcedureOut], summary="Danh mục thủ tục của một đơn vị"
)
@paginate(Pagination)
def list_procedures(request, unit: Id, q: str = ""):
    from tttt.core.text import fold

    qs = (
        Procedure.objects.filter(units=unit, is_active=True)
        .select_related("field")
        .order_by("code")
    )
    if q:
        qs = qs.filter(search_name__contains=fold(q))
    return qs


class Applicant(Schema):
    applicant_kind: str = "person"
    applicant_name: str
    citizen_id: str = ""
    organisation_code: str = ""
    phone: str
    email: str = ""
    address: str = ""


class IntakeIn(Schema):
    procedure: str = Field(..., description="Mã thủ tục, ví dụ 1.001809")
    unit: Id = Field(..., description="Mã số (id) đơn vị tiếp nhận")
    channel: str = Field("counter", description="counter | online | post")
    applicant: Applicant
    paid_online: bool = False
    digitised: bool = False


class EventOut(Schema):
    at: datetime
    action: str
    to_status: str
    actor_name: str
    note: str


class DossierOut(Schema):
    code: str
    procedure: str
    unit: int
    channel: str
    status: str
    applicant_name: str
    citizen_id: str
    phone: str
    received_at: datetime
    due_at: datetime
    deadline: datetime
    resolved_at: datetime | None
    timing: str
    returned_at: datetime | None
    assignee: str | None
    version: int

    @staticmethod
    def resolve_procedure(d):
        return d.procedure.code

    @staticmethod
    def resolve_unit(d):
        return d.unit_id

    @staticmethod
    def resolve_citizen_id(d):
        return d.masked_citizen_id

    @staticmethod
    def resolve_phone(d):
        return d.masked_phone

    @staticmethod
    def resolve_assignee(d):
        return d.assignee.username if d.assignee_id else None


class DossierDetailOut(DossierOut):
    allowed_actions: list[str]
    events: list[EventOut] = Field(..., alias="events_list")


def _detail(user, d: Dossier) -> Dossier:
    d.allowed_actions = services.allowed_actions(user, d)
    if not hasattr(d, "events_list"):  # a dossier just received knows its one event
        d.events_list = list(queries.timeline(d))
    return d


def _scoped(request, code: str) -> Dossier:
    dossiers = queries.scoped_dossiers(request.user).select_related("procedure", "unit", "assignee")
    return get_in_scope(dossiers, code__iexact=code)


@router.post(
    "/onestop/dossiers",
    response={201: DossierDetailOut, 403: Problem, 422: Problem},
    auth=API_AUTH,
    summary="Tiếp nhận hồ sơ",
)
def create_dossier(request, payload: IntakeIn):
    procedure = Procedure.objects.filter(code=payload.procedure).first()
    unit = Unit.objects.filter(pk=payload.unit).first()
    if procedure is None or unit is None:
        missing = {}
        if procedure is None:
            missing["procedure"] = [
                ValidationError("Không có thủ tục mã này.", code=CoreError.UNKNOWN_REFERENCE)
            ]
        if unit is None:
            missing["unit"] = [
                ValidationError("Không có đơn vị mã này.", code=CoreError.UNKNOWN_REFERENCE)
            ]
        raise ValidationError(missing)
    d = services.receive_dossier(
        user=request.user,
        procedure=procedure,
        unit=unit,
        channel=payload.channel,
        applicant=payload.applicant.dict(),
        paid_online=payload.paid_online,
        digitised=payload.digitised,
    )
    return Status(201, _detail(request.user, d))


@router.get(
    "/onestop/dossiers",
    response=list[DossierOut],
    auth=API_AUTH,
    summary="Hồ sơ trong phạm vi (lọc theo đơn vị, hàng đợi, trạng thái)",
)
@paginate(Pagination)
def list_dossiers(request, unit: Id | None = None, queue: str = "", status: str = ""):
    qs = in_unit(queries.scoped_dossiers(request.user), unit).select_related(
        "procedure", "assignee"
    )
    if queue:
        qs = qs.filter(queries.queue_q(queue, request.user))
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-received_at", "-pk")


@router.get(
    "/onestop/dossiers/{code}",
    response={200: DossierDetailOut, 403: Problem},
    auth=API_AUTH,
    summary="Chi tiết hồ sơ và phiếu kiểm soát",
)
def get_dossier(request, code: str):
    return Status(200, _detail(request.user, _scoped(request, code)))


class ActionIn(Schema):
    action: str = Field(..., description=", ".join(services.ACTIONS))
    version: int = Field(
        ..., ge=1, description="Phiên bản hồ sơ đã xem (trường version của chi tiết); lệch → 409"
    )
    reason: str = ""
    assignee: str | None = Field(None, description="Tên đăng nhập người được phân công")
    new_due: datetime | None = None


@router.post(
    "/onestop/dossiers/{code}/actions",
    response={200: DossierDetailOut, 403: Problem, 409: Problem, 422: Problem},
    auth=API_AUTH,
    summary="Thực hiện một thao tác xử lý hồ sơ",
)
def act_on_dossier(request, code: str, payload: ActionIn):
    d = _scoped(request, code)
    assignee = None
    if payload.assignee:
        assignee = User.objects.filter(username=payload.assignee).first()
        if assignee is None:
            raise refuse(CoreError.UNKNOWN_REFERENCE, "Không có người dùng này.", field="assignee")
    d = services.act(
        user=request.user,
        dossier=d,
        action=payload.action,
        version=payload.version,
        reason=payload.reason,
        assignee=assignee,
        new_due=payload.new_due,
    )
    return Status(200, _detail(request.user, d))


class LookupIn(Schema):
    code: str
    phone: str


class PublicEventOut(Schema):
    at: datetime
    status: str


class LookupOut(Schema):
    code: str
    procedure: str
    unit: str
    status: str
    received_at: datetime
    due_at: datetime
    returned_at: datetime | None
    timeline: list[PublicEventOut]


@router.post(
    "/onestop/lookup",
    response={200: LookupOut, 404: Problem, 429: Problem},
    summary="Tra cứu công khai bằng mã hồ sơ và số điện thoại",
)
def lookup(request, payload: LookupIn):
    if rate_limited(request, "lookup"):
        raise RateLimited("Bạn đã tra cứu quá nhiều lần. Hãy thử lại sau ít phút.")
    d = services.find_for_citizen(payload.code, payload.phone)
    if d is None:
        raise Http404(NOT_FOUND)
    data = {
        "code": d.code,
        "procedure": d.procedure.name,
        "unit": d.unit.name,
        "status": d.status,
        "received_at": d.received_at,
        "due_at": d.due_at,
        "returned_at": d.returned_at,
        "timeline": [
            {"at": e.at, "status": e.to_status} for e in queries.timeline(d) if e.is_public
        ],
    }
    return Status(200, data)


class OnestopStatisticsOut(Schema):
    unit: int
    period: str
    via: list[int]
    figures: dict


@router.get(
    "/onestop/statistics",
    response={200: OnestopStatisticsOut, 403: Problem, 422: Problem},
    auth=API_AUTH,
    summary="Thống kê một cửa của một đơn vị trong một kỳ (kèm chỉ số 766)",
)
def statistics(request, unit: Id, period: str, field: str = "", procedure: str = ""):
    u = unit_in_scope(request.user, "onestop.view_dossier", unit)
    p = parse_period(period)
    used = units_for_territory(u, p.end)
    chosen_field = ProcedureField.objects.filter(code=field).first() if field else None
    chosen_procedure = Procedure.objects.filter(code=procedure).first() if procedure else None
    if (field and chosen_field is None) or (procedure and chosen_procedure is None):
        field_name = "field" if field and chosen_field is None else "procedure"
        raise refuse(
            CoreError.UNKNOWN_REFERENCE, "Không có lĩnh vực hoặc thủ tục mã này.", field=field_name
        )
    figures = queries.statistics(used, p, field=chosen_field, procedure=chosen_procedure)
    return Status(
        200, {"unit": u.pk, "period": str(p), "via": [x.pk for x in used], "figures": figures}
    )
