"""Permissions each role gets for establishments (see org.roles)."""

from tttt.org.roles import ADMIN, INSPECTOR, LEADER, SPECIALIST, SUPERVISOR

_READ = [
    "establishments.view_establishment",
    "establishments.view_certificate",
    "establishments.view_businesstype",
]
_WRITE = [
    *_READ,
    "establishments.add_establishment",
    "establishments.change_establishment",
    "establishments.add_certificate",
    "establishments.change_certificate",
]

GRANTS = {
    SPECIALIST: _WRITE,
    INSPECTOR: _READ,
    LEADER: _WRITE,
    SUPERVISOR: _READ,
    ADMIN: [
        *_WRITE,
        "establishments.add_businesstype",
        "establishments.change_businesstype",
    ],
}
