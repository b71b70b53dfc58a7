"""Permissions each role gets in the one-stop-shop (see org.roles)."""

from tttt.org.roles import ADMIN, CLERK, LEADER, SPECIALIST, SUPERVISOR

_READ = ["onestop.view_dossier", "onestop.view_procedure", "onestop.view_procedurefield"]

GRANTS = {
    CLERK: [*_READ, "onestop.receive_dossier", "onestop.view_personal_data"],
    SPECIALIST: [*_READ, "onestop.process_dossier"],
    LEADER: [
        *_READ,
        "onestop.process_dossier",
        "onestop.approve_dossier",
        "onestop.view_personal_data",
    ],
    SUPERVISOR: _READ,
    ADMIN: [
        *_READ,
        "onestop.add_procedure",
        "onestop.change_procedure",
        "onestop.add_procedurefield",
        "onestop.change_procedurefield",
        "onestop.view_sliptemplate",
        "onestop.add_sliptemplate",
        "onestop.change_sliptemplate",
    ],
}
