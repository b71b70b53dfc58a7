"""Permissions each role gets for the portal (see org.roles). Page permissions come from
the editorial board's Wagtail groups (portal.services.board_sync), not from here."""

from tttt.org.roles import ADMIN, EDITOR, EDITOR_IN_CHIEF, LEADER, REPORTER, SUPERVISOR

_MODERATE = [
    "portal.view_question",
    "portal.change_question",
    "portal.view_comment",
    "portal.change_comment",
    "portal.view_portalhomepage",
]
_READ = [
    "portal.view_question",
    "portal.view_comment",
    "portal.view_portalhomepage",
    "portal.view_royaltygrade",
]
_GRADE = ["portal.view_royaltygrade", "portal.add_royaltygrade", "portal.change_royaltygrade"]

GRANTS = {
    REPORTER: ["portal.view_portalhomepage"],
    EDITOR: [*_MODERATE, "portal.view_royaltygrade"],
    EDITOR_IN_CHIEF: [*_MODERATE, *_GRADE],
    LEADER: _READ,
    SUPERVISOR: _READ,
    ADMIN: [
        *_READ,
        "portal.add_portalhomepage",
        "portal.change_documenttype",
        "portal.view_documenttype",
    ],
}
