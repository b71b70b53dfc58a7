"""Registries of telecom, post, broadcast and e-government infrastructure: BTS stations,
cable undergrounding projects, commune postal cultural points, radio stations and their
output, specialised digital certificates and official e-mail adoption.

Every record belongs to a unit (a former unit for records before 01/7/2025), so the
user's scope and the 2025 lineage apply as everywhere else. States that figures need at
a past date (a station's operation, a project's deadline, a postal point's status) are
kept as dates or history rows, not only as a current flag.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

from tttt.core.text import fold
from tttt.org.models import Unit

from .errors import InfraError

LATITUDE = Q(latitude__isnull=True) | Q(latitude__gte=8, latitude__lte=24)
LONGITUDE = Q(longitude__isnull=True) | Q(longitude__gte=102, longitude__lte=110)


class Operator(models.Model):
    """A telecom, postal or broadcast enterprise (data: administrators add more)."""

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên doanh nghiệp"), max_length=200)
    is_active = models.BooleanField(_("đang hoạt động"), default=True)
    mobile = models.BooleanField(
        _("có mạng di động (trạm BTS)"), default=False,
        help_text=_("Chỉ doanh nghiệp có mạng di động được chọn cho trạm BTS."),
    )  # fmt: skip
    postal = models.BooleanField(
        _("bưu chính"), default=False,
        help_text=_("Doanh nghiệp bưu chính được chọn cho điểm bưu điện văn hóa xã."),
    )  # fmt: skip
    order = models.PositiveSmallIntegerField(_("thứ tự"), default=0)

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("doanh nghiệp viễn thông")
        verbose_name_plural = _("doanh nghiệp viễn thông")

    def __str__(self):
        return self.name


class UnitRecord(models.Model):
    """Fields every registry record shares (abstract)."""

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị hành chính")
    )
    former_unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("đơn vị hành chính cũ"),
        help_text=_(
            "Đơn vị trước 01/7/2025, để số liệu các kỳ trước tính đúng; để trống thì lấy đơn vị "
            "cũ chính đã nhập vào đơn vị này."
        ),
    )
    note = models.TextField(_("ghi chú"), blank=True)
    search_name = models.CharField(max_length=600, editable=False, default="")

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.search_name = fold(" ".join(p for p in self.search_parts() if p))[:600]
        super().save(*args, **kwargs)

    def search_parts(self) -> list[str]:
        return [str(self)]


# ---------------------------------------------------------------- BTS stations


class BtsStation(UnitRecord):
    class Status(models.TextChoices):
        PLANNED = "planned", _("Đang xây dựng, chưa phát sóng")
        OPERATING = "operating", _("Đang phát sóng")
        STOPPED = "stopped", _("Ngừng phát sóng")
        DISMANTLED = "dismantled", _("Đã tháo dỡ")

    class Mast(models.TextChoices):
        GROUND = "ground", _("Cột dựng dưới đất")
        ROOFTOP = "rooftop", _("Cột trên nóc nhà, công trình")
        CAMOUFLAGED = "camouflaged", _("Cột ngụy trang, cột đèn, trạm thu nhỏ")

    TECHNOLOGIES = (("has_2g", "2G"), ("has_3g", "3G"), ("has_4g", "4G"), ("has_5g", "5G"))

    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, related_name="stations", verbose_name=_("doanh nghiệp")
    )
    code = models.CharField(_("mã trạm"), max_length=40)
    name = models.CharField(_("tên trạm"), max_length=200, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=300)
    latitude = models.DecimalField(
        _("vĩ độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    longitude = models.DecimalField(
        _("kinh độ"), max_digits=9, decimal_places=6, null=True, blank=True
    )
    has_2g = models.BooleanField("2G", default=False)
    has_3g = models.BooleanField("3G", default=False)
    has_4g = models.BooleanField("4G", default=False)
    has_5g = models.BooleanField("5G", default=False)
    height_m = models.DecimalField(
        _("chiều cao cột (m)"), max_digits=5, decimal_places=1, null=True, blank=True
    )
    mast = models.CharField(_("loại cột"), max_length=12, choices=Mast.choices, default=Mast.GROUND)
    permit_number = models.CharField(_("số giấy phép xây dựng"), max_length=60, blank=True)
    permit_date = models.DateField(_("ngày cấp phép xây dựng"), null=True, blank=True)
    shared_with = models.ManyToManyField(
        Operator,
        blank=True,
        related_name="+",
        verbose_name=_("dùng chung với"),
        help_text=_("Doanh nghiệp khác cùng lắp thiết bị trên cột, nhà trạm này."),
    )
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.OPERATING
    )
    commissioned_on = models.DateField(_("ngày phát sóng"), null=True, blank=True)
    stopped_on = models.DateField(_("ngày ngừng phát sóng"), null=True, blank=True)

    class Meta:
        ordering = ["operator__order", "code"]
        verbose_name = _("trạm BTS")
        verbose_name_plural = _("trạm BTS")
        indexes = [
            models.Index(fields=["unit", "status"], name="bts_unit_status"),
            models.Index(fields=["operator", "status"], name="bts_operator_status"),
            models.Index(fields=["status"], name="bts_status"),
            models.Index(fields=["commissioned_on"], name="bts_commissioned"),
        ]
        constraints = [
            models.UniqueConstraint(fields=["operator", "code"], name="bts_operator_code_unique"),
            models.CheckConstraint(
                condition=Q(has_2g=True) | Q(has_3g=True) | Q(has_4g=True) | Q(has_5g=True),
                name="bts_has_technology",
            ),
            models.CheckConstraint(
                condition=Q(height_m__isnull=True) | Q(height_m__gt=0), name="bts_height_positive"
            ),
            models.CheckConstraint(condition=LATITUDE, name="bts_latitude_in_vietnam"),
            models.CheckConstraint(condition=LONGITUDE, name="bts_longitude_in_vietnam"),
            models.CheckConstraint(
                condition=Q(status="planned", commissioned_on__isnull=True, stopped_on__isnull=True)
                | Q(status="operating", commissioned_on__isnull=False, stopped_on__isnull=True)
                | Q(
                    status__in=["stopped", "dismantled"],
                    commissioned_on__isnull=False,
                    stopped_on__isnull=False,  # a NULL comparison would pass a CHECK
                    stopped_on__gte=F("commissioned_on"),
                ),
                name="bts_status_dates",
                violation_error_message=_(
                    "Trạm đang xây dựng chưa có ngày phát sóng; trạm đang phát sóng cần ngày phát "
                    "sóng; trạm ngừng hoặc tháo dỡ cần ngày ngừng, không trước ngày phát sóng."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name or self.address}"

    def clean(self):
        super().clean()
        if self.operator_id and not self.operator.mobile:
            raise ValidationError(
                {"operator": ValidationError(
                    _("«%(name)s» không có mạng di động; trạm BTS thuộc doanh nghiệp có mạng di động."),
                    code=InfraError.NOT_A_MOBILE_OPERATOR, params={"name": self.operator.name})}
            )  # fmt: skip

    def search_parts(self):
        return [self.code, self.name, self.address]

    @property
    def technologies(self) -> str:
        return ", ".join(label for field, label in self.TECHNOLOGIES if getattr(self, field))


# ---------------------------------------------------------------- cable undergrounding


class UndergroundingProject(UnitRecord):
    """Putting overhead telecom cables underground on a route (ngầm hóa cáp viễn thông)."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("Chưa triển khai")
        IN_PROGRESS = "in_progress", _("Đang thực hiện")
        COMPLETED = "completed", _("Đã hoàn thành")
        CANCELLED = "cancelled", _("Dừng, hủy bỏ")

    name = models.CharField(_("tuyến đường"), max_length=200)
    section = models.CharField(_("đoạn (từ … đến …)"), max_length=300, blank=True)
    operators = models.ManyToManyField(
        Operator, related_name="undergrounding", verbose_name=_("doanh nghiệp thực hiện")
    )
    length_m = models.PositiveIntegerField(_("chiều dài (m)"))
    decision_number = models.CharField(
        _("số quyết định giao, phê duyệt"), max_length=80, blank=True
    )
    decided_on = models.DateField(_("ngày quyết định"), null=True, blank=True)
    original_deadline = models.DateField(_("thời hạn hoàn thành ban đầu"))
    deadline = models.DateField(
        _("thời hạn hiện tại"), editable=False, help_text=_("Sau các lần gia hạn.")
    )
    progress_percent = models.PositiveSmallIntegerField(_("tiến độ (%)"), default=0)
    status = models.CharField(
        _("trạng thái"), max_length=12, choices=Status.choices, default=Status.PLANNED
    )
    completed_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)

    class Meta:
        ordering = ["deadline", "name"]
        verbose_name = _("tuyến ngầm hóa cáp")
        verbose_name_plural = _("tuyến ngầm hóa cáp")
        indexes = [
            models.Index(fields=["unit", "status", "deadline"], name="ug_unit_status_deadline"),
            models.Index(fields=["status", "deadline"], name="ug_status_deadline"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(progress_percent__lte=100), name="ug_progress_at_most_100"
            ),
            models.CheckConstraint(
                condition=Q(deadline__gte=F("original_deadline")),
                name="ug_deadline_not_before_original",
            ),
            models.CheckConstraint(
                condition=Q(status="completed", completed_on__isnull=False, progress_percent=100)
                | (~Q(status="completed") & Q(completed_on__isnull=True)),
                name="ug_completed_dates",
                violation_error_message=_(
                    "Tuyến đã hoàn thành cần ngày hoàn thành và tiến độ 100%; tuyến chưa hoàn "
                    "thành không có ngày hoàn thành."
                ),
            ),
            models.CheckConstraint(condition=Q(length_m__gt=0), name="ug_length_positive"),
        ]

    def __str__(self):
        return f"{self.name}{f' ({self.section})' if self.section else ''}"

    def search_parts(self):
        return [self.name, self.section, self.decision_number]


