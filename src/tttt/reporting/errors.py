"""Why reports, indicators and emulation scoring refuse an input (codes of their
ValidationErrors)."""

from enum import StrEnum


class ReportingError(StrEnum):
    FORM_RETIRED = "form_retired"
    FORM_NOT_FOR_UNIT = "form_not_for_unit"  # the form is for another level of unit
    WRONG_PERIOD_KIND = "wrong_period_kind"
    UNIT_NOT_VALID = "unit_not_valid"  # the unit did not exist at the period's end
    VALUE_REQUIRED = "value_required"
    BAD_VALUE = "bad_value"  # a figure the indicator's check refuses
    PART_OVER_WHOLE = "part_over_whole"
    NOT_ENTERED_BY_HAND = "not_entered_by_hand"
    NOT_A_NUMBER = "not_a_number"
    UNKNOWN_FIELD = "unknown_field"
    NOT_EDITABLE = "not_editable"  # submitted or accepted
    UNKNOWN_SECTION = "unknown_section"
    NOT_SUBMITTABLE = "not_submittable"
    NOT_AWAITING_REVIEW = "not_awaiting_review"
    REASON_MISSING = "reason_missing"
    CODE_TAKEN = "code_taken"
    WHOLE_IS_ITSELF = "whole_is_itself"
    UNKNOWN_INDICATOR = "unknown_indicator"
    INDICATOR_TWICE = "indicator_twice"
    FORM_IN_USE = "form_in_use"  # its period kind or data window cannot change under reports
    TEXT_MISSING = "text_missing"
    LEADERS_NOT_IN_CLUSTER = "leaders_not_in_cluster"
    LEADERS_SAME_UNIT = "leaders_same_unit"
    CRITERION_COMPUTED = "criterion_computed"
    UNIT_NOT_IN_CLUSTER = "unit_not_in_cluster"
    POINTS_NOT_A_NUMBER = "points_not_a_number"
    POINTS_OUTSIDE_RANGE = "points_outside_range"
    NOT_EXCELLENT = "not_excellent"
    TARGET_MISSING = "target_missing"
    UNKNOWN_ACTION = "unknown_action"
    LEADER_MISSING = "leader_missing"
    NOT_COMPUTED = "not_computed"  # an alert watches a figure computed from the records
    THRESHOLD_MISSING = "threshold_missing"
    BAD_EMAIL = "bad_email"
