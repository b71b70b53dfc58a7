"""Tasks assigned by a leader's directive, a meeting or a supervision visit to an office,
with a deadline, progress reports with evidence, and completion (DESIGN.md: assignments).

A task belongs to the unit that assigned it (its scope) and is assigned to an office or a
unit below it. Whether it is on time is computed from the deadline and the completion
date, never stored.
"""

from __future__ import annotations

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.storage import private_storage
from tttt.org.models import Unit


class Task(models.Model):
    class Source(models.TextChoices):
        DIRECTIVE = "directive", _("Ý kiến chỉ đạo của lãnh đạo")
        MEETING = "meeting", _("Kết luận cuộc họp")
        SUPERVISION = "supervision", _("Kiến nghị của đoàn giám sát, kiểm tra")
        DOCUMENT = "document", _("Văn bản của cấp trên")
        LISTENING = "listening", _("Thông tin trên mạng cần xử lý")
        PRESS = "press", _("Vấn đề báo chí nêu")

    class Status(models.TextChoices):
        OPEN = "open", _("Đang thực hiện")
        DONE = "done", _("Đã hoàn thành")
        CANCELLED = "cancelled", _("Không thực hiện nữa")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="assigned_tasks", verbose_name=_("đơn vị giao")
    )
    assignee = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="tasks",
        verbose_name=_("cơ quan thực hiện"),
        help_text=_("Cơ quan, phòng hoặc đơn vị cấp dưới chủ trì thực hiện."),
    )
    source = models.CharField(_("nguồn"), max_length=12, choices=Source.choices)
    source_reference = models.CharField(
        _("văn bản, sự kiện giao"),
        max_length=300,
        help_text=_("Ví dụ: Thông báo kết luận số 45/TB-UBND ngày 03/10/2019"),
    )
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    content = models.TextField(_("nội dung"), blank=True)
    assigned_by_name = models.CharField(_("người giao"), max_length=150, blank=True)
    assigned_on = models.DateField(_("ngày giao"))
    deadline = models.DateField(_("hạn hoàn thành"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    result = models.TextField(_("kết quả"), blank=True)
    is_public = models.BooleanField(
        _("công khai trên cổng"),
        default=True,
        help_text=_("Hiện trong chuyên mục Theo dõi thực hiện nhiệm vụ của cổng thông tin."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["deadline", "pk"]
        verbose_name = _("nhiệm vụ được giao")
        verbose_name_plural = _("nhiệm vụ được giao")
        indexes = [
            models.Index(fields=["unit", "status", "deadline"], name="asg_task_unit_status"),
            models.Index(fields=["assignee", "status"], name="asg_task_assignee"),
            models.Index(fields=["assigned_on"], name="asg_task_assigned_on"),
            models.Index(fields=["completed_on"], name="asg_task_completed_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(deadline__gte=F("assigned_on")), name="asg_task_deadline_after_assigned"
            ),
            models.CheckConstraint(
                condition=~Q(status="done") | Q(completed_on__isnull=False),
                name="asg_task_done_has_date",
            ),
            models.CheckConstraint(
                condition=Q(completed_on__isnull=True) | Q(completed_on__gte=F("assigned_on")),
                name="asg_task_completed_after_assigned",
            ),
        ]

    def __str__(self):
        return self.title

    def state(self, today: date | None = None) -> str:
        """on_time / overdue while open; done_on_time / done_late once done; cancelled."""
        today = today or timezone.localdate()
        if self.status == self.Status.CANCELLED:
            return "cancelled"
        if self.status == self.Status.DONE:
            return "done_on_time" if self.completed_on <= self.deadline else "done_late"
        return "overdue" if self.deadline < today else "on_time"

    STATE_LABELS = {
        "on_time": _("Đang thực hiện, trong hạn"),
        "overdue": _("Quá hạn, chưa hoàn thành"),
        "done_on_time": _("Hoàn thành đúng hạn"),
        "done_late": _("Hoàn thành quá hạn"),
        "cancelled": _("Không thực hiện nữa"),
    }

    def state_label(self, today: date | None = None) -> str:
        return str(self.STATE_LABELS[self.state(today)])


class TaskProgress(models.Model):
    """A progress report on a task, with optional evidence (a file in private storage)."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="progress", verbose_name=_("nhiệm vụ")
    )
    reported_on = models.DateField(_("ngày báo cáo"), default=timezone.localdate)
    note = models.TextField(_("tiến độ, kết quả"))
    percent = models.PositiveSmallIntegerField(
        _("% hoàn thành"), default=0, validators=[MaxValueValidator(100)]
    )
    evidence = models.FileField(
        _("tài liệu minh chứng"),
        upload_to="assignments/%Y/%m/",
        storage=private_storage,
        max_length=300,
        blank=True,
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        related_name="+",
        verbose_name=_("người báo cáo"),
    )

    class Meta:
        ordering = ["reported_on", "pk"]
        verbose_name = _("báo cáo tiến độ")
        verbose_name_plural = _("báo cáo tiến độ")
        constraints = [
            models.CheckConstraint(
                condition=Q(percent__lte=100), name="asg_progress_percent_0_100"
            ),
        ]

    def __str__(self):
        return f"{self.reported_on:%d/%m/%Y}: {self.percent}%"
