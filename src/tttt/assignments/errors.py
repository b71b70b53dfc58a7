"""Why assigned tasks refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class AssignmentsError(StrEnum):
    ASSIGNEE_OUTSIDE_UNIT = "assignee_outside_unit"
    TASK_CLOSED = "task_closed"  # done or cancelled: no more progress, extension or close
    REASON_MISSING = "reason_missing"
    DEADLINE_NOT_LATER = "deadline_not_later"
    RESULT_MISSING = "result_missing"
    DONE_BEFORE_ASSIGNED = "done_before_assigned"
    DONE_IN_FUTURE = "done_in_future"
    UNKNOWN_ACTION = "unknown_action"
