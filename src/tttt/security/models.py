"""Information security (DESIGN.md: security): each unit's information systems with their
security levels (Decree 85/2016) and periodic checks, and the incidents reported on them
with the deadlines the rules set, the response steps, evidence, escalation and closure.

The rules that set deadlines and the intervals of periodic checks are data with their
legal basis, each marked whether its text was checked against the original; never
constants in code. An incident's deadlines are computed when it is reported (and again when
it is reclassified) from the rules in force on the day it was detected.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.storage import private_storage
from tttt.org.models import Unit

LEVELS = [(n, _("Cấp độ %(n)s") % {"n": n}) for n in range(1, 6)]
LEVEL = [MinValueValidator(1), MaxValueValidator(5)]


class IncidentKind(models.TextChoices):
    MALWARE = "malware", _("Mã độc")
    INTRUSION = "intrusion", _("Xâm nhập, chiếm quyền")
    DEFACEMENT = "defacement", _("Thay đổi giao diện trang thông tin")
    DDOS = "ddos", _("Tấn công từ chối dịch vụ")
    DATA_LEAK = "data_leak", _("Lộ, mất dữ liệu")
    PHISHING = "phishing", _("Lừa đảo, giả mạo")
    OUTAGE = "outage", _("Gián đoạn dịch vụ")
    DISINFORMATION = "disinformation", _("Thông tin sai sự thật trên mạng")
    OTHER = "other", _("Khác")


class LevelRule(models.Model):
    """What a security level asks of a system's owner that TTTT follows: how often the
    system must be checked and assessed (data, with its legal basis)."""

    level = models.PositiveSmallIntegerField(_("cấp độ"), choices=LEVELS, unique=True)
    check_every_months = models.PositiveSmallIntegerField(
        _("kiểm tra, đánh giá định kỳ (tháng)"), null=True, blank=True,
        help_text=_("Để trống khi quy định không đặt kỳ hạn (chủ quản tự quyết định)."),
    )  # fmt: skip
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)

    class Meta:
        ordering = ["level"]
        verbose_name = _("yêu cầu theo cấp độ")
        verbose_name_plural = _("yêu cầu theo cấp độ")
        constraints = [
            models.CheckConstraint(condition=Q(level__gte=1, level__lte=5), name="sec_levelrule_level"),
        ]  # fmt: skip

    def __str__(self):
        return str(self.get_level_display())


class InformationSystem(models.Model):
    """A unit's information system (portal, one-stop, mail, document system…): who owns
    and operates it, the security level proposed and approved, its periodic checks."""

    class Kind(models.TextChoices):
        PORTAL = "portal", _("Cổng/Trang thông tin điện tử")
        ONESTOP = "onestop", _("Hệ thống thông tin giải quyết thủ tục hành chính")
        DOCUMENTS = "documents", _("Hệ thống quản lý văn bản và điều hành")
        MAIL = "mail", _("Hệ thống thư điện tử công vụ")
        NETWORK = "network", _("Mạng nội bộ (LAN, mạng truyền số liệu chuyên dùng)")
        CAMERA = "camera", _("Hệ thống camera, giám sát")
        DATABASE = "database", _("Cơ sở dữ liệu chuyên ngành")
        OTHER = "other", _("Hệ thống khác")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="information_systems",
        verbose_name=_("chủ quản (đơn vị)"),
    )  # fmt: skip
    name = models.CharField(_("tên hệ thống"), max_length=200)
    kind = models.CharField(_("loại hệ thống"), max_length=12, choices=Kind.choices)
    address = models.CharField(_("địa chỉ truy cập"), max_length=200, blank=True)
    operator = models.CharField(
        _("đơn vị vận hành"), max_length=200,
        help_text=_("Ví dụ: Trung tâm Văn hóa - Thông tin và Thể thao huyện; Viettel Bắc Ninh."),
    )  # fmt: skip
    contact = models.CharField(
        _("đầu mối vận hành (họ tên, điện thoại)"), max_length=200, blank=True
    )
    users_with_personal_data = models.PositiveIntegerField(
        _("số người có dữ liệu cá nhân trong hệ thống"), default=0
    )
    proposed_level = models.PositiveSmallIntegerField(
        _("cấp độ đề xuất"), choices=LEVELS, validators=LEVEL, null=True, blank=True
    )
    approved_level = models.PositiveSmallIntegerField(
        _("cấp độ được phê duyệt"), choices=LEVELS, validators=LEVEL, null=True, blank=True
    )
    approval_number = models.CharField(
        _("số quyết định phê duyệt cấp độ"), max_length=60, blank=True,
        help_text=_("Ví dụ: 1234/QĐ-UBND."),
    )  # fmt: skip
    approved_on = models.DateField(_("ngày phê duyệt"), null=True, blank=True)
    in_service_since = models.DateField(_("đưa vào sử dụng từ"), null=True, blank=True)
    retired_on = models.DateField(_("ngừng sử dụng từ"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("hệ thống thông tin")
        verbose_name_plural = _("hệ thống thông tin")
        indexes = [models.Index(fields=["unit", "approved_level"], name="sec_system_unit_level")]
        constraints = [
            models.UniqueConstraint(fields=["unit", "name"], name="sec_system_unique_name"),
            models.CheckConstraint(condition=Q(proposed_level__isnull=True) | Q(proposed_level__gte=1, proposed_level__lte=5),
                                   name="sec_system_proposed_level"),
            models.CheckConstraint(condition=Q(approved_level__isnull=True) | Q(approved_level__gte=1, approved_level__lte=5),
                                   name="sec_system_approved_level"),
            models.CheckConstraint(condition=Q(approved_level__isnull=True) | (~Q(approval_number="") & Q(approved_on__isnull=False)),
                                   name="sec_system_approval_complete"),
        ]  # fmt: skip

    def __str__(self):
        return self.name


class SystemCheck(models.Model):
    """A periodic check of a system: assessment, vulnerability scan or drill, and its result."""

    class Kind(models.TextChoices):
        ASSESSMENT = "assessment", _("Kiểm tra, đánh giá an toàn thông tin định kỳ")
        SCAN = "scan", _("Rà quét lỗ hổng, điểm yếu")
        DRILL = "drill", _("Diễn tập ứng cứu sự cố")

    class Result(models.TextChoices):
        PASSED = "passed", _("Đạt yêu cầu")
        FINDINGS = "findings", _("Còn tồn tại phải khắc phục")

    system = models.ForeignKey(
        InformationSystem,
        on_delete=models.CASCADE,
        related_name="checks",
        verbose_name=_("hệ thống"),
    )
    kind = models.CharField(_("loại kiểm tra"), max_length=12, choices=Kind.choices)
    checked_on = models.DateField(_("ngày kiểm tra"))
    checked_by = models.CharField(_("đơn vị kiểm tra"), max_length=200)
    result = models.CharField(_("kết quả"), max_length=10, choices=Result.choices)
    findings = models.TextField(_("tồn tại, kiến nghị"), blank=True)
    report = models.FileField(
        _("biên bản, báo cáo"), upload_to="security/checks/%Y/", storage=private_storage, blank=True
    )

    class Meta:
        ordering = ["-checked_on", "-pk"]
        verbose_name = _("lần kiểm tra hệ thống")
        verbose_name_plural = _("kiểm tra hệ thống")
        indexes = [models.Index(fields=["system", "kind", "checked_on"], name="sec_check_system")]

    def __str__(self):
        return f"{self.system} — {self.checked_on:%d/%m/%Y}"


class IncidentRule(models.Model):
    """A deadline a rule sets on an incident: what must be done (the initial report, the
    personal-data breach notice), to whom, within how long counted how, for which incidents,
    and from when to when the rule is in force."""

    class AppliesTo(models.TextChoices):
        ALL = "all", _("Mọi sự cố")
        SERIOUS = "serious", _("Sự cố mức cao hoặc nghiêm trọng")
        PERSONAL_DATA = "personal_data", _("Sự cố lộ, mất dữ liệu cá nhân")

    class Counting(models.TextChoices):
        HOURS = "hours", _("giờ (tính liên tục)")
        DAYS = "days", _("ngày (tính liên tục)")
        WORKING_DAYS = "working_days", _("ngày làm việc")

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("việc phải làm"), max_length=200)
    recipient = models.CharField(_("gửi đến"), max_length=300)
    applies_to = models.CharField(_("áp dụng cho"), max_length=16, choices=AppliesTo.choices)
    amount = models.PositiveSmallIntegerField(_("thời hạn"))
    counting = models.CharField(_("tính theo"), max_length=14, choices=Counting.choices)
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    is_verified = models.BooleanField(_("đã đối chiếu văn bản gốc"), default=False)
    valid_from = models.DateField(_("áp dụng từ ngày"))
    valid_to = models.DateField(_("áp dụng đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["valid_from", "code"]
        verbose_name = _("thời hạn báo cáo sự cố")
        verbose_name_plural = _("thời hạn báo cáo sự cố")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gte=1), name="sec_rule_amount"),
            models.CheckConstraint(condition=Q(valid_to__isnull=True) | Q(valid_to__gte=F("valid_from")),
                                   name="sec_rule_validity"),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    @property
    def limit_text(self) -> str:
        return f"{self.amount} {self.get_counting_display()}"


class ResponseTemplate(models.Model):
    """The response steps for a type of incident (TheHive's case templates): the steps
    become the incident's checklist when it is reported."""

    kind = models.CharField(
        _("loại sự cố"), max_length=16, unique=True, choices=IncidentKind.choices
    )
    steps = models.TextField(_("các bước xử lý"), help_text=_("Mỗi dòng một bước, theo thứ tự."))

    class Meta:
        ordering = ["kind"]
        verbose_name = _("quy trình ứng cứu mẫu")
        verbose_name_plural = _("quy trình ứng cứu mẫu")

    def __str__(self):
        return self.get_kind_display()

    def step_titles(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.steps.splitlines() if line.strip(" -•\t")]


ENDED = ["closed", "dismissed"]  # an incident closed, or a report found not to be one


class Incident(models.Model):
    """An information-security incident reported in a unit, from detection to closure."""

    class Source(models.TextChoices):
        STAFF = "staff", _("Cán bộ phát hiện")
        OPERATOR = "operator", _("Đơn vị vận hành báo")
        MONITORING = "monitoring", _("Cảnh báo từ hệ thống giám sát")
        CITIZEN = "citizen", _("Người dân phản ánh")
        LISTENING = "listening", _("Theo dõi thông tin trên mạng")
        AUTHORITY = "authority", _("Cơ quan chức năng thông báo")

    Kind = IncidentKind

    class Severity(models.IntegerChoices):
        LOW = 1, _("Thấp")
        MEDIUM = 2, _("Trung bình")
        HIGH = 3, _("Cao")
        SERIOUS = 4, _("Nghiêm trọng")

    class Status(models.TextChoices):
        OPEN = "open", _("Mới tiếp nhận")
        RESPONDING = "responding", _("Đang xử lý")
        CLOSED = "closed", _("Đã kết thúc")
        DISMISSED = "dismissed", _("Không phải sự cố")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    system = models.ForeignKey(
        InformationSystem, on_delete=models.PROTECT, null=True, blank=True, related_name="incidents",
        verbose_name=_("hệ thống bị ảnh hưởng"),
    )  # fmt: skip
    title = models.CharField(_("tóm tắt sự cố"), max_length=250)
    description = models.TextField(_("mô tả"), blank=True)
    source = models.CharField(_("nguồn phát hiện"), max_length=12, choices=Source.choices)
    kind = models.CharField(_("loại sự cố"), max_length=16, choices=Kind.choices)
    severity = models.PositiveSmallIntegerField(_("mức độ"), choices=Severity.choices)
    personal_data = models.BooleanField(
        _("có lộ, mất dữ liệu cá nhân"), default=False,
        help_text=_("Phải thông báo vi phạm dữ liệu cá nhân trong 72 giờ."),
    )  # fmt: skip
    detected_at = models.DateTimeField(_("phát hiện lúc"))
    reported_at = models.DateTimeField(_("báo cáo lúc"), default=timezone.now)
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người báo cáo"),
    )  # fmt: skip
    reporter_name = models.CharField(_("người báo cáo"), max_length=150, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=12, choices=Status.choices, default=Status.OPEN
    )
    responded_at = models.DateTimeField(_("bắt đầu xử lý lúc"), null=True, blank=True)
    escalated_to = models.ForeignKey(
        Unit, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("đã báo cáo lên"),
    )  # fmt: skip
    escalated_at = models.DateTimeField(_("báo cáo lên lúc"), null=True, blank=True)
    closed_at = models.DateTimeField(_("kết thúc lúc"), null=True, blank=True)
    cause = models.TextField(_("nguyên nhân"), blank=True)
    lessons = models.TextField(_("bài học kinh nghiệm"), blank=True)

    class Meta:
        ordering = ["-detected_at", "-pk"]
        verbose_name = _("sự cố an toàn thông tin")
        verbose_name_plural = _("sự cố an toàn thông tin")
        permissions = [("close_incident", "Có thể kết thúc sự cố, báo cáo lên cấp trên")]
        indexes = [
            models.Index(fields=["unit", "detected_at"], name="sec_incident_unit_detected"),
            models.Index(fields=["status", "severity"], name="sec_incident_status"),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(severity__gte=1, severity__lte=4), name="sec_incident_severity"),
            models.CheckConstraint(condition=Q(reported_at__gte=F("detected_at")), name="sec_incident_reported"),
            models.CheckConstraint(
                condition=Q(status__in=ENDED, closed_at__isnull=False) | (~Q(status__in=ENDED) & Q(closed_at__isnull=True)),
                name="sec_incident_closed_at",
            ),
            models.CheckConstraint(condition=Q(closed_at__isnull=True) | Q(closed_at__gte=F("detected_at")),
                                   name="sec_incident_closed_after"),
            models.CheckConstraint(condition=Q(escalated_to__isnull=True) | Q(escalated_at__isnull=False),
                                   name="sec_incident_escalated_at"),
        ]  # fmt: skip

    def __str__(self):
        return self.title

    @property
    def is_serious(self) -> bool:
        return self.severity >= self.Severity.HIGH

    @property
    def hours_to_respond(self) -> float | None:
        if self.responded_at is None:
            return None
        return (self.responded_at - self.detected_at).total_seconds() / 3600


