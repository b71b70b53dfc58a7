"""Permissions each role gets for information security (see org.roles). Every member of
staff may report an incident; the unit's IT specialists and administrators keep the
systems register and respond; the leader also escalates and closes."""

from tttt.org.roles import (
    ADMIN,
    CLERK,
    EDITOR,
    EDITOR_IN_CHIEF,
    INSPECTOR,
    LEADER,
    REPORTER,
    REPORTING_OFFICER,
    SPECIALIST,
    SUPERVISOR,
)

_READ = [
    "security.view_informationsystem",
    "security.view_systemcheck",
    "security.view_incident",
    "security.view_incidentrule",
    "security.view_responsetemplate",
]
_REPORT = ["security.add_incident", "security.view_incident"]
_RESPOND = [
    "security.change_incident",
    "security.add_informationsystem",
    "security.change_informationsystem",
    "security.add_systemcheck",
]

GRANTS = {
    LEADER: [*_READ, *_REPORT, *_RESPOND, "security.close_incident"],
    SPECIALIST: [*_READ, *_REPORT, *_RESPOND],
    ADMIN: [
        *_READ,
        *_REPORT,
        *_RESPOND,
        "security.close_incident",
        "security.add_incidentrule",
        "security.change_incidentrule",
        "security.add_responsetemplate",
        "security.change_responsetemplate",
    ],  # fmt: skip
    REPORTING_OFFICER: _READ,
    SUPERVISOR: _READ,
    **{role: _REPORT for role in (CLERK, EDITOR, EDITOR_IN_CHIEF, REPORTER, INSPECTOR)},
}
