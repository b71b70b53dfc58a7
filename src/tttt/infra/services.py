"""Every change to the infrastructure registries: permission and scope checked, validated,
written in one transaction with its audit entry."""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.db.models import ProtectedError
from django.utils.translation import gettext as _

from tttt.core.errors import refuse
from tttt.org.models import Unit
from tttt.org.queries import main_predecessor, unit_of, user_can
from tttt.org.services import acting

from .errors import InfraError as E
from .models import (
    DigitalCertificate,
    PostalPoint,
    PostalPointStatus,
    RadioOutput,
    SpeakerCluster,
    UndergroundingExtension,
    UndergroundingProgress,
    UndergroundingProject,
)


def _require(user, perm: str, unit: Unit | None, message: str | None = None):
    if not user_can(user, perm, unit):
        raise PermissionDenied(message or _("Bạn không có quyền ghi sổ này ở đơn vị này."))


def _perm(record, action: str) -> str:
    return f"{record._meta.app_label}.{action}_{record._meta.model_name}"


def _save(record, exclude=()):
    record.full_clean(exclude=["search_name", *exclude])
    try:
        record.save()
    except IntegrityError as exc:  # a concurrent writer got there first
        raise refuse(
            E.DUPLICATE, _("Bản ghi trùng với bản ghi đã có; tải lại trang và kiểm tra.")
        ) from exc


def record_save(*, user, record, m2m: dict | None = None):
    """Create or change a registry record (BTS station, project, point, station, certificate,
    e-mail figures). The user needs the permission on the record's unit, and on its former
    unit when the record moves."""
    _require(user, _perm(record, "change" if record.pk else "add"), getattr(record, "unit", None))
    if record.pk:
        old_unit_id = (
            type(record).objects.filter(pk=record.pk).values_list("unit_id", flat=True).first()
        )
        if old_unit_id and old_unit_id != record.unit_id:
            _require(user, _perm(record, "change"), Unit.objects.get(pk=old_unit_id),
                     _("Bản ghi này thuộc đơn vị ngoài phạm vi của bạn."))  # fmt: skip
    is_new = record.pk is None
    if hasattr(record, "former_unit_id") and record.former_unit_id is None and record.unit_id:
        record.former_unit = main_predecessor(record.unit)  # so figures before 2025 count it
    with acting(user):
        if isinstance(record, UndergroundingProject):
            _project_fields(record, is_new)
        _save(record)
        for name, values in (m2m or {}).items():
            getattr(record, name).set(values)
        if is_new and isinstance(record, PostalPoint):
            PostalPointStatus.objects.create(
                point=record, status=PostalPoint.Status.OPERATING,
                since=record.opened_on or date.today(), created_by=user,
            )  # fmt: skip
    return record


def record_delete(*, user, record, unit_field: str = "unit") -> None:
    """Delete a registry record the user may delete at its unit (its history rows go with
    it); refused while another record still refers to it."""
    _require(user, _perm(record, "delete"), unit_of(record, unit_field))
    with acting(user), transaction.atomic():
        try:
            record.delete()
        except ProtectedError as exc:
            raise refuse(
                E.PROTECTED, _("Bản ghi này còn được bản ghi khác tham chiếu nên không xóa được.")
            ) from exc


def _project_fields(project: UndergroundingProject, is_new: bool):
    if is_new:
        project.deadline = project.original_deadline
    else:
        saved = UndergroundingProject.objects.filter(pk=project.pk).values(
            "original_deadline", "deadline"
        )[0]
        if saved["original_deadline"] != project.original_deadline:
            if saved["deadline"] != saved["original_deadline"]:
                raise refuse(
                    E.DEADLINE_EXTENDED,
                    _("Tuyến đã được gia hạn; không sửa thời hạn ban đầu."),
                    field="original_deadline",
                )
            project.deadline = project.original_deadline


def _history_row(row):
    if row.pk:
        raise refuse(E.HISTORY_IS_FIXED, _("Bản ghi lịch sử không sửa được; hãy ghi bản ghi mới."))


