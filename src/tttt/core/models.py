from django.db import models
from django.utils.translation import gettext_lazy as _


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
