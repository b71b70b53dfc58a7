"""Periodic reports up the hierarchy (DESIGN.md: reporting).

- `ManualIndicator`: a figure no app can compute (e.g. "Bưu điện hoàn thành % kế hoạch năm"),
  defined by an administrator with its validation rules; computed indicators are declared
  by the apps (`core.indicators`). Both make up the catalog (`reporting.catalog`).
- `ReportForm`: a set of indicators plus narrative sections, for a unit level and a period
  kind, with a due date rule (days after the period's end).
- `Report`: one form filled for one unit and one period. Computed figures are live until
  submission, then frozen in `ReportFigure.value`; manual figures are entered there.
  Draft → submitted → accepted, or returned for correction and submitted again.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import F, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel

from tttt.core.formatting import format_date
from tttt.core.indicators import Aggregation, Measure
from tttt.core.periods import Period, PeriodKind
from tttt.org.models import Unit

CODE = RegexValidator(
    r"^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$",
    _(
        "Mã gồm chữ thường không dấu, số, dấu gạch dưới, có dấu chấm phân nhóm (ví dụ: bc.buu_dien_ke_hoach)."
    ),
)
MEASURES = [
    (Measure.COUNT.value, _("số lượng")),
    (Measure.PERCENT.value, _("tỷ lệ %")),
    (Measure.VND.value, _("đồng")),
    (Measure.DAYS.value, _("ngày")),
    (Measure.HOURS.value, _("giờ")),
    (Measure.POINTS.value, _("điểm")),
]
AGGREGATIONS = [
    (Aggregation.SUM.value, _("cộng các đơn vị cấp dưới")),
    (Aggregation.LAST.value, _("số cuối kỳ, cộng các đơn vị cấp dưới")),
    (Aggregation.RATIO.value, _("tỷ lệ, không cộng được")),
    (Aggregation.RECOMPUTE.value, _("chỉ tính cho cả địa bàn, không cộng được")),
]
LEVELS = [
    (Unit.Kind.PROVINCE.value, _("cấp tỉnh")),
    (Unit.Kind.DISTRICT.value, _("cấp huyện (trước 01/7/2025)")),
    (Unit.Kind.COMMUNE.value, _("cấp xã")),
]
PERIOD_KINDS = [
    (PeriodKind.MONTH.value, _("tháng")),
    (PeriodKind.QUARTER.value, _("quý")),
    (PeriodKind.HALF.value, _("6 tháng đầu năm")),
    (PeriodKind.NINE_MONTHS.value, _("9 tháng đầu năm")),
    (PeriodKind.YEAR.value, _("năm")),
]
FIGURE = {"max_digits": 18, "decimal_places": 2}


class ManualIndicator(models.Model):
    code = models.CharField(_("mã"), max_length=60, unique=True, validators=[CODE])
    name = models.CharField(_("tên chỉ tiêu"), max_length=250)
    measure = models.CharField(_("đơn vị tính"), max_length=10, choices=MEASURES)
    aggregation = models.CharField(
        _("tổng hợp lên cấp trên"), max_length=10, choices=AGGREGATIONS, default=Aggregation.SUM
    )
    min_value = models.DecimalField(_("giá trị nhỏ nhất"), null=True, blank=True, **FIGURE)
    max_value = models.DecimalField(
        _("giá trị lớn nhất"),
        null=True,
        blank=True,
        help_text=_("Tỷ lệ % luôn trong khoảng 0–100, không cần ghi."),
        **FIGURE,
    )
    whole_code = models.CharField(
        _("không vượt quá chỉ tiêu"),
        max_length=60,
        blank=True,
        help_text=_(
            "Mã chỉ tiêu mà chỉ tiêu này là một phần (ví dụ số đúng hạn ≤ số đã giải quyết)."
        ),
    )
    description = models.TextField(_("hướng dẫn, cách tính"), blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("chỉ tiêu nhập tay")
        verbose_name_plural = _("chỉ tiêu nhập tay")
        constraints = [
            models.CheckConstraint(
                condition=Q(min_value__isnull=True)
                | Q(max_value__isnull=True)
                | Q(max_value__gte=F("min_value")),
                name="rep_manual_range",
            ),
        ]

    def __str__(self):
        return f"{self.code} — {self.name}"


class ReportForm(ClusterableModel):
    """A report template (mẫu báo cáo): which indicators and narrative sections, for which
    level and period kind, due how many days after the period ends."""

    code = models.SlugField(_("mã mẫu"), max_length=40, unique=True)
    name = models.CharField(_("tên báo cáo"), max_length=250)
    level = models.CharField(_("cấp đơn vị báo cáo"), max_length=10, choices=LEVELS)
    period_kind = models.CharField(_("kỳ báo cáo"), max_length=8, choices=PERIOD_KINDS)
    due_days = models.PositiveSmallIntegerField(
        _("hạn nộp (số ngày sau ngày cuối kỳ hoặc ngày chốt số liệu)"),
        default=15,
        help_text=_("15: quý I nộp trước hết ngày 15/4."),
    )

    class Window(models.TextChoices):
        CALENDAR = "calendar", _("Theo lịch: từ ngày đầu đến ngày cuối kỳ")
        DECREE_09 = (
            "decree09",
            _("Theo Nghị định 09/2019/NĐ-CP: từ ngày 15 tháng trước kỳ đến ngày 14 tháng cuối kỳ"),
        )

    data_window = models.CharField(
        _("thời gian chốt số liệu"), max_length=10, choices=Window.choices,
        default=Window.CALENDAR,
        help_text=_("Theo Nghị định 09: quý I tính từ 15/12 năm trước đến 14/3; năm từ 15/12 "
                    "năm trước đến 14/12; hạn nộp tính từ ngày chốt số liệu."),
    )  # fmt: skip
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("mẫu báo cáo")
        verbose_name_plural = _("mẫu báo cáo")
        constraints = [
            models.CheckConstraint(condition=Q(due_days__lte=366), name="rep_form_due_days"),
        ]

    def __str__(self):
        return self.name

    def window(self, period: Period) -> Period:
        """The days whose records this form's figures count for `period`."""
        if self.data_window == self.Window.DECREE_09:
            return period.decree09_window()
        return period

    def window_text(self, period: Period) -> str:
        """What the Word file and the report's page say of it: "Số liệu tính từ ngày
        15/12/2018 đến ngày 14/09/2019 (…)"."""
        window = self.window(period)
        text = _("Số liệu tính từ ngày %(start)s đến ngày %(end)s") % {
            "start": f"{window.start:%d/%m/%Y}", "end": f"{window.end:%d/%m/%Y}",
        }  # fmt: skip
        if self.data_window == self.Window.DECREE_09:
            text += " " + str(_("(thời gian chốt số liệu theo Điều 12 Nghị định 09/2019/NĐ-CP)"))
        return text + "."