def project_extend(*, user, extension: UndergroundingExtension) -> UndergroundingExtension:
    """Record a decision extending a project's deadline; the project's deadline follows."""
    _history_row(extension)
    project = extension.project
    _require(user, "infra.add_undergroundingextension", project.unit)
    with acting(user):
        project = UndergroundingProject.objects.select_for_update().get(pk=project.pk)
        if project.status in (project.Status.COMPLETED, project.Status.CANCELLED):
            raise refuse(E.PROJECT_FINISHED, _("Tuyến đã hoàn thành hoặc đã dừng; không gia hạn."))
        extension.project = project
        extension.previous_deadline = project.deadline
        extension.created_by = user
        if extension.new_deadline and extension.new_deadline <= project.deadline:
            raise refuse(E.DEADLINE_NOT_LATER, _("Thời hạn mới phải sau thời hạn hiện tại ({day}).").format(
                    day=project.deadline.strftime("%d/%m/%Y")), field="new_deadline")  # fmt: skip
        _save(extension)
        project.deadline = extension.new_deadline
        project.save(update_fields=["deadline"])
    return extension


def project_progress(*, user, report: UndergroundingProgress) -> UndergroundingProgress:
    """A progress report; 100% completes the project on the report's day."""
    _history_row(report)
    _require(user, "infra.add_undergroundingprogress", report.project.unit)
    with acting(user):
        project = UndergroundingProject.objects.select_for_update().get(pk=report.project_id)
        if project.status in (project.Status.COMPLETED, project.Status.CANCELLED):
            raise refuse(E.PROJECT_FINISHED, _("Tuyến đã hoàn thành hoặc đã dừng."))
        latest = project.progress_reports.order_by("-on").first()
        if latest and report.on and report.on < latest.on:
            raise refuse(E.REPORT_BEFORE_LATEST, _("Đã có báo cáo ngày {day}; ghi ngày sau đó.").format(
                day=latest.on.strftime("%d/%m/%Y")), field="on")  # fmt: skip
        report.project = project
        report.created_by = user
        _save(report)
        project.progress_percent = report.percent
        if report.percent == 100:
            project.status, project.completed_on = project.Status.COMPLETED, report.on
        elif report.percent > 0:
            project.status = project.Status.IN_PROGRESS
        _save(project)
    return report


def postal_status(*, user, change: PostalPointStatus) -> PostalPointStatus:
    """A postal point is suspended, resumes or closes from a day on."""
    _history_row(change)
    _require(user, "infra.add_postalpointstatus", change.point.unit)
    with acting(user):
        point = PostalPoint.objects.select_for_update().get(pk=change.point_id)
        latest = point.history.order_by("-since").first()
        if latest and change.since and change.since <= latest.since:
            raise refuse(E.STATUS_BEFORE_LATEST, _("Trạng thái hiện tại có từ {day}; ghi ngày sau đó.").format(
                day=latest.since.strftime("%d/%m/%Y")), field="since")  # fmt: skip
        if latest and latest.status == change.status:
            raise refuse(E.STATUS_UNCHANGED, _("Điểm đang ở trạng thái này."), field="status")
        if latest and latest.status == PostalPoint.Status.CLOSED:
            raise refuse(E.POINT_CLOSED, _("Điểm đã giải thể."))
        change.point, change.created_by = point, user
        _save(change)
        point.status = change.status
        point.save(update_fields=["status"])
    return change


def output_save(*, user, output: RadioOutput) -> RadioOutput:
    """A station's output for a period; periods of one station do not overlap."""
    _require(user, _perm(output, "change" if output.pk else "add"), output.station.unit)
    with acting(user):
        overlapping = RadioOutput.objects.filter(
            station_id=output.station_id,
            period_start__lte=output.period_end,
            period_end__gte=output.period_start,
        ).exclude(pk=output.pk)
        if output.period_start and output.period_end and overlapping.exists():
            raise refuse(E.PERIOD_OVERLAPS, _("Kỳ này trùng với một kỳ đã ghi của đài."))
        if not output.pk:
            output.created_by = user
        _save(output)
    return output


def cluster_save(*, user, cluster: SpeakerCluster) -> SpeakerCluster:
    """A station's cluster of loudspeakers, or its status as reported (by its commune's
    staff, or by the provincial source system with a key)."""
    _require(user, _perm(cluster, "change" if cluster.pk else "add"), cluster.station.unit)
    with acting(user):
        _save(cluster)
    return cluster


def certificate_revoke(*, user, certificate: DigitalCertificate, on: date, reason: str):
    _require(user, "infra.change_digitalcertificate", certificate.unit)
    if certificate.revoked_on:
        raise refuse(E.REVOKED_ALREADY, _("Chứng thư đã bị thu hồi."))
    certificate.revoked_on, certificate.revoke_reason = on, reason.strip()
    with acting(user):
        _save(certificate)
    return certificate