class UndergroundingExtension(models.Model):
    """A decision extending a project's deadline."""

    project = models.ForeignKey(
        UndergroundingProject,
        on_delete=models.CASCADE,
        related_name="extensions",
        verbose_name=_("tuyến ngầm hóa"),
    )
    decision_number = models.CharField(_("số quyết định gia hạn"), max_length=80)
    decided_on = models.DateField(_("ngày quyết định"))
    previous_deadline = models.DateField(_("thời hạn trước đó"), editable=False)
    new_deadline = models.DateField(_("thời hạn mới"))
    reason = models.CharField(_("lý do"), max_length=500)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["project", "decided_on"]
        verbose_name = _("quyết định gia hạn ngầm hóa")
        verbose_name_plural = _("quyết định gia hạn ngầm hóa")
        constraints = [
            models.CheckConstraint(
                condition=Q(new_deadline__gt=F("previous_deadline")),
                name="ug_extension_later",
                violation_error_message=_("Thời hạn mới phải sau thời hạn hiện tại."),
            ),
            models.UniqueConstraint(
                fields=["project", "new_deadline"], name="ug_extension_unique_deadline"
            ),
        ]

    def __str__(self):
        return f"{self.decision_number} ({self.new_deadline:%d/%m/%Y})"


class UndergroundingProgress(models.Model):
    """A progress report on a project: how far it is on a day."""

    project = models.ForeignKey(
        UndergroundingProject,
        on_delete=models.CASCADE,
        related_name="progress_reports",
        verbose_name=_("tuyến ngầm hóa"),
    )
    on = models.DateField(_("ngày"))
    percent = models.PositiveSmallIntegerField(_("tiến độ (%)"))
    note = models.CharField(_("nội dung"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["project", "on"]
        verbose_name = _("báo cáo tiến độ ngầm hóa")
        verbose_name_plural = _("báo cáo tiến độ ngầm hóa")
        constraints = [
            models.CheckConstraint(condition=Q(percent__lte=100), name="ug_report_at_most_100"),
        ]

    def __str__(self):
        return f"{self.on:%d/%m/%Y}: {self.percent}%"


# ---------------------------------------------------------------- postal cultural points


class PostalPoint(UnitRecord):
    """A commune postal cultural point (điểm bưu điện văn hóa xã)."""

    class Status(models.TextChoices):
        OPERATING = "operating", _("Đang hoạt động")
        SUSPENDED = "suspended", _("Tạm ngưng hoạt động")
        CLOSED = "closed", _("Đã giải thể")

    name = models.CharField(_("tên điểm"), max_length=200)
    address = models.CharField(_("địa chỉ"), max_length=300)
    operator = models.ForeignKey(
        Operator, on_delete=models.PROTECT, null=True, blank=True, related_name="+",
        verbose_name=_("doanh nghiệp bưu chính quản lý"),
    )  # fmt: skip
    opened_on = models.DateField(_("ngày bắt đầu hoạt động"), null=True, blank=True)
    staff = models.PositiveSmallIntegerField(_("số nhân viên phục vụ"), default=1)
    has_internet = models.BooleanField(_("có điểm truy nhập Internet"), default=False)
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.OPERATING,
        editable=False,
    )  # fmt: skip

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("điểm bưu điện văn hóa xã")
        verbose_name_plural = _("điểm bưu điện văn hóa xã")
        indexes = [models.Index(fields=["unit", "status"], name="postal_unit_status")]

    def __str__(self):
        return self.name

    def search_parts(self):
        return [self.name, self.address]


class PostalPointStatus(models.Model):
    """A status a postal point had from a day on (its history; the latest is current)."""

    point = models.ForeignKey(
        PostalPoint, on_delete=models.CASCADE, related_name="history", verbose_name=_("điểm")
    )
    status = models.CharField(_("trạng thái"), max_length=10, choices=PostalPoint.Status.choices)
    since = models.DateField(_("từ ngày"))
    reason = models.CharField(_("lý do"), max_length=300, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False,
        related_name="+",
    )  # fmt: skip

    class Meta:
        ordering = ["point", "since"]
        verbose_name = _("thay đổi trạng thái điểm bưu điện")
        verbose_name_plural = _("thay đổi trạng thái điểm bưu điện")
        constraints = [
            models.UniqueConstraint(fields=["point", "since"], name="postal_status_one_per_day"),
            models.CheckConstraint(
                condition=Q(status="operating") | ~Q(reason=""),
                name="postal_status_reason_required",
                violation_error_message=_("Ghi lý do tạm ngưng hoặc giải thể."),
            ),
        ]
        indexes = [models.Index(fields=["point", "-since"], name="postal_status_latest")]

    def __str__(self):
        return f"{self.get_status_display()} từ {self.since:%d/%m/%Y}"


# ---------------------------------------------------------------- radio stations


class RadioStation(UnitRecord):
    """A commune (or district) radio station (đài truyền thanh)."""

    class Technology(models.TextChoices):
        WIRED = "wired", _("Truyền thanh hữu tuyến (dây)")
        FM = "fm", _("Truyền thanh không dây (FM)")
        IP = "ip", _("Truyền thanh ứng dụng CNTT – viễn thông (IP)")

    class Status(models.TextChoices):
        OPERATING = "operating", _("Hoạt động tốt")
        DEGRADED = "degraded", _("Hoạt động, xuống cấp")
        STOPPED = "stopped", _("Ngừng hoạt động")

    name = models.CharField(_("tên đài"), max_length=200)
    technology = models.CharField(_("công nghệ"), max_length=8, choices=Technology.choices)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPERATING
    )
    frequency_mhz = models.DecimalField(
        _("tần số (MHz)"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    speaker_clusters = models.PositiveIntegerField(_("số cụm loa"), null=True, blank=True)
    staff = models.PositiveSmallIntegerField(_("số người phụ trách"), default=1)
    monthly_allowance = models.PositiveIntegerField(_("phụ cấp mỗi người (đồng/tháng)"), default=0)
    established_on = models.DateField(_("ngày đưa vào sử dụng"), null=True, blank=True)

    class Meta:
        ordering = ["unit__path", "name"]
        verbose_name = _("đài truyền thanh")
        verbose_name_plural = _("đài truyền thanh")
        indexes = [
            models.Index(fields=["unit", "technology", "status"], name="radio_unit_tech_status")
        ]
        constraints = [
            models.CheckConstraint(
                condition=~Q(technology="fm")
                | Q(frequency_mhz__isnull=False, frequency_mhz__gte=54, frequency_mhz__lte=108),
                name="radio_fm_frequency",
                violation_error_message=_("Đài FM cần tần số trong khoảng 54–108 MHz."),
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def allowance_text(self) -> str:
        """ "745.000 đồng" (a figure in a list is written as people read money)."""
        from tttt.core.formatting import format_money

        return format_money(self.monthly_allowance)

    def search_parts(self):
        return [self.name]


class SpeakerCluster(models.Model):
    """A cluster of loudspeakers of a station; for smart (IP) radio, the device the source
    system reaches, with its status as last reported."""

    class Status(models.TextChoices):
        OPERATING = "operating", _("Hoạt động")
        FAULTY = "faulty", _("Hỏng, chờ sửa chữa")
        OFFLINE = "offline", _("Mất kết nối")

    station = models.ForeignKey(
        RadioStation, on_delete=models.CASCADE, related_name="clusters", verbose_name=_("đài")
    )
    name = models.CharField(_("tên cụm loa"), max_length=200)
    location = models.CharField(_("vị trí"), max_length=300, blank=True)
    status = models.CharField(
        _("tình trạng"), max_length=10, choices=Status.choices, default=Status.OPERATING
    )
    installed_on = models.DateField(_("ngày lắp đặt"), null=True, blank=True)
    last_seen_at = models.DateTimeField(_("kết nối lần cuối"), null=True, blank=True)
    note = models.TextField(_("ghi chú"), blank=True)

    class Meta:
        ordering = ["station", "name"]
        verbose_name = _("cụm loa")
        verbose_name_plural = _("cụm loa")
        indexes = [models.Index(fields=["station", "status"], name="radio_cluster_status")]
        constraints = [
            models.UniqueConstraint(fields=["station", "name"], name="radio_cluster_unique_name",
                                    violation_error_message=_("Đài đã có cụm loa cùng tên.")),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.name} — {self.station}"


class FrequencyBand(models.Model):
    """The FM band the frequency planning reserves for the radio stations of a level (the
    commune's wireless stations, the district's and province's stations), as data with its
    basis: a station of that level outside every band in force is out of the planning."""

    LEVELS = [
        (k.value, k.label) for k in (Unit.Kind.COMMUNE, Unit.Kind.DISTRICT, Unit.Kind.PROVINCE)
    ]

    code = models.SlugField(_("mã"), max_length=40, unique=True)
    name = models.CharField(_("tên"), max_length=200)
    level = models.CharField(_("cấp của đài"), max_length=10, choices=LEVELS)
    low_mhz = models.DecimalField(_("từ (MHz)"), max_digits=5, decimal_places=2)
    high_mhz = models.DecimalField(_("đến (MHz)"), max_digits=5, decimal_places=2)
    max_power_w = models.PositiveIntegerField(_("công suất tối đa (W)"), null=True, blank=True)
    legal_basis = models.CharField(_("căn cứ"), max_length=400)
    is_verified = models.BooleanField(
        _("đã đối chiếu văn bản gốc"), default=False,
        help_text=_("Bỏ chọn khi căn cứ lấy từ nguồn thứ cấp, chưa đối chiếu văn bản gốc."),
    )  # fmt: skip
    valid_from = models.DateField(_("áp dụng từ"), null=True, blank=True)
    valid_to = models.DateField(_("áp dụng đến"), null=True, blank=True)

    class Meta:
        ordering = ["level", "low_mhz"]
        verbose_name = _("băng tần quy hoạch cho đài truyền thanh")
        verbose_name_plural = _("băng tần quy hoạch cho đài truyền thanh")
        constraints = [
            models.CheckConstraint(condition=Q(high_mhz__gt=F("low_mhz")), name="radio_band_order",
                                   violation_error_message=_("«Đến» phải lớn hơn «Từ».")),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    @property
    def range_text(self) -> str:
        from tttt.core.formatting import format_number

        def mhz(v):  # 54 → "54", 87.5 → "87,5"
            return format_number(v, 0 if v == v.to_integral_value() else 1)

        text = f"{mhz(self.low_mhz)}–{mhz(self.high_mhz)} MHz"
        return text + (f", tối đa {self.max_power_w} W" if self.max_power_w else "")


class RadioOutput(models.Model):
    """What a station produced in a period (a month, a quarter…)."""

    station = models.ForeignKey(
        RadioStation, on_delete=models.CASCADE, related_name="outputs", verbose_name=_("đài")
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    news_programmes = models.PositiveIntegerField(_("chương trình thời sự phát thanh"), default=0)
    items_used = models.PositiveIntegerField(_("tin, bài sử dụng"), default=0)
    relays = models.PositiveIntegerField(_("chương trình tiếp âm trực tiếp"), default=0)
    tv_clips = models.PositiveIntegerField(_("clip truyền hình"), default=0)
    tv_features = models.PositiveIntegerField(_("chuyên mục truyền hình"), default=0)
    posted_online = models.PositiveIntegerField(_("chương trình đăng tải trên website"), default=0)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, editable=False,
        related_name="+",
    )  # fmt: skip

    FIGURES = (
        "news_programmes",
        "items_used",
        "relays",
        "tv_clips",
        "tv_features",
        "posted_online",
    )

    class Meta:
        ordering = ["station", "period_start"]
        verbose_name = _("nhật ký sản xuất chương trình")
        verbose_name_plural = _("nhật ký sản xuất chương trình")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")),
                name="radio_output_period_order",
                violation_error_message=_("«Đến ngày» không được trước «Từ ngày»."),
            ),
            models.UniqueConstraint(
                fields=["station", "period_start"], name="radio_output_one_per_start"
            ),
        ]
        indexes = [models.Index(fields=["period_start", "period_end"], name="radio_output_period")]

    def __str__(self):
        return f"{self.station} {self.period_start:%d/%m/%Y}–{self.period_end:%d/%m/%Y}"


# ---------------------------------------------------------------- digital certificates


class DigitalCertificate(UnitRecord):
    """A specialised digital certificate (chứng thư số chuyên dùng) held by an office or
    an official; `unit` is the office (or unit) that holds or manages it."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Chứng thư số cho cơ quan, tổ chức")
        PERSONAL = "personal", _("Chứng thư số cho cá nhân")
        DEVICE = "device", _("Chứng thư số cho thiết bị, dịch vụ, phần mềm")

    holder_name = models.CharField(_("người, cơ quan được cấp"), max_length=200)
    holder_position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    kind = models.CharField(_("loại"), max_length=14, choices=Kind.choices)
    serial = models.CharField(_("số hiệu (serial)"), max_length=64, unique=True)
    issuer = models.CharField(_("cơ quan cấp"), max_length=200, default="Ban Cơ yếu Chính phủ")
    issued_on = models.DateField(_("ngày cấp"))
    expires_on = models.DateField(_("ngày hết hạn"))
    received_on = models.DateField(
        _("ngày tiếp nhận"), null=True, blank=True,
        help_text=_("Ngày đơn vị nhận chứng thư (thiết bị lưu khóa); để trống nếu trùng ngày cấp."),
    )  # fmt: skip
    revoked_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)
    revoke_reason = models.CharField(_("lý do thu hồi"), max_length=300, blank=True)

    class Meta:
        ordering = ["expires_on", "holder_name"]
        verbose_name = _("chứng thư số")
        verbose_name_plural = _("chứng thư số")
        indexes = [
            models.Index(fields=["unit", "expires_on"], name="cert_unit_expires"),
            models.Index(fields=["kind"], name="cert_kind"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(expires_on__gt=F("issued_on")),
                name="cert_expires_after_issue",
                violation_error_message=_("Ngày hết hạn phải sau ngày cấp."),
            ),
            models.CheckConstraint(
                condition=Q(received_on__isnull=True) | Q(received_on__gte=F("issued_on")),
                name="cert_received_after_issue",
                violation_error_message=_("Ngày tiếp nhận không được trước ngày cấp."),
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True, revoke_reason="")
                | Q(revoked_on__gte=F("issued_on"), revoked_on__isnull=False)
                & ~Q(revoke_reason=""),
                name="cert_revocation",
                violation_error_message=_("Thu hồi cần ngày (không trước ngày cấp) và lý do."),
            ),
        ]

    def __str__(self):
        return f"{self.serial} — {self.holder_name}"

    @property
    def state_label(self) -> str:
        """ "Đã thu hồi", "Đã hết hạn" or "Còn hiệu lực", on today's date."""
        from django.utils import timezone

        if self.revoked_on is not None:
            return str(_("Đã thu hồi"))
        if self.expires_on < timezone.localdate():
            return str(_("Đã hết hạn"))
        return str(_("Còn hiệu lực"))

    def search_parts(self):
        return [self.serial, self.holder_name, self.holder_position]


# ---------------------------------------------------------------- official e-mail


class EmailAccounts(UnitRecord):
    """How many official e-mail accounts an office has, and how many are in use, on a day."""

    on = models.DateField(_("ngày thống kê"))
    accounts = models.PositiveIntegerField(_("số hộp thư được cấp"))
    active_accounts = models.PositiveIntegerField(_("số hộp thư đang sử dụng"))

    class Meta:
        ordering = ["-on", "unit__path"]
        verbose_name = _("thống kê hộp thư công vụ")
        verbose_name_plural = _("thống kê hộp thư công vụ")
        constraints = [
            models.UniqueConstraint(fields=["unit", "on"], name="email_accounts_one_per_day"),
            models.CheckConstraint(
                condition=Q(active_accounts__lte=F("accounts")),
                name="email_active_within_accounts",
                violation_error_message=_("Số hộp thư đang sử dụng không vượt số được cấp."),
            ),
        ]
        indexes = [models.Index(fields=["unit", "-on"], name="email_accounts_latest")]

    def __str__(self):
        return f"{self.unit} {self.on:%d/%m/%Y}"

    def search_parts(self):
        return []


class EmailSurvey(UnitRecord):
    """A survey of officials' use of official e-mail."""

    surveyed_on = models.DateField(_("ngày khảo sát"))
    respondents = models.PositiveIntegerField(_("số cán bộ, công chức được khảo sát"))
    proficient = models.PositiveIntegerField(_("số người sử dụng thành thạo"))
    regular = models.PositiveIntegerField(_("số người sử dụng thường xuyên trong công việc"))

    class Meta:
        ordering = ["-surveyed_on"]
        verbose_name = _("khảo sát sử dụng thư điện tử")
        verbose_name_plural = _("khảo sát sử dụng thư điện tử")
        constraints = [
            models.CheckConstraint(
                condition=Q(respondents__gt=0)
                & Q(proficient__lte=F("respondents"))
                & Q(regular__lte=F("respondents")),
                name="email_survey_parts_within_whole",
                violation_error_message=_(
                    "Số người thành thạo và số người dùng thường xuyên không vượt số người được "
                    "khảo sát (lớn hơn 0)."
                ),
            ),
        ]
        indexes = [models.Index(fields=["unit", "surveyed_on"], name="email_survey_unit_day")]

    def __str__(self):
        return f"{self.unit} {self.surveyed_on:%d/%m/%Y}"

    def search_parts(self):
        return []


AUDITED = [
    Operator, BtsStation, UndergroundingProject, UndergroundingExtension, UndergroundingProgress,
    PostalPoint, PostalPointStatus, RadioStation, RadioOutput, DigitalCertificate, EmailAccounts,
    EmailSurvey,
]  # fmt: skip
