"""Paperless meetings (họp không giấy tờ): the chair, invitees and their attendance, the
agenda with its papers (from the registers or uploaded), each item's conclusion and the
actions it gives, which become assigned tasks when the conclusion notice is issued.
(DESIGN.md: meetings, after documents.)"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.assignments.models import Task
from tttt.core.storage import private_storage
from tttt.documents.models import Document
from tttt.org.models import Unit


class Meeting(models.Model):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Đã triệu tập")
        CONCLUDED = "concluded", _("Đã ban hành kết luận")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="meetings", verbose_name=_("đơn vị")
    )
    title = models.CharField(_("nội dung cuộc họp"), max_length=300)
    chair_name = models.CharField(_("chủ trì"), max_length=150)
    chair_title = models.CharField(_("chức vụ người chủ trì"), max_length=150, blank=True)
    starts_at = models.DateTimeField(_("thời gian"))
    place = models.CharField(_("địa điểm"), max_length=200, blank=True)
    is_paperless = models.BooleanField(
        _("không dùng giấy"),
        default=True,
        help_text=_("Tài liệu gửi và đọc trên hệ thống, không in."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    conclusion_document = models.OneToOneField(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting",
        verbose_name=_("thông báo kết luận"),
    )  # fmt: skip
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-starts_at", "-pk"]
        verbose_name = _("cuộc họp")
        verbose_name_plural = _("cuộc họp")
        indexes = [models.Index(fields=["unit", "starts_at"], name="meetings_unit_starts")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="concluded") | Q(conclusion_document__isnull=False),
                name="meetings_concluded_has_notice",
            )
        ]

    def __str__(self):
        return self.title


class Invitee(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="invitees")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("họ tên"), max_length=150)
    position = models.CharField(_("chức vụ, đơn vị"), max_length=200, blank=True)
    attended = models.BooleanField(_("có mặt"), null=True, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("thành phần mời")
        verbose_name_plural = _("thành phần mời")

    def __str__(self):
        return f"{self.name} ({self.position})" if self.position else self.name


class AgendaItem(models.Model):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="items")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("nội dung"), max_length=300)
    presenter = models.CharField(_("cơ quan, người trình bày"), max_length=200, blank=True)
    conclusion = models.TextField(_("kết luận"), blank=True)

    class Meta:
        ordering = ["meeting", "order"]
        verbose_name = _("nội dung chương trình họp")
        verbose_name_plural = _("chương trình họp")
        constraints = [
            models.UniqueConstraint(fields=["meeting", "order"], name="meetings_item_order")
        ]

    def __str__(self):
        return f"{self.order}. {self.title}"


class Paper(models.Model):
    """A paper of the meeting: a document of the registers, or a file uploaded for it."""

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers")
    item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, null=True, blank=True, related_name="papers"
    )
    title = models.CharField(_("tài liệu"), max_length=300)
    document = models.ForeignKey(
        Document, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    file = models.FileField(
        _("tệp"), upload_to="meetings/%Y/%m/", storage=private_storage, max_length=300, blank=True
    )

    class Meta:
        ordering = ["item__order", "pk"]
        verbose_name = _("tài liệu họp")
        verbose_name_plural = _("tài liệu họp")
        constraints = [
            models.CheckConstraint(
                condition=Q(document__isnull=False) | ~Q(file=""), name="meetings_paper_has_content"
            )
        ]

    def __str__(self):
        return self.title


class Action(models.Model):
    """What a conclusion asks of an office or unit, by a deadline; a task once concluded."""

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="actions")
    title = models.CharField(_("nhiệm vụ"), max_length=300)
    assignee = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("giao cho")
    )
    deadline = models.DateField(_("hạn"))
    task = models.OneToOneField(
        Task, on_delete=models.PROTECT, null=True, blank=True, related_name="meeting_action"
    )

    class Meta:
        ordering = ["item__order", "pk"]
        verbose_name = _("nhiệm vụ kết luận")
        verbose_name_plural = _("nhiệm vụ kết luận")

    def __str__(self):
        return self.title


AUDITED = [Meeting, Invitee, AgendaItem, Paper, Action]
