"""Why the registers refuse an input (codes of their ValidationErrors)."""

from enum import StrEnum


class DocumentsError(StrEnum):
    REGISTER_WRONG_DIRECTION = (
        "register_wrong_direction"  # an outgoing register for an incoming document
    )
    REGISTER_INACTIVE = "register_inactive"
    FILE_REQUIRED = "file_required"  # an electronic or scanned document without its file
    FILE_NOT_PDF = "file_not_pdf"  # only PDFs are signed
    CLASSIFIED_FILE = "classified_file"  # classified documents are not stored on a networked system
    RECEIVED_IN_FUTURE = "received_in_future"
    ISSUED_AFTER_RECEIVED = "issued_after_received"
    WRONG_STATUS = "wrong_status"  # the step does not apply to the document as it stands
    ALREADY_ASSIGNED = "already_assigned"
    ASSIGNEE_OUTSIDE_UNIT = "assignee_outside_unit"
    DEADLINE_MISSING = "deadline_missing"
    ASSIGNED_BEFORE_RECEIVED = "assigned_before_received"
    REASON_MISSING = "reason_missing"
    BODY_MISSING = "body_missing"
    SIGNER_MISSING = "signer_missing"
    CREDENTIAL_MISSING = "credential_missing"
    CREDENTIAL_NOT_YOURS = "credential_not_yours"
    CREDENTIAL_EXPIRED = "credential_expired"
    BAD_PIN = "bad_pin"
    BAD_PDF = "bad_pdf"
    NOT_A_CERTIFICATE = "not_a_certificate"
    NOT_A_ROOT = "not_a_root"
    ROOT_EXISTS = "root_exists"
    NOT_A_CRL = "not_a_crl"
    LINK_TO_ITSELF = "link_to_itself"
    LINK_OUTSIDE_SCOPE = "link_outside_scope"
    UNKNOWN_ACTION = "unknown_action"
