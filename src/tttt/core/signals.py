from django.db.models.signals import post_delete, post_save
from django.dispatch import receiver

from .calendar import invalidate_calendar
from .models import CalendarDay


@receiver([post_save, post_delete], sender=CalendarDay)
def _calendar_changed(**kwargs):
    invalidate_calendar()
