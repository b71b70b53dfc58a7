"""Why inspections and penalties refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class InspectionsError(StrEnum):
    PLAN_DONE = "plan_done"
    OUTSIDE_PLAN_PERIOD = "outside_plan_period"
    NO_RULES_IN_FORCE = "no_rules_in_force"
    RECORD_CLOSED = "record_closed"  # a signed record is never changed
    ITEM_NOT_OF_RECORD = "item_not_of_record"
    BAD_RESULT = "bad_result"
    ITEMS_PENDING = "items_pending"
    NO_FINE_RANGE = "no_fine_range"
    AMOUNT_OUTSIDE_RANGE = "amount_outside_range"
    AUTHORITY_LIMIT = "authority_limit"  # over what the commune chairman may fine
    RECORD_NOT_CLOSED = "record_not_closed"
    CORRECTED_ALREADY = "corrected_already"
    PAID_BEFORE_ISSUED = "paid_before_issued"
    DECISION_ISSUED = "decision_issued"  # an issued decision is corrected by a new one
    PHOTO_MISSING = "photo_missing"
    TIP_HANDLED = "tip_handled"  # a report already targeted or dismissed
    REASON_REQUIRED = "reason_required"
    OUTSIDE_UNIT = "outside_unit"  # an establishment not on the plan's or recall's territory
    TYPE_INACTIVE = "type_inactive"
    CHECK_DONE = "check_done"  # a seller's check is recorded once
    QUANTITY = "quantity"
