from django.core.exceptions import PermissionDenied, ValidationError
from django.db import DataError
from django.http import Http404
from ninja.errors import AuthenticationError
from ninja.errors import ValidationError as InputError

from tttt.core.apischema import DocumentedAPI, input_problems, problem
from tttt.core.errors import Conflict, CoreError, RateLimited, StorageUnavailable
from tttt.documents.api import router as documents_router
from tttt.establishments.api import router as establishments_router
from tttt.infra.api import router as infra_router
from tttt.inspections.api import router as inspections_router
from tttt.onestop.api import router as onestop_router
from tttt.org.api import router as org_router
from tttt.press.api import router as press_router
from tttt.reporting.api import router as reporting_router
from tttt.security.api import router as security_router

api = DocumentedAPI(
    title="TTTT API",
    version="1",
    description="API của TTTT. Dữ liệu đơn vị hành chính công khai; các API nghiệp vụ lọc theo phạm vi người dùng.",
    urls_namespace="api-v1",
)
api.add_router("/", org_router)
api.add_router("/", onestop_router)
api.add_router("/", establishments_router)
api.add_router("/", inspections_router)
api.add_router("/", infra_router)
api.add_router("/", documents_router)
api.add_router("/", reporting_router)
api.add_router("/", security_router)
api.add_router("/", press_router)


def _answer(request, status: int, code: CoreError, detail: str, errors=()):
    body = {"code": code, "detail": detail, "errors": list(errors)}
    return api.create_response(request, body, status=status)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    from tttt.org.auth import log_event
    from tttt.org.models import SecurityEvent

    log_event(SecurityEvent.Kind.PERMISSION_DENIED, request=request, reason=str(exc))
    detail = str(exc) or "Bạn không có quyền thực hiện việc này."
    return _answer(request, 403, CoreError.PERMISSION_DENIED, detail)


@api.exception_handler(AuthenticationError)
def not_authenticated(request, exc):
    detail = "Hãy đăng nhập, hoặc gửi khóa API trong tiêu đề Authorization: Bearer <khóa>."
    return _answer(request, 401, CoreError.NOT_AUTHENTICATED, detail)


@api.exception_handler(Http404)
def not_found(request, exc):
    text = str(exc)  # ours are Vietnamese; Django's own ("No Dossier matches…") are not
    detail = text if any(ord(c) > 127 for c in text) else "Không tìm thấy bản ghi này."
    return _answer(request, 404, CoreError.NOT_FOUND, detail)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request, exc):
    """A number the database cannot hold, should one reach it past the input's bounds."""
    detail = "Có giá trị số nằm ngoài khoảng cho phép; hãy kiểm tra lại."
    return _answer(request, 422, CoreError.OUT_OF_RANGE, detail)


@api.exception_handler(ValidationError)
def refused(request, exc):
    """A refusal, with its codes: 409 for a conflict, 429 for too many requests, 503 when a
    file could not be written, else 422."""
    statuses = {Conflict: 409, RateLimited: 429, StorageUnavailable: 503}
    status = next((code for kind, code in statuses.items() if isinstance(exc, kind)), 422)
    return api.create_response(request, problem(exc), status=status)


@api.exception_handler(InputError)
def input_refused(request, exc):
    """The request's shape (types, bounds, missing fields): every problem, in Vietnamese."""
    return _answer(
        request, 422, CoreError.INVALID, "Dữ liệu chưa hợp lệ.", input_problems(exc.errors)
    )