class FormIndicator(models.Model):
    form = ParentalKey(ReportForm, on_delete=models.CASCADE, related_name="indicators")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    code = models.CharField(_("mã chỉ tiêu"), max_length=60)
    group = models.CharField(
        _("nhóm"), max_length=120, blank=True, help_text=_("Ví dụ: Bưu chính, viễn thông")
    )
    required = models.BooleanField(
        _("bắt buộc nhập"), default=True, help_text=_("Với chỉ tiêu nhập tay.")
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("chỉ tiêu của mẫu")
        verbose_name_plural = _("chỉ tiêu của mẫu")
        constraints = [
            models.UniqueConstraint(fields=["form", "code"], name="rep_form_indicator_once"),
        ]

    def __str__(self):
        return self.code


class FormSection(models.Model):
    form = ParentalKey(ReportForm, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    title = models.CharField(_("tiêu đề phần"), max_length=200)
    guidance = models.CharField(_("gợi ý"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("phần nội dung")
        verbose_name_plural = _("phần nội dung")

    def __str__(self):
        return self.title


class Report(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Đang soạn")
        SUBMITTED = "submitted", _("Đã nộp, chờ duyệt")
        RETURNED = "returned", _("Trả lại để sửa")
        ACCEPTED = "accepted", _("Đã tiếp nhận")

    EDITABLE = (Status.DRAFT, Status.RETURNED)
    FROZEN = (Status.SUBMITTED, Status.ACCEPTED)

    form = models.ForeignKey(
        ReportForm, on_delete=models.PROTECT, related_name="reports", verbose_name=_("mẫu")
    )
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="reports", verbose_name=_("đơn vị")
    )
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    period_kind = models.CharField(_("loại kỳ"), max_length=8, choices=PERIOD_KINDS)
    due_on = models.DateField(_("hạn nộp"))
    status = models.CharField(
        _("trạng thái"), max_length=10, choices=Status.choices, default=Status.DRAFT
    )
    number = models.CharField(
        _("số, ký hiệu"), max_length=60, blank=True, help_text=_("Ví dụ: 125/BC-UBND")
    )
    place = models.CharField(_("địa danh"), max_length=100, blank=True)
    signed_on = models.DateField(_("ngày ký"), null=True, blank=True)
    signer_title = models.CharField(_("chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("người ký"), max_length=120, blank=True)
    recipients = models.TextField(
        _("nơi nhận"), blank=True, help_text=_("Mỗi dòng một nơi nhận, ví dụ: Sở TT&TT;")
    )
    first_submitted_at = models.DateTimeField(_("nộp lần đầu"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("nộp lần cuối"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("ngày tiếp nhận"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-period_end", "unit__path"]
        verbose_name = _("báo cáo")
        verbose_name_plural = _("báo cáo")
        permissions = [("review_report", _("Tiếp nhận, trả lại báo cáo của đơn vị cấp dưới"))]
        constraints = [
            models.UniqueConstraint(
                fields=["form", "unit", "period_start", "period_end"], name="rep_report_once"
            ),
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="rep_report_period"
            ),
            models.CheckConstraint(
                condition=Q(status__in=["draft"])
                | Q(first_submitted_at__isnull=False, submitted_at__isnull=False),
                name="rep_report_submitted_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(status="accepted") | Q(accepted_at__isnull=False),
                name="rep_report_accepted_has_time",
            ),
        ]
        indexes = [
            models.Index(fields=["form", "period_end", "status"], name="rep_report_form_period"),
            models.Index(fields=["unit", "period_end"], name="rep_report_unit_period"),
            models.Index(fields=["status", "due_on"], name="rep_report_status_due"),
        ]

    def __str__(self):
        return f"{self.form.name} — {self.unit.name} — {self.period.label}"

    @property
    def period(self) -> Period:
        return Period(self.period_start, self.period_end, PeriodKind(self.period_kind))

    @property
    def window(self) -> Period:
        """The days its computed figures count (the period, or its Decree 09 window)."""
        return self.form.window(self.period)

    @property
    def window_text(self) -> str:
        return self.form.window_text(self.period)

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def is_frozen(self) -> bool:
        return self.status in self.FROZEN

    def submitted_on_time(self) -> bool | None:
        if self.first_submitted_at is None:
            return None
        return timezone.localtime(self.first_submitted_at).date() <= self.due_on


class ReportFigure(models.Model):
    """A manual figure as entered, or a computed figure as frozen at submission."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="figures")
    code = models.CharField(_("mã chỉ tiêu"), max_length=60)
    value = models.DecimalField(_("số liệu"), null=True, blank=True, **FIGURE)
    computed = models.BooleanField(_("tính từ hồ sơ"), default=False)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("số liệu báo cáo")
        verbose_name_plural = _("số liệu báo cáo")
        constraints = [
            models.UniqueConstraint(fields=["report", "code"], name="rep_figure_once"),
        ]

    def __str__(self):
        return f"{self.code} = {self.value}"


class ReportSection(models.Model):
    """A narrative section, its title copied from the form when the report was opened."""

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="sections")
    position = models.PositiveSmallIntegerField(default=0)
    title = models.CharField(_("tiêu đề"), max_length=200)
    guidance = models.CharField(_("gợi ý"), max_length=300, blank=True)
    text = models.TextField(_("nội dung"), blank=True)

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["report", "position"], name="rep_section_once"),
        ]

    def __str__(self):
        return self.title


class ReportEvent(models.Model):
    class Action(models.TextChoices):
        OPENED = "opened", _("Lập báo cáo")
        SAVED = "saved", _("Lưu")
        SUBMITTED = "submitted", _("Nộp lên cấp trên")
        RETURNED = "returned", _("Trả lại để sửa")
        ACCEPTED = "accepted", _("Tiếp nhận")

    report = models.ForeignKey(Report, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=10, choices=Action.choices)
    at = models.DateTimeField(default=timezone.now)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, related_name="+"
    )
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {format_date(self.at)}"


# ---------------------------------------------------------------- supervision visits


class SupervisionVisit(models.Model):
    """A supervision or inspection visit (đoàn giám sát, đoàn kiểm tra, đoàn công tác) to a
    unit: who, when, the period covered, findings; its recommendations become assigned
    tasks with their follow-up."""

    class Kind(models.TextChoices):
        SUPERVISION = "supervision", _("Giám sát của Hội đồng nhân dân")
        INSPECTION = "inspection", _("Kiểm tra của cơ quan cấp trên")
        WORKING = "working", _("Làm việc của đoàn công tác")

    unit = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        related_name="visits",
        verbose_name=_("đơn vị được giám sát"),
    )
    kind = models.CharField(_("loại đoàn"), max_length=12, choices=Kind.choices)
    body = models.CharField(
        _("cơ quan tổ chức đoàn"),
        max_length=200,
        help_text=_("Ví dụ: Thường trực HĐND thị xã Cửa Lò"),
    )
    decision = models.CharField(_("quyết định thành lập đoàn"), max_length=200, blank=True)
    leader = models.CharField(_("trưởng đoàn"), max_length=200)
    members = models.TextField(_("thành viên"), blank=True)
    subject = models.CharField(_("nội dung giám sát"), max_length=300)
    visited_on = models.DateField(_("ngày làm việc"))
    period_start = models.DateField(_("kỳ được giám sát từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    findings = models.TextField(_("kết quả, nhận xét"), blank=True)
    shortcomings = models.TextField(_("tồn tại, hạn chế"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(default=timezone.now, editable=False)

    class Meta:
        ordering = ["-visited_on", "pk"]
        verbose_name = _("đoàn giám sát, kiểm tra")
        verbose_name_plural = _("đoàn giám sát, kiểm tra")
        constraints = [
            models.CheckConstraint(
                condition=Q(period_end__gte=F("period_start")), name="rep_visit_period"
            ),
        ]
        indexes = [models.Index(fields=["unit", "visited_on"], name="rep_visit_unit_day")]

    def __str__(self):
        return f"{self.body} — {self.unit.name} — {self.visited_on:%d/%m/%Y}"


class Recommendation(models.Model):
    """A recommendation of a visit, followed up as an assigned task."""

    visit = models.ForeignKey(
        SupervisionVisit, on_delete=models.CASCADE, related_name="recommendations"
    )
    position = models.PositiveSmallIntegerField(default=0)
    text = models.TextField(_("kiến nghị"))
    task = models.OneToOneField(
        "assignments.Task", on_delete=models.PROTECT, related_name="recommendation"
    )

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("kiến nghị")
        verbose_name_plural = _("kiến nghị")

    def __str__(self):
        return self.text[:80]


# ---------------------------------------------------------------- emulation


class Cluster(ClusterableModel):
    """An emulation cluster (cụm thi đua) of units organised by the unit above."""

    organiser = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị tổ chức")
    )
    name = models.CharField(_("tên cụm"), max_length=150)
    excellent_from = models.DecimalField(
        _("điểm từ đó hoàn thành xuất sắc"), max_digits=6, decimal_places=2, default=90
    )
    good_from = models.DecimalField(
        _("điểm từ đó hoàn thành tốt"), max_digits=6, decimal_places=2, default=70
    )
    done_from = models.DecimalField(
        _("điểm từ đó hoàn thành"), max_digits=6, decimal_places=2, default=50
    )

    class Meta:
        ordering = ["organiser__path", "name"]
        verbose_name = _("cụm thi đua")
        verbose_name_plural = _("cụm thi đua")
        constraints = [
            models.UniqueConstraint(fields=["organiser", "name"], name="rep_cluster_name"),
            models.CheckConstraint(
                condition=Q(excellent_from__gte=F("good_from")) & Q(good_from__gte=F("done_from")),
                name="rep_cluster_thresholds",
            ),
        ]

    def __str__(self):
        return self.name


class ClusterMember(models.Model):
    cluster = ParentalKey(Cluster, on_delete=models.CASCADE, related_name="members")
    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )

    class Meta:
        ordering = ["unit__name"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "unit"], name="rep_cluster_member_once"),
        ]

    def __str__(self):
        return self.unit.name


class ClusterYear(models.Model):
    """Who leads the cluster in a year (cụm trưởng, cụm phó): the office rotates."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveSmallIntegerField(_("năm"))
    leader = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("cụm trưởng")
    )
    deputy = models.ForeignKey(
        Unit,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cụm phó"),
    )

    class Meta:
        ordering = ["-year"]
        constraints = [
            models.UniqueConstraint(fields=["cluster", "year"], name="rep_cluster_year_once"),
            models.CheckConstraint(
                condition=~Q(leader=F("deputy")), name="rep_cluster_leader_not_deputy"
            ),
        ]

    def __str__(self):
        return f"{self.cluster} {self.year}"


class Criterion(models.Model):
    """A scoring criterion: computed from an indicator (full points at `target`, in
    proportion below) or scored by hand up to its weight."""

    cluster = ParentalKey(Cluster, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = models.CharField(_("tiêu chí"), max_length=250)
    weight = models.DecimalField(_("điểm tối đa"), max_digits=6, decimal_places=2)
    indicator_code = models.CharField(
        _("chỉ tiêu tính điểm"), max_length=60, blank=True, help_text=_("Để trống: chấm tay.")
    )
    target = models.DecimalField(
        _("mức đạt điểm tối đa"), max_digits=18, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(condition=Q(weight__gt=0), name="rep_criterion_weight"),
            models.CheckConstraint(
                condition=Q(indicator_code="") | Q(target__isnull=False, target__gt=0),
                name="rep_criterion_target",
            ),
        ]

    def __str__(self):
        return self.name


class Score(models.Model):
    """A unit's points on one criterion in one year (computed or given by hand)."""

    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    value = models.DecimalField(_("giá trị chỉ tiêu"), null=True, blank=True, **FIGURE)
    points = models.DecimalField(_("điểm"), max_digits=6, decimal_places=2)
    note = models.CharField(_("ghi chú"), max_length=300, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["criterion", "year", "unit"], name="rep_score_once"),
            models.CheckConstraint(condition=Q(points__gte=0), name="rep_score_points"),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.points}"


class Distinction(models.Model):
    """The units a cluster's conference names "xuất sắc tiêu biểu" (among its excellent ones)."""

    cluster = models.ForeignKey(Cluster, on_delete=models.CASCADE, related_name="distinctions")
    year = models.PositiveSmallIntegerField(_("năm"))
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["cluster", "year", "unit"], name="rep_distinction_once"
            ),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}"


# ---------------------------------------------------------------- alerts


class AlertRule(models.Model):
    """A leader's threshold on one indicator for one unit's territory: when the figure of the
    period in progress (to date) or of the last quarter goes past it, an alert opens."""

    class Comparison(models.TextChoices):
        BELOW = "below", _("dưới")
        ABOVE = "above", _("trên")

    class Span(models.TextChoices):
        WEEK = "week", _("7 ngày qua, đến hôm nay")
        MONTH = "month", _("Tháng đang diễn ra, đến hôm nay")
        QUARTER = "quarter", _("Quý đang diễn ra, đến hôm nay")
        YEAR = "year", _("Năm đang diễn ra, đến hôm nay")
        LAST_QUARTER = "last_quarter", _("Quý vừa kết thúc")

    unit = models.ForeignKey(
        Unit, on_delete=models.PROTECT, related_name="+", verbose_name=_("đơn vị")
    )
    code = models.CharField(_("chỉ tiêu"), max_length=80)
    comparison = models.CharField(
        _("cảnh báo khi số liệu"), max_length=8, choices=Comparison.choices
    )
    threshold = models.DecimalField(_("ngưỡng"), **FIGURE)
    span = models.CharField(
        _("kỳ theo dõi"), max_length=16, choices=Span.choices, default=Span.QUARTER
    )
    recipients = models.CharField(
        _("gửi thư thêm đến"), max_length=500, blank=True,
        help_text=_("Các địa chỉ thư điện tử, cách nhau bằng dấu phẩy; thư luôn gửi đến người đặt ngưỡng."),
    )  # fmt: skip
    is_active = models.BooleanField(_("đang theo dõi"), default=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+",
        verbose_name=_("người đặt"),
    )  # fmt: skip
    created_at = models.DateTimeField(_("thời điểm đặt"), default=timezone.now)

    class Meta:
        ordering = ["unit__path", "code", "pk"]
        verbose_name = _("ngưỡng cảnh báo")
        verbose_name_plural = _("ngưỡng cảnh báo")
        indexes = [models.Index(fields=["is_active", "code"], name="rep_alertrule_active")]
        constraints = [
            models.CheckConstraint(condition=Q(comparison__in=["below", "above"]), name="rep_alertrule_comparison"),
            models.CheckConstraint(
                condition=Q(span__in=["week", "month", "quarter", "year", "last_quarter"]), name="rep_alertrule_span"
            ),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.unit}: {self.code} {self.get_comparison_display()} {self.threshold}"

    def breached(self, value) -> bool:
        if value is None:
            return False
        return (
            value < self.threshold
            if self.comparison == self.Comparison.BELOW
            else value > self.threshold
        )


class Alert(models.Model):
    """A rule's figure past its threshold, from when it was seen until it recovered; at most
    one open alert a rule (a database constraint)."""

    rule = models.ForeignKey(AlertRule, on_delete=models.CASCADE, related_name="alerts")
    opened_at = models.DateTimeField(_("phát hiện lúc"), default=timezone.now)
    closed_at = models.DateTimeField(_("trở lại bình thường lúc"), null=True, blank=True)
    value = models.DecimalField(_("số liệu"), null=True, blank=True, **FIGURE)
    period_start = models.DateField(_("từ ngày"))
    period_end = models.DateField(_("đến ngày"))
    checked_at = models.DateTimeField(_("kiểm tra lần cuối"), default=timezone.now)

    class Meta:
        ordering = ["-opened_at", "-pk"]
        verbose_name = _("cảnh báo")
        verbose_name_plural = _("cảnh báo")
        indexes = [models.Index(fields=["closed_at", "rule"], name="rep_alert_open")]
        constraints = [
            models.UniqueConstraint(fields=["rule"], condition=Q(closed_at__isnull=True), name="rep_alert_one_open"),
            models.CheckConstraint(condition=Q(period_start__lte=F("period_end")), name="rep_alert_period"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.rule} — {self.opened_at:%d/%m/%Y}"

    @property
    def period(self) -> Period:
        return Period.custom(self.period_start, self.period_end)


# ---------------------------------------------------------------- digital transformation index


class DtiSet(ClusterableModel):
    """A set of criteria of the digital transformation index (DTI, Chỉ số chuyển đổi số) for
    one level of unit and some years, kept as data by administrators with its legal basis."""

    name = models.CharField(_("tên bộ chỉ số"), max_length=200)
    level = models.CharField(
        _("cấp đơn vị được đánh giá"), max_length=10, choices=Unit.Kind.choices
    )
    legal_basis = models.CharField(_("căn cứ"), max_length=300)
    year_from = models.PositiveSmallIntegerField(_("áp dụng từ năm"))
    year_to = models.PositiveSmallIntegerField(_("áp dụng đến năm"), null=True, blank=True)
    is_active = models.BooleanField(_("đang dùng"), default=True)

    class Meta:
        ordering = ["level", "-year_from", "pk"]
        verbose_name = _("bộ chỉ số chuyển đổi số (DTI)")
        verbose_name_plural = _("bộ chỉ số chuyển đổi số (DTI)")
        constraints = [
            models.CheckConstraint(condition=Q(year_to__isnull=True) | Q(year_to__gte=F("year_from")),
                                   name="rep_dtiset_years"),
        ]  # fmt: skip

    def __str__(self):
        return self.name

    def covers(self, year: int) -> bool:
        return self.year_from <= year and (self.year_to is None or year <= self.year_to)


class DtiCriterion(models.Model):
    """One criterion of a DTI set: its points, the figure that earns them all (less earns
    its share), and where the figure comes from: an indicator computed from TTTT's records,
    or a value the unit enters. A unit merged in the 2025 reform gets the average or the sum
    of its former units' entered values."""

    class Combine(models.TextChoices):
        AVERAGE = "average", _("Trung bình các đơn vị cũ")
        SUM = "sum", _("Cộng các đơn vị cũ")

    dti_set = ParentalKey(DtiSet, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(_("thứ tự"), default=0)
    pillar = models.CharField(_("trụ cột"), max_length=100)
    code = models.CharField(_("mã"), max_length=40, validators=[RegexValidator(r"^[a-z0-9_.-]+$")])
    name = models.CharField(_("tiêu chí"), max_length=300)
    max_points = models.DecimalField(_("điểm tối đa"), max_digits=8, decimal_places=2)
    target = models.DecimalField(
        _("mức đạt điểm tối đa"), max_digits=18, decimal_places=2,
        help_text=_("Số liệu bằng hoặc vượt mức này được điểm tối đa, thấp hơn được điểm theo tỷ lệ "
                    "(100 với một tỷ lệ %; 1 với tiêu chí có/không)."),
    )  # fmt: skip
    indicator = models.CharField(
        _("tính từ chỉ tiêu"), max_length=80, blank=True,
        help_text=_("Mã chỉ tiêu tính từ hồ sơ, sổ sách (tttt indicators); để trống thì đơn vị tự nhập."),
    )  # fmt: skip
    combine = models.CharField(_("đơn vị đã hợp nhất lấy"), max_length=8, choices=Combine.choices,
                               default=Combine.AVERAGE)  # fmt: skip
    legal_basis = models.CharField(_("căn cứ"), max_length=300, blank=True)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("tiêu chí DTI")
        verbose_name_plural = _("tiêu chí DTI")
        constraints = [
            models.UniqueConstraint(fields=["dti_set", "code"], name="rep_dticriterion_code"),
            models.CheckConstraint(condition=Q(max_points__gt=0), name="rep_dticriterion_points"),
            models.CheckConstraint(condition=Q(target__gt=0), name="rep_dticriterion_target"),
            models.CheckConstraint(condition=Q(combine__in=["average", "sum"]), name="rep_dticriterion_combine"),
        ]  # fmt: skip

    def __str__(self):
        return f"{self.code} — {self.name}"

    @property
    def computed(self) -> bool:
        return bool(self.indicator)

    def points(self, value):
        """`max_points` × value / target, at most `max_points`, two decimals; None without a
        value."""
        from decimal import ROUND_HALF_UP, Decimal

        if value is None:
            return None
        ratio = min(max(Decimal(value), Decimal(0)) / self.target, Decimal(1))
        return (self.max_points * ratio).quantize(Decimal("0.01"), ROUND_HALF_UP)


class DtiValue(models.Model):
    """A unit's entered value of a criterion for a year."""

    criterion = models.ForeignKey(DtiCriterion, on_delete=models.CASCADE, related_name="values")
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField(_("năm"))
    value = models.DecimalField(_("số liệu"), **FIGURE)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")  # fmt: skip
    entered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        indexes = [models.Index(fields=["unit", "year"], name="rep_dtivalue_unit_year")]
        constraints = [
            models.UniqueConstraint(fields=["criterion", "unit", "year"], name="rep_dtivalue_once"),
            models.CheckConstraint(condition=Q(value__gte=0), name="rep_dtivalue_positive"),
        ]

    def __str__(self):
        return f"{self.unit} {self.year}: {self.value}"
