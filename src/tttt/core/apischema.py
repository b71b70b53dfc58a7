"""What every TTTT API answers when input is refused: a Vietnamese message and, for a form
of fields, the messages per field."""

from typing import Annotated

from django.core.exceptions import ValidationError
from ninja import Field, NinjaAPI, Schema
from ninja.pagination import LimitOffsetPagination

from tttt.core.errors import CoreError, problems

# The largest id or offset a database integer holds: a larger number is refused (422) as
# input, never passed on to the database (SQLite overflows, PostgreSQL refuses: a 500).
MAX_INT = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_INT)]  # a record's or unit's id in a path or a query


class FieldProblem(Schema):
    field: str = Field(..., description="Trường dữ liệu có vấn đề; rỗng khi là cả yêu cầu.")
    code: str = Field(..., description="Mã lỗi (ổn định, dùng để xử lý tự động).")
    message: str = Field(..., description="Thông báo tiếng Việt cho người dùng.")


class Problem(Schema):
    code: str = Field(..., description="Mã lỗi; `invalid` khi có nhiều vấn đề (xem `errors`).")
    detail: str = Field(..., description="Thông báo tiếng Việt.")
    errors: list[FieldProblem] = []


def problem(exc: ValidationError) -> dict:
    """The problem body of a refusal: every problem with its code, all at once."""
    found = problems(exc)
    codes = {p["code"] for p in found}
    code = codes.pop() if len(codes) == 1 else CoreError.INVALID
    messages = " ".join(p["message"] for p in found)
    detail = messages if len(found) == 1 else f"Dữ liệu chưa hợp lệ: {messages}"
    return {"code": code, "detail": detail, "errors": found}


class Pagination(LimitOffsetPagination):
    """Every list's `limit` and `offset`, bounded: a page of 1 to 1.000, an offset a
    database can hold."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="Số bản ghi mỗi trang (1–1.000).")
        offset: int = Field(0, ge=0, le=MAX_INT, description="Bỏ qua bao nhiêu bản ghi.")


# What each kind of input problem says (pydantic's error types; its messages are English).
_INPUT_MESSAGES = {
    "missing": "Thiếu giá trị bắt buộc.",
    "int_parsing": "Phải là một số nguyên.",
    "int_type": "Phải là một số nguyên.",
    "int_from_float": "Phải là một số nguyên.",
    "float_parsing": "Phải là một số.",
    "float_type": "Phải là một số.",
    "decimal_parsing": "Phải là một số.",
    "bool_parsing": "Phải là true hoặc false.",
    "bool_type": "Phải là true hoặc false.",
    "string_type": "Phải là một chuỗi ký tự.",
    "date_from_datetime_parsing": "Phải là một ngày dạng YYYY-MM-DD.",
    "date_parsing": "Phải là một ngày dạng YYYY-MM-DD.",
    "date_type": "Phải là một ngày dạng YYYY-MM-DD.",
    "datetime_from_date_parsing": "Phải là thời điểm dạng YYYY-MM-DDTHH:MM.",
    "datetime_parsing": "Phải là thời điểm dạng YYYY-MM-DDTHH:MM.",
    "datetime_type": "Phải là thời điểm dạng YYYY-MM-DDTHH:MM.",
    "list_type": "Phải là một danh sách.",
    "dict_type": "Phải là một đối tượng JSON.",
    "model_attributes_type": "Phải là một đối tượng JSON.",
    "json_invalid": "Nội dung gửi lên không phải JSON hợp lệ.",
    "enum": "Không phải một giá trị được phép ({expected}).",
    "literal_error": "Không phải một giá trị được phép ({expected}).",
    "greater_than_equal": "Phải từ {ge} trở lên.",
    "greater_than": "Phải lớn hơn {gt}.",
    "less_than_equal": "Không được lớn hơn {le}.",
    "less_than": "Phải nhỏ hơn {lt}.",
    "string_too_long": "Dài quá {max_length} ký tự.",
    "string_too_short": "Cần ít nhất {min_length} ký tự.",
    "too_long": "Nhiều quá {max_length} phần tử.",
    "decimal_max_digits": "Có quá nhiều chữ số.",
    "decimal_max_places": "Có quá nhiều chữ số thập phân.",
}
_WHERE = {"body", "query", "path", "header", "cookie", "form", "file", "payload"}


def input_problems(errors: list[dict]) -> list[dict]:
    """django-ninja's validation errors as TTTT's field problems, in Vietnamese; the code
    is pydantic's error type (`missing`, `int_parsing`, `less_than_equal`…)."""
    found = []
    for error in errors:
        where = [str(part) for part in error.get("loc", ()) if part not in _WHERE]
        kind = error.get("type", "value_error")
        template = _INPUT_MESSAGES.get(kind, "Giá trị không hợp lệ.")
        try:
            message = template.format(**(error.get("ctx") or {}))
        except (KeyError, IndexError):
            message = "Giá trị không hợp lệ."
        found.append({"field": ".".join(where), "code": kind, "message": message})
    return found


class DocumentedAPI(NinjaAPI):
    """A NinjaAPI whose schema documents the problems every operation may answer: 422 for
    any input, 401 and 403 where a key or session is needed, 404 where the request names
    a record or a unit — each with the problem body the exception handlers give."""

    def get_openapi_schema(self, *, path_prefix=None, path_params=None):
        schema = super().get_openapi_schema(path_prefix=path_prefix, path_params=path_params)
        ref = {
            "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Problem"}}}
        }
        descriptions = {401: "Chưa đăng nhập", 403: "Ngoài phạm vi hoặc không có quyền",
                        404: "Không tìm thấy", 422: "Dữ liệu chưa hợp lệ"}  # fmt: skip
        for operations in schema["paths"].values():
            for operation in operations.values():
                statuses = [422]
                if operation.get("security"):
                    statuses += [401, 403]
                if operation.get("parameters") or operation.get("requestBody"):
                    statuses.append(404)  # an id or a unit named in the path, query or body
                responses = operation.setdefault("responses", {})
                for status in statuses:
                    responses.setdefault(status, {"description": descriptions[status], **ref})
        schema.setdefault("components", {}).setdefault("schemas", {})
        schema["components"]["schemas"].setdefault("Problem", Problem.model_json_schema(
            ref_template="#/components/schemas/{model}"))  # fmt: skip
        return schema
