"""Establishments API: register, certificates and statistics (scope-filtered)."""

from datetime import date
from decimal import Decimal

from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.core.indicators import all_indicators
from tttt.core.periods import parse_period
from tttt.org.apiauth import API_AUTH
from tttt.org.models import Unit
from tttt.org.queries import get_in_scope, in_unit, unit_in_scope, units_for_territory

from . import queries, services
from .models import BusinessType, Certificate, Establishment
from .views import licensed

router = Router(tags=["Cơ sở kinh doanh"])


class CertificateOut(Schema):
    id: int
    kind: str
    number: str
    issuer: str
    issued_on: date
    valid_until: date | None
    extended_until: date | None
    is_temporary: bool
    revoked_on: date | None
    suspended_from: date | None
    suspended_until: date | None


class EstablishmentOut(Schema):
    id: int
    business_type: str
    name: str
    owner_name: str
    registration_number: str
    address: str
    unit: int
    former_unit: int | None
    latitude: Decimal | None
    longitude: Decimal | None
    floor_area: Decimal | None
    machines: int | None
    rooms: int | None
    opening_hours: str
    principal: str
    is_mobile: bool
    status: str
    opened_on: date | None
    closed_on: date | None

    @staticmethod
    def resolve_business_type(e):
        return e.business_type.code

    @staticmethod
    def resolve_unit(e):
        return e.unit_id

    @staticmethod
    def resolve_former_unit(e):
        return e.former_unit_id


class EstablishmentDetailOut(EstablishmentOut):
    certificates: list[CertificateOut]

    @staticmethod
    def resolve_certificates(e):
        return list(e.certificates.all())


class EstablishmentIn(Schema):
    business_type: str
    name: str
    owner_kind: str = "person"
    owner_name: str
    owner_id_number: str = ""
    registration_number: str = ""
    address: str
    unit: Id
    latitude: Decimal | None = None
    longitude: Decimal | None = None
    floor_area: Decimal | None = None
    machines: int | None = None
    rooms: int | None = None
    opening_hours: str = ""
    principal: str = ""
    is_mobile: bool = False
    opened_on: date | None = None


class CertificateIn(Schema):
    kind: str
    number: str
    issuer: str
    issued_on: date
    valid_until: date | None = None
    is_temporary: bool = False


def _scoped(request, pk: int) -> Establishment:
    return get_in_scope(
        queries.scoped_establishments(request.user).select_related("business_type"), pk=pk
    )


@router.get("/establishments", response=list[EstablishmentOut], auth=API_AUTH,
            summary="Cơ sở kinh doanh trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_establishments(request, unit: Id | None = None, type: str = "", status: str = ""):
    qs = in_unit(queries.scoped_establishments(request.user), unit).select_related("business_type")
    if type:
        qs = qs.filter(business_type__code=type)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("name", "pk")


@router.get("/establishments/licensed", response=list[EstablishmentOut],
            summary="Danh sách công khai các cơ sở đang được cấp phép")  # fmt: skip
@paginate(Pagination)
def list_licensed(request, type: str = ""):
    qs = licensed().select_related("business_type").order_by("name", "pk")
    return qs.filter(business_type__code=type) if type else qs


@router.get("/establishments/{pk}", response={200: EstablishmentDetailOut, 403: Problem},
            auth=API_AUTH, summary="Chi tiết cơ sở và giấy phép")  # fmt: skip
def get_establishment(request, pk: Id):
    return Status(200, _scoped(request, pk))


@router.post("/establishments", response={201: EstablishmentDetailOut, 403: Problem, 422: Problem},
             auth=API_AUTH, summary="Thêm cơ sở")  # fmt: skip
def create_establishment(request, payload: EstablishmentIn):
    data = payload.dict()
    btype = BusinessType.objects.filter(code=data.pop("business_type")).first()
    unit = Unit.objects.filter(pk=data.pop("unit")).first()
    if btype is None or unit is None:
        field = "business_type" if btype is None else "unit"
        raise refuse(
            CoreError.UNKNOWN_REFERENCE, "Không có loại hình hoặc đơn vị này.", field=field
        )
    e = services.establishment_save(
        user=request.user, establishment=Establishment(business_type=btype, unit=unit, **data)
    )
    return Status(201, e)


@router.post("/establishments/{pk}/certificates",
             response={201: CertificateOut, 403: Problem, 422: Problem},
             auth=API_AUTH, summary="Cấp giấy phép, giấy chứng nhận")  # fmt: skip
def issue_certificate(request, pk: Id, payload: CertificateIn):
    e = _scoped(request, pk)
    c = services.certificate_issue(
        user=request.user, certificate=Certificate(establishment=e, **payload.dict())
    )
    return Status(201, c)


class EstablishmentsStatisticsOut(Schema):
    unit: int
    period: str
    figures: dict[str, int | float | None]


@router.get("/establishments-statistics", response={200: EstablishmentsStatisticsOut, 403: Problem, 422: Problem},
            auth=API_AUTH, summary="Chỉ tiêu cơ sở kinh doanh của một đơn vị trong một kỳ")  # fmt: skip
def statistics(request, unit: Id, period: str):
    u = unit_in_scope(request.user, "establishments.view_establishment", unit)
    p = parse_period(period)
    used = units_for_territory(u, p.end)
    figures = {
        ind.code: ind.compute(used, p)
        for ind in all_indicators()
        if ind.app_label in ("establishments", "inspections")
    }
    return Status(200, {"unit": u.pk, "period": str(p), "figures": figures})
