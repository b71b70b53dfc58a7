"""Businesses under management (Internet points, game points, karaoke, printing and
photocopy, publication distribution — the list is data) and their certificates."""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from tttt.core.text import fold
from tttt.org.models import Unit


class BusinessType(models.Model):
    """A kind of business the authority manages; administrators add more."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên loại hình"), max_length=200)
    description = models.TextField(_("mô tả, căn cứ"), blank=True)
    certificate_name = models.CharField(
        _("giấy phép/giấy chứng nhận cần có"),
        max_length=200,
        blank=True,
        help_text=_("Để trống nếu loại hình này không cần giấy phép."),
    )
    is_active = models.BooleanField(_("đang quản lý"), default=True)
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("loại hình kinh doanh")
        verbose_name_plural = _("loại hình kinh doanh")

    def __str__(self):
        return self.name


class Establishment(models.Model):
    class OwnerKind(models.TextChoices):
        PERSON = "person", _("Cá nhân, hộ kinh doanh")
        ORGANISATION = "organisation", _("Tổ chức, doanh nghiệp")

    class Status(models.TextChoices):
        ACTIVE = "active", _("Đang hoạt động")
        SUSPENDED = "suspended", _("Tạm ngừng")
        CLOSED = "closed", _("Đã chấm dứt")

    business_type = models.ForeignKey(
        BusinessType,
        on_delete=models.PROTECT,
        related_name="establishments",
        verbose_name=_("loại hình"),
    )
    name = models.CharField(_("tên cơ sở"), max_length=200)
    owner_kind = models.CharField(_("chủ cơ sở là"), max_length=12, choices=OwnerKind.choices)
    owner_name = models.CharField(_("chủ cơ sở / người đại diện"), max_length=200)
    owner_id_number = models.CharField(
        _("số CCCD / mã số doanh nghiệp"),
        max_length=20,
        blank=True,
        help_text=_("Không bao giờ hiện trên trang công khai."),
    )
    registration_number = models.CharField(_("số đăng ký kinh doanh"), max_length=50, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300)
    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="establishments",
        verbose_name=_("đơn vị hành chính"),
    )
    former_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị hành chính cũ"),
        help_text=_("Xã/huyện trước 01/7/2025, để tra cứu số liệu cũ."),
    )
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    floor_area = models.DecimalField(
        _("diện tích kinh doanh (m²)"), max_digits=8, decimal_places=1, null=True, blank=True
    )
    machines = models.PositiveIntegerField(_("số máy"), null=True, blank=True)
    rooms = models.PositiveIntegerField(_("số phòng"), null=True, blank=True)
    opening_hours = models.CharField(
        _("giờ hoạt động đăng ký"), max_length=50, blank=True, help_text=_("Ví dụ: 08:00-22:00")
    )
    principal = models.CharField(
        _("doanh nghiệp viễn thông / đại lý ủy quyền"),
        max_length=200,
        blank=True,
        help_text=_("Điểm bán SIM: doanh nghiệp hoặc đại lý mà điểm bán, đăng ký thuê bao cho."),
    )
    is_mobile = models.BooleanField(
        _("bán lưu động"),
        default=False,
        help_text=_("Không có địa điểm cố định; địa chỉ là nơi thường gặp người bán."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    opened_on = models.DateField(_("bắt đầu hoạt động"), null=True, blank=True)
    closed_on = models.DateField(_("chấm dứt hoạt động"), null=True, blank=True)
    search_name = models.CharField(max_length=500, editable=False, db_index=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("cơ sở kinh doanh")
        verbose_name_plural = _("cơ sở kinh doanh")
        indexes = [
            models.Index(fields=["unit", "business_type", "status"], name="estab_unit_type_status"),
            models.Index(fields=["business_type", "status"], name="estab_type_status"),
            models.Index(fields=["status"], name="estab_status"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True)
                | Q(opened_on__isnull=True)
                | Q(closed_on__gte=models.F("opened_on")),
                name="estab_closed_after_opened",
            ),
            models.CheckConstraint(
                condition=Q(floor_area__isnull=True) | Q(floor_area__gt=0),
                name="estab_floor_area_positive",
            ),
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(f"{self.name} {self.owner_name} {self.address}")[:500]
        super().save(*args, **kwargs)

    def is_operating_on(self, day: date) -> bool:
        return (self.opened_on is None or self.opened_on <= day) and (
            self.closed_on is None or self.closed_on > day
        )


class StatusChange(models.Model):
    """The history of an establishment's status (active, suspended, closed)."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="status_changes"
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=Establishment.Status.choices)
    on = models.DateField(_("từ ngày"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["establishment", "on", "pk"]
        verbose_name = _("thay đổi trạng thái")
        verbose_name_plural = _("lịch sử trạng thái")

    def __str__(self):
        return f"{self.on:%d/%m/%Y} {self.get_status_display()}"


class Certificate(models.Model):
    """A certificate or licence of an establishment, with its suspension and revocation."""

    establishment = models.ForeignKey(
        Establishment, on_delete=models.CASCADE, related_name="certificates"
    )
    kind = models.CharField(_("loại giấy"), max_length=200)
    number = models.CharField(_("số"), max_length=50)
    issuer = models.CharField(_("cơ quan cấp"), max_length=200)
    issued_on = models.DateField(_("ngày cấp"))
    valid_until = models.DateField(_("có hiệu lực đến"), null=True, blank=True)
    is_temporary = models.BooleanField(_("tạm thời"), default=False)
    extended_until = models.DateField(
        _("gia hạn đến"),
        null=True,
        blank=True,
        help_text=_("Gia hạn một lần (Nghị định 147/2024: tối đa 2 năm)."),
    )
    suspended_from = models.DateField(_("đình chỉ từ"), null=True, blank=True)
    suspended_until = models.DateField(_("đình chỉ đến"), null=True, blank=True)
    suspension_reason = models.CharField(_("lý do đình chỉ"), max_length=300, blank=True)
    revoked_on = models.DateField(_("thu hồi ngày"), null=True, blank=True)
    revocation_reason = models.CharField(_("lý do thu hồi"), max_length=300, blank=True)

    class Meta:
        ordering = ["-issued_on"]
        verbose_name = _("giấy phép, giấy chứng nhận")
        verbose_name_plural = _("giấy phép, giấy chứng nhận")
        indexes = [
            models.Index(fields=["issued_on"], name="cert_issued"),
            models.Index(fields=["valid_until"], name="cert_valid_until"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_until__isnull=True) | Q(valid_until__gte=models.F("issued_on")),
                name="cert_valid_after_issue",
            ),
            models.CheckConstraint(
                condition=Q(extended_until__isnull=True)
                | Q(extended_until__gt=models.F("valid_until")),
                name="cert_extension_later",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_reason=""),
                name="cert_revocation_has_reason",
            ),
            models.CheckConstraint(
                condition=Q(suspended_from__isnull=True) | ~Q(suspension_reason=""),
                name="cert_suspension_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.kind} số {self.number}"

    @property
    def expires_on(self) -> date | None:
        return self.extended_until or self.valid_until

    def is_valid_on(self, day: date) -> bool:
        if self.issued_on > day or (self.revoked_on and self.revoked_on <= day):
            return False
        if (
            self.suspended_from
            and self.suspended_from <= day
            and (self.suspended_until is None or self.suspended_until >= day)
        ):
            return False
        return self.expires_on is None or self.expires_on >= day


def valid_certificate_q(day: date, prefix: str = "") -> Q:
    """Certificates valid on `day` (optionally reached through `prefix`, e.g. "certificates__")."""
    p = prefix
    return (
        Q(**{f"{p}issued_on__lte": day})
        & (Q(**{f"{p}revoked_on__isnull": True}) | Q(**{f"{p}revoked_on__gt": day}))
        & ~(
            Q(**{f"{p}suspended_from__lte": day})
            & (Q(**{f"{p}suspended_until__isnull": True}) | Q(**{f"{p}suspended_until__gte": day}))
        )
        & (
            Q(**{f"{p}extended_until__gte": day})
            | (
                Q(**{f"{p}extended_until__isnull": True})
                & (Q(**{f"{p}valid_until__isnull": True}) | Q(**{f"{p}valid_until__gte": day}))
            )
        )
    )
