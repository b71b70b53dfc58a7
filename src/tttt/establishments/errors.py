"""Why the registers of businesses refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class EstablishmentsError(StrEnum):
    EXTENDED_ALREADY = "extended_already"  # a certificate is extended once (Decree 147/2024)
    EXTENSION_NOT_LATER = "extension_not_later"
    EXTENSION_TOO_LONG = "extension_too_long"  # at most two years
    REASON_MISSING = "reason_missing"
    END_BEFORE_START = "end_before_start"
    REVOKED_ALREADY = "revoked_already"
    UNKNOWN_ACTION = "unknown_action"
