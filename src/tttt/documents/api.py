"""Registers API: a provincial document exchange (or any system with a token) lists and
fetches the documents of the registers in its scope, downloads their files, and sends an
incoming document (with its PDF, whose signatures are verified on receipt). Scoped like
every module; the same services as the back office."""

from datetime import date, datetime

from django.core.exceptions import ObjectDoesNotExist
from django.http import FileResponse, Http404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from tttt.core.apischema import Id, Pagination, Problem
from tttt.core.errors import CoreError, refuse
from tttt.org.apiauth import API_AUTH
from tttt.org.queries import get_in_scope, in_unit

from . import queries, services
from .models import Document, DocumentKind

router = Router(tags=["Văn bản đến, văn bản đi"])


class RegisterOut(Schema):
    id: int
    unit: int
    direction: str
    name: str
    symbol: str
    is_active: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id


class DocumentOut(Schema):
    id: int
    unit: int
    register_id: int
    direction: str
    year: int
    registry_number: int | None
    status: str
    kind: str
    number_symbol: str
    issuer: str
    issued_on: date | None
    received_at: datetime | None
    excerpt: str
    urgency: str
    secrecy: str
    medium: str
    signer_name: str
    is_signed: bool
    signature: str
    signature_report: dict
    handling: str
    has_file: bool

    @staticmethod
    def resolve_unit(obj):
        return obj.unit_id

    @staticmethod
    def resolve_kind(obj):
        return obj.kind.name

    @staticmethod
    def resolve_handling(obj):
        return obj.handling_state()

    @staticmethod
    def resolve_has_file(obj):
        return bool(obj.file)


class IncomingIn(Schema):
    register_id: Id
    kind: str
    number_symbol: str = ""
    issuer: str
    issued_on: date | None = None
    received_at: datetime | None = None
    excerpt: str
    urgency: Document.Urgency = Document.Urgency.NORMAL
    secrecy: Document.Secrecy = Document.Secrecy.NORMAL
    medium: Document.Medium = Document.Medium.ELECTRONIC


@router.get("/document-registers", response=list[RegisterOut], auth=API_AUTH,
            summary="Sổ văn bản trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_registers(request, unit: Id | None = None):
    return (
        in_unit(queries.scoped_registers(request.user), unit).select_related("unit").order_by("pk")
    )


@router.get("/documents", response=list[DocumentOut], auth=API_AUTH,
            summary="Văn bản đến, văn bản đi trong phạm vi")  # fmt: skip
@paginate(Pagination)
def list_documents(
    request, direction: str = "", unit: Id | None = None, year: int | None = None, q: str = ""
):
    qs = in_unit(queries.scoped_documents(request.user), unit).select_related("kind", "task")
    if direction in ("in", "out"):
        qs = qs.filter(direction=direction)
    if year:
        qs = qs.filter(year=year)
    return queries.search(qs, q).order_by("pk")


@router.get("/documents/{pk}", response={200: DocumentOut, 403: Problem, 404: Problem}, auth=API_AUTH,
            summary="Một văn bản")  # fmt: skip
def get_document(request, pk: Id):
    return Status(
        200,
        get_in_scope(queries.scoped_documents(request.user).select_related("kind", "task"), pk=pk),
    )


@router.get("/documents/{pk}/file", response={403: Problem, 404: Problem}, auth=API_AUTH,
            summary="Tệp của một văn bản (bản đã ký số với văn bản đi)")  # fmt: skip
def get_file(request, pk: Id):
    document = get_in_scope(queries.scoped_documents(request.user), pk=pk)
    if not document.file:
        raise Http404("Văn bản này không có tệp.")
    return FileResponse(document.file.open("rb"), filename=document.file.name.rsplit("/", 1)[-1])


@router.post("/incoming-documents", response={201: DocumentOut, 403: Problem, 404: Problem, 422: Problem},
             auth=API_AUTH, summary="Gửi đến một văn bản (vào sổ văn bản đến, kiểm tra chữ ký số)")  # fmt: skip
def send_incoming(request, payload: Form[IncomingIn], file: File[UploadedFile] = None):
    register = get_in_scope(queries.scoped_registers(request.user), pk=payload.register_id)
    try:
        kind = DocumentKind.objects.get(name=payload.kind)
    except ObjectDoesNotExist as exc:
        raise refuse(CoreError.UNKNOWN_REFERENCE, "Không có loại văn bản này (xem Văn bản → Loại văn bản).",
                     field="kind") from exc  # fmt: skip
    data = payload.dict(exclude={"register_id", "kind"})
    document = Document(register=register, kind=kind, **data)
    return Status(201, services.incoming_receive(user=request.user, document=document, upload=file))
