from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tttt.core.formatting import format_date


class CalendarDay(models.Model):
    """A locally announced exception to the national holiday calendar.

    Either an extra day off (e.g. a provincial holiday, Tết extension decided by the
    Prime Minister after the `holidays` package was released) or a make-up working day
    (a Saturday worked in exchange for a bridge day).
    """

    class Kind(models.TextChoices):
        DAY_OFF = "off", _("Ngày nghỉ")
        WORKING_DAY = "work", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=4, choices=Kind.choices)
    name = models.CharField(_("tên"), max_length=200)
    basis = models.CharField(
        _("căn cứ"),
        max_length=300,
        blank=True,
        help_text=_("Văn bản công bố, ví dụ: Thông báo 6150/TB-LĐTBXH"),
    )

    class Meta:
        ordering = ["date"]
        verbose_name = _("ngày nghỉ/làm bù")
        verbose_name_plural = _("lịch ngày nghỉ và làm bù")

    def __str__(self):
        return f"{self.date:%d/%m/%Y} — {self.name}"


class Sequence(models.Model):
    """A named counter (e.g. dossier numbers of one agency and day); see `core.sequences`."""

    key = models.CharField(_("khóa"), max_length=100, unique=True)
    value = models.PositiveBigIntegerField(_("giá trị"), default=0)

    class Meta:
        verbose_name = _("bộ đếm số thứ tự")
        verbose_name_plural = _("bộ đếm số thứ tự")

    def __str__(self):
        return f"{self.key} = {self.value}"


class RollupMark(models.Model):
    """The last day a rollup has closed (`core.rollups`): its cells are exact up to it."""

    name = models.CharField(_("rollup"), max_length=60, primary_key=True)
    last_day = models.DateField(_("ngày cuối đã tổng hợp"), null=True, blank=True)

    class Meta:
        verbose_name = _("mốc tổng hợp")
        verbose_name_plural = _("mốc tổng hợp")

    def __str__(self):
        return f"{self.name}: {self.last_day}"


class WorkerHeartbeat(models.Model):
    """A background worker that is alive: it writes `seen_at` every few seconds.

    A task still marked running whose worker has stopped beating was cut off (the process
    was killed, the machine rebooted); `core.worker` puts it back in the queue.
    """

    worker_id = models.CharField(_("mã tiến trình"), max_length=64, unique=True)
    host = models.CharField(_("máy"), max_length=255)
    pid = models.PositiveIntegerField(_("PID"))
    started_at = models.DateTimeField(_("bắt đầu"))
    seen_at = models.DateTimeField(_("lần cuối"), db_index=True)

    class Meta:
        verbose_name = _("tiến trình nền")
        verbose_name_plural = _("tiến trình nền")

    def __str__(self):
        return f"{self.worker_id} ({self.host}, PID {self.pid})"


class ScheduledRun(models.Model):
    """One run of a scheduled job for one time slot: the unique pair makes sure that
    several workers enqueue it once."""

    job = models.CharField(_("việc định kỳ"), max_length=64)
    slot = models.DateTimeField(_("thời điểm"))
    task_id = models.CharField(_("mã tác vụ"), max_length=64, blank=True)
    enqueued_at = models.DateTimeField(_("đưa vào hàng đợi"), auto_now_add=True)

    class Meta:
        verbose_name = _("lần chạy định kỳ")
        verbose_name_plural = _("các lần chạy định kỳ")
        constraints = [
            models.UniqueConstraint(fields=["job", "slot"], name="core_scheduledrun_once")
        ]
        indexes = [models.Index(fields=["job", "-slot"], name="core_scheduledrun_latest")]

    def __str__(self):
        return f"{self.job} @ {format_date(self.slot)}"


def _export_storage():
    from django.core.files.storage import storages

    return storages["private"]


class BackgroundFile(models.Model):
    """What a background export and import share: a title, the worker's error when it
    could not finish, when it started and finished. A subclass's `Status` has QUEUED and
    RUNNING."""

    title = models.CharField(_("tên"), max_length=300)
    error = models.TextField(_("lỗi"), blank=True)
    started_at = models.DateTimeField(_("bắt đầu"), null=True, blank=True)
    finished_at = models.DateTimeField(_("xong lúc"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return self.title

    @property
    def pending(self) -> bool:
        return self.status in (self.Status.QUEUED, self.Status.RUNNING)


class Export(BackgroundFile):
    """A download made in the background (core.exports): a list's spreadsheet, a report's
    Word file. The person sees its progress and downloads the file when it is ready; only
    they can."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang tạo")
        DONE = "done", _("Đã xong")
        FAILED = "failed", _("Không tạo được")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="exports",
        verbose_name=_("người yêu cầu"),
    )
    url = models.CharField(_("địa chỉ"), max_length=2000)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)  # fmt: skip
    done_rows = models.PositiveIntegerField(_("đã ghi"), default=0)
    total_rows = models.PositiveIntegerField(_("tổng số dòng"), null=True, blank=True)
    file = models.FileField(
        _("tệp"), storage=_export_storage, upload_to="exports/%Y/%m", blank=True
    )
    filename = models.CharField(_("tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("kiểu tệp"), max_length=150, blank=True)
    created_at = models.DateTimeField(_("yêu cầu lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tệp xuất")
        verbose_name_plural = _("tệp xuất")
        indexes = [models.Index(fields=["user", "-created_at"], name="core_export_user_latest")]

    @property
    def percent(self) -> int | None:
        if self.status == self.Status.DONE:
            return 100
        if not self.total_rows:
            return None
        return min(99, self.done_rows * 100 // self.total_rows)


class FileImport(BackgroundFile):
    """A long all-or-nothing import (core.imports) the worker runs: the file the person sent,
    then either every row in (`message`) or nothing and every problem (`problems`)."""

    class Status(models.TextChoices):
        QUEUED = "queued", _("Đang chờ")
        RUNNING = "running", _("Đang nhập")
        DONE = "done", _("Đã nhập")
        REJECTED = "rejected", _("Chưa nhập: tệp có lỗi")
        FAILED = "failed", _("Không nhập được")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="imports",
        verbose_name=_("người nhập"),
    )
    runner = models.CharField(_("chương trình nhập"), max_length=200)
    done_url = models.CharField(_("trang kết quả"), max_length=500, blank=True)
    form_url = models.CharField(_("trang nhập"), max_length=500, blank=True)
    file = models.FileField(_("tệp"), storage=_export_storage, upload_to="imports/%Y/%m")
    filename = models.CharField(_("tên tệp"), max_length=255)
    status = models.CharField(_("trạng thái"), max_length=8, choices=Status.choices,
                              default=Status.QUEUED)  # fmt: skip
    total_rows = models.PositiveIntegerField(_("số dòng"), default=0)
    message = models.TextField(_("kết quả"), blank=True)
    problems = models.JSONField(_("lỗi trong tệp"), default=list, blank=True)
    created_at = models.DateTimeField(_("gửi lúc"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("tệp nhập")
        verbose_name_plural = _("tệp nhập")
        indexes = [models.Index(fields=["user", "-created_at"], name="core_import_user_latest")]
