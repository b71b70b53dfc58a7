"""Refusals carry codes (the Saleor pattern, DESIGN.md).

Each app lists the reasons its services refuse an input in one enum, `<App>Error` in its
`errors.py`; every `ValidationError` a service raises carries one of them as its `code`,
beside the Vietnamese message a person reads. The API's problem body gives both, so a
client (and a test) branches on the code, never on the wording. Django's own field
checks keep Django's codes (`required`, `invalid`, `max_length`, `unique`…).
"""

from enum import StrEnum

from django.core.exceptions import NON_FIELD_ERRORS, ValidationError


class CoreError(StrEnum):
    """Refusals that are not one app's: the HTTP-level answers and shared checks."""

    INVALID = "invalid"  # several problems at once: see each field's code
    NOT_AUTHENTICATED = "not_authenticated"
    PERMISSION_DENIED = "permission_denied"
    NOT_FOUND = "not_found"
    CONFLICT = "conflict"  # the record changed since the form was read
    RATE_LIMITED = "rate_limited"
    OUT_OF_RANGE = "out_of_range"  # a number the database cannot hold
    FILE_TYPE = "file_type"
    FILE_CONTENT = "file_content"  # the file's bytes are not what its name says
    FILE_TOO_LARGE = "file_too_large"
    DUPLICATE = "duplicate"
    PROTECTED = "protected"  # still referred to by other records
    UNKNOWN_REFERENCE = "unknown_reference"  # an id or code that names nothing
    BAD_PERIOD = "bad_period"  # a period that cannot be read ("2019-Q3", "2026")
    STORAGE_UNAVAILABLE = "storage_unavailable"  # the disk is full or read-only (HTTP 503)


def refuse(code: StrEnum, message, *, field: str | None = None) -> ValidationError:
    """A refusal with its code, on `field` when the problem is one field's."""
    error = ValidationError(message, code=code)
    return ValidationError({field: error}) if field else error


class Conflict(ValidationError):
    """The record changed on another device since this one read it (HTTP 409)."""

    def __init__(self, message):
        super().__init__(message, code=CoreError.CONFLICT)


class RateLimited(ValidationError):
    """Too many requests from one address in a short time (HTTP 429)."""

    def __init__(self, message):
        super().__init__(message, code=CoreError.RATE_LIMITED)


class StorageUnavailable(ValidationError):
    """A file could not be written (disk full, read-only): nothing was saved (HTTP 503)."""

    def __init__(self, message):
        error = ValidationError(message, code=CoreError.STORAGE_UNAVAILABLE)
        super().__init__({NON_FIELD_ERRORS: [error]})


def problems(exc: ValidationError) -> list[dict]:
    """Each problem of a refusal as {field, code, message}; field "" for the whole input."""
    if hasattr(exc, "error_dict"):
        pairs = [
            ("" if field == NON_FIELD_ERRORS else field, error)
            for field, errors in exc.error_dict.items()
            for error in errors
        ]
    else:
        pairs = [("", error) for error in exc.error_list]
    return [
        {"field": field, "code": str(error.code or CoreError.INVALID), "message": message}
        for field, error in pairs
        for message in error.messages
    ]
