"""What every TTTT API answers when input is refused: a Vietnamese message and, for a form
of fields, the messages per field."""

from typing import Annotated

from django.core.exceptions import ValidationError
from ninja import Field, Schema
from ninja.pagination import LimitOffsetPagination

# The largest id or offset a database integer holds: a larger number is refused (422) as
# input, never passed on to the database (SQLite overflows, PostgreSQL refuses: a 500).
MAX_INT = 2**31 - 1
Id = Annotated[int, Field(ge=1, le=MAX_INT)]  # a record's or unit's id in a path or a query


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def problem(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {"detail": "Dữ liệu chưa hợp lệ.", "errors": exc.message_dict}
    return {"detail": " ".join(exc.messages), "errors": {}}


class Pagination(LimitOffsetPagination):
    """Every list's `limit` and `offset`, bounded: a page of 1 to 1.000, an offset a
    database can hold."""

    class Input(Schema):
        limit: int = Field(100, ge=1, le=1000, description="Số bản ghi mỗi trang (1–1.000).")
        offset: int = Field(0, ge=0, le=MAX_INT, description="Bỏ qua bao nhiêu bản ghi.")
