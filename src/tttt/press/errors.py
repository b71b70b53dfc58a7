"""Why the press register refuses an input (codes of its ValidationErrors)."""

from enum import StrEnum


class PressError(StrEnum):
    ALREADY_ASSIGNED = "already_assigned"
    ANSWERED = "answered"  # a response is recorded once
    RESPONSE_REQUIRED = "response_required"
    BEFORE_ARTICLE = "before_article"  # a response dated before the article
    ASSIGNEE_OUTSIDE_UNIT = "assignee_outside_unit"
    SPOKESPERSON_OTHER_UNIT = "spokesperson_other_unit"
