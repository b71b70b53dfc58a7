from datetime import date

from django.conf import settings
from django.contrib.auth.models import AbstractUser, Permission
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from tttt.core.formatting import format_date
from tttt.core.text import fold

REFORM_DATE = date(2025, 7, 1)  # two-tier local government (Resolution 202/2025/QH15)


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(
            Q(valid_from__isnull=True) | Q(valid_from__lte=day),
            Q(valid_to__isnull=True) | Q(valid_to__gte=day),
        )

    def current(self):
        return self.valid_on(timezone.localdate())

    def subtree_of(self, unit, *, include_self: bool = True):
        qs = self.filter(path__startswith=unit.path)
        return qs if include_self else qs.exclude(pk=unit.pk)

    def administrative(self):
        return self.exclude(kind=Unit.Kind.OFFICE)


class Unit(models.Model):
    """An administrative unit (province, district, commune) or an office under one."""

    class Kind(models.TextChoices):
        PROVINCE = "province", _("Tỉnh/thành phố")
        DISTRICT = "district", _("Huyện/quận/thị xã/thành phố thuộc tỉnh")
        COMMUNE = "commune", _("Xã/phường/thị trấn/đặc khu")
        OFFICE = "office", _("Cơ quan, phòng, trung tâm")

    class TypeWord(models.TextChoices):
        TINH = "tỉnh", "tỉnh"
        THANH_PHO = "thành phố", "thành phố"
        HUYEN = "huyện", "huyện"
        QUAN = "quận", "quận"
        THI_XA = "thị xã", "thị xã"
        XA = "xã", "xã"
        PHUONG = "phường", "phường"
        THI_TRAN = "thị trấn", "thị trấn"
        DAC_KHU = "đặc khu", "đặc khu"
        SO = "sở", "sở"
        PHONG = "phòng", "phòng"
        TRUNG_TAM = "trung tâm", "trung tâm"
        VAN_PHONG = "văn phòng", "văn phòng"
        CO_QUAN = "cơ quan", "cơ quan"

    kind = models.CharField(_("cấp"), max_length=10, choices=Kind.choices)
    code = models.CharField(
        _("mã"),
        max_length=20,
        help_text=_("Mã đơn vị hành chính (Tổng cục Thống kê) hoặc mã cơ quan"),
    )
    name = models.CharField(_("tên"), max_length=200)
    short_name = models.CharField(_("tên ngắn"), max_length=150, blank=True)
    type_word = models.CharField(_("loại"), max_length=12, choices=TypeWord.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    path = models.CharField(_("đường dẫn cây"), max_length=255, db_index=True, editable=False)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    valid_from = models.DateField(
        _("hiệu lực từ"), null=True, blank=True, help_text=_("Để trống nếu không rõ")
    )
    valid_to = models.DateField(
        _("hiệu lực đến"), null=True, blank=True, help_text=_("Để trống nếu còn hiệu lực")
    )
    search_name = models.CharField(max_length=200, db_index=True, editable=False)
    source = models.CharField(
        _("nguồn dữ liệu"),
        max_length=40,
        blank=True,
        help_text=_("Gói dữ liệu đã nhập đơn vị này; trống nếu nhập tay"),
    )
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị hành chính và cơ quan")
        ordering = ["path"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "kind", "code"],
                condition=~Q(source=""),
                name="org_unit_unique_code_per_source",
            ),
            models.CheckConstraint(
                condition=Q(valid_from__isnull=True)
                | Q(valid_to__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="org_unit_valid_range",
            ),
            models.CheckConstraint(
                condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
                name="org_unit_latitude_range",
            ),
            models.CheckConstraint(
                condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
                name="org_unit_longitude_range",
            ),
            models.CheckConstraint(
                condition=~Q(kind="province") | Q(parent__isnull=True),
                name="org_unit_province_is_root",
            ),
        ]
        indexes = [
            models.Index(fields=["kind", "valid_to"], name="org_unit_kind_valid_idx"),
            models.Index(fields=["parent", "kind"], name="org_unit_parent_kind_idx"),
        ]

    def __str__(self):
        """The name, and for a unit that no longer exists its last day, so that today's
        "Xã Trung Chính" and the former one read apart in every list and dropdown."""
        if self.valid_to is not None:
            return f"{self.name} (đến {self.valid_to:%d/%m/%Y})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = fold(self.name)
        super().save(*args, **kwargs)
        expected = f"{self.parent.path if self.parent_id else '/'}{self.pk}/"
        if self.path != expected:
            self.path = expected
            Unit.objects.filter(pk=self.pk).update(path=expected)

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (
            self.valid_to is None or day <= self.valid_to
        )

    @property
    def is_current(self) -> bool:
        return self.is_valid_on(timezone.localdate())

    @property
    def ancestor_ids(self) -> list[int]:
        return [int(part) for part in self.path.strip("/").split("/")[:-1] if part]


