"""Permissions each role gets for inspections (see org.roles)."""

from tttt.org.roles import ADMIN, INSPECTOR, LEADER, SPECIALIST, SUPERVISOR

_READ = [
    "inspections.view_regulation",
    "inspections.view_inspectionplan",
    "inspections.view_inspection",
    "inspections.view_penaltydecision",
    "inspections.view_tip",
    "inspections.view_recall",
    "inspections.view_recallcheck",
]
_WORK = [
    *_READ,
    "inspections.add_inspectionplan",
    "inspections.change_inspectionplan",
    "inspections.add_inspection",
    "inspections.change_inspection",
    "inspections.add_penaltydecision",
    "inspections.add_tip",
    "inspections.change_tip",
    "inspections.add_recall",
    "inspections.change_recallcheck",
]

GRANTS = {
    INSPECTOR: _WORK,
    LEADER: _WORK,
    SPECIALIST: _READ,
    SUPERVISOR: _READ,
    ADMIN: [*_READ, "inspections.add_regulation", "inspections.change_regulation"],
}
