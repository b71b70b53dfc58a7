"""Press relations of a unit (seeds 003, 004): issues raised by the press (vấn đề báo nêu),
handled as assigned tasks and answered; the people who speak for the unit and what they
said to the press (Decree 09/2017/NĐ-CP), published on the unit's portal."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.org.models import Unit


class PressIssue(models.Model):
    """An article that raises an issue in the unit's field: who must look into it (a task
    with a deadline), the unit's response and whether it was published."""

    class State(models.TextChoices):
        NEW = "new", _("Chưa giao xử lý")
        ASSIGNED = "assigned", _("Đang xử lý")
        ANSWERED = "answered", _("Đã trả lời")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="press_issues",
                             verbose_name=_("đơn vị"))  # fmt: skip
    outlet = models.CharField(_("cơ quan báo chí"), max_length=200)
    title = models.CharField(_("tên bài báo"), max_length=300)
    url = models.URLField(_("địa chỉ bài báo"), max_length=500, blank=True)
    published_on = models.DateField(_("ngày đăng"))
    topic = models.CharField(_("lĩnh vực"), max_length=120,
                             help_text=_("Ví dụ: Viễn thông, Internet; Thủ tục hành chính; Đất đai"))  # fmt: skip
    concerned = models.ForeignKey(Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
                                  verbose_name=_("cơ quan, đơn vị liên quan"))  # fmt: skip
    summary = models.TextField(_("vấn đề báo nêu"))
    task = models.OneToOneField("assignments.Task", on_delete=models.PROTECT, null=True, blank=True,
                                related_name="press_issue", verbose_name=_("nhiệm vụ xử lý"))  # fmt: skip
    response = models.TextField(_("nội dung trả lời, xử lý"), blank=True)
    responded_on = models.DateField(_("ngày trả lời"), null=True, blank=True)
    response_published = models.BooleanField(_("đã công khai trả lời"), default=False)
    response_url = models.URLField(_("nơi đăng trả lời"), max_length=500, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")  # fmt: skip
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-published_on", "-pk"]
        verbose_name = _("vấn đề báo chí nêu")
        verbose_name_plural = _("vấn đề báo chí nêu")
        indexes = [
            models.Index(fields=["unit", "published_on"], name="press_issue_unit_date"),
            models.Index(fields=["published_on"], name="press_issue_date"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True) | ~Q(response=""),
                name="press_issue_response_text",
            ),
            models.CheckConstraint(
                condition=Q(response_published=False) | Q(responded_on__isnull=False),
                name="press_issue_published_answered",
            ),
            models.CheckConstraint(
                condition=Q(responded_on__isnull=True)
                | Q(responded_on__gte=models.F("published_on")),
                name="press_issue_answer_after_article",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.outlet}, {self.published_on:%d/%m/%Y})"

    @property
    def state(self) -> str:
        if self.responded_on:
            return self.State.ANSWERED
        return self.State.ASSIGNED if self.task_id else self.State.NEW

    def get_state_display(self) -> str:
        return self.State(self.state).label


class Spokesperson(models.Model):
    """Who speaks and gives information to the press for a unit, from when to when."""

    class Role(models.TextChoices):
        HEAD = "head", _("Người đứng đầu")
        SPOKESPERSON = "spokesperson", _("Người phát ngôn")
        AUTHORISED = "authorised", _("Người được ủy quyền phát ngôn")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="spokespeople",
                             verbose_name=_("đơn vị"))  # fmt: skip
    name = models.CharField(_("họ và tên"), max_length=120)
    position = models.CharField(_("chức vụ"), max_length=200)
    role = models.CharField(
        _("vai trò"), max_length=12, choices=Role.choices, default=Role.SPOKESPERSON
    )
    phone = models.CharField(_("điện thoại"), max_length=40, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    decision = models.CharField(_("văn bản giao, ủy quyền"), max_length=200, blank=True,
                                help_text=_("Ví dụ: Quyết định số 12/QĐ-UBND ngày 05/01/2019"))  # fmt: skip
    valid_from = models.DateField(_("từ ngày"))
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["unit", "-valid_from", "name"]
        verbose_name = _("người phát ngôn")
        verbose_name_plural = _("người phát ngôn")
        indexes = [models.Index(fields=["unit", "valid_from"], name="spokesperson_unit")]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="spokesperson_valid_range",
            )
        ]

    def __str__(self):
        return f"{self.name} — {self.position}"


class PressStatement(models.Model):
    """A statement, a press conference or a written answer given to the press."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Phát ngôn, cung cấp thông tin")
        CONFERENCE = "conference", _("Họp báo")
        WRITTEN = "written", _("Trả lời báo chí bằng văn bản")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="press_statements",
                             verbose_name=_("đơn vị"))  # fmt: skip
    kind = models.CharField(_("hình thức"), max_length=12, choices=Kind.choices)
    given_on = models.DateField(_("ngày"))
    title = models.CharField(_("nội dung chính"), max_length=300)
    content = models.TextField(_("thông tin đã cung cấp"))
    spokesperson = models.ForeignKey(Spokesperson, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="statements", verbose_name=_("người phát ngôn"))  # fmt: skip
    issue = models.ForeignKey(PressIssue, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="statements", verbose_name=_("trả lời vấn đề báo nêu"))  # fmt: skip
    outlets = models.CharField(_("cơ quan báo chí tham dự, nhận"), max_length=300, blank=True)
    is_public = models.BooleanField(_("công khai trên cổng"), default=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-given_on", "-pk"]
        verbose_name = _("phát ngôn, họp báo")
        verbose_name_plural = _("phát ngôn, họp báo")
        indexes = [models.Index(fields=["unit", "given_on"], name="press_statement_unit_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.given_on:%d/%m/%Y}: {self.title}"
