"""Infrastructure's scheduled job: digital certificates about to expire."""

from django.utils import timezone
from django_tasks import task

from tttt.infra.reminders import send_reminders


@task()
def certificate_reminders() -> dict:
    """E-mail managers about certificates that expire in exactly 60 or 30 days."""
    return send_reminders(timezone.localdate())
