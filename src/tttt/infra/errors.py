"""Why the infrastructure registries refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class InfraError(StrEnum):
    DUPLICATE = "duplicate"
    PROTECTED = "protected"  # still referred to by another record
    DEADLINE_EXTENDED = "deadline_extended"  # the original deadline stays once extended
    HISTORY_IS_FIXED = "history_is_fixed"  # history rows are added, never changed
    PROJECT_FINISHED = "project_finished"
    DEADLINE_NOT_LATER = "deadline_not_later"
    REPORT_BEFORE_LATEST = "report_before_latest"
    STATUS_BEFORE_LATEST = "status_before_latest"
    STATUS_UNCHANGED = "status_unchanged"
    POINT_CLOSED = "point_closed"
    PERIOD_OVERLAPS = "period_overlaps"
    REVOKED_ALREADY = "revoked_already"
    NOT_A_MOBILE_OPERATOR = "not_a_mobile_operator"
