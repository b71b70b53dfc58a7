"""Permissions each role gets for meetings (see org.roles): leaders convene and conclude;
specialists prepare papers; the others read."""

from tttt.org.roles import ADMIN, CLERK, LEADER, REPORTING_OFFICER, SPECIALIST, SUPERVISOR

_READ = ["meetings.view_meeting"]

GRANTS = {
    LEADER: [*_READ, "meetings.add_meeting", "meetings.change_meeting"],
    SPECIALIST: [*_READ, "meetings.change_meeting"],
    CLERK: _READ,
    REPORTING_OFFICER: _READ,
    SUPERVISOR: _READ,
    ADMIN: _READ,
}
