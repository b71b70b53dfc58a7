"""Permissions each role gets for information security (see org.roles). Every member of
staff may report an incident; the unit's IT specialists and administrators keep the
systems register, respond and write advisories for citizens; the leader also escalates,
closes, and publishes advisories on the portal."""

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
    "security.view_advisory",
]
_REPORT = ["security.add_incident", "security.view_incident"]
_RESPOND = [
    "security.change_incident",
    "security.add_informationsystem",
    "security.change_informationsystem",
    "security.add_systemcheck",
    "security.add_advisory",
    "security.change_advisory",
]
_PUBLISH = ["security.close_incident", "security.publish_advisory"]

GRANTS = {
    LEADER: [*_READ, *_REPORT, *_RESPOND, *_PUBLISH],
    SPECIALIST: [*_READ, *_REPORT, *_RESPOND],
    ADMIN: [
        *_READ,
        *_REPORT,
        *_RESPOND,
        *_PUBLISH,
        "security.add_incidentrule",
        "security.change_incidentrule",
        "security.add_responsetemplate",
        "security.change_responsetemplate",
    ],  # fmt: skip
    REPORTING_OFFICER: _READ,
    SUPERVISOR: _READ,
    **{role: _REPORT for role in (CLERK, EDITOR, EDITOR_IN_CHIEF, REPORTER, INSPECTOR)},
}
