"""Inspections API: rules in force, records (with autosave) and penalty decisions."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.establishments.models import BusinessType, Establishment
from tttt.org.apiauth import API_AUTH
from tttt.org.queries import get_in_scope, in_unit

from . import queries, services
from .models import Inspection, PenaltyDecision, Violation

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
