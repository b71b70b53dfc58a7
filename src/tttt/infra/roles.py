"""Permissions each role gets for the infrastructure registries (see org.roles)."""

from tttt.org.roles import ADMIN, INSPECTOR, LEADER, REPORTING_OFFICER, SPECIALIST, SUPERVISOR

RECORDS = ["btsstation", "undergroundingproject", "postalpoint", "radiostation",
           "digitalcertificate", "emailaccounts", "emailsurvey", "radiooutput", "speakercluster"]  # fmt: skip
HISTORY = ["undergroundingextension", "undergroundingprogress", "postalpointstatus"]

_READ = [f"infra.view_{m}" for m in [*RECORDS, *HISTORY, "operator"]]
_WRITE = [
    *_READ,
    *(f"infra.{a}_{m}" for m in RECORDS for a in ("add", "change")),
    *(f"infra.add_{m}" for m in HISTORY),  # history rows are added, never changed
]

GRANTS = {
    SPECIALIST: _WRITE,
    LEADER: _WRITE,
    REPORTING_OFFICER: _READ,
    INSPECTOR: _READ,
    SUPERVISOR: _READ,
    ADMIN: [*_WRITE, "infra.add_operator", "infra.change_operator"],
}
