"""Permissions each role gets for the press register (see org.roles)."""

from tttt.org.roles import ADMIN, EDITOR_IN_CHIEF, LEADER, SPECIALIST, SUPERVISOR

_READ = ["press.view_pressissue", "press.view_spokesperson", "press.view_pressstatement"]
_WORK = [*_READ, "press.add_pressissue", "press.change_pressissue", "press.add_pressstatement",
         "press.change_pressstatement"]  # fmt: skip

GRANTS = {
    LEADER: [*_WORK, "press.add_spokesperson", "press.change_spokesperson"],
    SPECIALIST: _WORK,
    EDITOR_IN_CHIEF: _WORK,
    SUPERVISOR: _READ,
    ADMIN: [*_READ, "press.add_spokesperson", "press.change_spokesperson"],
}
