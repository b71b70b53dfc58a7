"""Permissions each role gets for the registers (see org.roles). The clerk (văn thư)
receives and registers; specialists draft; leaders assign, approve, sign and issue."""

from tttt.org.roles import ADMIN, CLERK, LEADER, REPORTING_OFFICER, SPECIALIST, SUPERVISOR

_READ = ["documents.view_document", "documents.view_register", "documents.view_documentkind"]

GRANTS = {
    LEADER: [
        *_READ,
        "documents.add_document",
        "documents.change_document",
        "documents.issue_document",
        "documents.view_signingcredential",
        "documents.add_signingcredential",
        "documents.change_signingcredential",
    ],  # fmt: skip
    CLERK: [*_READ, "documents.add_document", "documents.change_document"],
    SPECIALIST: [*_READ, "documents.add_document", "documents.change_document"],
    REPORTING_OFFICER: _READ,
    SUPERVISOR: _READ,
    ADMIN: [
        *_READ,
        "documents.add_register",
        "documents.change_register",
        "documents.add_documentkind",
        "documents.change_documentkind",
        "documents.view_trustedroot",
        "documents.add_trustedroot",
        "documents.change_trustedroot",
        "documents.view_signingcredential",
    ],  # fmt: skip
}
