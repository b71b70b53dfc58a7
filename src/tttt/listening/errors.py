"""Why the listening services refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class ListeningError(StrEnum):
    URL_REQUIRED = "url_required"  # a feed without its address
    URL_NOT_HTTP = "url_not_http"
    NOT_A_FEED = "not_a_feed"  # the address answers, but not with RSS or Atom
    FETCH_FAILED = "fetch_failed"  # the address does not answer
    WRONG_KIND = "wrong_kind"  # an upload to a feed source, a fetch of an upload source
    BAD_FILE = "bad_file"  # not CSV or JSON of posts
    BAD_ROW = "bad_row"  # a row without text or with an unreadable date
    TERM_TOO_SHORT = "term_too_short"
    TERM_EXISTS = "term_exists"
    ALREADY_LINKED = "already_linked"  # the mention already became an incident / a task
    NO_PORTAL = "no_portal"  # no portal of the unit to publish a correction on
    UNKNOWN_ACTION = "unknown_action"
