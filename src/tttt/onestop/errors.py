"""Why the one-stop shop refuses an input (codes of its ValidationErrors; core.errors)."""

from enum import StrEnum


class OnestopError(StrEnum):
    PROCEDURE_INACTIVE = "procedure_inactive"
    PROCEDURE_NOT_OFFERED = "procedure_not_offered"  # not in the receiving unit's catalogue
    NO_ONLINE_SERVICE = "no_online_service"
    BAD_CHANNEL = "bad_channel"
    CITIZEN_ID_MISSING = "citizen_id_missing"
    CITIZEN_ID_INVALID = "citizen_id_invalid"
    UNKNOWN_ACTION = "unknown_action"
    WRONG_STATUS = "wrong_status"  # the action does not apply to the dossier's status
    REASON_MISSING = "reason_missing"
    ASSIGNEE_MISSING = "assignee_missing"
    ASSIGNEE_NOT_OF_UNIT = "assignee_not_of_unit"
    RESCHEDULED_ALREADY = "rescheduled_already"
    RESCHEDULE_TOO_LATE = "reschedule_too_late"  # less than a working day before the due time
    NEW_DUE_NOT_LATER = "new_due_not_later"
    RATING_MISSING = "rating_missing"
    DOSSIER_NOT_FOUND = "dossier_not_found"  # code and phone do not match a dossier
    NOT_RETURNED_YET = "not_returned_yet"
    RATED_ALREADY = "rated_already"
    STEP_SHARES_OVER_100 = "step_shares_over_100"
    TEMPLATE_SYNTAX = "template_syntax"
