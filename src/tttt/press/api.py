"""Press API: issues raised by the press registered, listed, read and answered in scope;
the spokespeople and public statements of the units in scope."""

from datetime import date

from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.org.apiauth import API_AUTH
from tttt.org.models import Unit
from tttt.org.queries import get_in_scope, in_unit

from . import queries, services
from .models import PressIssue

router = Router(tags=["Báo chí, phát ngôn"])


class IssueOut(Schema):
    id: int
    unit: int
    outlet: str
    title: str
    url: str
    published_on: date
    topic: str
    concerned: int | None
    summary: str
    state: str
    task: int | None
    deadline: date | None
    response: str
    responded_on: date | None
    response_published: bool
    response_url: str

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_concerned(obj):
        return obj.concerned_id

    @staticmethod
    def resolve_task(obj):
        return obj.task_id

    @staticmethod
    def resolve_deadline(obj):
        return obj.task.deadline if obj.task_id else None


class IssueIn(Schema):
    unit: Id
    outlet: str
    title: str
    url: str = ""
    published_on: date
    topic: str
    concerned: Id | None = None
    summary: str


class ResponseIn(Schema):
    response: str
    responded_on: date
    published: bool = False
    url: str = ""


class SpokespersonOut(Schema):
    id: int
    unit: int
    name: str
    position: str
    role: str
    phone: str
    email: str
    valid_from: date
    valid_to: date | None

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id


class StatementOut(Schema):
    id: int
    unit: int
    kind: str
    given_on: date
    title: str
    content: str
    spokesperson: int | None
    issue: int | None
    outlets: str
    is_public: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_spokesperson(obj):
        return obj.spokesperson_id

    @staticmethod
    def resolve_issue(obj):
        return obj.issue_id


@router.get("/press/issues", response=list[IssueOut], auth=API_AUTH,
            summary="Vấn đề báo chí nêu trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_issues(request, unit: Id | None = None):
    return in_unit(queries.scoped_issues(request.user), unit)


@router.get("/press/issues/{pk}", response={200: IssueOut, 403: Problem, 404: Problem},
            auth=API_AUTH, summary="Một vấn đề báo nêu, với nhiệm vụ xử lý và trả lời")  # fmt: skip
def get_issue(request, pk: Id):
    return Status(200, get_in_scope(queries.scoped_issues(request.user), pk=pk))


@router.post("/press/issues", response={201: IssueOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Ghi nhận vấn đề báo chí nêu")  # fmt: skip
def register_issue(request, payload: IssueIn):
    data = payload.dict()
    unit = get_object_or_404(Unit, pk=data.pop("unit"))
    concerned_pk = data.pop("concerned")
    concerned = get_object_or_404(Unit, pk=concerned_pk) if concerned_pk else None
    issue = services.issue_save(
        user=request.user, issue=PressIssue(unit=unit, concerned=concerned, **data)
    )
    return Status(201, issue)


@router.post("/press/issues/{pk}/response", response={200: IssueOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Trả lời vấn đề báo nêu")  # fmt: skip
def respond(request, pk: Id, payload: ResponseIn):
    issue = get_in_scope(queries.scoped_issues(request.user), pk=pk)
    issue = services.issue_respond(user=request.user, issue=issue, response=payload.response,
                                   on=payload.responded_on, published=payload.published, url=payload.url)  # fmt: skip
    return Status(200, issue)


@router.get("/press/spokespeople", response=list[SpokespersonOut], auth=API_AUTH,
            summary="Người phát ngôn của các đơn vị trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_spokespeople(request, unit: Id | None = None):
    return in_unit(queries.scoped_spokespeople(request.user), unit)


@router.get("/press/statements", response=list[StatementOut], auth=API_AUTH,
            summary="Phát ngôn, họp báo trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_statements(request, unit: Id | None = None):
    return in_unit(queries.scoped_statements(request.user), unit)


@router.get("/press/statements/{pk}", response={200: StatementOut, 403: Problem, 404: Problem},
            auth=API_AUTH, summary="Một lần phát ngôn, họp báo")  # fmt: skip
def get_statement(request, pk: Id):
    return Status(200, get_in_scope(queries.scoped_statements(request.user), pk=pk))
