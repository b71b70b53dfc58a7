"""Why the information-security services refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class SecurityError(StrEnum):
    LEVEL_OUT_OF_RANGE = "level_out_of_range"  # security levels are 1 to 5 (Decree 85/2016)
    APPROVAL_INCOMPLETE = "approval_incomplete"  # an approved level without its decision
    APPROVED_IN_FUTURE = "approved_in_future"
    SYSTEM_OUTSIDE_UNIT = "system_outside_unit"  # an incident on another unit's system
    CHECKED_IN_FUTURE = "checked_in_future"
    DETECTED_IN_FUTURE = "detected_in_future"
    REPORTED_BEFORE_DETECTED = "reported_before_detected"
    INCIDENT_CLOSED = "incident_closed"
    STEP_DONE = "step_done"  # the step was already done
    STEP_BEFORE_DETECTED = "step_before_detected"
    NOTICE_SENT = "notice_sent"  # the notice was already sent
    NOTICE_RECIPIENT_MISSING = "notice_recipient_missing"
    NOTICE_BEFORE_DETECTED = "notice_before_detected"
    NO_UNIT_ABOVE = "no_unit_above"  # a province has no unit above it in TTTT
    ALREADY_ESCALATED = "already_escalated"
    STEPS_OPEN = "steps_open"  # closing with response steps not done
    NOTICES_DUE = "notices_due"  # closing with a required notice not sent
    CAUSE_MISSING = "cause_missing"
    LESSONS_MISSING = "lessons_missing"
    NOTE_MISSING = "note_missing"
    UNKNOWN_ACTION = "unknown_action"
    REASON_MISSING = "reason_missing"  # dismissing a report without saying why
    NOT_DISMISSIBLE = "not_dismissible"  # response has begun: it is an incident, close it
    NO_PORTAL_SECTION = "no_portal_section"  # no portal with an "An toàn thông tin" section
    ADVISORY_EMPTY = "advisory_empty"  # title, summary or body missing
    ADVISORY_OUTSIDE_UNIT = "advisory_outside_unit"  # linked to another unit's incident
    ADVISORY_NOT_PUBLISHED = "advisory_not_published"
