"""Audit trail registration (django-auditlog): who, when, what, before/after."""

from auditlog.registry import auditlog

from tttt.core.models import CalendarDay

from .models import Membership, Role, Unit, UnitSuccession, User

auditlog.register(Unit, exclude_fields=["search_name", "path"])
auditlog.register(UnitSuccession)
auditlog.register(Membership)
auditlog.register(Role, m2m_fields={"permissions"})
auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(CalendarDay)
