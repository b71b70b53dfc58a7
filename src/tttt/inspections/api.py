"""Inspections API: rules in force, records (with autosave) and penalty decisions."""

from datetime import date, datetime

from django.db import transaction
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.establishments.models import BusinessType, Establishment
from tttt.org.apiauth import API_AUTH
from tttt.org.queries import get_in_scope, in_unit

from . import queries, services
from .models import Inspection, PenaltyDecision, Recall, Violation

router = Router(tags=["Kiểm tra, xử phạt"])


class RegulationOut(Schema):
    code: str
    title: str
    legal_basis: str
    article: str
    source: str
    valid_from: date
    valid_to: date | None
    check_kind: str
    fine_basis: str
    fine_min_person: int | None
    fine_max_person: int | None
    fine_min_org: int | None
    fine_max_org: int | None
    commune_chair_max: int | None


@router.get(
    "/regulations",
    response=list[RegulationOut],
    summary="Quy định áp dụng cho một loại hình vào một ngày",
)
def regulations(request, business_type: str, on: date):
    btype = get_object_or_404(BusinessType, code=business_type)
    return list(services.rules_in_force(btype, on))


class ItemOut(Schema):
    id: int
    regulation: str
    result: str
    observed: str
    note: str

    @staticmethod
    def resolve_regulation(item):
        return item.regulation.code


class InspectionOut(Schema):
    id: int
    establishment: int
    inspected_on: date
    status: str
    findings: str
    version: int
    items: list[ItemOut]

    @staticmethod
    def resolve_establishment(r):
        return r.establishment_id

    @staticmethod
    def resolve_items(r):
        return list(r.items.select_related("regulation").order_by("pk"))


def _record(request, pk: int, perm="inspections.view_inspection") -> Inspection:
    records = queries.scoped_inspections(request.user, perm)
    return get_in_scope(records.select_related("establishment__unit"), pk=pk)


@router.get(
    "/inspections",
    response=list[InspectionOut],
    auth=API_AUTH,
    summary="Biên bản kiểm tra trong phạm vi",
)
@paginate(Pagination)
def list_inspections(request, unit: Id | None = None, status: str = ""):
    qs = in_unit(queries.scoped_inspections(request.user), unit, "establishment__unit")
    qs = qs.prefetch_related("items__regulation")
    return (qs.filter(status=status) if status else qs).order_by("-inspected_on", "-pk")


class StartIn(Schema):
    establishment: Id
    on: date


@router.post("/inspections", response={201: InspectionOut, 403: Problem, 422: Problem}, auth=API_AUTH,
             summary="Lập biên bản (danh mục kiểm tra theo quy định có hiệu lực vào ngày kiểm tra)")  # fmt: skip
def start(request, payload: StartIn):
    e = get_object_or_404(Establishment, pk=payload.establishment)
    return Status(201, services.inspection_start(user=request.user, establishment=e, on=payload.on))


class InspectionSaveIn(Schema):
    version: int
    items: dict[str, dict[str, str]] = {}
    findings: str | None = None


@router.post("/inspections/{pk}/save", response={200: InspectionOut, 403: Problem, 409: Problem, 422: Problem},
             auth=API_AUTH, summary="Lưu những gì đã ghi (gọi mỗi khi thay đổi)")  # fmt: skip
def save(request, pk: Id, payload: InspectionSaveIn):
    record = _record(request, pk, services.INSPECT)
    saved = services.inspection_save(user=request.user, inspection=record, version=payload.version,
                                     items=payload.items, findings=payload.findings)  # fmt: skip
    return Status(200, saved)


@router.post("/inspections/{pk}/close", response={200: InspectionOut, 403: Problem, 422: Problem},
             auth=API_AUTH, summary="Ký, khóa biên bản; mục vi phạm thành vi phạm")  # fmt: skip
def close(request, pk: Id):
    record = _record(request, pk, services.INSPECT)
    return Status(200, services.inspection_close(user=request.user, inspection=record))


class PenaltyIn(Schema):
    violation: int
    number: str
    issued_on: date
    authority: str
    amount: int
    organisation: bool = False
    payment_due: date
    extra_measures: str = ""
    follow_up_on: date | None = None
    corrects: str | None = None


class PenaltyOut(Schema):
    id: int
    number: str
    issued_on: date
    authority: str
    amount: int
    payment_due: date
    paid_on: date | None
    follow_up_on: date | None
    corrects: str | None

    @staticmethod
    def resolve_corrects(d):
        return d.corrects.number if d.corrects_id else None


@router.post("/penalties", response={201: PenaltyOut, 403: Problem, 422: Problem}, auth=API_AUTH,
             summary="Ra quyết định xử phạt (số tiền trong khung; đính chính bằng quyết định mới)")  # fmt: skip
