"""Infrastructure registries API: every registry listed and read within the user's scope;
records added and changed through the same services as the back office."""

from datetime import date

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from ninja import Router, Schema, Status
from ninja.orm import create_schema
from ninja.pagination import paginate
from pydantic import ConfigDict

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.core.indicators import all_indicators
from tttt.core.periods import parse_period
from tttt.core.text import fold
from tttt.org.apiauth import API_AUTH
from tttt.org.queries import get_in_scope, in_unit, unit_in_scope, units_for_territory

from . import queries, services
from .models import (
    BtsStation,
    DigitalCertificate,
    EmailAccounts,
    EmailSurvey,
    PostalPoint,
    PostalPointStatus,
    RadioOutput,
    RadioStation,
    SpeakerCluster,
    UndergroundingExtension,
    UndergroundingProgress,
    UndergroundingProject,
)

router = Router(tags=["Hạ tầng TT&TT"])
NOT_IN_SCOPE = "Bản ghi này nằm ngoài phạm vi được giao cho bạn."


class _InBase(Schema):
    """Input names a foreign key like the output does ("unit"); "unit_id" is accepted too."""

    model_config = ConfigDict(populate_by_name=True)


def _fk_names(model) -> set[str]:
    return {f.name for f in model._meta.concrete_fields if isinstance(f, models.ForeignKey)}


def _build(model, data: dict, instance=None):
    """A model instance from a payload: foreign keys by id, many-to-many kept apart."""
    m2m_names = {f.name for f in model._meta.many_to_many}
    m2m = {k: data.pop(k) for k in list(data) if k in m2m_names and data[k] is not None}
    data = {k: v for k, v in data.items() if k not in m2m_names}
    fks = _fk_names(model)
    instance = instance or model()
    for key, value in data.items():
        if value is None and not model._meta.get_field(key).null:
            continue  # left out: the field's default (a new record) or its value (a change)
        setattr(instance, f"{key}_id" if key in fks else key, value)
    return instance, m2m


def _registry(path: str, model, *, title: str, scope_field: str = "unit", write: list[str],
              save=None, filters=(), changeable=None):  # fmt: skip
    """List, detail, create and (for records, not history rows) change endpoints; a model
    with a service of its own (`save`) is changeable only when it says so."""
    changeable = save is None if changeable is None else changeable
    hidden = ["search_name"] if hasattr(model, "search_name") else []
    Out = create_schema(model, name=f"{model.__name__}Out", exclude=hidden)
    many = [f.name for f in model._meta.many_to_many if f.name in write]  # ids, checked as such
    In = create_schema(model, name=f"{model.__name__}In", base_class=_InBase,
                       fields=[f for f in write if f not in many],
                       custom_fields=[(name, list[Id] | None, None) for name in many],
                       optional_fields=[f for f in write if f not in many and (model._meta.get_field(f).blank
                                        or model._meta.get_field(f).has_default())])  # fmt: skip

    def scoped_one(request, pk, action="view"):
        meta = model._meta
        return get_in_scope(queries.scoped(model, request.user, unit_field=scope_field,
                                           perm=f"{meta.app_label}.{action}_{meta.model_name}"), pk=pk)  # fmt: skip

    @router.get(f"/{path}", response=list[Out], auth=API_AUTH, summary=f"{title}: danh sách trong phạm vi",
                operation_id=f"infra_list_{model._meta.model_name}")  # fmt: skip
    @paginate(Pagination)
    def list_records(request, unit: Id | None = None, q: str = "", status: str = ""):
        qs = queries.scoped(model, request.user, unit_field=scope_field)
        qs = in_unit(qs, unit, scope_field)
        if q and hasattr(model, "search_name"):
            qs = qs.filter(search_name__contains=fold(q))
        if status and "status" in filters:
            qs = qs.filter(status=status)
        return qs.order_by("pk")

    @router.get(f"/{path}/{{pk}}", response={200: Out, 403: Problem, 404: Problem}, auth=API_AUTH,
                summary=f"{title}: chi tiết", operation_id=f"infra_get_{model._meta.model_name}")  # fmt: skip
    def get_record(request, pk: Id):
        return Status(200, scoped_one(request, pk))

    def _save(request, obj, m2m):
        status = 201 if obj.pk is None else 200
        if save is None:
            return Status(status, services.record_save(user=request.user, record=obj, m2m=m2m))
        return Status(status, save(request.user, obj))

    @router.post(f"/{path}", response={201: Out, 403: Problem, 422: Problem}, auth=API_AUTH,
                 summary=f"{title}: thêm", operation_id=f"infra_add_{model._meta.model_name}")  # fmt: skip
    def add_record(request, payload: In):
        try:
            obj, m2m = _build(model, payload.dict())
            for name in _fk_names(model) & set(write):  # a missing parent is a 422, not a 500
                getattr(obj, name)
        except ObjectDoesNotExist as exc:
            raise refuse(
                CoreError.UNKNOWN_REFERENCE, "Không có bản ghi hoặc đơn vị được tham chiếu."
            ) from exc
        return _save(request, obj, m2m)

    if changeable:  # history rows are added, never changed

        @router.put(f"/{path}/{{pk}}", response={200: Out, 403: Problem, 422: Problem},
                    auth=API_AUTH, summary=f"{title}: sửa",
                    operation_id=f"infra_change_{model._meta.model_name}")  # fmt: skip
        def change_record(request, pk: Id, payload: In):
            obj = scoped_one(request, pk, "change")
            try:
                obj, m2m = _build(model, payload.dict(), instance=obj)
                for name in _fk_names(model) & set(write):  # a missing unit or parent is a 422
                    getattr(obj, name)
            except ObjectDoesNotExist as exc:
                raise refuse(
                    CoreError.UNKNOWN_REFERENCE, "Không có bản ghi hoặc đơn vị được tham chiếu."
                ) from exc
            return _save(request, obj, m2m)


