"""Regulations as data, inspection plans, inspection records (biên bản) with their
checklist, violations and penalty decisions."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.errors import refuse
from tttt.establishments.models import BusinessType, Establishment
from tttt.org.models import Unit

from .errors import InspectionsError as E


class Regulation(models.Model):
    """A rule an establishment must follow, with its legal basis and fine range.

    An inspection is judged by the rules in force on its date (`valid_from`–`valid_to`).
    """

    class Check(models.TextChoices):
        TIME_WINDOW = "window", _("Khung giờ không được hoạt động")
        MINIMUM = "minimum", _("Mức tối thiểu (diện tích, khoảng cách…)")
        YES_NO = "yes_no", _("Có / không")

    code = models.SlugField(_("mã"), max_length=60, unique=True)
    title = models.CharField(_("nội dung quy định"), max_length=300)
    legal_basis = models.CharField(_("văn bản"), max_length=200)
    article = models.CharField(_("điều, khoản"), max_length=100, blank=True)
    source = models.CharField(
        _("nguồn kiểm chứng"),
        max_length=300,
        help_text=_("Nơi đã đối chiếu văn bản; ghi rõ nếu chưa kiểm chứng được."),
    )
    valid_from = models.DateField(_("áp dụng từ"))
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)
    business_types = models.ManyToManyField(
        BusinessType, related_name="regulations", verbose_name=_("áp dụng cho loại hình")
    )
    check_kind = models.CharField(_("cách kiểm tra"), max_length=8, choices=Check.choices)
    window_start = models.TimeField(_("cấm hoạt động từ"), null=True, blank=True)
    window_end = models.TimeField(_("đến"), null=True, blank=True)
    minimum = models.DecimalField(
        _("mức tối thiểu"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    minimum_unit = models.CharField(_("đơn vị"), max_length=20, blank=True)
    fine_basis = models.CharField(_("căn cứ xử phạt"), max_length=200, blank=True)
    fine_min_person = models.PositiveBigIntegerField(
        _("phạt tối thiểu, cá nhân (đồng)"), null=True, blank=True
    )
    fine_max_person = models.PositiveBigIntegerField(
        _("phạt tối đa, cá nhân (đồng)"), null=True, blank=True
    )
    fine_min_org = models.PositiveBigIntegerField(
        _("phạt tối thiểu, tổ chức (đồng)"), null=True, blank=True
    )
    fine_max_org = models.PositiveBigIntegerField(
        _("phạt tối đa, tổ chức (đồng)"), null=True, blank=True
    )
    commune_chair_max = models.PositiveBigIntegerField(
        _("Chủ tịch UBND xã được phạt tối đa (đồng)"), null=True, blank=True
    )
    no_fine_note = models.TextField(
        _("khi không có khung phạt: lý do và việc đoàn kiểm tra làm thay"),
        blank=True,
        help_text=_(
            "Bắt buộc khi quy định chưa có đủ khung phạt cho cá nhân và tổ chức; người kiểm "
            "tra đọc nội dung này bên cạnh vi phạm."
        ),
    )

    class Meta:
        ordering = ["legal_basis", "code"]
        verbose_name = _("quy định")
        verbose_name_plural = _("quy định (điều kiện kinh doanh, khung phạt)")
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="reg_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(fine_min_person__isnull=True)
                | Q(fine_max_person__gte=models.F("fine_min_person")),
                name="reg_person_range",
            ),
            models.CheckConstraint(
                condition=Q(fine_min_org__isnull=True)
                | Q(fine_max_org__gte=models.F("fine_min_org")),
                name="reg_org_range",
            ),
            models.CheckConstraint(
                condition=~Q(no_fine_note="")
                | Q(
                    fine_min_person__isnull=False,
                    fine_max_person__isnull=False,
                    fine_min_org__isnull=False,
                    fine_max_org__isnull=False,
                ),
                name="reg_fine_range_or_note",
                violation_error_code="no_fine_range",
                violation_error_message=_(
                    "Hãy nhập đủ khung phạt cho cá nhân và tổ chức, hoặc ghi lý do không có "
                    "khung phạt và việc đoàn kiểm tra làm thay."
                ),
            ),
            models.CheckConstraint(
                condition=~Q(check_kind="window")
                | (Q(window_start__isnull=False) & Q(window_end__isnull=False)),
                name="reg_window_has_times",
            ),
            models.CheckConstraint(
                condition=~Q(check_kind="minimum") | Q(minimum__isnull=False),
                name="reg_minimum_has_value",
            ),
        ]

    def __str__(self):
        return f"{self.title} ({self.legal_basis})"

    def in_force_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)

    @property
    def has_fines(self) -> bool:
        return None not in (
            self.fine_min_person,
            self.fine_max_person,
            self.fine_min_org,
            self.fine_max_org,
        )

    def fine_range(self, organisation: bool) -> tuple[int | None, int | None]:
        if organisation:
            return self.fine_min_org, self.fine_max_org
        return self.fine_min_person, self.fine_max_person


class InspectionPlan(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Dự thảo")
        APPROVED = "approved", _("Đã phê duyệt")
        DONE = "done", _("Đã hoàn thành")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="inspection_plans",
                             verbose_name=_("đơn vị chủ trì"))  # fmt: skip
    title = models.CharField(_("tên kế hoạch"), max_length=300)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    team = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True, related_name="inspection_plans",
                                  verbose_name=_("thành viên đoàn"))  # fmt: skip
    team_agencies = models.CharField(
        _("cơ quan tham gia đoàn liên ngành"), max_length=300, blank=True,
        help_text=_("Ví dụ: Văn hóa – Xã hội, Công an xã, Y tế"),
    )  # fmt: skip
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-period_start"]
        verbose_name = _("kế hoạch kiểm tra")
        verbose_name_plural = _("kế hoạch kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=models.F("period_start")), name="plan_period_order"
            )
        ]

    def __str__(self):
        return self.title


class PlanTarget(models.Model):
    plan = models.ForeignKey(InspectionPlan, on_delete=models.CASCADE, related_name="targets")
    establishment = models.ForeignKey(
        Establishment, on_delete=models.PROTECT, related_name="plan_targets"
    )
    scheduled_on = models.DateField(_("ngày dự kiến"), null=True, blank=True)

    class Meta:
        ordering = ["scheduled_on", "pk"]
        verbose_name = _("cơ sở trong kế hoạch")
        verbose_name_plural = _("cơ sở trong kế hoạch")
        constraints = [
            models.UniqueConstraint(fields=["plan", "establishment"], name="plan_target_once")
        ]

    def __str__(self):
        return f"{self.plan}: {self.establishment}"


class Inspection(models.Model):
    """An inspection record (biên bản kiểm tra), filled on site and saved as it goes."""

    class Status(models.TextChoices):
        OPEN = "open", _("Đang lập")
        CLOSED = "closed", _("Đã ký, khóa")

    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, related_name="inspections",
                                      verbose_name=_("cơ sở"))  # fmt: skip
    target = models.OneToOneField(PlanTarget, on_delete=models.SET_NULL, null=True, blank=True,
                                  related_name="inspection", verbose_name=_("theo kế hoạch"))  # fmt: skip
    inspected_on = models.DateField(_("ngày kiểm tra"))
    inspectors = models.ManyToManyField(settings.AUTH_USER_MODEL, related_name="inspections",
                                        verbose_name=_("người kiểm tra"))  # fmt: skip
    findings = models.TextField(_("nhận xét, kết luận"), blank=True)
    status = models.CharField(
        _("trạng thái"), max_length=8, choices=Status.choices, default=Status.OPEN
    )
    closed_at = models.DateTimeField(_("khóa lúc"), null=True, blank=True)
    version = models.PositiveIntegerField(default=1, editable=False)
    saved_at = models.DateTimeField(_("lưu lần cuối"), default=timezone.now)

    class Meta:
        ordering = ["-inspected_on", "-pk"]
        verbose_name = _("biên bản kiểm tra")
        verbose_name_plural = _("biên bản kiểm tra")
        indexes = [models.Index(fields=["inspected_on"], name="insp_date"),
                   models.Index(fields=["status", "inspected_on"], name="insp_status_date")]  # fmt: skip

    def __str__(self):
        return f"{self.establishment} — {self.inspected_on:%d/%m/%Y}"


class CheckItem(models.Model):
    class Result(models.TextChoices):
        PENDING = "", _("Chưa kiểm tra")
        PASS = "pass", _("Đạt")
        FAIL = "fail", _("Vi phạm")
        NOT_APPLICABLE = "na", _("Không áp dụng")

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="items")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="+")
    result = models.CharField(_("kết quả"), max_length=4, choices=Result.choices, blank=True)
    observed = models.CharField(_("ghi nhận (giờ, số đo…)"), max_length=200, blank=True)
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["inspection", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["inspection", "regulation"], name="check_once")
        ]

    def __str__(self):
        return f"{self.regulation.title}: {self.get_result_display()}"


def photo_path(instance, filename):
    return f"inspections/{instance.inspection_id}/{filename}"


def _private():
    from django.core.files.storage import storages

    return storages["private"]


class InspectionPhoto(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="photos")
    image = models.FileField(_("ảnh"), upload_to=photo_path, storage=_private)
    caption = models.CharField(_("chú thích"), max_length=200, blank=True)
    taken_at = models.DateTimeField(default=timezone.now)

    def __str__(self):
        return self.caption or self.image.name


class Violation(models.Model):
    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="violations")
    regulation = models.ForeignKey(Regulation, on_delete=models.PROTECT, related_name="violations")
    description = models.CharField(_("hành vi vi phạm"), max_length=500)

    class Meta:
        ordering = ["inspection", "pk"]
        verbose_name = _("vi phạm")
        verbose_name_plural = _("vi phạm")
        constraints = [
            models.UniqueConstraint(fields=["inspection", "regulation"], name="violation_once")
        ]

    def __str__(self):
        return self.description


class PenaltyDecision(models.Model):
    """A penalty decision: issued once, never edited; a correction is a new decision."""

    class Authority(models.TextChoices):
        COMMUNE_CHAIR = "commune_chair", _("Chủ tịch UBND cấp xã")
        DISTRICT_CHAIR = "district_chair", _("Chủ tịch UBND cấp huyện (trước 01/7/2025)")
        PROVINCE_CHAIR = "province_chair", _("Chủ tịch UBND cấp tỉnh")
        INSPECTOR = "inspector", _("Chánh thanh tra")

    violation = models.ForeignKey(Violation, on_delete=models.PROTECT, related_name="decisions")
    number = models.CharField(_("số quyết định"), max_length=50, unique=True)
    issued_on = models.DateField(_("ngày ban hành"))
    authority = models.CharField(_("người ra quyết định"), max_length=16, choices=Authority.choices)
    offender_is_organisation = models.BooleanField(_("đối tượng là tổ chức"), default=False)
    amount = models.PositiveBigIntegerField(_("số tiền phạt (đồng)"))
    extra_measures = models.TextField(_("hình thức phạt bổ sung, biện pháp khắc phục"), blank=True)
    payment_due = models.DateField(_("hạn nộp phạt"))
    paid_on = models.DateField(_("đã nộp ngày"), null=True, blank=True)
    follow_up_on = models.DateField(_("ngày kiểm tra lại"), null=True, blank=True)
    corrects = models.OneToOneField("self", on_delete=models.PROTECT, null=True, blank=True,
                                    related_name="corrected_by", verbose_name=_("đính chính quyết định"))  # fmt: skip
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-issued_on", "-pk"]
        verbose_name = _("quyết định xử phạt")
        verbose_name_plural = _("quyết định xử phạt")
        indexes = [models.Index(fields=["issued_on"], name="penalty_issued")]
        constraints = [
            models.CheckConstraint(
                condition=Q(payment_due__gte=models.F("issued_on")), name="penalty_due_after_issue"
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="penalty_amount_positive"),
        ]

    def __str__(self):
        return f"QĐ {self.number}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise refuse(
                E.DECISION_ISSUED,
                _("Quyết định xử phạt đã ban hành không được sửa; hãy ra quyết định đính chính."),
            )
        super().save(*args, **kwargs)

    @property
    def is_current(self) -> bool:
        """Not replaced by a correction."""
        return not hasattr(self, "corrected_by")


class Tip(models.Model):
    """A citizen's report (phản ánh) of a business breaking the rules — a SIM seller selling
    cards registered to someone else, a game point open at night — sent on the unit's portal.
    Staff check it: it becomes a target of an inspection plan, or is dismissed with a reason."""

    class Status(models.TextChoices):
        NEW = "new", _("Mới nhận, chưa xử lý")
        TARGETED = "targeted", _("Đã đưa vào kế hoạch kiểm tra")
        DISMISSED = "dismissed", _("Không có cơ sở để kiểm tra")

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="tips",
                             verbose_name=_("đơn vị nhận"))  # fmt: skip
    business_type = models.ForeignKey(BusinessType, on_delete=models.PROTECT, related_name="tips",
                                      verbose_name=_("loại hình"))  # fmt: skip
    place = models.CharField(_("cơ sở, người bán bị phản ánh"), max_length=200)
    address = models.CharField(_("địa chỉ, nơi bán"), max_length=300)
    description = models.TextField(_("nội dung phản ánh"))
    reporter_name = models.CharField(_("người phản ánh"), max_length=120)
    reporter_contact = models.CharField(_("điện thoại hoặc thư điện tử"), max_length=150)
    received_at = models.DateTimeField(_("nhận lúc"), default=timezone.now)
    status = models.CharField(_("trạng thái"), max_length=10, choices=Status.choices,
                              default=Status.NEW)  # fmt: skip
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT, null=True, blank=True,
                                      related_name="tips", verbose_name=_("cơ sở"))  # fmt: skip
    target = models.ForeignKey(PlanTarget, on_delete=models.PROTECT, null=True, blank=True,
                               related_name="tips", verbose_name=_("kiểm tra theo kế hoạch"))  # fmt: skip
    handled_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("người xử lý"))  # fmt: skip
    handled_at = models.DateTimeField(_("xử lý lúc"), null=True, blank=True)
    note = models.CharField(_("ghi chú, lý do"), max_length=500, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("phản ánh vi phạm")
        verbose_name_plural = _("phản ánh vi phạm")
        indexes = [
            models.Index(fields=["unit", "status", "received_at"], name="tip_unit_status"),
            models.Index(fields=["received_at"], name="tip_received"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(status="targeted")
                | Q(target__isnull=False, establishment__isnull=False),
                name="tip_targeted_has_target",
            ),
            models.CheckConstraint(
                condition=~Q(status="dismissed") | ~Q(note=""), name="tip_dismissed_has_reason"
            ),
        ]

    def __str__(self):
        return f"{self.place} — {self.received_at:%d/%m/%Y}"


class Recall(models.Model):
    """A decision to recall a publication (thu hồi xuất bản phẩm), received by a unit that
    checks the sellers and printers on its territory."""

    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="recalls",
                             verbose_name=_("đơn vị thực hiện"))  # fmt: skip
    publication = models.CharField(_("xuất bản phẩm"), max_length=300)
    publisher = models.CharField(_("nhà xuất bản, đối tác liên kết"), max_length=200, blank=True)
    decision_number = models.CharField(_("số quyết định thu hồi"), max_length=60)
    issuer = models.CharField(_("cơ quan ra quyết định"), max_length=200,
                              help_text=_("Ví dụ: Cục Xuất bản, In và Phát hành"))  # fmt: skip
    decided_on = models.DateField(_("ngày quyết định"))
    received_on = models.DateField(_("ngày nhận"))
    reason = models.TextField(_("lý do thu hồi"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["-received_on", "-pk"]
        verbose_name = _("thu hồi xuất bản phẩm")
        verbose_name_plural = _("thu hồi xuất bản phẩm")
        indexes = [models.Index(fields=["unit", "received_on"], name="recall_unit_received")]
        constraints = [
            models.CheckConstraint(
                condition=Q(received_on__gte=models.F("decided_on")),
                name="recall_received_after_decision",
            ),  # fmt: skip
            models.UniqueConstraint(
                fields=["unit", "decision_number", "publication"], name="recall_once_per_unit"
            ),  # fmt: skip
        ]

    def __str__(self):
        return f"{self.publication} (QĐ {self.decision_number})"


class RecallCheck(models.Model):
    """One seller to check for a recalled publication, and what the check found."""

    class Result(models.TextChoices):
        PENDING = "", _("Chưa kiểm tra")
        NONE_FOUND = "none", _("Không phát hiện")
        WITHDRAWN = "withdrawn", _("Đã thu hồi")

    recall = models.ForeignKey(Recall, on_delete=models.CASCADE, related_name="checks")
    establishment = models.ForeignKey(Establishment, on_delete=models.PROTECT,
                                      related_name="recall_checks", verbose_name=_("cơ sở"))  # fmt: skip
    result = models.CharField(_("kết quả"), max_length=10, choices=Result.choices, blank=True)
    checked_on = models.DateField(_("ngày kiểm tra"), null=True, blank=True)
    quantity = models.PositiveIntegerField(_("số bản thu hồi"), default=0)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+")  # fmt: skip

    class Meta:
        ordering = ["recall", "pk"]
        verbose_name = _("cơ sở cần kiểm tra")
        verbose_name_plural = _("cơ sở cần kiểm tra")
        indexes = [models.Index(fields=["checked_on"], name="recall_check_date")]
        constraints = [
            models.UniqueConstraint(fields=["recall", "establishment"], name="recall_check_once"),
            models.CheckConstraint(
                condition=Q(result="") | Q(checked_on__isnull=False), name="recall_check_dated"
            ),  # fmt: skip
            models.CheckConstraint(
                condition=(Q(result="withdrawn") & Q(quantity__gt=0))
                | (~Q(result="withdrawn") & Q(quantity=0)),
                name="recall_quantity_when_withdrawn",
            ),
        ]

    def __str__(self):
        return f"{self.recall}: {self.establishment}"