class IncidentNotice(models.Model):
    """A notice an incident owes under a rule: due by, and when it was sent, to whom, under
    which number."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="notices")
    rule = models.ForeignKey(IncidentRule, on_delete=models.PROTECT, related_name="+",
                             verbose_name=_("quy định"))  # fmt: skip
    due_at = models.DateTimeField(_("hạn"))
    sent_at = models.DateTimeField(_("đã gửi lúc"), null=True, blank=True)
    sent_to = models.CharField(_("gửi đến"), max_length=300, blank=True)
    reference = models.CharField(_("số văn bản, hình thức gửi"), max_length=120, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "pk"]
        verbose_name = _("thông báo, báo cáo sự cố")
        verbose_name_plural = _("thông báo, báo cáo sự cố")
        indexes = [models.Index(fields=["sent_at", "due_at"], name="sec_notice_due")]
        constraints = [
            models.UniqueConstraint(fields=["incident", "rule"], name="sec_notice_once"),
            models.CheckConstraint(condition=Q(sent_at__isnull=True) | ~Q(sent_to=""), name="sec_notice_recipient"),
        ]  # fmt: skip

    def __str__(self):
        return str(self.rule)

    @property
    def on_time(self) -> bool | None:
        return None if self.sent_at is None else self.sent_at <= self.due_at


class IncidentStep(models.Model):
    """One response step of an incident (from its type's template, or added)."""

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    title = models.CharField(_("bước xử lý"), max_length=250)
    done_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.TextField(_("kết quả"), blank=True)

    class Meta:
        ordering = ["order", "pk"]
        verbose_name = _("bước xử lý sự cố")
        verbose_name_plural = _("bước xử lý sự cố")
        constraints = [
            models.UniqueConstraint(fields=["incident", "order"], name="sec_step_order"),
        ]

    def __str__(self):
        return self.title


class IncidentEvidence(models.Model):
    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="evidence")
    file = models.FileField(
        _("tệp chứng cứ"), upload_to="security/evidence/%Y/", storage=private_storage
    )
    description = models.CharField(_("mô tả"), max_length=250)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(_("lúc"), default=timezone.now)

    class Meta:
        ordering = ["added_at", "pk"]
        verbose_name = _("chứng cứ")
        verbose_name_plural = _("chứng cứ")

    def __str__(self):
        return self.description


