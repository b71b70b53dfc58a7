"""Permissions each role gets for assigned tasks (see org.roles)."""

from tttt.org.roles import ADMIN, LEADER, REPORTING_OFFICER, SPECIALIST, SUPERVISOR

_READ = ["assignments.view_task", "assignments.view_taskprogress"]

GRANTS = {
    LEADER: [
        *_READ,
        "assignments.add_task",
        "assignments.change_task",
        "assignments.add_taskprogress",
    ],
    SPECIALIST: [*_READ, "assignments.add_taskprogress"],
    REPORTING_OFFICER: _READ,
    SUPERVISOR: _READ,
    ADMIN: _READ,
}
