"""Administrative procedures (TTHC) and dossiers (hồ sơ) of the one-stop-shop.

Decree 118/2025/NĐ-CP and Circular 03/2025/TT-VPCP (before 1/7/2025: Decree 61/2018 and
Circular 01/2018). Deadlines are moments in working time (core.calendar); a pause while
the applicant supplements is stored as an interval and pushes the due moment back.
"""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from tttt.core.formatting import format_date
from tttt.core.text import fold
from tttt.org.models import Unit

CITIZEN_ID = RegexValidator(r"^\d{12}$", _("Số định danh cá nhân (CCCD) phải gồm đúng 12 chữ số."))
PHONE = RegexValidator(
    r"^0\d{9}$", _("Số điện thoại phải gồm 10 chữ số và bắt đầu bằng 0, ví dụ 0912345678.")
)


class ProcedureField(models.Model):
    """A field (lĩnh vực) of procedures, e.g. Hộ tịch, Xuất bản, in và phát hành."""

    code = models.CharField(_("mã"), max_length=30, unique=True)
    name = models.CharField(_("tên lĩnh vực"), max_length=200)

    class Meta:
        ordering = ["name"]
        verbose_name = _("lĩnh vực thủ tục")
        verbose_name_plural = _("lĩnh vực thủ tục")

    def __str__(self):
        return self.name


