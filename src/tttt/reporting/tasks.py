"""Reporting's scheduled job: periodic reports due in 7 days or tomorrow."""

from django.utils import timezone
from django_tasks import task

from tttt.reporting.reminders import send_reminders


@task()
def report_reminders() -> dict:
    """E-mail each unit's reporters whose report is still not submitted."""
    return send_reminders(timezone.localdate())
