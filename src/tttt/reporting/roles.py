"""Permissions each role gets for periodic reports (see org.roles). A reporting officer or
leader fills and submits the reports of the units in their scope and, on the unit above,
receives, returns and accepts those of the units below; a leader also sets alert thresholds."""

from tttt.org.roles import ADMIN, INSPECTOR, LEADER, REPORTING_OFFICER, SPECIALIST, SUPERVISOR

_READ = ["reporting.view_report", "reporting.view_reportform", "reporting.view_manualindicator",
         "reporting.view_supervisionvisit", "reporting.view_cluster", "reporting.view_dtiset"]  # fmt: skip
_FILL = [*_READ, "reporting.add_report", "reporting.change_report", "reporting.review_report",
         "reporting.add_supervisionvisit", "reporting.change_supervisionvisit"]  # fmt: skip
_ALERTS = ["reporting.view_alertrule", "reporting.add_alertrule", "reporting.change_alertrule",
           "reporting.delete_alertrule"]  # fmt: skip
_LEAD = [*_FILL, *_ALERTS, "reporting.add_cluster", "reporting.change_cluster"]

GRANTS = {
    REPORTING_OFFICER: _FILL,
    LEADER: _LEAD,
    SPECIALIST: _READ,
    INSPECTOR: _READ,
    SUPERVISOR: _READ,
    ADMIN: [
        *_LEAD,
        "reporting.add_reportform",
        "reporting.change_reportform",
        "reporting.add_manualindicator",
        "reporting.change_manualindicator",
        "reporting.add_dtiset",
        "reporting.change_dtiset",
    ],  # fmt: skip
}