class Procedure(ClusterableModel):
    class Level(models.TextChoices):
        CENTRAL = "central", _("Cấp trung ương")
        PROVINCE = "province", _("Cấp tỉnh")
        DISTRICT = "district", _("Cấp huyện (trước 01/7/2025)")
        COMMUNE = "commune", _("Cấp xã")

    class DurationUnit(models.TextChoices):
        DAY = "day", _("ngày làm việc")
        HOUR = "hour", _("giờ làm việc")

    class OnlineService(models.TextChoices):
        FULL = "full", _("Toàn trình")
        PARTIAL = "partial", _("Một phần")
        NONE = "none", _("Không trực tuyến")

    code = models.CharField(
        _("mã thủ tục"),
        max_length=40,
        unique=True,
        help_text=_("Ví dụ: 1.001234 hoặc 1.001234.H27"),
    )
    name = models.CharField(_("tên thủ tục"), max_length=500)
    field = models.ForeignKey(
        ProcedureField,
        on_delete=models.PROTECT,
        related_name="procedures",
        verbose_name=_("lĩnh vực"),
    )
    level = models.CharField(_("cấp thực hiện"), max_length=10, choices=Level.choices)
    duration = models.PositiveIntegerField(
        _("thời hạn giải quyết"), validators=[MinValueValidator(1)]
    )
    duration_unit = models.CharField(
        _("đơn vị thời hạn"), max_length=4, choices=DurationUnit.choices, default=DurationUnit.DAY
    )
    fee = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), default=0)
    fee_note = models.CharField(_("ghi chú phí"), max_length=300, blank=True)
    online_service = models.CharField(
        _("dịch vụ công trực tuyến"),
        max_length=8,
        choices=OnlineService.choices,
        default=OnlineService.NONE,
    )
    legacy_level = models.PositiveSmallIntegerField(
        _("mức độ DVCTT cũ (1–4)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        help_text=_("Mức độ theo Nghị định 43/2011 (trước Nghị định 42/2022), để tra cứu lịch sử."),
    )
    legal_basis = models.TextField(_("căn cứ pháp lý"), blank=True)
    units = models.ManyToManyField(
        Unit,
        related_name="procedures",
        blank=True,
        verbose_name=_("cơ quan tiếp nhận"),
        help_text=_("Đơn vị có thủ tục này trong danh mục tiếp nhận."),
    )
    is_active = models.BooleanField(_("đang áp dụng"), default=True)
    search_name = models.CharField(max_length=500, editable=False, db_index=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")
        indexes = [
            models.Index(fields=["level", "is_active"], name="onestop_procedure_level"),
            models.Index(fields=["online_service"], name="onestop_procedure_online"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(legacy_level__isnull=True) | Q(legacy_level__range=(1, 4)),
                name="onestop_procedure_legacy_level_1_4",
            ),
            models.CheckConstraint(
                condition=Q(duration__gte=1), name="onestop_procedure_duration_pos"
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.code} {self.name}")
        super().save(*args, **kwargs)

    @property
    def duration_label(self) -> str:
        return f"{self.duration} {self.get_duration_unit_display()}"


class ProcedureDocument(models.Model):
    """A paper the applicant submits (thành phần hồ sơ), with an optional form template."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="documents")
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=1)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    required = models.BooleanField(_("bắt buộc"), default=True)
    template = models.FileField(_("mẫu đơn, tờ khai"), upload_to="onestop/templates/", blank=True)

    class Meta:
        ordering = ["procedure", "order"]
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")

    def __str__(self):
        return self.name


class ProcedureStep(models.Model):
    """An internal processing step with its share of the processing time."""

    procedure = ParentalKey(Procedure, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("thứ tự"))
    name = models.CharField(_("bước"), max_length=300)
    role = models.CharField(_("vai trò thực hiện"), max_length=40)
    share = models.PositiveSmallIntegerField(
        _("tỷ lệ thời gian (%)"), validators=[MinValueValidator(0), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["procedure", "order"]
        verbose_name = _("bước xử lý")
        verbose_name_plural = _("bước xử lý")
        constraints = [
            models.UniqueConstraint(
                fields=["procedure", "order"], name="onestop_step_order_unique"
            ),
            models.CheckConstraint(condition=Q(share__lte=100), name="onestop_step_share_le_100"),
        ]

    def __str__(self):
        return f"{self.order}. {self.name}"


class Status(models.TextChoices):
    RECEIVED = "received", _("Mới tiếp nhận")
    PROCESSING = "processing", _("Đang giải quyết")
    SUPPLEMENT = "supplement", _("Chờ bổ sung")
    AWAITING_APPROVAL = "awaiting", _("Chờ lãnh đạo duyệt")
    APPROVED = "approved", _("Đã duyệt")
    DENIED = "denied", _("Không chấp thuận")
    RESULT_READY = "result_ready", _("Có kết quả, chờ trả")
    RETURNED = "returned", _("Đã trả kết quả")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    STOPPED = "stopped", _("Dừng giải quyết")


OPEN_STATUSES = (
    Status.RECEIVED,
    Status.PROCESSING,
    Status.SUPPLEMENT,
    Status.AWAITING_APPROVAL,
    Status.APPROVED,
    Status.DENIED,
)


class Channel(models.TextChoices):
    COUNTER = "counter", _("Trực tiếp tại bộ phận một cửa")
    ONLINE = "online", _("Trực tuyến")
    POST = "post", _("Dịch vụ bưu chính")


class Timing(models.TextChoices):
    EARLY = "early", _("Trước hạn")
    ON_TIME = "on_time", _("Đúng hạn")
    LATE = "late", _("Quá hạn")


class Rating(models.IntegerChoices):
    UNSATISFIED = 1, _("Không hài lòng")
    SATISFIED = 2, _("Hài lòng")
    VERY_SATISFIED = 3, _("Rất hài lòng")


class DossierQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)


class Dossier(models.Model):
    class ApplicantKind(models.TextChoices):
        PERSON = "person", _("Cá nhân")
        ORGANISATION = "organisation", _("Tổ chức")

    code = models.CharField(_("mã hồ sơ"), max_length=40, unique=True)
    procedure = models.ForeignKey(
        Procedure, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("thủ tục")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="dossiers", verbose_name=_("cơ quan tiếp nhận")
    )
    channel = models.CharField(_("hình thức nộp"), max_length=8, choices=Channel.choices)
    status = models.CharField(_("trạng thái"), max_length=12, choices=Status.choices)
    applicant_kind = models.CharField(
        _("người nộp là"),
        max_length=12,
        choices=ApplicantKind.choices,
        default=ApplicantKind.PERSON,
    )
    applicant_name = models.CharField(_("tên người nộp / tổ chức"), max_length=200)
    citizen_id = models.CharField(
        _("số CCCD/định danh"), max_length=12, blank=True, validators=[CITIZEN_ID]
    )
    organisation_code = models.CharField(_("mã số doanh nghiệp/thuế"), max_length=20, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=10, validators=[PHONE])
    email = models.EmailField(_("thư điện tử"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300, blank=True)
    applicant_search = models.CharField(max_length=200, editable=False, db_index=True)

    received_at = models.DateTimeField(_("thời điểm tiếp nhận"))
    counted_from = models.DateTimeField(
        _("tính thời hạn từ"),
        help_text=_("Sau giờ chốt (mặc định 15:00) tính từ ngày làm việc tiếp theo."),
    )
    due_at = models.DateTimeField(_("hẹn trả kết quả"))
    deadline = models.DateTimeField(
        _("hạn theo quy định"),
        help_text=_(
            "Thời hạn giải quyết theo thủ tục, lùi lại theo thời gian chờ bổ sung. Hẹn lại "
            "ngày trả (văn bản xin lỗi) không đổi hạn này: hồ sơ vẫn tính là quá hạn."
        ),
    )
    rescheduled_at = models.DateTimeField(_("thời điểm hẹn lại"), null=True, blank=True)
    received_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("người tiếp nhận"),
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assigned_dossiers",
        verbose_name=_("người đang xử lý"),
    )
    fee = models.PositiveBigIntegerField(_("phí, lệ phí (đồng)"), default=0)
    paid_online = models.BooleanField(_("thanh toán trực tuyến"), default=False)
    digitised = models.BooleanField(_("đã số hóa"), default=False)

    decision_note = models.TextField(_("lý do / ý kiến"), blank=True)
    finished_at = models.DateTimeField(
        _("kết thúc giải quyết"),
        null=True,
        blank=True,
        help_text=_("Có kết quả, từ chối tiếp nhận hoặc dừng giải quyết."),
    )
    resolved_at = models.DateTimeField(_("có kết quả lúc"), null=True, blank=True)
    timing = models.CharField(_("tiến độ"), max_length=8, choices=Timing.choices, blank=True)
    returned_at = models.DateTimeField(_("trả kết quả lúc"), null=True, blank=True)
    rating = models.PositiveSmallIntegerField(
        _("mức độ hài lòng"), choices=Rating.choices, null=True, blank=True
    )
    rating_comment = models.TextField(_("góp ý"), blank=True)
    rated_at = models.DateTimeField(_("đánh giá lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    objects = DossierQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        permissions = [
            ("receive_dossier", _("Tiếp nhận hồ sơ")),
            ("process_dossier", _("Xử lý hồ sơ")),
            ("approve_dossier", _("Phê duyệt hồ sơ")),
            ("view_personal_data", _("Xem đầy đủ CCCD, điện thoại của người nộp")),
        ]
        indexes = [
            models.Index(fields=["unit", "received_at"], name="onestop_dossier_unit_recv"),
            models.Index(fields=["received_at"], name="onestop_dossier_received"),
            models.Index(fields=["status", "due_at"], name="onestop_dossier_status_due"),
            models.Index(fields=["assignee", "status"], name="onestop_dossier_assignee"),
            models.Index(fields=["procedure", "received_at"], name="onestop_dossier_proc"),
            models.Index(fields=["finished_at"], name="onestop_dossier_finished"),
            models.Index(fields=["channel", "received_at"], name="onestop_dossier_channel"),
            models.Index(fields=["timing", "resolved_at"], name="onestop_dossier_timing"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(due_at__gte=models.F("counted_from")),
                name="onestop_dossier_due_after_start",
            ),
            models.CheckConstraint(
                condition=Q(counted_from__gte=models.F("received_at")),
                name="onestop_dossier_start_after_receipt",
            ),
            models.CheckConstraint(
                condition=Q(resolved_at__isnull=True) | ~Q(timing=""),
                name="onestop_dossier_resolved_has_timing",
            ),
            models.CheckConstraint(
                condition=Q(rating__isnull=True) | Q(status="returned"),
                name="onestop_dossier_rating_after_return",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.applicant_name}"

    def save(self, *args, **kwargs):
        self.applicant_search = fold(self.applicant_name)[:200]
        super().save(*args, **kwargs)

    @property
    def is_open(self) -> bool:
        return self.status in OPEN_STATUSES

    def is_overdue(self, now=None) -> bool:
        return (
            self.is_open
            and self.status != Status.SUPPLEMENT
            and self.due_at < (now or timezone.now())
        )

    @property
    def masked_citizen_id(self) -> str:
        return mask(self.citizen_id, keep_end=3)

    @property
    def masked_phone(self) -> str:
        return mask(self.phone, keep_end=3)


def mask(value: str, keep_end: int = 3) -> str:
    """`0912345678` → `*******678`: enough to recognise, not enough to misuse."""
    if not value:
        return ""
    keep = min(keep_end, len(value) // 3)
    return "*" * (len(value) - keep) + value[len(value) - keep :]


class DossierItem(models.Model):
    """A paper received with the dossier (the checklist)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="items")
    document = models.ForeignKey(
        ProcedureDocument, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    name = models.CharField(_("giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("bản chính"), default=0)
    copies = models.PositiveSmallIntegerField(_("bản sao"), default=0)

    class Meta:
        verbose_name = _("giấy tờ đã nhận")
        verbose_name_plural = _("giấy tờ đã nhận")

    def __str__(self):
        return self.name


def private_storage():
    from django.core.files.storage import storages

    return storages["private"]


def attachment_path(instance, filename):
    return f"dossiers/{instance.dossier.received_at:%Y/%m}/{instance.dossier.code}/{filename}"


class DossierFile(models.Model):
    """An attachment, stored outside the web root and served only to people in scope."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="files")
    file = models.FileField(
        _("tệp"), upload_to=attachment_path, storage=private_storage, max_length=300
    )
    name = models.CharField(_("tên tệp"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField(_("dung lượng (byte)"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    uploaded_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self):
        return self.name


class DossierPause(models.Model):
    """The clock stands still while the applicant supplements the dossier."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="pauses")
    started_at = models.DateTimeField(_("bắt đầu tạm dừng"))
    ended_at = models.DateTimeField(_("kết thúc tạm dừng"), null=True, blank=True)
    reason = models.TextField(_("nội dung yêu cầu bổ sung"))

    class Meta:
        ordering = ["started_at"]
        verbose_name = _("thời gian tạm dừng")
        verbose_name_plural = _("thời gian tạm dừng")
        constraints = [
            models.CheckConstraint(
                condition=Q(ended_at__isnull=True) | Q(ended_at__gte=models.F("started_at")),
                name="onestop_pause_ends_after_start",
            ),
            models.UniqueConstraint(
                fields=["dossier"],
                condition=Q(ended_at__isnull=True),
                name="onestop_one_open_pause",
            ),
        ]

    def __str__(self):
        return f"{self.dossier_id}: {format_date(self.started_at)} → {format_date(self.ended_at) or '…'}"


class DossierEvent(models.Model):
    """One line of the control sheet (phiếu kiểm soát quá trình giải quyết hồ sơ)."""

    dossier = models.ForeignKey(Dossier, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("thao tác"), max_length=24)
    from_status = models.CharField(
        _("từ trạng thái"), max_length=12, choices=Status.choices, blank=True
    )
    to_status = models.CharField(_("sang trạng thái"), max_length=12, choices=Status.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(_("người thực hiện"), max_length=200, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = models.TextField(_("ghi chú"), blank=True)
    is_public = models.BooleanField(default=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("bước trong phiếu kiểm soát")
        verbose_name_plural = _("phiếu kiểm soát")
        indexes = [models.Index(fields=["dossier", "at"], name="onestop_event_dossier_at")]

    def __str__(self):
        return f"{format_date(self.at)} {self.action_label} ({self.actor_name})"

    @property
    def action_label(self) -> str:
        """The action as the control sheet names it (`assign` → "Phân công xử lý")."""
        from .services import action_label

        return action_label(self.action)


class SlipTemplate(models.Model):
    """A printable form (Circular 03/2025 forms 01–07; Circular 01/2018 for older dossiers)."""

    class Form(models.TextChoices):
        RECEIPT = "01", _("Giấy tiếp nhận hồ sơ và hẹn trả kết quả")
        SUPPLEMENT = "02", _("Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ")
        REFUSAL = "03", _("Phiếu từ chối tiếp nhận hồ sơ")
        APOLOGY = "04", _("Văn bản xin lỗi và hẹn lại ngày trả kết quả")
        STOP = "05", _("Thông báo dừng giải quyết hồ sơ")
        CONTROL = "06", _("Phiếu kiểm soát quá trình giải quyết hồ sơ")
        REGISTER = "07", _("Sổ theo dõi hồ sơ")

    form = models.CharField(_("mẫu số"), max_length=2, choices=Form.choices)
    title = models.CharField(_("tiêu đề in trên phiếu"), max_length=200)
    body = models.TextField(
        _("nội dung"),
        help_text=_(
            "Văn bản mẫu; dùng {{ dossier.code }}, {{ dossier.applicant_name }}, {{ due }}, "
            "{{ received }}, {{ unit }}, {{ procedure }}, {{ reason }}, {{ items }}."
        ),
    )
    basis = models.CharField(_("căn cứ"), max_length=200)
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        ordering = ["form", "-valid_from"]
        verbose_name = _("mẫu phiếu")
        verbose_name_plural = _("mẫu phiếu một cửa")
        constraints = [
            models.UniqueConstraint(fields=["form", "valid_from"], name="onestop_slip_form_from"),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="onestop_slip_valid_range",
            ),
        ]

    def __str__(self):
        return f"Mẫu {self.form} — {self.title}"


class DossierRollup(models.Model):
    """Dossiers counted per receiving unit and day (grain ``d``) or month (``m``, dated the
    1st), for closed days only (`onestop.rollup`): what the figures of a province-year or
    the nation read instead of the dossiers. Written only by the database (the rollup job
    and triggers on the dossiers), never by the application."""

    class Grain(models.TextChoices):
        DAY = "d", _("ngày")
        MONTH = "m", _("tháng")

    grain = models.CharField(max_length=1, choices=Grain.choices)
    unit = models.ForeignKey(Unit, on_delete=models.CASCADE, related_name="+")
    day = models.DateField()
    # by the day received (refused dossiers not counted)
    received = models.IntegerField(db_default=0)
    counter = models.IntegerField(db_default=0)
    online = models.IntegerField(db_default=0)
    post = models.IntegerField(db_default=0)
    with_fee = models.IntegerField(db_default=0)
    paid_online = models.IntegerField(db_default=0)
    digitised = models.IntegerField(db_default=0)
    in_time = models.IntegerField(db_default=0)  # resolved early or on time, whenever
    in_time_span = models.IntegerField(db_default=0)  # ≥ days from receipt to such a result
    # by the day resolved
    resolved = models.IntegerField(db_default=0)
    early = models.IntegerField(db_default=0)
    on_time = models.IntegerField(db_default=0)
    late = models.IntegerField(db_default=0)
    # by the day rated, the day rescheduled
    rated = models.IntegerField(db_default=0)
    satisfied = models.IntegerField(db_default=0)
    apologised = models.IntegerField(db_default=0)
    # what was pending or overdue at the end of a day follows from running sums of these
    finished = models.IntegerField(db_default=0)  # by the day finished
    due = models.IntegerField(db_default=0)  # by the day the deadline passed
    due_finished = models.IntegerField(db_default=0)  # by the later of deadline and finish

    class Meta:
        verbose_name = _("tổng hợp hồ sơ theo ngày")
        verbose_name_plural = _("tổng hợp hồ sơ theo ngày")
        constraints = [
            models.UniqueConstraint(fields=["unit", "grain", "day"], name="onestop_rollup_cell"),
        ]

    def __str__(self):
        return f"{self.unit_id} {self.grain} {self.day:%d/%m/%Y}: {self.received}"
