from django.core.exceptions import PermissionDenied
from django.db import DataError
from django.http import Http404
from ninja import NinjaAPI

from tttt.establishments.api import router as establishments_router
from tttt.infra.api import router as infra_router
from tttt.inspections.api import router as inspections_router
from tttt.onestop.api import router as onestop_router
from tttt.org.api import router as org_router
from tttt.reporting.api import router as reporting_router

api = NinjaAPI(
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
api.add_router("/", reporting_router)


@api.exception_handler(PermissionDenied)
def permission_denied(request, exc):
    from tttt.org.auth import log_event
    from tttt.org.models import SecurityEvent

    log_event(SecurityEvent.Kind.PERMISSION_DENIED, request=request, reason=str(exc))
    return api.create_response(
        request, {"detail": str(exc) or "Bạn không có quyền thực hiện việc này."}, status=403
    )


@api.exception_handler(Http404)
def not_found(request, exc):
    text = str(exc)  # ours are Vietnamese; Django's own ("No Dossier matches…") are not
    detail = text if any(ord(c) > 127 for c in text) else "Không tìm thấy bản ghi này."
    return api.create_response(request, {"detail": detail}, status=404)


@api.exception_handler(DataError)
@api.exception_handler(OverflowError)
def out_of_range(request, exc):
    """A number the database cannot hold, should one reach it past the input's bounds."""
    return api.create_response(
        request,
        {"detail": "Có giá trị số nằm ngoài khoảng cho phép; hãy kiểm tra lại."},
        status=422,
    )