_registry("bts-stations", BtsStation, title="Trạm BTS", filters=("status",), write=[
    "operator", "code", "name", "address", "unit", "former_unit", "latitude", "longitude",
    "has_2g", "has_3g", "has_4g", "has_5g", "height_m", "mast", "permit_number", "permit_date",
    "shared_with", "status", "commissioned_on", "stopped_on", "note"])  # fmt: skip
_registry("undergrounding-projects", UndergroundingProject, title="Tuyến ngầm hóa cáp",
          filters=("status",), write=[
    "name", "section", "unit", "former_unit", "operators", "length_m", "decision_number",
    "decided_on", "original_deadline", "status", "note"])  # fmt: skip
_registry("undergrounding-extensions", UndergroundingExtension, title="Gia hạn ngầm hóa",
          scope_field="project__unit",
          write=["project", "decision_number", "decided_on", "new_deadline", "reason"],
          save=lambda user, obj: services.project_extend(user=user, extension=obj))  # fmt: skip
_registry("undergrounding-progress", UndergroundingProgress, title="Tiến độ ngầm hóa",
          scope_field="project__unit", write=["project", "on", "percent", "note"],
          save=lambda user, obj: services.project_progress(user=user, report=obj))  # fmt: skip
_registry("postal-points", PostalPoint, title="Điểm bưu điện văn hóa xã", filters=("status",),
          write=["name", "address", "unit", "former_unit", "operator", "opened_on", "staff",
                 "has_internet", "note"])  # fmt: skip
_registry("postal-point-statuses", PostalPointStatus, title="Trạng thái điểm bưu điện",
          scope_field="point__unit", write=["point", "status", "since", "reason"],
          save=lambda user, obj: services.postal_status(user=user, change=obj))  # fmt: skip
_registry("radio-stations", RadioStation, title="Đài truyền thanh", filters=("status",), write=[
    "name", "unit", "former_unit", "technology", "status", "frequency_mhz", "speaker_clusters",
    "staff", "monthly_allowance", "established_on", "note"])  # fmt: skip
_registry("radio-outputs", RadioOutput, title="Nhật ký sản xuất chương trình",
          scope_field="station__unit",
          write=["station", "period_start", "period_end", *RadioOutput.FIGURES],
          save=lambda user, obj: services.output_save(user=user, output=obj))  # fmt: skip
_registry("speaker-clusters", SpeakerCluster, title="Cụm loa (truyền thanh IP)", scope_field="station__unit",
          filters=("status",), write=["station", "name", "location", "status", "installed_on", "last_seen_at", "note"],
          save=lambda user, obj: services.cluster_save(user=user, cluster=obj), changeable=True)  # fmt: skip
_registry("digital-certificates", DigitalCertificate, title="Chứng thư số", write=[
    "holder_name", "holder_position", "unit", "kind", "serial", "issuer", "issued_on",
    "expires_on", "received_on", "revoked_on", "revoke_reason", "note"])  # fmt: skip
_registry(
    "email-accounts",
    EmailAccounts,
    title="Hộp thư công vụ",
    write=["unit", "on", "accounts", "active_accounts", "note"],
)
_registry(
    "email-surveys",
    EmailSurvey,
    title="Khảo sát thư điện tử",
    write=["unit", "surveyed_on", "respondents", "proficient", "regular", "note"],
)


class ExpiringOut(Schema):
    id: int
    serial: str
    holder_name: str
    unit: int
    expires_on: date


@router.get("/digital-certificates-expiring", response=list[ExpiringOut], auth=API_AUTH,
            summary="Chứng thư số còn hiệu lực sắp hết hạn")  # fmt: skip
@paginate(Pagination)
def expiring(request, days: int = 30):
    qs = queries.expiring(queries.scoped(DigitalCertificate, request.user), max(0, min(days, 366)))
    return [{"id": c.pk, "serial": c.serial, "holder_name": c.holder_name, "unit": c.unit_id,
             "expires_on": c.expires_on} for c in qs]  # fmt: skip


class InfraStatisticsOut(Schema):
    unit: int
    period: str
    figures: dict[str, int | float | None]


@router.get("/infra-statistics", response={200: InfraStatisticsOut, 403: Problem, 422: Problem},
            auth=API_AUTH, summary="Chỉ tiêu hạ tầng của một đơn vị trong một kỳ")  # fmt: skip
def statistics(request, unit: Id, period: str):
    u = unit_in_scope(request.user, "infra.view_btsstation", unit)
    p = parse_period(period)
    used = units_for_territory(u, p.end)
    figures = {
        ind.code: ind.compute(used, p) for ind in all_indicators() if ind.app_label == "infra"
    }
    return Status(200, {"unit": u.pk, "period": str(p), "figures": figures})