class UnitSuccession(models.Model):
    """Lineage: `predecessor` became (part of) `successor` on `date`."""

    predecessor = models.ForeignKey(
        Unit, on_delete=models.CASCADE, related_name="successor_links", verbose_name=_("đơn vị cũ")
    )
    successor = models.ForeignKey(
        Unit,
        on_delete=models.CASCADE,
        related_name="predecessor_links",
        verbose_name=_("đơn vị mới"),
    )
    date = models.DateField(_("ngày"))
    is_main = models.BooleanField(
        _("đơn vị kế thừa chính"),
        default=True,
        help_text=_("Khi đơn vị cũ bị chia cho nhiều đơn vị mới, đơn vị nhận trụ sở/phần chính"),
    )
    basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("kế thừa đơn vị")
        verbose_name_plural = _("kế thừa đơn vị")
        constraints = [
            models.UniqueConstraint(
                fields=["predecessor", "successor"], name="org_succession_unique"
            ),
            models.CheckConstraint(
                condition=~Q(predecessor=models.F("successor")), name="org_succession_not_self"
            ),
        ]

    def __str__(self):
        return f"{self.predecessor} → {self.successor} ({self.date:%d/%m/%Y})"


class User(AbstractUser):
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def get_full_name(self):
        return self.full_name or super().get_full_name() or self.username

    def get_short_name(self):
        return self.full_name.split()[-1] if self.full_name else self.username

    def __str__(self):
        return self.get_full_name()


class Role(models.Model):
    """A role (vai trò) and the permissions it grants within a membership's subtree."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=100)
    description = models.TextField(_("mô tả"), blank=True)
    is_administrator = models.BooleanField(
        _("vai trò quản trị"),
        default=False,
        help_text=_("Người giữ vai trò này bắt buộc xác thực hai lớp"),
    )
    permissions = models.ManyToManyField(Permission, verbose_name=_("quyền"), blank=True)

    class Meta:
        verbose_name = _("vai trò")
        verbose_name_plural = _("vai trò")
        ordering = ["name"]

    def __str__(self):
        return self.name


class MembershipQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(Q(valid_from__lte=day), Q(valid_to__isnull=True) | Q(valid_to__gte=day))

    def active(self):
        return self.active_on(timezone.localdate())


class Membership(models.Model):
    """Gives `user` the `role` on `unit` for a period; the unit's subtree is the scope."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("người dùng"),
    )
    role = models.ForeignKey(
        Role, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("vai trò")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("đơn vị")
    )
    valid_from = models.DateField(_("từ ngày"), default=timezone.localdate)
    valid_to = models.DateField(_("đến ngày"), null=True, blank=True)
    note = models.CharField(_("ghi chú"), max_length=200, blank=True)

    objects = MembershipQuerySet.as_manager()

    class Meta:
        verbose_name = _("phân quyền")
        verbose_name_plural = _("phân quyền")
        ordering = ["user__username", "unit__path"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True) | Q(valid_to__gte=models.F("valid_from")),
                name="org_membership_valid_range",
            ),
            models.UniqueConstraint(
                fields=["user", "role", "unit", "valid_from"], name="org_membership_unique"
            ),
        ]
        indexes = [models.Index(fields=["user", "valid_to"], name="org_membership_user_idx")]

    def __str__(self):
        return f"{self.user} — {self.role} — {self.unit}"


class SecurityEvent(models.Model):
    """Sign-ins, failures, lockouts, two-factor events and permission denials (security level 3)."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("Đăng nhập")
        LOGOUT = "logout", _("Đăng xuất")
        LOGIN_FAILED = "login_failed", _("Đăng nhập sai")
        LOCKOUT = "lockout", _("Khóa tạm do đăng nhập sai nhiều lần")
        OTP_VERIFIED = "otp_verified", _("Xác thực hai lớp thành công")
        OTP_FAILED = "otp_failed", _("Mã xác thực hai lớp sai")
        OTP_ENROLLED = "otp_enrolled", _("Đăng ký xác thực hai lớp")
        PERMISSION_DENIED = "permission_denied", _("Từ chối truy cập")
        ACCOUNT_DISABLED = "account_disabled", _("Vô hiệu hóa tài khoản không sử dụng")
        PERSONAL_DATA_READ = "personal_data_read", _("Xem đầy đủ dữ liệu cá nhân")

    kind = models.CharField(_("loại"), max_length=24, choices=Kind.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        verbose_name=_("người dùng"),
    )
    username = models.CharField(_("tên đăng nhập"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("địa chỉ IP"), null=True, blank=True)
    path = models.CharField(_("đường dẫn"), max_length=300, blank=True)
    detail = models.JSONField(_("chi tiết"), default=dict, blank=True)
    created_at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)

    class Meta:
        verbose_name = _("sự kiện an toàn thông tin")
        verbose_name_plural = _("sự kiện an toàn thông tin")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["kind", "created_at"], name="org_secevent_kind_idx")]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.username} — {format_date(self.created_at)}"
