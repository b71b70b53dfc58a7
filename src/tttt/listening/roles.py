"""Permissions each role gets for online listening (see org.roles): the leader and the
specialist follow the mentions and act on them; editors see them (corrections are theirs
to write); reporting officers and supervisors read the figures' records."""

from tttt.org.roles import (
    ADMIN,
    EDITOR,
    EDITOR_IN_CHIEF,
    LEADER,
    REPORTING_OFFICER,
    SPECIALIST,
    SUPERVISOR,
)

_READ = ["listening.view_mention", "listening.view_source", "listening.view_watchterm"]
_WORK = [
    "listening.change_mention",
    "listening.add_source",
    "listening.change_source",
    "listening.add_watchterm",
    "listening.change_watchterm",
    "listening.delete_watchterm",
]

GRANTS = {
    LEADER: [*_READ, *_WORK],
    SPECIALIST: [*_READ, *_WORK],
    ADMIN: [
        *_READ,
        *_WORK,
        "listening.view_sentimentterm",
        "listening.add_sentimentterm",
        "listening.change_sentimentterm",
        "listening.delete_sentimentterm",
    ],  # fmt: skip
    EDITOR_IN_CHIEF: _READ,
    EDITOR: ["listening.view_mention"],
    REPORTING_OFFICER: ["listening.view_mention"],
    SUPERVISOR: ["listening.view_mention"],
}