class IncidentEvent(models.Model):
    """One step of an incident's timeline (the Saleor pattern)."""

    class Action(models.TextChoices):
        REPORTED = "reported", _("Báo cáo sự cố")
        CLASSIFIED = "classified", _("Phân loại lại")
        STEP_DONE = "step_done", _("Hoàn thành bước xử lý")
        EVIDENCE = "evidence", _("Bổ sung chứng cứ")
        NOTICE_SENT = "notice_sent", _("Gửi thông báo, báo cáo")
        ESCALATED = "escalated", _("Báo cáo lên cấp trên")
        NOTE = "note", _("Ghi chú")
        CLOSED = "closed", _("Kết thúc sự cố")
        DISMISSED = "dismissed", _("Xác định không phải sự cố")

    incident = models.ForeignKey(Incident, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=16, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    actor_name = models.CharField(max_length=150, blank=True)
    note = models.TextField(blank=True)
    params = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return self.get_action_display()


class Advisory(models.Model):
    """A guide or a warning for citizens (phishing, fraud, fake pages), written in the
    security app and published in the "An toàn thông tin" section of the unit's portal."""

    class Kind(models.TextChoices):
        WARNING = "warning", _("Cảnh báo")
        GUIDE = "guide", _("Hướng dẫn")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Bản nháp")
        PUBLISHED = "published", _("Đã đăng trên cổng")
        WITHDRAWN = "withdrawn", _("Đã gỡ khỏi cổng")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    kind = models.CharField(_("loại"), max_length=8, choices=Kind.choices, default=Kind.WARNING)
    title = models.CharField(_("tiêu đề"), max_length=250)
    summary = models.TextField(_("tóm tắt"), max_length=600)
    body = models.TextField(_("nội dung"), help_text=_("Mỗi đoạn cách nhau một dòng trống."))
    incident = models.ForeignKey(
        Incident, on_delete=models.SET_NULL, null=True, blank=True, related_name="advisories",
        verbose_name=_("sự cố liên quan"),
    )  # fmt: skip
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người soạn"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("soạn lúc"), default=timezone.now)
    published_at = models.DateTimeField(_("đăng lúc"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("người duyệt đăng"),
    )  # fmt: skip
    page_url = models.CharField(_("trang trên cổng"), max_length=500, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("cảnh báo, hướng dẫn an toàn thông tin")
        verbose_name_plural = _("cảnh báo, hướng dẫn an toàn thông tin")
        permissions = [("publish_advisory", "Có thể đăng cảnh báo, hướng dẫn lên cổng thông tin")]
        indexes = [models.Index(fields=["unit", "status"], name="sec_advisory_unit_status")]
        constraints = [
            models.CheckConstraint(condition=Q(status="draft") | Q(published_at__isnull=False),
                                   name="sec_advisory_published_at"),
        ]  # fmt: skip

    def __str__(self):
        return self.title

    def paragraphs(self) -> list[str]:
        return [p.strip() for p in self.body.replace("\r\n", "\n").split("\n\n") if p.strip()]


AUDITED = [LevelRule, InformationSystem, SystemCheck, IncidentRule, ResponseTemplate, Incident,
           IncidentNotice, IncidentStep, Advisory]  # fmt: skip