def issue(request, payload: PenaltyIn):
    violation = get_object_or_404(
        Violation.objects.select_related("inspection__establishment__unit"), pk=payload.violation
    )
    data = payload.dict()
    data.pop("violation")
    corrects = data.pop("corrects")
    original = PenaltyDecision.objects.filter(number=corrects).first() if corrects else None
    if corrects and original is None:
        raise refuse(
            CoreError.UNKNOWN_REFERENCE, f"Không có quyết định số {corrects}.", field="corrects"
        )
    decision = services.penalty_issue(
        user=request.user, violation=violation, corrects=original, **data
    )
    return Status(201, decision)


# ---------------------------------------------------------------- citizens' reports, recalls


class TipOut(Schema):
    id: int
    unit: int
    business_type: str
    place: str
    address: str
    description: str
    received_at: datetime
    status: str
    establishment: int | None
    plan: int | None
    note: str

    @staticmethod
    def resolve_unit(tip):
        return tip.unit_id

    @staticmethod
    def resolve_business_type(tip):
        return tip.business_type.code

    @staticmethod
    def resolve_establishment(tip):
        return tip.establishment_id

    @staticmethod
    def resolve_plan(tip):
        return tip.target.plan_id if tip.target_id else None


@router.get("/inspections/tips", response=list[TipOut], auth=API_AUTH,
            summary="Phản ánh vi phạm của người dân trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_tips(request, unit: Id | None = None, status: str = ""):
    qs = in_unit(queries.scoped_tips(request.user), unit).select_related("target")
    return qs.filter(status=status) if status else qs


@router.get("/inspections/tips/{pk}", response={200: TipOut, 403: Problem, 404: Problem},
            auth=API_AUTH, summary="Một phản ánh")  # fmt: skip
def get_tip(request, pk: Id):
    return Status(
        200, get_in_scope(queries.scoped_tips(request.user).select_related("target"), pk=pk)
    )


class RecallCheckOut(Schema):
    id: int
    establishment: int
    establishment_name: str
    result: str
    checked_on: date | None
    quantity: int
    note: str

    @staticmethod
    def resolve_establishment(check):
        return check.establishment_id

    @staticmethod
    def resolve_establishment_name(check):
        return check.establishment.name


class RecallOut(Schema):
    id: int
    unit: int
    publication: str
    publisher: str
    decision_number: str
    issuer: str
    decided_on: date
    received_on: date
    reason: str
    sellers: int
    checked: int
    withdrawn: int

    @staticmethod
    def resolve_unit(recall):
        return recall.unit_id


class RecallDetailOut(RecallOut):
    checks: list[RecallCheckOut]

    @staticmethod
    def resolve_checks(recall):
        return list(recall.checks.select_related("establishment"))


class RecallIn(Schema):
    unit: Id
    publication: str
    publisher: str = ""
    decision_number: str
    issuer: str
    decided_on: date
    received_on: date
    reason: str = ""
    establishments: list[Id] = []


class CheckIn(Schema):
    result: str
    checked_on: date
    quantity: int = 0
    note: str = ""


@router.get("/inspections/recalls", response=list[RecallOut], auth=API_AUTH,
            summary="Quyết định thu hồi xuất bản phẩm trong phạm vi, với tiến độ kiểm tra")  # fmt: skip
@paginate(Pagination)
def list_recalls(request, unit: Id | None = None):
    return in_unit(queries.scoped_recalls(request.user), unit)


@router.get("/inspections/recalls/{pk}", response={200: RecallDetailOut, 403: Problem, 404: Problem},
            auth=API_AUTH, summary="Một quyết định thu hồi và kết quả kiểm tra từng cơ sở")  # fmt: skip
def get_recall(request, pk: Id):
    return Status(200, get_in_scope(queries.scoped_recalls(request.user), pk=pk))


@router.post("/inspections/recalls", response={201: RecallDetailOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Nhập quyết định thu hồi và các cơ sở cần kiểm tra")  # fmt: skip
@transaction.atomic
def create_recall(request, payload: RecallIn):
    from tttt.org.models import Unit

    data = payload.dict()
    unit, chosen = get_object_or_404(Unit, pk=data.pop("unit")), data.pop("establishments")
    recall = services.recall_create(user=request.user, recall=Recall(unit=unit, **data))
    if chosen:
        found = list(Establishment.objects.filter(pk__in=chosen).select_related("unit"))
        if len(found) != len(set(chosen)):
            raise refuse(
                CoreError.UNKNOWN_REFERENCE, "Không có cơ sở với mã đã gửi.", field="establishments"
            )
        services.recall_add_sellers(user=request.user, recall=recall, establishments=found)
    return Status(201, queries.scoped_recalls(request.user).get(pk=recall.pk))


@router.post("/inspections/recall-checks/{pk}",
             response={200: RecallCheckOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Ghi kết quả kiểm tra một cơ sở theo quyết định thu hồi")  # fmt: skip
def record_check(request, pk: Id, payload: CheckIn):
    row = get_in_scope(queries.scoped_recall_checks(request.user), pk=pk)
    return Status(200, services.recall_check(user=request.user, check=row, result=payload.result,
                                             on=payload.checked_on, quantity=payload.quantity, note=payload.note))  # fmt: skip
