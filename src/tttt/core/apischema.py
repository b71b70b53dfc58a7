"""What every TTTT API answers when input is refused: a Vietnamese message and, for a form
of fields, the messages per field."""

from django.core.exceptions import ValidationError
from ninja import Schema


class Problem(Schema):
    detail: str
    errors: dict[str, list[str]] = {}


def problem(exc: ValidationError) -> dict:
    if hasattr(exc, "error_dict"):
        return {"detail": "Dữ liệu chưa hợp lệ.", "errors": exc.message_dict}
    return {"detail": " ".join(exc.messages), "errors": {}}
