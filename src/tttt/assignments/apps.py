from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "tttt.assignments"
    label = "assignments"
    verbose_name = _("Nhiệm vụ được giao")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from auditlog.registry import auditlog

        from .models import Task, TaskProgress

        auditlog.register(Task)
        auditlog.register(TaskProgress)
