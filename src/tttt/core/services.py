"""Writes for the working-time calendar (locally announced days off and make-up days)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from .audit import audit_as
from .models import CalendarDay


def _require(user, perm):
    if not user.has_perm(perm):
        raise PermissionDenied(_("Bạn không có quyền sửa lịch làm việc."))


def calendar_day_save(*, user, day: CalendarDay) -> CalendarDay:
    _require(user, "core.change_calendarday" if day.pk else "core.add_calendarday")
    with transaction.atomic(), audit_as(user):
        day.full_clean()
        day.save()
    return day


def calendar_day_delete(*, user, day: CalendarDay) -> None:
    _require(user, "core.delete_calendarday")
    with transaction.atomic(), audit_as(user):
        day.delete()
