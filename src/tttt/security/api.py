"""Information security API: a monitoring system or an operator (any account with a key
and the right to report in its unit) reports an incident, which then owes the notices the
rules in force set and has its response steps, as when staff report it in the back office;
the incidents in scope are listed and read with their notices. Scoped like every module."""

from datetime import datetime

from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.org.apiauth import API_AUTH
from tttt.org.models import Unit
from tttt.org.queries import get_in_scope, in_unit

from . import queries, services
from .models import Incident, InformationSystem

router = Router(tags=["An toàn thông tin"])


class NoticeOut(Schema):
    rule: str
    name: str
    recipient: str
    due_at: datetime
    sent_at: datetime | None
    sent_to: str
    reference: str

    @staticmethod
    def resolve_rule(obj):
        return obj.rule.code

    @staticmethod
    def resolve_name(obj):
        return obj.rule.name

    @staticmethod
    def resolve_recipient(obj):
        return obj.rule.recipient


class IncidentOut(Schema):
    id: int
    unit: int
    system: int | None
    title: str
    description: str
    source: str
    kind: str
    severity: int
    personal_data: bool
    status: str
    detected_at: datetime
    reported_at: datetime
    responded_at: datetime | None
    escalated_to: int | None
    closed_at: datetime | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_system(obj):
        return obj.system_id

    @staticmethod
    def resolve_escalated_to(obj):
        return obj.escalated_to_id


class IncidentDetailOut(IncidentOut):
    notices: list[NoticeOut]

    @staticmethod
    def resolve_notices(obj):
        return list(queries.notices_of(obj))


class IncidentIn(Schema):
    unit: Id
    system: Id | None = None
    title: str
    description: str = ""
    source: Incident.Source = Incident.Source.MONITORING
    kind: Incident.Kind
    severity: Incident.Severity
    personal_data: bool = False
    detected_at: datetime


@router.get("/security/incidents", response=list[IncidentOut], auth=API_AUTH,
            summary="Sự cố an toàn thông tin trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_incidents(request, unit: Id | None = None, state: str = ""):
    qs = in_unit(queries.scoped_incidents(request.user), unit)
    return queries.incidents_in_state(qs, state).order_by("-detected_at", "-pk")


@router.get("/security/incidents/{pk}", response={200: IncidentDetailOut, 403: Problem, 404: Problem},
            auth=API_AUTH, summary="Một sự cố, với các thông báo, báo cáo phải gửi")  # fmt: skip
def get_incident(request, pk: Id):
    return Status(200, get_in_scope(queries.scoped_incidents(request.user), pk=pk))


@router.post("/security/incidents", response={201: IncidentDetailOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Báo cáo sự cố (hệ thống giám sát, đơn vị vận hành)")  # fmt: skip
def report_incident(request, payload: IncidentIn):
    unit = get_object_or_404(Unit, pk=payload.unit)
    system = get_object_or_404(InformationSystem, pk=payload.system) if payload.system else None
    data = payload.dict(exclude={"unit", "system"})
    if timezone.is_naive(data["detected_at"]):  # a time without its offset is Vietnam's
        data["detected_at"] = timezone.make_aware(data["detected_at"])
    incident = services.incident_report(user=request.user,
                                        incident=Incident(unit=unit, system=system, **data))  # fmt: skip
    return Status(201, incident)
