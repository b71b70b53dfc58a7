"""Why meetings refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class MeetingsError(StrEnum):
    NO_AGENDA = "no_agenda"
    WRONG_STATUS = "wrong_status"  # the meeting is already concluded (or not held yet)
    PAPER_EMPTY = "paper_empty"  # a paper needs a document of the registers or a file
    PAPER_OUTSIDE_SCOPE = "paper_outside_scope"
    ASSIGNEE_OUTSIDE_UNIT = "assignee_outside_unit"
    DEADLINE_BEFORE_MEETING = "deadline_before_meeting"
    DEADLINE_BEFORE_NOTICE = "deadline_before_notice"
    NOTICE_BEFORE_MEETING = "notice_before_meeting"
    CONCLUSION_MISSING = "conclusion_missing"
    INVITEE_UNKNOWN = "invitee_unknown"
    UNKNOWN_ACTION = "unknown_action"
