"""Reporting's scheduled jobs: periodic reports due in 7 days or tomorrow; leaders' alert
thresholds checked against the records."""

from django.utils import timezone
from django_tasks import task

from tttt.reporting.reminders import send_reminders


@task()
def report_reminders() -> dict:
    """E-mail each unit's reporters whose report is still not submitted."""
    return send_reminders(timezone.localdate())


@task()
def evaluate_alerts() -> dict:
    """Open an alert for each threshold a figure went past, close those that recovered."""
    from tttt.reporting.services import evaluate_alerts as evaluate

    return evaluate()
