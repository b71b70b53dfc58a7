"""Why the portal refuses an input (codes of its ValidationErrors)."""

from enum import StrEnum


class PortalError(StrEnum):
    PORTAL_OF_OFFICE = "portal_of_office"  # a portal belongs to an administrative unit
    PORTAL_EXISTS = "portal_exists"
    HOSTNAME_TAKEN = "hostname_taken"
    ANSWER_MISSING = "answer_missing"
    QUESTION_REJECTED = "question_rejected"
    QUESTION_PUBLISHED = "question_published"
    COMMENTS_CLOSED = "comments_closed"
    NOT_PUBLISHED = "not_published"
    BAD_COEFFICIENT = "bad_coefficient"
    RATE_WRONG_KIND = "rate_wrong_kind"
    RATE_NOT_IN_FORCE = "rate_not_in_force"
    COEFFICIENT_OUTSIDE_RANGE = "coefficient_outside_range"
    NO_ROYALTY_UNIT_VALUE = "no_royalty_unit_value"
    IMAGE_ALT_MISSING = "image_alt_missing"
    EFFECTIVE_BEFORE_ISSUED = "effective_before_issued"
    EXPIRES_BEFORE_EFFECTIVE = "expires_before_effective"
    RELATION_TO_ITSELF = "relation_to_itself"
    UNIT_NOT_IN_SCOPE = "unit_not_in_scope"
    CHOICE_MISSING = "choice_missing"
